// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/runs/JobMetric.h"

#include <functional>
#include <utility>

namespace Tandem::Runs {

/// What a running job gets from its executor: where to report progress and live
/// metrics, whether to stop, and how many threads it may use.
///
/// `threads()` is the job's share of the machine, counting the job's own thread:
/// inner parallelism (Learn::FitContext::threads, forEachBlock) should use that
/// many and no more, so that the queue's jobs together never oversubscribe the
/// cores. Inner parallelism must run on threads of its own (forEachBlock starts
/// std::threads), never wait on the job pool: that could deadlock.
class JobContext
{
public:
    using MetricSink = std::function<void(const JobMetric &)>;

    JobContext(const Base::Progress &progress, int threads, MetricSink metrics = {})
        : m_progress(progress), m_threads(threads < 1 ? 1 : threads), m_metrics(std::move(metrics))
    { }

    const Base::Progress &progress() const { return m_progress; }
    bool stopRequested() const { return m_progress.stopRequested(); }
    int threads() const { return m_threads; }
    /// Thread-safe; points reach the queue's thread in throttled batches (jobMetrics).
    void reportMetric(const JobMetric &metric) const
    {
        if (m_metrics)
            m_metrics(metric);
    }

private:
    Base::Progress m_progress;
    int m_threads = 1;
    MetricSink m_metrics;
};

} // namespace Tandem::Runs
