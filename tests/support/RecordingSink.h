// SPDX-License-Identifier: GPL-3.0-or-later
// The progress sink every test uses: it records what long work reports and asks it
// to stop when the test says so.
#pragma once

#include "core/base/Progress.h"

#include <QString>
#include <QStringList>

#include <mutex>
#include <vector>

namespace Tandem::Testing {

/// Records every report (thread-safe: parallel fits report from worker threads)
/// and asks to stop by a rule:
///  - Never: only after requestStop();
///  - AfterReports: once `count` reports have arrived (0: at once);
///  - AfterPolls: on every poll after the first `count` polls of stopRequested()
///    (0: at once; 2: the first two polls answer false, the third true).
/// requestStop() makes it stop from then on whatever the rule.
class RecordingSink final : public Base::ProgressSink
{
public:
    enum class Stop { Never, AfterReports, AfterPolls };

    explicit RecordingSink(Stop rule = Stop::Never, int count = 0) : m_rule(rule), m_count(count) { }

    void report(double fraction, const QString &stage) override
    {
        std::lock_guard lock(m_mutex);
        m_fractions.push_back(fraction);
        m_stages << stage;
    }
    bool stopRequested() const override
    {
        std::lock_guard lock(m_mutex);
        switch (m_rule) {
        case Stop::Never: return m_stopRequested;
        case Stop::AfterReports: return m_stopRequested || int(m_fractions.size()) >= m_count;
        case Stop::AfterPolls:
            // Counts only up to the stop, so endless polling afterwards cannot overflow.
            if (m_polls <= m_count)
                ++m_polls;
            return m_stopRequested || m_polls > m_count;
        }
        return m_stopRequested;
    }
    /// Asks to stop from now on, whatever the rule.
    void requestStop()
    {
        std::lock_guard lock(m_mutex);
        m_stopRequested = true;
    }

    std::vector<double> fractions() const
    {
        std::lock_guard lock(m_mutex);
        return m_fractions;
    }
    QStringList stages() const
    {
        std::lock_guard lock(m_mutex);
        return m_stages;
    }
    int reportCount() const
    {
        std::lock_guard lock(m_mutex);
        return int(m_fractions.size());
    }
    /// The last fraction reported, 0 before any.
    double last() const
    {
        std::lock_guard lock(m_mutex);
        return m_fractions.empty() ? 0.0 : m_fractions.back();
    }

private:
    const Stop m_rule;
    const int m_count;
    mutable std::mutex m_mutex;
    mutable int m_polls = 0;
    bool m_stopRequested = false;
    std::vector<double> m_fractions;
    QStringList m_stages;
};

} // namespace Tandem::Testing
