// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace Tandem::Runs {

using JobId = quint64;

/// A job ends as exactly one of Done, Failed or Cancelled.
enum class JobState { Queued, Running, Done, Failed, Cancelled };

QString jobStateName(JobState state);

/// What a job is doing now, as the Jobs dock shows it.
struct JobInfo {
    JobId id = 0;
    QString title;
    JobState state = JobState::Queued;
    double fraction = 0.0;
    QString stage;
    QString message; ///< the error text of a failed job
};

/// The process's one queue of long work: loading, profiling, training, scoring.
///
/// Work runs on a thread pool the queue owns (not the global pool). It reports
/// through a Base::Progress and returns a Base::Status; the queue turns that into
/// queued signals on the thread that owns the queue. Cancelling sets the job's
/// stop flag; work that returns while the flag is set ends as Cancelled, never as
/// Failed. Destroying the queue cancels everything and joins the workers.
class JobQueue : public QObject
{
    Q_OBJECT
public:
    using Work = std::function<Base::Status(const Base::Progress &)>;
    /// Called on the queue's thread once the job has ended, before jobFinished.
    using Completion = std::function<void(const JobInfo &)>;

    explicit JobQueue(int maxConcurrentJobs = 0, QObject *parent = nullptr);
    ~JobQueue() override;

    JobId submit(const QString &title, Work work, Completion onFinished = {});
    void cancel(JobId id);
    void cancelAll();
    /// Blocks until every job has ended (for shutdown and tests); false on timeout.
    bool waitForAll(int msecs = -1);

    int maxConcurrentJobs() const;
    void setMaxConcurrentJobs(int count);
    /// Jobs queued or running.
    int activeCount() const;
    JobInfo info(JobId id) const;

Q_SIGNALS:
    void jobAdded(Tandem::Runs::JobId id, const QString &title);
    void jobStarted(Tandem::Runs::JobId id);
    void jobProgress(Tandem::Runs::JobId id, double fraction, const QString &stage);
    void jobFinished(Tandem::Runs::JobId id, Tandem::Runs::JobState state, const QString &message);

private:
    struct Control;
    void finish(JobId id, JobState state, const QString &message);

    QThreadPool m_pool;
    QHash<JobId, JobInfo> m_jobs;
    QHash<JobId, std::shared_ptr<Control>> m_controls;
    QHash<JobId, Completion> m_completions;
    JobId m_nextId = 1;
};

} // namespace Tandem::Runs

Q_DECLARE_METATYPE(Tandem::Runs::JobId)
Q_DECLARE_METATYPE(Tandem::Runs::JobState)
