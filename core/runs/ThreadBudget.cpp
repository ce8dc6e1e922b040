// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ThreadBudget.h"

#include <algorithm>
#include <chrono>

namespace Tandem::Runs {

ThreadBudget::ThreadBudget(int total) : m_total(std::max(1, total)) { }

int ThreadBudget::total() const
{
    const std::lock_guard lock(m_mutex);
    return m_total;
}

void ThreadBudget::setTotal(int total)
{
    {
        const std::lock_guard lock(m_mutex);
        m_total = std::max(1, total);
    }
    m_freed.notify_all();
}

int ThreadBudget::inUse() const
{
    const std::lock_guard lock(m_mutex);
    return m_inUse;
}

int ThreadBudget::acquire(int wanted, const std::function<bool()> &stop)
{
    std::unique_lock lock(m_mutex);
    while (m_inUse >= m_total) {
        if (stop && stop())
            return 0;
        // Woken by release; the timeout only bounds how late a stop request is seen.
        m_freed.wait_for(lock, std::chrono::milliseconds(20));
    }
    if (stop && stop())
        return 0;
    const int granted = std::clamp(wanted, 1, m_total - m_inUse);
    m_inUse += granted;
    return granted;
}

void ThreadBudget::acquireOne()
{
    const std::lock_guard lock(m_mutex);
    ++m_inUse;
}

void ThreadBudget::release(int count)
{
    {
        const std::lock_guard lock(m_mutex);
        m_inUse = std::max(0, m_inUse - count);
    }
    m_freed.notify_all();
}

} // namespace Tandem::Runs
