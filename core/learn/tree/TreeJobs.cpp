// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/tree/TreeJobs.h"

#include "core/learn/FitContext.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <vector>

namespace Tandem::Learn {

Base::Status runTreeJobs(
    int count, int threads, const Base::Progress &progress, const TreeJob &job, std::vector<bool> &done)
{
    done.assign(size_t(count), false);
    std::atomic<int> next {0};
    std::atomic<int> completed {0};
    std::atomic<bool> stop {false};
    std::atomic<bool> outOfMemory {false};
    std::mutex mutex;
    std::condition_variable changed;
    int helpersRunning = 0;
    std::vector<char> doneFlags(size_t(count), 0); // written by one thread each, read after join

    const auto work = [&](int worker, const std::function<bool(double)> &keepGoing) {
        try {
            for (int index = next++; index < count && !stop.load(); index = next++) {
                if (!job(index, worker, keepGoing)) {
                    stop = true;
                    break;
                }
                doneFlags[size_t(index)] = 1;
                ++completed;
                changed.notify_all();
            }
        } catch (const std::bad_alloc &) {
            outOfMemory = true;
            stop = true;
        }
    };

    double reported = -1.0;
    const auto report = [&](double ownFraction) {
        const double fraction = (double(completed.load()) + ownFraction) / double(count);
        // Per finished job, and within a job by 1 % steps; never 1 (the caller's).
        if (fraction < 1.0 && fraction >= reported + std::min(0.01, 0.999 / double(count))) {
            reported = fraction;
            progress.report(fraction, QStringLiteral("Growing trees"));
        }
    };
    const std::function<bool(double)> callerKeepsGoing = [&](double fraction) {
        if (stop.load())
            return false;
        if (progress.stopRequested()) {
            stop = true;
            return false;
        }
        report(fraction);
        return true;
    };
    const std::function<bool(double)> helperKeepsGoing = [&](double) { return !stop.load(std::memory_order_relaxed); };

    const int helpers = std::clamp(count - 1, 0, std::max(threads, 1) - 1);
    std::vector<std::thread> pool;
    pool.reserve(size_t(helpers));
    for (int h = 0; h < helpers; ++h) {
        try {
            {
                const std::lock_guard lock(mutex);
                ++helpersRunning;
            }
            pool.emplace_back([&, h] {
                work(h + 1, helperKeepsGoing);
                const std::lock_guard lock(mutex);
                --helpersRunning;
                changed.notify_all();
            });
        } catch (const std::system_error &) {
            const std::lock_guard lock(mutex);
            --helpersRunning; // fewer threads than asked: the others share the jobs
            break;
        }
    }
    report(0.0);
    work(0, callerKeepsGoing);
    {
        std::unique_lock lock(mutex);
        while (helpersRunning > 0) {
            changed.wait_for(lock, std::chrono::milliseconds(10));
            if (!stop.load() && progress.stopRequested())
                stop = true;
            report(0.0);
        }
    }
    for (std::thread &thread : pool)
        thread.join();
    for (int i = 0; i < count; ++i)
        done[size_t(i)] = doneFlags[size_t(i)] != 0;
    if (outOfMemory.load())
        return Base::Error(QStringLiteral("not enough memory to grow the trees"));
    if (stop.load())
        return Base::Error(FitContext::stoppedMessage());
    return {};
}

} // namespace Tandem::Learn
