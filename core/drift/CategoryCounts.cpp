// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/CategoryCounts.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace Tandem::Drift {
namespace {

/// Adds one column's counts into `counts` (side: reference or current), creating
/// labels as they are met.
class Tally
{
public:
    explicit Tally(CategoryCounts &counts) : m_counts(counts) { }

    void add(const Data::Column &column, bool reference)
    {
        const qint64 rows = column.size();
        switch (column.type()) {
        case Data::ColumnType::Categorical: {
            // Count codes first, then map the few categories to labels.
            std::vector<qint64> perCode(std::size_t(column.categories().size()), 0);
            const auto codes = column.codes();
            for (qint64 row = 0; row < rows; ++row) {
                const qint32 code = codes[std::size_t(row)];
                if (!column.isMissing(row) && code >= 0 && std::size_t(code) < perCode.size())
                    ++perCode[std::size_t(code)];
            }
            for (std::size_t code = 0; code < perCode.size(); ++code) {
                if (perCode[code] > 0)
                    count(column.categories().at(qsizetype(code)), perCode[code], reference);
            }
            break;
        }
        case Data::ColumnType::Boolean: {
            qint64 ones = 0;
            qint64 present = 0;
            const auto values = column.booleanValues();
            for (qint64 row = 0; row < rows; ++row) {
                if (!column.isMissing(row)) {
                    ++present;
                    ones += values[std::size_t(row)] ? 1 : 0;
                }
            }
            if (present - ones > 0)
                count(QStringLiteral("false"), present - ones, reference);
            if (ones > 0)
                count(QStringLiteral("true"), ones, reference);
            break;
        }
        case Data::ColumnType::Text: {
            std::unordered_map<std::string_view, qint64> perText;
            std::vector<std::string_view> order;
            for (qint64 row = 0; row < rows; ++row) {
                if (column.isMissing(row))
                    continue;
                const auto [it, inserted] = perText.try_emplace(column.utf8(row), 0);
                if (inserted)
                    order.push_back(it->first);
                ++it->second;
            }
            for (const std::string_view text : order)
                count(QString::fromUtf8(text.data(), qsizetype(text.size())), perText[text], reference);
            break;
        }
        case Data::ColumnType::Numeric:
        case Data::ColumnType::Integer:
        case Data::ColumnType::DateTime: break;
        }
    }

    void count(const QString &label, qint64 n, bool reference)
    {
        auto it = m_index.constFind(label);
        if (it == m_index.constEnd()) {
            it = m_index.insert(label, std::size_t(m_counts.labels.size()));
            m_counts.labels << label;
            m_counts.reference.push_back(0);
            m_counts.current.push_back(0);
        }
        (reference ? m_counts.reference : m_counts.current)[*it] += n;
    }

private:
    CategoryCounts &m_counts;
    QHash<QString, std::size_t> m_index;
};

} // namespace

QStringList CategoryCounts::newLabels() const
{
    QStringList result;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (reference[std::size_t(i)] == 0 && current[std::size_t(i)] > 0)
            result << labels.at(i);
    }
    return result;
}

qint64 CategoryCounts::currentInNewLabels() const
{
    qint64 total = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        if (reference[i] == 0)
            total += current[i];
    }
    return total;
}

CategoryCounts countCategories(const Data::Column &reference, const Data::Column &current)
{
    CategoryCounts counts;
    Tally tally(counts);
    tally.add(reference, true);
    tally.add(current, false);
    return counts;
}

CategoryCounts countCategories(std::span<const double> sortedReference, std::span<const double> sortedCurrent)
{
    CategoryCounts counts;
    Tally tally(counts);
    const auto label = [](double value) { return QString::number(value, 'g', QLocale::FloatingPointShortest); };
    const auto addRuns = [&](std::span<const double> sorted, bool reference) {
        for (std::size_t i = 0; i < sorted.size();) {
            const auto end = std::size_t(
                std::upper_bound(sorted.begin() + std::ptrdiff_t(i), sorted.end(), sorted[i]) - sorted.begin());
            tally.count(label(sorted[i]), qint64(end - i), reference);
            i = end;
        }
    };
    addRuns(sortedReference, true);
    addRuns(sortedCurrent, false);
    return counts;
}

} // namespace Tandem::Drift
