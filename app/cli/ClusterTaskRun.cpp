// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ClusterTaskRun.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptSignal.h"
#include "app/cli/MetricFormat.h"
#include "app/cli/StderrProgress.h"
#include "core/runs/ClusterTask.h"
#include "core/runs/JobQueue.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QLocale>

#include <optional>

namespace Tandem::Cli {
namespace {

/// Progress to stderr, stop requests from the job queue (an interrupt cancels the job).
class TaskProgress final : public Base::ProgressSink
{
public:
    TaskProgress(StderrProgress &lines, const Base::Progress &job) : m_lines(lines), m_job(job) { }
    void report(double fraction, const QString &stage) override { m_lines.report(fraction, stage); }
    bool stopRequested() const override { return m_job.stopRequested(); }

private:
    StderrProgress &m_lines;
    const Base::Progress &m_job;
};

/// Slurm's CPUs for the task, else the machine's.
int taskThreads()
{
    bool ok = false;
    const int cpus = QLocale::c().toInt(QString::fromLocal8Bit(qgetenv("SLURM_CPUS_PER_TASK")), &ok);
    return ok && cpus > 0 ? cpus : 0;
}

} // namespace

int runClusterTask(const QString &planPath, int taskIndex, const QString &workspace, CliOutput &output)
{
    InterruptSignal interrupt;
    Runs::JobQueue queue(1);
    if (const int threads = taskThreads(); threads > 0)
        queue.setThreadBudget(threads);
    StderrProgress lines(output.err(), QStringLiteral("run"));
    const QString workspacePath = QFileInfo(workspace).absoluteFilePath();
    std::optional<Base::Result<Runs::TaskResult>> outcome;
    QEventLoop loop;
    const Runs::JobId job = queue.submit(
        QStringLiteral("task %1").arg(taskIndex),
        [&](const Runs::JobContext &context) {
            TaskProgress sink(lines, context.progress());
            outcome = Runs::runClusterTask(planPath, taskIndex, workspacePath, context.threads(), Base::Progress(sink));
            return Base::Status();
        },
        [&loop](const Runs::JobInfo &) { loop.quit(); });
    QObject::connect(&interrupt, &InterruptSignal::interrupted, &queue, [&] {
        output.err() << QStringLiteral("tandem-cli: interrupted: stopping the task\n");
        output.err().flush();
        queue.cancel(job);
    });
    if (!Runs::isFinished(queue.info(job).state))
        loop.exec();

    if (!outcome)
        return output.failure(Base::Error(
            QStringLiteral("task %1 did not run: %2").arg(taskIndex).arg(queue.info(job).message), planPath));
    if (!outcome->ok())
        return output.failure(outcome->error());
    const Runs::TaskResult &task = outcome->value();
    output.out() << QStringLiteral("run %1 %2 (task %3 on %4)\n")
                        .arg(task.runId)
                        .arg(Store::runStatusName(task.result.outcome))
                        .arg(task.taskIndex)
                        .arg(task.result.host);
    for (const Store::MetricPoint &point : task.result.metrics) {
        if (!point.fold && !point.step)
            output.out() << QStringLiteral("  %1 %2\n").arg(point.name, -20).arg(formatMetric(point.value));
    }
    switch (task.result.outcome) {
    case Store::RunStatus::Done: return ExitSuccess;
    case Store::RunStatus::Cancelled: return ExitInterrupted;
    default:
        return output.failure(Base::Error(QStringLiteral("run %1 failed: %2").arg(task.runId).arg(task.result.error)));
    }
}

} // namespace Tandem::Cli
