// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Progress.h"

#include <algorithm>

namespace Tandem::Base {

void Progress::report(double fraction, const QString &stage) const
{
    const double clamped = std::clamp(fraction, 0.0, 1.0);
    m_sink->report(m_begin + clamped * (m_end - m_begin), stage);
}

Progress Progress::subrange(double begin, double end) const
{
    const double span = m_end - m_begin;
    begin = std::clamp(begin, 0.0, 1.0);
    end = std::clamp(end, begin, 1.0);
    return Progress(m_sink, m_begin + begin * span, m_begin + end * span);
}

} // namespace Tandem::Base
