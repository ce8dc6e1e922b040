// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/SortedSample.h"

#include <algorithm>
#include <cmath>

namespace Tandem::Drift {

SortedSample sortedSample(const Data::Column &column)
{
    SortedSample sample;
    const qint64 rows = column.size();
    const auto keep = [&sample](double value) {
        if (std::isfinite(value))
            sample.values.push_back(value);
        else
            ++sample.missing;
    };
    sample.values.reserve(std::size_t(rows - column.missingCount()));
    switch (column.type()) {
    case Data::ColumnType::Numeric: {
        const auto values = column.numericValues();
        for (qint64 row = 0; row < rows; ++row) {
            if (column.isMissing(row))
                ++sample.missing;
            else
                keep(values[std::size_t(row)]);
        }
        break;
    }
    case Data::ColumnType::Integer:
    case Data::ColumnType::DateTime: {
        const auto values
            = column.type() == Data::ColumnType::Integer ? column.integerValues() : column.dateTimeValues();
        for (qint64 row = 0; row < rows; ++row) {
            if (column.isMissing(row))
                ++sample.missing;
            else
                sample.values.push_back(double(values[std::size_t(row)]));
        }
        break;
    }
    case Data::ColumnType::Boolean:
    case Data::ColumnType::Categorical:
    case Data::ColumnType::Text: return {};
    }
    std::sort(sample.values.begin(), sample.values.end());
    return sample;
}

qint64 distinctValuesUpTo(std::span<const double> sortedA, std::span<const double> sortedB, qint64 limit)
{
    qint64 distinct = 0;
    std::size_t i = 0;
    std::size_t j = 0;
    while ((i < sortedA.size() || j < sortedB.size()) && distinct <= limit) {
        const double value = i == sortedA.size() ? sortedB[j]
            : j == sortedB.size()                ? sortedA[i]
                                                 : std::min(sortedA[i], sortedB[j]);
        ++distinct;
        // Skip every copy of the value on both sides (binary search: runs can be long).
        i = std::size_t(std::upper_bound(sortedA.begin() + std::ptrdiff_t(i), sortedA.end(), value) - sortedA.begin());
        j = std::size_t(std::upper_bound(sortedB.begin() + std::ptrdiff_t(j), sortedB.end(), value) - sortedB.begin());
    }
    return distinct;
}

} // namespace Tandem::Drift
