// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/RunLauncher.h"

#include "core/runs/HalvingSweep.h"
#include "core/runs/LocalExecutor.h"
#include "core/runs/RunExecution.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QJsonObject>

#include <algorithm>

namespace Tandem::Runs {
namespace {

Store::RunStatus statusOfJob(JobState state)
{
    return state == JobState::Cancelled ? Store::RunStatus::Cancelled : Store::RunStatus::Failed;
}

/// After the job: a run the job did not finish (cancelled while queued, or work
/// that threw) is finished here, so none stays queued or running.
void settle(Store::ExperimentStore &store, const LaunchedRun &run, const JobInfo &job, const RunFinished &onFinished)
{
    auto details = store.run(run.runId);
    if (details.ok() && !Store::isFinal(details.value().run.status)) {
        const QString message
            = job.state == JobState::Done ? QStringLiteral("the job ended without finishing the run") : job.message;
        static_cast<void>(store.finishRun(run.runId, statusOfJob(job.state), message));
        details = store.run(run.runId);
    }
    if (!onFinished)
        return;
    LaunchedRun ended = run;
    ended.jobId = job.id;
    if (details.ok())
        onFinished(ended, details.value().run.status, details.value().run.error);
    else
        onFinished(ended, Store::RunStatus::Failed, details.error().toString());
}

} // namespace

Base::Result<Launch> launchRuns(const std::shared_ptr<const Store::Workspace> &workspace, Executor &executor,
    const RunSpec &spec, const std::shared_ptr<const Data::Dataset> &dataset, RunFinished onFinished)
{
    auto *local = qobject_cast<LocalExecutor *>(&executor);
    if (spec.sweep && spec.sweep->halving && !local)
        return Base::Error(
            QStringLiteral("successive halving runs on the local executor only, not on %1").arg(executor.name()));
    if (workspace->isReadOnly())
        return Base::Error(QStringLiteral("cannot run in a read-only workspace: %1").arg(workspace->readOnlyNotice()),
            workspace->path());
    auto planned = planRuns(spec, *dataset);
    if (!planned.ok())
        return planned.error();

    Store::ExperimentStore &store = workspace->store();
    Launch launch;
    if (const QString name = experimentName(spec); !name.isEmpty()) {
        auto experiment = store.ensureExperiment(name);
        if (!experiment.ok())
            return experiment.error();
        launch.experimentId = experiment.value();
    }

    // Every run is in the store before any starts: a sweep killed half way shows
    // its unstarted runs as interrupted rather than losing them.
    for (const PlannedRun &plan : planned.value()) {
        auto id = queueRun(store, plan, launch.experimentId, executor.name());
        if (!id.ok()) {
            for (const LaunchedRun &queued : std::as_const(launch.runs))
                static_cast<void>(store.finishRun(queued.runId, Store::RunStatus::Failed, id.error().toString()));
            return id.error();
        }
        launch.runs.append(LaunchedRun {id.value(), 0, plan});
    }

    if (spec.sweep && spec.sweep->halving) {
        if (Base::Status started
            = startHalving(workspace, local->queue(), spec, dataset, launch.runs, std::move(onFinished));
            !started.ok()) {
            for (const LaunchedRun &queued : std::as_const(launch.runs))
                static_cast<void>(store.finishRun(queued.runId, Store::RunStatus::Failed, started.error().toString()));
            return started.error();
        }
        return launch;
    }
    QList<BatchJob> jobs;
    jobs.reserve(launch.runs.size());
    for (const LaunchedRun &run : std::as_const(launch.runs)) {
        const qint64 runId = run.runId;
        const RunSpec runSpec = run.plan.spec;
        BatchJob job;
        job.request.title = QStringLiteral("Run %1: %2").arg(runId).arg(run.plan.name);
        job.request.work = [workspace, dataset, runId, runSpec](const JobContext &context) {
            auto connection = workspace->openStore();
            if (!connection.ok())
                return Base::Status(connection.error());
            return executeRun(*connection.value(), runId, runSpec, *dataset, context.threads(), context.progress(),
                liveStepsOf(context));
        };
        job.request.description
            = QJsonObject {{QStringLiteral("kind"), QStringLiteral("run")}, {QStringLiteral("runId"), runId},
                {QStringLiteral("workspace"), workspace->path()}, {QStringLiteral("spec"), runSpec.toJson()}};
        job.onFinished
            = [workspace, run, onFinished](const JobInfo &info) { settle(workspace->store(), run, info, onFinished); };
        jobs.append(std::move(job));
    }
    // One batch: a cluster executor submits a sweep as one job array.
    const QString title
        = launch.experimentId || launch.runs.isEmpty() ? experimentName(spec) : launch.runs.constFirst().plan.name;
    const QList<JobId> ids = executor.submitBatch(title, jobs);
    for (qsizetype i = 0; i < launch.runs.size() && i < ids.size(); ++i)
        launch.runs[i].jobId = ids.at(i);
    return launch;
}

Base::Result<Launch> launchRuns(const std::shared_ptr<const Store::Workspace> &workspace, JobQueue &queue,
    const RunSpec &spec, const std::shared_ptr<const Data::Dataset> &dataset, RunFinished onFinished)
{
    // The executor only relays to the queue, which keeps every job and its completion.
    LocalExecutor executor(queue);
    return launchRuns(workspace, executor, spec, dataset, std::move(onFinished));
}

} // namespace Tandem::Runs
