// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>

namespace Tandem::Runs {

/// The machine's threads, shared out to running jobs so that jobs × inner threads
/// never exceed the cores. Thread-safe; used from the job pool's threads.
class ThreadBudget
{
public:
    explicit ThreadBudget(int total);

    int total() const;
    void setTotal(int total);
    int inUse() const;

    /// Takes min(wanted, free) threads, at least one, waiting while none are free
    /// (every thread is held by running jobs, which never wait on this budget, so
    /// the wait ends). Returns 0, taking nothing, once `stop` is true.
    int acquire(int wanted, const std::function<bool()> &stop);
    /// Takes one thread without waiting, even when none is free: for light jobs
    /// (loading, sorting) that must not queue behind a long fit holding every core.
    void acquireOne();
    void release(int count);

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
    int m_total = 1;
    int m_inUse = 0;
};

} // namespace Tandem::Runs
