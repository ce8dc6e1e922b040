// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/JobQueue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <utility>

Q_LOGGING_CATEGORY(lcJobs, "tandem.jobs")

namespace Tandem::Runs {
namespace {

/// Live metrics reach the queue's thread at most this often per job: a fit
/// reporting every step must not flood the GUI thread's event queue.
constexpr int metricIntervalMs = 100;

} // namespace

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

/// Shared between the queue and the worker: the stop flag, the progress throttle
/// and the buffer of live metrics.
struct JobQueue::Control final : Base::ProgressSink {
    std::atomic<bool> stop {false};
    double lastReported = -1.0; // these three are touched by the worker thread only
    QString lastStage;
    QElapsedTimer elapsed;
    JobId id = 0;
    QPointer<JobQueue> queue;

    std::mutex metricsMutex; // metrics may come from a fit's own threads
    QList<JobMetric> pendingMetrics;
    bool flushScheduled = false;
    QElapsedTimer sinceFlush;

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
        const double seconds = elapsed.isValid() ? double(elapsed.nsecsElapsed()) / 1e9 : 0.0;
        QMetaObject::invokeMethod(
            queue.data(),
            [q = queue, jobId = id, fraction, stage, seconds] {
                if (!q || !q->m_jobs.contains(jobId))
                    return;
                JobInfo &job = q->m_jobs[jobId];
                if (job.state != JobState::Running)
                    return;
                job.fraction = fraction;
                if (!stage.isEmpty())
                    job.stage = stage;
                EtaEstimator &eta = q->m_etas[jobId];
                eta.update(fraction, seconds);
                job.elapsedSeconds = seconds;
                job.etaSeconds = eta.secondsLeft();
                Q_EMIT q->jobProgress(jobId, fraction, job.stage, job.etaSeconds);
            },
            Qt::QueuedConnection);
    }
    bool stopRequested() const override { return stop.load(std::memory_order_relaxed); }

    void addMetric(const std::shared_ptr<Control> &self, const JobMetric &metric)
    {
        int delay = 0;
        {
            const std::lock_guard lock(metricsMutex);
            pendingMetrics.append(metric);
            if (flushScheduled)
                return;
            flushScheduled = true;
            if (sinceFlush.isValid())
                delay = std::max(0, metricIntervalMs - int(sinceFlush.elapsed()));
        }
        QMetaObject::invokeMethod(
            queue.data(),
            [self, delay] {
                if (JobQueue *q = self->queue.data())
                    QTimer::singleShot(delay, q, [q, self] { q->flushMetrics(self); });
            },
            Qt::QueuedConnection);
    }
};

JobQueue::JobQueue(int maxConcurrentJobs, QObject *parent) : QObject(parent), m_budget(QThread::idealThreadCount())
{
    qRegisterMetaType<JobId>("Tandem::Runs::JobId");
    qRegisterMetaType<JobState>("Tandem::Runs::JobState");
    qRegisterMetaType<JobMetric>();
    qRegisterMetaType<QList<JobMetric>>();
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
    const int threads = count > 0 ? count : QThread::idealThreadCount();
    m_maxConcurrent = threads;
    m_pool.setMaxThreadCount(threads);
}

int JobQueue::threadBudget() const
{
    return m_budget.total();
}

void JobQueue::setThreadBudget(int threads)
{
    m_budget.setTotal(threads > 0 ? threads : QThread::idealThreadCount());
}

JobId JobQueue::submit(const QString &title, Work work, Completion onFinished)
{
    return submitJob(
        title, [work = std::move(work)](const JobContext &context) { return work(context.progress()); },
        std::move(onFinished), true);
}

JobId JobQueue::submit(const QString &title, ContextWork work, Completion onFinished)
{
    return submitJob(title, std::move(work), std::move(onFinished), false);
}

JobId JobQueue::submitJob(const QString &title, ContextWork work, Completion onFinished, bool light)
{
    const JobId id = m_nextId++;
    auto control = std::make_shared<Control>();
    control->id = id;
    control->queue = this;
    JobInfo info;
    info.id = id;
    info.title = title;
    m_jobs.insert(id, info);
    m_controls.insert(id, control);
    if (onFinished)
        m_completions.insert(id, std::move(onFinished));
    ++m_unfinished;
    Q_EMIT jobAdded(id, title);

    m_pool.start(
        [this, control, work = std::move(work), light]() mutable { runJob(control, std::exchange(work, {}), light); });
    return id;
}

void JobQueue::runJob(const std::shared_ptr<Control> &control, ContextWork work, bool light)
{
    const JobId id = control->id;
    const auto post = [this, id, &work](JobState state, const QString &message) {
        // What the work holds (a workspace) is let go here, before the queue's thread
        // hears the job ended, never on this thread after the queue's side is gone.
        work = nullptr;
        --m_unfinished;
        QMetaObject::invokeMethod(
            this, [this, id, state, message] { finish(id, state, message); }, Qt::QueuedConnection);
    };
    if (control->stopRequested())
        return post(JobState::Cancelled, {});

    // The share is fixed when the job starts (a fit keeps its thread count), so it
    // divides by the jobs that want to run, not only those running now.
    int threads = 1;
    if (light) {
        m_budget.acquireOne();
    } else {
        const int wanting = std::clamp(m_unfinished.load(), 1, std::max(1, m_maxConcurrent.load()));
        threads = m_budget.acquire(std::max(1, m_budget.total() / wanting), [&] { return control->stopRequested(); });
        if (threads == 0)
            return post(JobState::Cancelled, {});
    }
    control->elapsed.start();
    QMetaObject::invokeMethod(
        this,
        [this, id, threads] {
            if (m_jobs.contains(id) && m_jobs[id].state == JobState::Queued) {
                m_jobs[id].state = JobState::Running;
                m_jobs[id].threads = threads;
                Q_EMIT jobStarted(id);
            }
        },
        Qt::QueuedConnection);

    JobState state = JobState::Done;
    QString message;
    try {
        const JobContext context(Base::Progress(*control), threads,
            [control](const JobMetric &metric) { control->addMetric(control, metric); });
        const Base::Status status = work(context);
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
    m_budget.release(threads);
    // The last metrics arrive before jobFinished (queued calls keep their order).
    QMetaObject::invokeMethod(
        this, [this, control] { flushMetrics(control); }, Qt::QueuedConnection);
    post(state, message);
}

void JobQueue::flushMetrics(const std::shared_ptr<Control> &control)
{
    QList<JobMetric> metrics;
    {
        const std::lock_guard lock(control->metricsMutex);
        metrics.swap(control->pendingMetrics);
        control->flushScheduled = false;
        control->sinceFlush.start();
    }
    if (!metrics.isEmpty() && m_jobs.contains(control->id))
        Q_EMIT jobMetrics(control->id, metrics);
}

void JobQueue::finish(JobId id, JobState state, const QString &message)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end() || isFinished(it->state))
        return;
    it->state = state;
    it->message = message;
    if (state == JobState::Done) {
        it->fraction = 1.0;
        it->etaSeconds = 0.0;
    }
    m_controls.remove(id);
    m_etas.remove(id);
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
        count += isFinished(job.state) ? 0 : 1;
    return count;
}

JobInfo JobQueue::info(JobId id) const
{
    return m_jobs.value(id);
}

} // namespace Tandem::Runs
