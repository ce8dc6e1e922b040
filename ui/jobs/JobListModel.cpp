// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/JobListModel.h"

#include "ui/jobs/EtaText.h"

namespace Tandem::Ui {

JobListModel::JobListModel(Runs::JobQueue *queue, QObject *parent) : QAbstractTableModel(parent), m_queue(queue)
{
    connect(queue, &Runs::JobQueue::jobAdded, this, [this](Runs::JobId id) {
        // A new batch starts when the previous one has ended.
        if (batchFinished() == batchSize())
            m_batch.clear();
        m_batch.append(id);
        beginInsertRows({}, 0, 0);
        m_rows.prepend(id);
        endInsertRows();
        Q_EMIT overallChanged();
    });
    connect(queue, &Runs::JobQueue::jobStarted, this, &JobListModel::refreshRow);
    connect(queue, &Runs::JobQueue::jobProgress, this, [this](Runs::JobId id) { refreshRow(id); });
    connect(queue, &Runs::JobQueue::jobFinished, this, [this](Runs::JobId id) { refreshRow(id); });
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Runs::JobInfo job = m_queue->info(m_rows.at(index.row()));
    if (role == CancellableRole)
        return !Runs::isFinished(job.state);
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
    case ProgressColumn: return job.fraction; // drawn as a bar by the dock's delegate
    case EtaColumn: return job.state == Runs::JobState::Running ? etaText(job.etaSeconds) : QString();
    case DetailColumn: return job.state == Runs::JobState::Failed ? job.message : job.stage;
    default: return {};
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn: return tr("Job");
    case StateColumn: return tr("State");
    case ProgressColumn: return tr("Progress");
    case EtaColumn: return tr("Time left");
    case DetailColumn: return tr("Details");
    case CancelColumn: return QString();
    default: return {};
    }
}

Runs::JobId JobListModel::jobAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : 0;
}

void JobListModel::clearFinished()
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!Runs::isFinished(m_queue->info(m_rows.at(row)).state))
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
    for (const Runs::JobId id : m_batch) {
        const Runs::JobInfo job = m_queue->info(id);
        sum += Runs::isFinished(job.state) ? 1.0 : job.fraction;
    }
    return sum / double(m_batch.size());
}

int JobListModel::batchFinished() const
{
    int count = 0;
    for (const Runs::JobId id : m_batch)
        count += Runs::isFinished(m_queue->info(id).state) ? 1 : 0;
    return count;
}

int JobListModel::activeCount() const
{
    int count = 0;
    for (const Runs::JobId id : m_rows)
        count += Runs::isFinished(m_queue->info(id).state) ? 0 : 1;
    return count;
}

int JobListModel::rowOf(Runs::JobId id) const
{
    return int(m_rows.indexOf(id));
}

void JobListModel::refreshRow(Runs::JobId id)
{
    const int row = rowOf(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (m_batch.contains(id))
        Q_EMIT overallChanged();
}

} // namespace Tandem::Ui
