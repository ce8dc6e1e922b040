// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/ClusterPlan.h"
#include "core/runs/ClusterProfile.h"
#include "core/runs/Executor.h"
#include "core/runs/SlurmCommands.h"
#include "core/runs/SlurmState.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Runs {

/// A job of a SlurmExecutor as Slurm sees it, for a view of cluster jobs (the Jobs
/// dock): which array task it is, its Slurm state and why, where it runs, its log.
struct SlurmJobInfo {
    JobId id = 0;
    QString title;
    /// The run it carries out.
    qint64 runId = 0;
    /// Its batch: the folder `<workspace>/cluster/<batch>/`.
    QString batch;
    /// The job array's id; 0 until sbatch has answered.
    qint64 arrayJobId = 0;
    int taskIndex = -1;
    /// Slurm's state name ("PENDING", "RUNNING", "COMPLETED", "FAILED", ...);
    /// "SUBMITTING" until sbatch has answered.
    QString slurmState;
    /// Why it waits or failed ("Priority", "JobArrayTaskLimit", "NonZeroExitCode").
    QString reason;
    /// Where it runs or ran.
    QString nodes;
    /// The task's stdout and stderr, and the result file it writes when it ends.
    QString logPath;
    QString resultPath;
    /// Tandem's view: Queued until Slurm runs it, then Running, then Done, Failed or Cancelled.
    JobState state = JobState::Queued;
    /// A failed job's error text (Slurm's state and reason, and the log's path).
    QString message;
    bool cancelRequested = false;

    /// "12345_3", or empty until sbatch has answered.
    QString slurmId() const;
    /// What the Jobs dock shows as the stage: "Slurm 12345_3: PENDING (Priority)",
    /// "Slurm 12345_3: RUNNING on node7".
    QString stage() const;
};

/// Runs jobs on a Slurm cluster: each batch of runs (Executor::submitBatch: a
/// sweep) becomes one job array, `sbatch --array=0-N[%P]`, whose task i runs
/// `tandem-cli run <plan> --task-index i --workspace <workspace>` on a node. The
/// workspace must be on storage that the nodes share at the same path (as must the
/// data), and `tandem-cli` installed there (docs/CLUSTER.md).
///
/// Requests must carry their work as data (JobRequest::description, kind "run",
/// of this executor's workspace); others fail. The executor writes the batch's
/// plan and script under `<workspace>/cluster/<batch>/` and hands every command
/// (sbatch, squeue, sacct, scancel; through `ssh HOST` for a login node) to
/// QProcess as an argument list, asynchronously: nothing here blocks the thread.
///
/// It follows the tasks on a QTimer (ClusterProfile::pollIntervalSeconds) with
/// squeue, and with sacct for tasks the controller has forgotten. A task that
/// starts running marks its run running. A task that ends leaves its result file
/// (TaskResult), which the executor imports into the store in one transaction
/// (importTaskResult) before the job finishes: the run's outcome is the job's. A
/// task that ends without a result (killed at its time limit, out of memory, node
/// failure) fails with Slurm's state and reason and its log's path, once
/// ClusterProfile::resultWaitSeconds have shown no result file; a cancelled task
/// ends cancelled.
///
/// Signals: Executor's, with the Slurm state as each job's stage (jobProgress),
/// plus slurmJobChanged with the whole SlurmJobInfo whenever any of it changes, so
/// that a view can list cluster jobs with their array ids, states, nodes and logs.
/// No live metrics (jobMetrics): a task's steps arrive with its result.
///
/// The executor belongs to the workspace's thread (it uses Workspace::store()), and
/// needs an event loop there. Destroying it leaves the arrays running (cancelAll
/// first to stop them); their runs then show as interrupted when the workspace is
/// next opened.
class SlurmExecutor final : public Executor
{
    Q_OBJECT
public:
    /// How long one Slurm command may take before it is killed (a hung ssh).
    static constexpr int commandTimeoutMs = 120000;

