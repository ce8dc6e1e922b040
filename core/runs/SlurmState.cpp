// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SlurmState.h"

#include <QLocale>
#include <QStringList>

#include <limits>

namespace Tandem::Runs {
namespace {

QString slurmStateName(const QString &text)
{
    // sacct: "CANCELLED by 1000"; squeue: "CANCELLED".
    return text.trimmed().section(QLatin1Char(' '), 0, 0).toUpper();
}

QString reasonText(const QString &text)
{
    const QString reason = text.trimmed();
    return reason == QLatin1String("None") || reason == QLatin1String("(null)") ? QString() : reason;
}

bool parseWhole(const QString &text, qint64 &value)
{
    bool ok = false;
    value = QLocale::c().toLongLong(text.trimmed(), &ok);
    return ok && value >= 0;
}

Base::Error lineError(const QString &tool, qsizetype lineNumber, const QString &line, const QString &expected)
{
    return Base::Error(QStringLiteral("cannot read %1's output, line %2 '%3': expected %4")
                           .arg(tool)
                           .arg(lineNumber)
                           .arg(line, expected));
}

/// Appends one entry per index of `indices` (a single index or a range).
Base::Status appendTasks(QList<SlurmTaskState> &tasks, const SlurmTaskState &shape, const QString &indices)
{
    const Base::Result<QList<int>> parsed = parseArrayIndices(indices);
    if (!parsed.ok())
        return parsed.error();
    for (int index : parsed.value()) {
        SlurmTaskState task = shape;
        task.taskIndex = index;
        tasks.append(task);
    }
    return {};
}

} // namespace

SlurmPhase slurmPhase(const QString &state)
{
    const QString name = slurmStateName(state);
    static const QStringList pending {QStringLiteral("PENDING"), QStringLiteral("REQUEUED"),
        QStringLiteral("REQUEUE_FED"), QStringLiteral("REQUEUE_HOLD"), QStringLiteral("CONFIGURING"),
        QStringLiteral("RESIZING"), QStringLiteral("RESV_DEL_HOLD")};
    static const QStringList running {QStringLiteral("RUNNING"), QStringLiteral("COMPLETING"),
        QStringLiteral("SUSPENDED"), QStringLiteral("STOPPED"), QStringLiteral("SIGNALING"),
        QStringLiteral("STAGE_OUT")};
    static const QStringList failed {QStringLiteral("FAILED"), QStringLiteral("TIMEOUT"),
        QStringLiteral("OUT_OF_MEMORY"), QStringLiteral("NODE_FAIL"), QStringLiteral("BOOT_FAIL"),
        QStringLiteral("DEADLINE"), QStringLiteral("PREEMPTED"), QStringLiteral("SPECIAL_EXIT"),
        QStringLiteral("REVOKED")};
    if (pending.contains(name))
        return SlurmPhase::Pending;
    if (running.contains(name))
        return SlurmPhase::Running;
    if (name == QLatin1String("COMPLETED"))
        return SlurmPhase::Completed;
    if (failed.contains(name))
        return SlurmPhase::Failed;
    if (name == QLatin1String("CANCELLED"))
        return SlurmPhase::Cancelled;
    return SlurmPhase::Unknown;
}

bool isFinal(SlurmPhase phase)
{
    return phase == SlurmPhase::Completed || phase == SlurmPhase::Failed || phase == SlurmPhase::Cancelled;
}

QString SlurmTaskState::id() const
{
    return QStringLiteral("%1_%2").arg(arrayJobId).arg(taskIndex);
}

QString SlurmTaskState::describe() const
{
    QStringList why;
    if (!reason.isEmpty())
        why.append(reason);
    if (!exitCode.isEmpty() && exitCode != QLatin1String("0:0"))
        why.append(QStringLiteral("exit code ") + exitCode);
    return why.isEmpty() ? state : QStringLiteral("%1 (%2)").arg(state, why.join(QStringLiteral(", ")));
}

Base::Result<QList<int>> parseArrayIndices(const QString &text, int limit)
{
    QString body = text.trimmed();
    if (body.startsWith(QLatin1Char('[')) && body.endsWith(QLatin1Char(']')))
        body = body.mid(1, body.size() - 2);
    body = body.section(QLatin1Char('%'), 0, 0);
    const auto refuse
        = [&text]() { return Base::Error(QStringLiteral("'%1' is not a Slurm array range (0-5, 1,3,7-9)").arg(text)); };
    if (body.isEmpty())
        return refuse();
    QList<int> indices;
    for (const QString &part : body.split(QLatin1Char(','))) {
        qint64 first = 0;
        qint64 last = 0;
        const qsizetype dash = part.indexOf(QLatin1Char('-'));
        if (dash < 0) {
            if (!parseWhole(part, first))
                return refuse();
            last = first;
        } else if (!parseWhole(part.left(dash), first) || !parseWhole(part.mid(dash + 1), last) || last < first) {
            return refuse();
        }
        if (last > std::numeric_limits<int>::max() || indices.size() + (last - first + 1) > limit)
            return Base::Error(
                QStringLiteral("the Slurm array range '%1' has more than %2 tasks").arg(text).arg(limit));
        for (qint64 index = first; index <= last; ++index)
            indices.append(int(index));
    }
    return indices;
}

Base::Result<QList<SlurmTaskState>> parseSqueue(const QByteArray &output)
{
    QList<SlurmTaskState> tasks;
    const QStringList lines = QString::fromUtf8(output).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList fields = line.split(QLatin1Char('|'));
        const QString expected = QStringLiteral("ARRAY_JOB_ID|TASK_ID|STATE|REASON|NODES");
        if (fields.size() != 5)
            return lineError(QStringLiteral("squeue"), i + 1, line, expected);
        SlurmTaskState task;
        if (!parseWhole(fields.at(0), task.arrayJobId))
            return lineError(QStringLiteral("squeue"), i + 1, line, expected);
        if (fields.at(1).trimmed() == QLatin1String("N/A"))
            continue; // not an array job: not one of Tandem's
        task.state = slurmStateName(fields.at(2));
        task.reason = reasonText(fields.at(3));
        task.nodes = fields.at(4).trimmed();
        if (Base::Status added = appendTasks(tasks, task, fields.at(1)); !added.ok())
            return lineError(QStringLiteral("squeue"), i + 1, line, expected);
    }
    return tasks;
}

