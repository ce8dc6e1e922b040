// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/optim/RowBlocks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace Tandem::Learn::Optim {

RowBlocks::RowBlocks(Eigen::Index rows, Eigen::Index workPerRow) : m_rows(std::max<Eigen::Index>(rows, 0))
{
    constexpr Eigen::Index workPerBlock = Eigen::Index(1) << 23;
    m_size = std::clamp<Eigen::Index>(workPerBlock / std::max<Eigen::Index>(workPerRow, 1), 16, 65536);
    m_count = (m_rows + m_size - 1) / m_size;
}

bool forEachBlock(int threads, Eigen::Index count, const std::function<void(Eigen::Index)> &task,
    const std::function<bool()> &stopRequested)
{
    // A stop asked before any work is honoured whoever would have taken the blocks
    // (helpers may otherwise take them all before the caller polls).
    if (stopRequested && stopRequested())
        return false;
    std::atomic<Eigen::Index> next {0};
    std::atomic<bool> stopped {false};
    std::exception_ptr failure;
    std::mutex mutex;
    auto work = [&](bool onCaller) {
        try {
            for (Eigen::Index block = next++; block < count && !stopped.load(); block = next++) {
                // Only the calling thread asks the sink: sinks need not be thread-safe.
                if (onCaller && stopRequested && stopRequested()) {
                    stopped = true;
                    break;
                }
                task(block);
            }
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure)
                failure = std::current_exception();
            stopped = true;
        }
    };
    const auto helpers = std::size_t(std::clamp<Eigen::Index>(count - 1, 0, std::max(threads, 1) - 1));
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (std::size_t h = 0; h < helpers; ++h) {
        try {
            pool.emplace_back(work, false);
        } catch (const std::system_error &) {
            break; // fewer threads than asked: the others share the blocks
        }
    }
    work(true);
    for (std::thread &thread : pool)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
    return !stopped.load();
}

} // namespace Tandem::Learn::Optim
