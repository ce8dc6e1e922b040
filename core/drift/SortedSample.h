// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"

#include <span>
#include <vector>

namespace Tandem::Drift {

/// The values of a numeric, integer or datetime column (datetimes as milliseconds)
/// that the numeric tests compare: the finite ones, sorted ascending. Missing cells
/// and NaN or infinite values are left out and counted as missing. Every numeric
/// test of a feature reads the same two sorted arrays, so each column is sorted once.
struct SortedSample {
    std::vector<double> values;
    qint64 missing = 0;
};

/// The sorted sample of `column`; empty for categorical, boolean and text columns.
SortedSample sortedSample(const Data::Column &column);

/// The number of distinct values in two sorted samples together, counted up to
/// `limit + 1` (enough to tell "at most limit" from "more").
qint64 distinctValuesUpTo(std::span<const double> sortedA, std::span<const double> sortedB, qint64 limit);

} // namespace Tandem::Drift