Base::Result<QList<SlurmTaskState>> parseSacct(const QByteArray &output)
{
    QList<SlurmTaskState> tasks;
    const QStringList lines = QString::fromUtf8(output).split(QLatin1Char('\n'));
    const QString expected = QStringLiteral("JOBID_TASK|STATE|EXITCODE|REASON|NODES");
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList fields = line.split(QLatin1Char('|'));
        if (fields.size() != 5)
            return lineError(QStringLiteral("sacct"), i + 1, line, expected);
        const QString jobId = fields.at(0).trimmed();
        if (jobId.contains(QLatin1Char('.')))
            continue; // a step of the task (batch, extern)
        const qsizetype underscore = jobId.indexOf(QLatin1Char('_'));
        if (underscore < 0)
            continue; // not an array job
        SlurmTaskState task;
        if (!parseWhole(jobId.left(underscore), task.arrayJobId))
            return lineError(QStringLiteral("sacct"), i + 1, line, expected);
        task.state = slurmStateName(fields.at(1));
        task.exitCode = fields.at(2).trimmed();
        task.reason = reasonText(fields.at(3));
        task.nodes = fields.at(4).trimmed();
        if (task.nodes == QLatin1String("None assigned"))
            task.nodes.clear();
        if (Base::Status added = appendTasks(tasks, task, jobId.mid(underscore + 1)); !added.ok())
            return lineError(QStringLiteral("sacct"), i + 1, line, expected);
    }
    return tasks;
}

Base::Result<qint64> parseSbatchJobId(const QByteArray &output)
{
    const QString text = QString::fromUtf8(output).trimmed();
    const QString first = text.section(QLatin1Char('\n'), -1).section(QLatin1Char(';'), 0, 0).trimmed();
    qint64 id = 0;
    if (!parseWhole(first, id) || id == 0)
        return Base::Error(
            QStringLiteral("cannot read the job id sbatch printed: '%1' (expected a number, as --parsable prints)")
                .arg(text));
    return id;
}

} // namespace Tandem::Runs
