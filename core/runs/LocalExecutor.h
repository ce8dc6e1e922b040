// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/Executor.h"

namespace Tandem::Runs {

/// Runs jobs on this machine through a JobQueue (the process's one queue, so its
/// thread budget covers every job). Job ids are the queue's, and the executor
/// relays the queue's signals for all of them.
class LocalExecutor final : public Executor
{
    Q_OBJECT
public:
    explicit LocalExecutor(JobQueue &queue, QObject *parent = nullptr);

    JobQueue &queue() const { return m_queue; }

    QString name() const override;
    JobId submit(const JobRequest &request, JobQueue::Completion onFinished = {}) override;
    void cancel(JobId id) override;
    void cancelAll() override;
    JobInfo info(JobId id) const override;
    int maxConcurrentJobs() const override;

private:
    JobQueue &m_queue;
};

} // namespace Tandem::Runs
