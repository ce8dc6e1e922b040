// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <vector>

namespace Tandem::Data {

/// Which cells of a column are missing, as a bitmap: bit `row % 64` of word
/// `row / 64` is set when the cell is missing (1 bit per cell, LSB first).
///
/// The words are allocated lazily: a column without missing values carries an
/// empty vector, and the vector only reaches as far as the last missing row, so
/// rows beyond words().size() * 64 are present. The mask does not know the
/// column's length; the Column does.
class MissingMask
{
public:
    MissingMask() = default;

    bool isMissing(qint64 row) const
    {
        const auto word = static_cast<std::size_t>(row >> 6);
        return word < m_words.size() && ((m_words[word] >> (row & 63)) & 1u) != 0;
    }
    /// Marks `row` as missing (idempotent).
    void setMissing(qint64 row);

    /// Number of missing cells.
    qint64 count() const { return m_count; }
    bool any() const { return m_count > 0; }
    /// The raw bitmap (see the class comment for its layout).
    const std::vector<quint64> &words() const { return m_words; }
    /// Highest row marked missing plus one (0 when none).
    qint64 extent() const;
    qint64 memoryBytes() const { return static_cast<qint64>(m_words.capacity() * sizeof(quint64)); }

    friend bool operator==(const MissingMask &a, const MissingMask &b);

private:
    std::vector<quint64> m_words;
    qint64 m_count = 0;
};

} // namespace Tandem::Data
