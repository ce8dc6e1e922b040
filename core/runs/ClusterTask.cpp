// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ClusterTask.h"

#include "core/data/Dataset.h"
#include "core/runs/ClusterPlan.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunSpec.h"
#include "core/store/ArtifactFiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSysInfo>

#include <mutex>

namespace Tandem::Runs {
namespace {

/// The fits' per-step metrics, possibly reported from their own threads, in the
/// order reported.
class StepCollector
{
public:
    void add(int fold, const Learn::StepReport &report)
    {
        const std::lock_guard lock(m_mutex);
        m_points.append(Store::MetricPoint {report.metric, report.value, fold, qint64(report.step)});
    }

    QList<Store::MetricPoint> take()
    {
        const std::lock_guard lock(m_mutex);
        return std::exchange(m_points, {});
    }

private:
    std::mutex m_mutex;
    QList<Store::MetricPoint> m_points;
};

/// Evaluates the task's run and fills `task.result` and `task.artifacts`; the
/// outcome says how it ended.
void evaluateTask(TaskResult &task, const ClusterTask &planned, const QString &workspacePath, int threads,
    const Base::Progress &progress)
{
    const auto fail = [&task, &progress](const Base::Error &error) {
        const bool stopped = progress.stopRequested();
        task.result.outcome = stopped ? Store::RunStatus::Cancelled : Store::RunStatus::Failed;
        task.result.error = stopped ? QString() : error.toString();
    };
    const Base::Result<RunSpec> spec = RunSpec::fromJson(planned.spec);
    if (!spec.ok())
        return fail(spec.error());
    const auto loaded = spec.value().loadDataset(progress.subrange(0.0, 0.05));
    if (!loaded.ok())
        return fail(loaded.error());

    StepCollector steps;
    const auto evaluated = evaluateSpec(spec.value(), *loaded.value().dataset, threads, 0, -1,
        progress.subrange(0.05, 1.0), [&steps](int fold, const Learn::StepReport &report) { steps.add(fold, report); });
    // As executeRun keeps the steps of a run that fails part way.
    task.result.metrics = steps.take();
    if (!evaluated.ok())
        return fail(evaluated.error());

    const RunRecords records = runRecordsOf(evaluated.value());
    for (const auto &[name, bytes] : records.artifacts) {
        const auto written = Store::writeArtifactFile(workspacePath, planned.runId, name, bytes,
            QStringLiteral("cannot write the artifact '%1' of run %2").arg(name).arg(planned.runId));
        if (!written.ok())
            return fail(written.error());
        task.artifacts.append(TaskArtifact {name, bytes.size(),
            QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())});
    }
    task.result.params = records.params;
    task.result.metrics += records.foldMetrics;
    task.result.metrics += records.meanMetrics;
    task.result.outcome = Store::RunStatus::Done;
}

} // namespace

Base::Result<TaskResult> runClusterTask(
    const QString &planPath, int index, const QString &workspacePath, int threads, const Base::Progress &progress)
{
    const Base::Result<ClusterPlan> plan = ClusterPlan::load(planPath);
    if (!plan.ok())
        return plan.error();
    if (index < 0 || index >= plan.value().tasks.size())
        return Base::Error(QStringLiteral("task index %1 is not one of the plan's tasks (0..%2)")
                               .arg(index)
                               .arg(plan.value().tasks.size() - 1),
            planPath);
    const ClusterTask &planned = plan.value().tasks.at(index);

    TaskResult task;
    task.runId = planned.runId;
    task.taskIndex = index;
    task.result.host = QSysInfo::machineHostName();
    task.result.startedAt = QDateTime::currentDateTimeUtc();
    evaluateTask(task, planned, workspacePath, threads, progress);
    task.result.endedAt = QDateTime::currentDateTimeUtc();

    const QString resultPath = BatchFiles::ofPlan(planPath).resultPath(index);
    if (Base::Status saved = task.save(resultPath); !saved.ok())
        return saved.error();
    return task;
}

} // namespace Tandem::Runs
