// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/runs/EtaEstimator.h"
#include "core/runs/JobContext.h"
#include "core/runs/JobMetric.h"
#include "core/runs/ThreadBudget.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace Tandem::Runs {

using JobId = quint64;

/// A job ends as exactly one of Done, Failed or Cancelled.
enum class JobState { Queued, Running, Done, Failed, Cancelled };

QString jobStateName(JobState state);

/// True for Done, Failed and Cancelled.
inline bool isFinished(JobState state)
{
    return state == JobState::Done || state == JobState::Failed || state == JobState::Cancelled;
}

/// What a job is doing now, as the Jobs dock shows it.
struct JobInfo {
    JobId id = 0;
    QString title;
    JobState state = JobState::Queued;
    double fraction = 0.0;
    QString stage;
    QString message; ///< the error text of a failed job
    int threads = 0; ///< its share of the machine's threads, once running
    double elapsedSeconds = 0.0; ///< at its last progress report
    double etaSeconds = -1.0; ///< time left (EtaEstimator); negative while unknown
};

/// The process's one queue of long work: loading, profiling, training, scoring.
///
/// Work runs on a thread pool the queue owns (not the global pool), at most
/// maxConcurrentJobs at once. It reports through a Base::Progress (or a
/// JobContext) and returns a Base::Status; the queue turns that into queued
/// signals on the thread that owns the queue. Cancelling sets the job's stop
/// flag; work that returns while the flag is set ends as Cancelled, never as
/// Failed. Destroying the queue cancels everything and joins the workers.
///
/// Threads: the queue shares out threadBudget() threads (the machine's, by
/// default). A job given a JobContext gets, when it starts, its share: the budget
/// over the jobs wanting to run (at most maxConcurrentJobs), and waits while every
/// thread is taken, so jobs × inner threads never exceed the budget. Work taking a
/// plain Progress is light (single-threaded) and never waits for threads.
class JobQueue : public QObject
{
    Q_OBJECT
public:
    /// Light work: one thread.
    using Work = std::function<Base::Status(const Base::Progress &)>;
    /// Work that may use JobContext::threads() threads.
    using ContextWork = std::function<Base::Status(const JobContext &)>;
    /// Called on the queue's thread once the job has ended, before jobFinished.
    using Completion = std::function<void(const JobInfo &)>;

    /// `maxConcurrentJobs` <= 0: as many as the machine has threads.
    explicit JobQueue(int maxConcurrentJobs = 0, QObject *parent = nullptr);
    ~JobQueue() override;

    JobId submit(const QString &title, Work work, Completion onFinished = {});
    JobId submit(const QString &title, ContextWork work, Completion onFinished = {});
    /// A no-op for a finished (or unknown) job.
    void cancel(JobId id);
    void cancelAll();
    /// Blocks until every job has ended (for shutdown and tests); false on timeout.
    bool waitForAll(int msecs = -1);

    int maxConcurrentJobs() const;
    void setMaxConcurrentJobs(int count);
    /// Threads shared out to jobs; QThread::idealThreadCount() unless set.
    int threadBudget() const;
    void setThreadBudget(int threads);
    /// Jobs queued or running.
    int activeCount() const;
    JobInfo info(JobId id) const;

Q_SIGNALS:
    void jobAdded(Tandem::Runs::JobId id, const QString &title);
    void jobStarted(Tandem::Runs::JobId id);
    /// `etaSeconds` as JobInfo::etaSeconds (negative while unknown).
    void jobProgress(Tandem::Runs::JobId id, double fraction, const QString &stage, double etaSeconds);
    /// Live metrics (JobContext::reportMetric), in order, batched: at most ~10 a second per job.
    void jobMetrics(Tandem::Runs::JobId id, const QList<Tandem::Runs::JobMetric> &metrics);
    void jobFinished(Tandem::Runs::JobId id, Tandem::Runs::JobState state, const QString &message);

private:
    struct Control;
    JobId submitJob(const QString &title, ContextWork work, Completion onFinished, bool light);
    void runJob(const std::shared_ptr<Control> &control, ContextWork work, bool light);
    void finish(JobId id, JobState state, const QString &message);
    void flushMetrics(const std::shared_ptr<Control> &control);

    QThreadPool m_pool;
    ThreadBudget m_budget;
    std::atomic<int> m_maxConcurrent {1};
    std::atomic<int> m_unfinished {0}; // submitted, not yet ended: jobs wanting threads
    QHash<JobId, JobInfo> m_jobs;
    QHash<JobId, std::shared_ptr<Control>> m_controls;
    QHash<JobId, Completion> m_completions;
    QHash<JobId, EtaEstimator> m_etas;
    JobId m_nextId = 1;
};

} // namespace Tandem::Runs

Q_DECLARE_METATYPE(Tandem::Runs::JobId)
Q_DECLARE_METATYPE(Tandem::Runs::JobState)