    /// `profile` must validate (ClusterProfile::validate), else every job fails with its error.
    SlurmExecutor(ClusterProfile profile, std::shared_ptr<const Store::Workspace> workspace, QObject *parent = nullptr);
    ~SlurmExecutor() override;

    const ClusterProfile &profile() const { return m_profile; }

    QString name() const override;
    JobId submit(const JobRequest &request, JobQueue::Completion onFinished = {}) override;
    /// One job array of jobs.size() tasks, named slurmJobName(title).
    QList<JobId> submitBatch(const QString &title, const QList<BatchJob> &jobs) override;
    /// `scancel ARRAY_TASK`; the job ends cancelled once Slurm says so (or at once,
    /// before sbatch has answered).
    void cancel(JobId id) override;
    /// `scancel ARRAY` for every array with unfinished jobs.
    void cancelAll() override;
    JobInfo info(JobId id) const override;
    /// ClusterProfile::maxParallel (0: no limit of Tandem's).
    int maxConcurrentJobs() const override;

    SlurmJobInfo slurmJob(JobId id) const;
    /// Every job submitted, in submission order.
    QList<SlurmJobInfo> slurmJobs() const;
    /// Jobs not yet finished.
    int activeCount() const;

Q_SIGNALS:
    /// Any part of a job's SlurmJobInfo changed (submitted, state, reason, node, end).
    void slurmJobChanged(Tandem::Runs::JobId id, const Tandem::Runs::SlurmJobInfo &job);
    /// sbatch accepted a batch as job array `arrayJobId`.
    void batchSubmitted(const QString &batch, qint64 arrayJobId, int taskCount);
    /// A Slurm command failed in a way that is retried (squeue, sacct, scancel): for a
    /// status line. Failures that end jobs come as their jobFinished messages.
    void commandProblem(const QString &message);

private:
    struct Job {
        SlurmJobInfo slurm;
        JobInfo info;
        JobQueue::Completion onFinished;
        /// Runs from when the task was seen ended (or lost) without a usable result.
        QElapsedTimer waitingForResult;
        QString lastImportError;
    };
    struct Batch {
        QString name;
        BatchFiles files;
        qint64 arrayJobId = 0;
        QList<JobId> jobs;
    };
    struct CommandOutcome {
        bool succeeded = false;
        QByteArray output;
        /// stderr, or why the command did not run or finish.
        QString error;
    };
    using CommandDone = std::function<void(const CommandOutcome &)>;

    /// Validates the jobs and writes the batch's plan and script.
    Base::Result<ArraySubmission> prepareBatch(Batch &batch, const QString &title, const QList<BatchJob> &jobs);
    void submitted(const QString &batchName, const CommandOutcome &outcome);
    void runCommand(const Base::Result<SlurmCommand> &command, CommandDone done);
    void poll();
    void applyQueueState(const QList<SlurmTaskState> &states, const QList<qint64> &arrays);
    void applyAccountingState(const QList<JobId> &missing, const CommandOutcome &outcome);
    void applyState(Job &job, const SlurmTaskState &state);
    void taskEnded(Job &job, const SlurmTaskState &state);
    void taskLost(Job &job, const QString &why);
    /// Imports the job's result when its file is there; true when the job finished.
    bool tryImport(Job &job);
    void waitOrFail(Job &job, const QString &message);
    void finishJob(JobId id, JobState state, const QString &message);
    /// Emits slurmJobChanged and jobProgress with the job's new stage.
    void changed(Job &job);
    void cancelTasks(Batch &batch);
    void updatePolling();

    ClusterProfile m_profile;
    std::shared_ptr<const Store::Workspace> m_workspace;
    QHash<JobId, Job> m_jobs;
    QList<JobId> m_order;
    /// By name (which starts with the submission time).
    std::map<QString, Batch> m_batches;
    QTimer m_poll;
    bool m_pollInFlight = false;
    JobId m_nextId = 1;
};

} // namespace Tandem::Runs

Q_DECLARE_METATYPE(Tandem::Runs::SlurmJobInfo)
