// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/RowOrder.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>

namespace Tandem::Data {
namespace {

/// Rows per sorted chunk: small enough that a stop is seen within a few ms.
constexpr std::size_t chunkRows = 1 << 18;

/// Sorts `rows` by `less` in chunks, then merges neighbours, so that progress moves
/// and a stop is noticed between steps. std::stable_sort and std::inplace_merge keep
/// equal rows in their original order.
template<typename Less> bool sortInSteps(std::vector<qint64> &rows, Less less, const Base::Progress &progress)
{
    const std::size_t n = rows.size();
    const Base::Progress sorting = progress.subrange(0.0, 0.6);
    for (std::size_t begin = 0; begin < n; begin += chunkRows) {
        if (progress.stopRequested())
            return false;
        const std::size_t end = std::min(n, begin + chunkRows);
        std::stable_sort(rows.begin() + std::ptrdiff_t(begin), rows.begin() + std::ptrdiff_t(end), less);
        sorting.report(double(end) / double(n), QStringLiteral("Sorting"));
    }
    const Base::Progress merging = progress.subrange(0.6, 1.0);
    int passes = 0;
    for (std::size_t width = chunkRows; width < n; width *= 2)
        ++passes;
    int pass = 0;
    for (std::size_t width = chunkRows; width < n; width *= 2, ++pass) {
        for (std::size_t begin = 0; begin + width < n; begin += 2 * width) {
            if (progress.stopRequested())
                return false;
            const auto first = rows.begin() + std::ptrdiff_t(begin);
            const auto middle = first + std::ptrdiff_t(width);
            const auto last = rows.begin() + std::ptrdiff_t(std::min(n, begin + 2 * width));
            std::inplace_merge(first, middle, last, less);
        }
        merging.report(double(pass + 1) / double(passes), QStringLiteral("Merging"));
    }
    return true;
}

/// Orders present rows by key (direction applied), missing rows last. A NaN in a
/// numeric column counts as missing, so the order stays a strict weak ordering.
template<typename Key> auto byKey(const Column &column, SortDirection direction, Key key)
{
    const bool descending = direction == SortDirection::Descending;
    const bool numeric = column.type() == ColumnType::Numeric;
    return [&column, descending, numeric, key](qint64 a, qint64 b) {
        const bool missingA = column.isMissing(a) || (numeric && std::isnan(column.toDouble(a)));
        const bool missingB = column.isMissing(b) || (numeric && std::isnan(column.toDouble(b)));
        if (missingA || missingB)
            return !missingA && missingB;
        return descending ? key(b) < key(a) : key(a) < key(b);
    };
}

} // namespace

QString sortCancelledMessage()
{
    return QStringLiteral("Sorting was cancelled");
}

Base::Result<std::vector<qint64>> sortedRowOrder(
    const Column &column, SortDirection direction, const Base::Progress &progress)
{
    std::vector<qint64> rows(std::size_t(column.size()));
    std::iota(rows.begin(), rows.end(), qint64(0));
    bool finished = true;
    switch (column.type()) {
    case ColumnType::Numeric:
    case ColumnType::Integer:
    case ColumnType::DateTime:
    case ColumnType::Boolean:
        finished
            = sortInSteps(rows, byKey(column, direction, [&column](qint64 r) { return column.toDouble(r); }), progress);
        break;
    case ColumnType::Categorical: {
        // Rank the categories by their text once; then cells compare as integers.
        const QStringList &categories = column.categories();
        std::vector<qint32> byText(std::size_t(categories.size()));
        std::iota(byText.begin(), byText.end(), 0);
        std::sort(byText.begin(), byText.end(),
            [&categories](qint32 a, qint32 b) { return categories.at(a) < categories.at(b); });
        std::vector<qint32> rank(byText.size());
        for (std::size_t i = 0; i < byText.size(); ++i)
            rank[std::size_t(byText[i])] = qint32(i);
        const auto codes = column.codes();
        finished = sortInSteps(rows,
            byKey(column, direction, [&rank, codes](qint64 r) { return rank[std::size_t(codes[std::size_t(r)])]; }),
            progress);
        break;
    }
    case ColumnType::Text:
        finished
            = sortInSteps(rows, byKey(column, direction, [&column](qint64 r) { return column.utf8(r); }), progress);
        break;
    }
    if (!finished)
        return Base::Error(sortCancelledMessage());
    progress.report(1.0, QStringLiteral("Sorted"));
    return rows;
}

} // namespace Tandem::Data
