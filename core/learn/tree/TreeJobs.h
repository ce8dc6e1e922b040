// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"

#include <functional>
#include <vector>

namespace Tandem::Learn {

/// One job (growing tree `index`) on worker `worker` (0..threads-1, for per-thread
/// buffers). It calls keepGoing(fraction of this job done) often (every node) and
/// returns false as soon as keepGoing does; it returns true when complete.
using TreeJob = std::function<bool(int index, int worker, const std::function<bool(double)> &keepGoing)>;

/// Runs jobs 0..count-1 on up to `threads` threads, the calling thread one of them.
/// Only the calling thread talks to `progress` (sinks need not be thread-safe): it
/// polls the stop request at every node of its own job and every 10 ms while it
/// waits for the others, and reports (jobs done + its own job's fraction) / count,
/// monotone and below 1 (the caller reports completion). A stop request makes
/// every job return within a node: the result is then FitContext::stoppedMessage().
/// `done[i]` tells which jobs completed. std::bad_alloc becomes an error.
Base::Status runTreeJobs(
    int count, int threads, const Base::Progress &progress, const TreeJob &job, std::vector<bool> &done);

} // namespace Tandem::Learn
