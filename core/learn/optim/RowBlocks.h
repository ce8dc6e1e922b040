// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <functional>

namespace Tandem::Learn::Optim {

/// A fixed partition of n rows into consecutive blocks, for sums over rows
/// (losses, gradients) computed in parallel. The partition depends on the row
/// count and the work per row only, never on the thread count: each block's
/// partial result is summed in block order, so a fit gives the same bits on
/// any number of threads.
class RowBlocks
{
public:
    /// Blocks of about 2^23 multiply-adds each (a few milliseconds), so that a
    /// stop request is seen between blocks well within 50 ms.
    RowBlocks(Eigen::Index rows, Eigen::Index workPerRow);

    Eigen::Index count() const { return m_count; }
    Eigen::Index begin(Eigen::Index block) const { return block * m_size; }
    Eigen::Index size(Eigen::Index block) const { return std::min(m_size, m_rows - block * m_size); }

private:
    Eigen::Index m_rows = 0;
    Eigen::Index m_size = 1;
    Eigen::Index m_count = 0;
};

/// Runs task(block) once for every block 0..count-1 on up to `threads` threads
/// (the calling thread is one of them; helpers start only when there is more
/// than one block). Stops handing out blocks once `stopRequested` returns true,
/// and then returns false. An exception thrown by a task (std::bad_alloc) stops
/// the others and is rethrown on the calling thread.
bool forEachBlock(int threads, Eigen::Index count, const std::function<void(Eigen::Index)> &task,
    const std::function<bool()> &stopRequested);

} // namespace Tandem::Learn::Optim
