// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/MissingMask.h"

#include <bit>

namespace Tandem::Data {

void MissingMask::setMissing(qint64 row)
{
    Q_ASSERT(row >= 0);
    const auto word = static_cast<std::size_t>(row >> 6);
    if (word >= m_words.size()) {
        if (word >= m_words.capacity())
            m_words.reserve(std::max<std::size_t>(word + 1, m_words.capacity() * 2));
        m_words.resize(word + 1, 0);
    }
    const quint64 bit = quint64(1) << (row & 63);
    if ((m_words[word] & bit) == 0) {
        m_words[word] |= bit;
        ++m_count;
    }
}

qint64 MissingMask::extent() const
{
    for (std::size_t i = m_words.size(); i-- > 0;) {
        if (m_words[i] != 0)
            return static_cast<qint64>(i) * 64 + (64 - std::countl_zero(m_words[i]));
    }
    return 0;
}

bool operator==(const MissingMask &a, const MissingMask &b)
{
    if (a.m_count != b.m_count)
        return false;
    const std::size_t n = std::max(a.m_words.size(), b.m_words.size());
    for (std::size_t i = 0; i < n; ++i) {
        const quint64 wa = i < a.m_words.size() ? a.m_words[i] : 0;
        const quint64 wb = i < b.m_words.size() ? b.m_words[i] : 0;
        if (wa != wb)
            return false;
    }
    return true;
}

} // namespace Tandem::Data
