// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/LocalExecutor.h"

namespace Tandem::Runs {

LocalExecutor::LocalExecutor(JobQueue &queue, QObject *parent) : Executor(parent), m_queue(queue)
{
    connect(&queue, &JobQueue::jobAdded, this, &Executor::jobAdded);
    connect(&queue, &JobQueue::jobStarted, this, &Executor::jobStarted);
    connect(&queue, &JobQueue::jobProgress, this, &Executor::jobProgress);
    connect(&queue, &JobQueue::jobMetrics, this, &Executor::jobMetrics);
    connect(&queue, &JobQueue::jobFinished, this, &Executor::jobFinished);
}

QString LocalExecutor::name() const
{
    return QStringLiteral("local");
}

JobId LocalExecutor::submit(const JobRequest &request, JobQueue::Completion onFinished)
{
    return m_queue.submit(request.title, request.work, std::move(onFinished));
}

void LocalExecutor::cancel(JobId id)
{
    m_queue.cancel(id);
}

void LocalExecutor::cancelAll()
{
    m_queue.cancelAll();
}

JobInfo LocalExecutor::info(JobId id) const
{
    return m_queue.info(id);
}

int LocalExecutor::maxConcurrentJobs() const
{
    return m_queue.maxConcurrentJobs();
}

} // namespace Tandem::Runs
