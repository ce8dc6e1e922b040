// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/Executor.h"
#include "core/runs/JobQueue.h"
#include "core/runs/RunPlan.h"
#include "core/store/RunStatus.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Runs {

/// One run handed to the job queue.
struct LaunchedRun {
    qint64 runId = 0;
    /// The job of its first (or only) stage.
    JobId jobId = 0;
    PlannedRun plan;
};

/// What launchRuns started.
struct Launch {
    /// The experiment grouping the runs (experimentName); empty for a single run
    /// without one.
    std::optional<qint64> experimentId;
    /// In configuration order (run ids ascending).
    QList<LaunchedRun> runs;
    /// What the user should know about how the spec is run (a part not applied).
    QStringList notes;
};

/// Called on the queue's thread when a launched run has ended, with its final
/// status as stored and its error text.
using RunFinished = std::function<void(const LaunchedRun &run, Store::RunStatus status, const QString &error)>;

/// Runs `spec` in `workspace`: every run of planRuns is first recorded as queued
/// (in configuration order, in the experiment named by experimentName, with the
/// executor's name), then each is submitted to `executor` as one job that executes
/// it (executeRun) over its own store connection, with the thread share the executor
/// gives the job (JobContext::threads) and its per-step metrics forwarded live
/// (JobContext::reportMetric). As many run at once as the executor allows. A run's
/// results depend only on its spec and data, so they are the same whatever the
/// concurrency or thread count.
///
/// When a job ends, a run it left unfinished (cancelled before it started, or a job
/// that threw) is finished as cancelled or failed, so every run ends as exactly one
/// of done, failed or cancelled; then `onFinished` is called.
///
/// A sweep with `halving` runs its configurations by successive halving
/// (startHalving): a few folds each first, then more folds for the best only; for
/// now on a LocalExecutor only.
///
/// `dataset` is the spec's data, read and checked (RunSpec::loadDataset); the jobs
/// share it, read-only. `workspace` must belong to the executor's thread and be
/// writable. Errors (nothing is submitted): a read-only workspace, those of
/// planRuns and HalvingPlan::make, halving on another executor, and store errors
/// while queueing (runs queued before the error are finished as failed).
Base::Result<Launch> launchRuns(const std::shared_ptr<const Store::Workspace> &workspace, Executor &executor,
    const RunSpec &spec, const std::shared_ptr<const Data::Dataset> &dataset, RunFinished onFinished = {});

/// launchRuns on a LocalExecutor over `queue`.
Base::Result<Launch> launchRuns(const std::shared_ptr<const Store::Workspace> &workspace, JobQueue &queue,
    const RunSpec &spec, const std::shared_ptr<const Data::Dataset> &dataset, RunFinished onFinished = {});

} // namespace Tandem::Runs
