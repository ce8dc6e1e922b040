// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <QtGlobal>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace Tandem::Learn::Boosting {

/// Optim::forEachBlock on threads started once per fit: boosting runs thousands
/// of short parallel steps (a partition, a histogram, a gather per split), and
/// starting a thread for each cost about 30 µs, 8% of a 1M-row fit. Between
/// jobs helpers spin a little before they sleep: a sleeping thread woken by a
/// condition variable was often run only once the caller slept too (on the
/// caller's CPU), which made the steps serial.
///
/// The same contract as Optim::forEachBlock: the calling thread takes part and
/// alone asks `stopRequested`; which thread runs a block never matters to the
/// results; an exception in a task stops the others and is rethrown here.
class WorkerPool
{
public:
    explicit WorkerPool(int threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    int threads() const { return int(m_helpers.size()) + 1; }

    /// task(block) for every block 0..count-1, on the calling thread only when
    /// `parallel` is false; false when stopped.
    bool forEachBlock(Eigen::Index count, const std::function<void(Eigen::Index)> &task,
        const std::function<bool()> &stopRequested = {}, bool parallel = true);

private:
    void helperLoop();
    /// Runs blocks of the current job until none is left.
    void work(bool onCaller);

    std::vector<std::thread> m_helpers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_finished;
    // Changed under m_mutex; read without it while spinning.
    std::atomic<quint64> m_generation {0}; ///< one more per job
    std::atomic<int> m_busyHelpers {0};
    bool m_shutdown = false;

    // The current job, read by helpers after they see a new generation.
    const std::function<void(Eigen::Index)> *m_task = nullptr;
    const std::function<bool()> *m_stopRequested = nullptr;
    Eigen::Index m_count = 0;
    std::atomic<Eigen::Index> m_next {0};
    std::atomic<bool> m_stopped {false};
    std::exception_ptr m_failure;
};

} // namespace Tandem::Learn::Boosting
