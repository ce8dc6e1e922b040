// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/JobListModel.h"

#include "core/runs/LocalExecutor.h"
#include "core/runs/SlurmExecutor.h"
#include "ui/jobs/EtaText.h"

namespace Tandem::Ui {
namespace {

/// A finished cluster job as Slurm would name its end: the result decides (a task
/// Slurm saw complete may still have failed its run), Slurm's own word for a task
/// that ended otherwise (TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, …) is kept.
QString finalSlurmState(const Runs::SlurmJobInfo &job)
{
    switch (job.state) {
    case Runs::JobState::Done: return QStringLiteral("COMPLETED");
    case Runs::JobState::Cancelled: return QStringLiteral("CANCELLED");
    case Runs::JobState::Failed: {
        static const QStringList notFailures {QStringLiteral("SUBMITTING"), QStringLiteral("PENDING"),
            QStringLiteral("RUNNING"), QStringLiteral("COMPLETING"), QStringLiteral("COMPLETED"),
            QStringLiteral("CONFIGURING")};
        return job.slurmState.isEmpty() || notFailures.contains(job.slurmState) ? QStringLiteral("FAILED")
                                                                                : job.slurmState;
    }
    default: return job.slurmState;
    }
}

} // namespace

JobListModel::JobListModel(Runs::JobQueue *queue, QObject *parent)
    : QAbstractTableModel(parent), m_local(new Runs::LocalExecutor(*queue, this))
{
    addExecutor(m_local);
}

void JobListModel::addExecutor(Runs::Executor *executor)
{
    if (m_executors.contains(executor))
        return;
    m_executors.append(executor);
    connect(executor, &Runs::Executor::jobAdded, this, [this, executor](Runs::JobId id) {
        // A new batch starts when the previous one has ended a while ago. Its end
        // counts once its last jobFinished has arrived here: follow-up work is often
        // queued from another slot on that same signal, before this model's runs.
        const bool idleLongEnough = m_sinceBatchEnded.isValid() && m_sinceBatchEnded.elapsed() >= m_batchGapMs;
        if (m_batch.isEmpty() || (batchFinished() == batchSize() && idleLongEnough))
            m_batch.clear();
        m_sinceBatchEnded.invalidate();
        m_batch.append(Job {executor, id});
        beginInsertRows({}, 0, 0);
        m_rows.prepend(Job {executor, id});
        endInsertRows();
        Q_EMIT overallChanged();
    });
    connect(executor, &Runs::Executor::jobStarted, this, [this, executor](Runs::JobId id) {
        refreshRow(Job {executor, id});
    });
    connect(executor, &Runs::Executor::jobProgress, this, [this, executor](Runs::JobId id) {
        refreshRow(Job {executor, id});
    });
    connect(executor, &Runs::Executor::jobFinished, this, [this, executor](Runs::JobId id) {
        if (m_batch.contains(Job {executor, id}) && batchFinished() == batchSize())
            m_sinceBatchEnded.start();
        refreshRow(Job {executor, id});
    });
    if (auto *slurm = qobject_cast<Runs::SlurmExecutor *>(executor))
        connect(slurm, &Runs::SlurmExecutor::slurmJobChanged, this, [this, executor](Runs::JobId id) {
            refreshRow(Job {executor, id});
        });
    connect(executor, &QObject::destroyed, this, &JobListModel::removeExecutor);
}

void JobListModel::removeExecutor(QObject *executor)
{
    m_executors.removeAll(static_cast<Runs::Executor *>(executor));
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows.at(row).executor != executor)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    m_batch.removeIf([executor](const Job &job) { return job.executor == executor; });
    Q_EMIT overallChanged();
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Runs::JobInfo JobListModel::infoOf(const Job &job) const
{
    return job.executor->info(job.id);
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &row = m_rows.at(index.row());
    const Runs::JobInfo job = infoOf(row);
    if (role == CancellableRole)
        return !Runs::isFinished(job.state);
    if (qobject_cast<const Runs::SlurmExecutor *>(row.executor)) {
        if (const QVariant value = slurmData(row, job, index.column(), role); value.isValid())
            return value;
    }
    if (role == Qt::ToolTipRole) {
        if (!job.message.isEmpty())
            return job.message;
        if (index.column() == CancelColumn && !Runs::isFinished(job.state))
            return tr("Cancel this job");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TitleColumn: return job.title;
    case StateColumn: return Runs::jobStateName(job.state);
    case WhereColumn: return tr("This machine");
    case ProgressColumn: return job.fraction; // drawn as a bar by the dock's delegate
    case EtaColumn: return job.state == Runs::JobState::Running ? etaText(job.etaSeconds) : QString();
    case DetailColumn: return job.state == Runs::JobState::Failed ? job.message : job.stage;
    default: return {};
    }
}

QVariant JobListModel::slurmData(const Job &row, const Runs::JobInfo &info, int column, int role) const
{
    const auto *executor = static_cast<const Runs::SlurmExecutor *>(row.executor);
    const Runs::SlurmJobInfo job = executor->slurmJob(row.id);
    const QString state = Runs::isFinished(info.state) ? finalSlurmState(job) : job.slurmState;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case StateColumn: return state;
        case WhereColumn:
            return job.slurmId().isEmpty() ? tr("Slurm %1").arg(executor->profile().name)
                                           : tr("Slurm %1 · %2").arg(executor->profile().name, job.slurmId());
        // Slurm gives no progress within a task: no bar (the dock's delegate draws numbers only).
        case ProgressColumn: return Runs::isFinished(info.state) ? QVariant() : QVariant(QString());
        case EtaColumn: return QString();
        case DetailColumn: {
            // The stage is the last state polled; a result can end the job before
            // Slurm is seen to finish the task.
            const QString where = job.nodes.isEmpty() ? QString() : tr(" on %1").arg(job.nodes);
            if (info.state == Runs::JobState::Done)
                return tr("Slurm %1: COMPLETED%2, result imported").arg(job.slurmId(), where);
            if (info.state == Runs::JobState::Cancelled && info.message.isEmpty())
                return tr("Slurm %1: CANCELLED").arg(job.slurmId());
            return {};
        }
        default: return {};
        }
    }
    if (role != Qt::ToolTipRole || (column == CancelColumn && !Runs::isFinished(info.state)))
        return {};
    QStringList lines;
    lines << (job.slurmId().isEmpty()
            ? tr("Being submitted to Slurm cluster %1").arg(executor->profile().name)
            : tr("Slurm array task %1 on cluster %2").arg(job.slurmId(), executor->profile().name));
    QString slurmState = tr("Slurm state: %1").arg(state);
    if (!job.reason.isEmpty() && job.reason != QLatin1String("None"))
        slurmState += tr(" (reason: %1)").arg(job.reason);
    if (!job.nodes.isEmpty())
        slurmState += tr(" on %1").arg(job.nodes);
    lines << slurmState;
    if (job.cancelRequested && !Runs::isFinished(info.state))
        lines << tr("Cancel requested (scancel)");
    if (!info.message.isEmpty())
        lines << info.message;
    lines << tr("Log: %1").arg(job.logPath);
    return lines.join(QLatin1Char('\n'));
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn: return tr("Job");
    case StateColumn: return tr("State");
    case WhereColumn: return tr("Runs on");
    case ProgressColumn: return tr("Progress");
    case EtaColumn: return tr("Time left");
    case DetailColumn: return tr("Details");
    case CancelColumn: return QString();
    default: return {};
    }
}

