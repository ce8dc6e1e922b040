// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/JobQueue.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <cmath>
#include <exception>

Q_LOGGING_CATEGORY(lcJobs, "tandem.jobs")

namespace Tandem::Runs {

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Queued: return QStringLiteral("Queued");
    case JobState::Running: return QStringLiteral("Running");
    case JobState::Done: return QStringLiteral("Done");
    case JobState::Failed: return QStringLiteral("Failed");
    case JobState::Cancelled: return QStringLiteral("Cancelled");
    }
    return {};
}

/// Shared between the queue and the worker: the stop flag and the throttle.
struct JobQueue::Control final : Base::ProgressSink {
    std::atomic<bool> stop {false};
    double lastReported = -1.0; // these two are touched by the worker thread only
    QString lastStage;
    JobId id = 0;
    QPointer<JobQueue> queue;

    void report(double fraction, const QString &stage) override
    {
        // Only report moves of 0.1% or more (or a new stage): a tight loop must
        // not flood the GUI thread's event queue.
        const bool newStage = !stage.isEmpty() && stage != lastStage;
        if (std::abs(fraction - lastReported) < 0.001 && fraction < 1.0 && !newStage)
            return;
        lastReported = fraction;
        if (newStage)
            lastStage = stage;
        QMetaObject::invokeMethod(
            queue.data(),
            [q = queue, jobId = id, fraction, stage] {
                if (!q || !q->m_jobs.contains(jobId))
                    return;
                JobInfo &job = q->m_jobs[jobId];
                if (job.state != JobState::Running)
                    return;
                job.fraction = fraction;
                if (!stage.isEmpty())
                    job.stage = stage;
                Q_EMIT q->jobProgress(jobId, fraction, job.stage);
            },
            Qt::QueuedConnection);
    }
    bool stopRequested() const override { return stop.load(std::memory_order_relaxed); }
};

JobQueue::JobQueue(int maxConcurrentJobs, QObject *parent) : QObject(parent)
{
    qRegisterMetaType<JobId>("Tandem::Runs::JobId");
    qRegisterMetaType<JobState>("Tandem::Runs::JobState");
    setMaxConcurrentJobs(maxConcurrentJobs);
    m_pool.setObjectName(QStringLiteral("TandemJobs"));
}

JobQueue::~JobQueue()
{
    cancelAll();
    m_pool.waitForDone();
}

int JobQueue::maxConcurrentJobs() const
{
    return m_pool.maxThreadCount();
}

void JobQueue::setMaxConcurrentJobs(int count)
{
    m_pool.setMaxThreadCount(count > 0 ? count : QThread::idealThreadCount());
}

JobId JobQueue::submit(const QString &title, Work work, Completion onFinished)
{
    const JobId id = m_nextId++;
    auto control = std::make_shared<Control>();
    control->id = id;
    control->queue = this;
    m_jobs.insert(id, JobInfo {id, title, JobState::Queued, 0.0, QString(), QString()});
    m_controls.insert(id, control);
    if (onFinished)
        m_completions.insert(id, std::move(onFinished));
    Q_EMIT jobAdded(id, title);

    m_pool.start([this, id, control, work = std::move(work)] {
        QPointer<JobQueue> queue = control->queue;
        if (control->stopRequested()) {
            QMetaObject::invokeMethod(
                queue.data(), [this, id] { finish(id, JobState::Cancelled, {}); }, Qt::QueuedConnection);
            return;
        }
        QMetaObject::invokeMethod(
            queue.data(),
            [this, id] {
                if (m_jobs.contains(id) && m_jobs[id].state == JobState::Queued) {
                    m_jobs[id].state = JobState::Running;
                    Q_EMIT jobStarted(id);
                }
            },
            Qt::QueuedConnection);

        JobState state = JobState::Done;
        QString message;
        try {
            const Base::Status status = work(Base::Progress(*control));
            if (control->stopRequested())
                state = JobState::Cancelled;
            else if (!status.ok()) {
                state = JobState::Failed;
                message = status.error().toString();
            }
        } catch (const std::exception &e) {
            // Third-party code may throw; a job turns that into a failed result.
            state = JobState::Failed;
            message = QString::fromLocal8Bit(e.what());
        } catch (...) {
            state = JobState::Failed;
            message = QStringLiteral("Unknown error");
        }
        QMetaObject::invokeMethod(
            queue.data(), [this, id, state, message] { finish(id, state, message); }, Qt::QueuedConnection);
    });
    return id;
}

void JobQueue::finish(JobId id, JobState state, const QString &message)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    it->state = state;
    it->message = message;
    if (state == JobState::Done)
        it->fraction = 1.0;
    m_controls.remove(id);
    const JobInfo finished = *it;
    if (state == JobState::Failed)
        qCWarning(lcJobs) << "Job" << finished.title << "failed:" << message;
    if (Completion completion = m_completions.take(id))
        completion(finished);
    Q_EMIT jobFinished(id, state, message);
}

void JobQueue::cancel(JobId id)
{
    if (auto control = m_controls.value(id))
        control->stop.store(true);
}

void JobQueue::cancelAll()
{
    for (const auto &control : std::as_const(m_controls))
        control->stop.store(true);
}

bool JobQueue::waitForAll(int msecs)
{
    const bool done = m_pool.waitForDone(msecs);
    // Deliver the queued finish notifications the workers posted.
    QCoreApplication::sendPostedEvents(this);
    return done;
}

int JobQueue::activeCount() const
{
    int count = 0;
    for (const JobInfo &job : m_jobs)
        count += (job.state == JobState::Queued || job.state == JobState::Running) ? 1 : 0;
    return count;
}

JobInfo JobQueue::info(JobId id) const
{
    return m_jobs.value(id);
}

} // namespace Tandem::Runs
