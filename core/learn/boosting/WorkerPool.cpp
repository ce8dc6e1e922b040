// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/WorkerPool.h"

#include <chrono>
#include <system_error>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#endif

namespace Tandem::Learn::Boosting {
namespace {

/// How long a thread spins for the next job (helpers) or for the helpers to
/// finish (the caller) before it sleeps: longer than the serial gaps of tree
/// growth (a split search), short enough to cost nothing noticeable when idle.
constexpr auto spinTime = std::chrono::microseconds(200);

/// A hint that this thread spins (lets a sibling hyperthread run).
inline void pause()
{
#if defined(__x86_64__) || defined(_M_X64)
    _mm_pause();
#endif
}

/// Spins until done() or spinTime passed; returns done().
template<typename Done> bool spinUntil(const Done &done)
{
    const auto deadline = std::chrono::steady_clock::now() + spinTime;
    for (;;) {
        for (int i = 0; i < 256; ++i) {
            if (done())
                return true;
            pause();
        }
        if (std::chrono::steady_clock::now() > deadline)
            return done();
    }
}

} // namespace

WorkerPool::WorkerPool(int threads)
{
    for (int h = 1; h < threads; ++h) {
        try {
            m_helpers.emplace_back([this] { helperLoop(); });
        } catch (const std::system_error &) {
            break; // fewer threads than asked: the others share the blocks
        }
    }
}

WorkerPool::~WorkerPool()
{
    {
        const std::lock_guard lock(m_mutex);
        m_shutdown = true;
    }
    m_wake.notify_all();
    for (std::thread &helper : m_helpers)
        helper.join();
}

void WorkerPool::work(bool onCaller)
{
    try {
        for (Eigen::Index block = m_next++; block < m_count && !m_stopped.load(); block = m_next++) {
            // Only the calling thread asks the sink: sinks need not be thread-safe.
            if (onCaller && *m_stopRequested && (*m_stopRequested)()) {
                m_stopped = true;
                break;
            }
            (*m_task)(block);
        }
    } catch (...) {
        const std::lock_guard lock(m_mutex);
        if (!m_failure)
            m_failure = std::current_exception();
        m_stopped = true;
    }
}

void WorkerPool::helperLoop()
{
    quint64 seen = 0;
    for (;;) {
        spinUntil([&] { return m_generation.load() != seen; });
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_shutdown || m_generation != seen; });
            if (m_shutdown)
                return;
            seen = m_generation;
        }
        work(false);
        {
            const std::lock_guard lock(m_mutex);
            --m_busyHelpers;
        }
        m_finished.notify_one();
    }
}

bool WorkerPool::forEachBlock(Eigen::Index count, const std::function<void(Eigen::Index)> &task,
    const std::function<bool()> &stopRequested, bool parallel)
{
    m_task = &task;
    m_stopRequested = &stopRequested;
    m_count = count;
    m_next = 0;
    m_stopped = false;
    m_failure = nullptr;
    const bool helped = parallel && count > 1 && !m_helpers.empty();
    if (helped) {
        {
            const std::lock_guard lock(m_mutex);
            ++m_generation;
            m_busyHelpers = int(m_helpers.size());
        }
        m_wake.notify_all();
    }
    work(true);
    if (helped && !spinUntil([&] { return m_busyHelpers.load() == 0; })) {
        std::unique_lock lock(m_mutex);
        m_finished.wait(lock, [&] { return m_busyHelpers == 0; });
    }
    if (m_failure)
        std::rethrow_exception(m_failure);
    return !m_stopped.load();
}

} // namespace Tandem::Learn::Boosting