Runs::JobId JobListModel::jobAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

Runs::Executor *JobListModel::executorAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).executor : nullptr;
}

Runs::JobInfo JobListModel::infoAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? infoOf(m_rows.at(row)) : Runs::JobInfo();
}

void JobListModel::cancelAt(int row)
{
    if (row >= 0 && row < m_rows.size())
        m_rows.at(row).executor->cancel(m_rows.at(row).id);
}

void JobListModel::cancelAll()
{
    for (Runs::Executor *executor : std::as_const(m_executors))
        executor->cancelAll();
}

void JobListModel::clearFinished()
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!Runs::isFinished(infoOf(m_rows.at(row)).state))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

double JobListModel::overallFraction() const
{
    if (m_batch.isEmpty())
        return 0.0;
    double sum = 0.0;
    for (const Job &id : m_batch) {
        const Runs::JobInfo job = infoOf(id);
        sum += Runs::isFinished(job.state) ? 1.0 : job.fraction;
    }
    return sum / double(m_batch.size());
}

int JobListModel::batchFinished() const
{
    int count = 0;
    for (const Job &job : m_batch)
        count += Runs::isFinished(infoOf(job).state) ? 1 : 0;
    return count;
}

int JobListModel::activeCount() const
{
    int count = 0;
    for (const Job &job : m_rows)
        count += Runs::isFinished(infoOf(job).state) ? 0 : 1;
    return count;
}

int JobListModel::rowOf(const Job &job) const
{
    return int(m_rows.indexOf(job));
}

void JobListModel::refreshRow(const Job &job)
{
    const int row = rowOf(job);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (m_batch.contains(job))
        Q_EMIT overallChanged();
}

} // namespace Tandem::Ui
