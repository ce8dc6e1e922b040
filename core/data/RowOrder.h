// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/Column.h"

#include <vector>

namespace Tandem::Data {

enum class SortDirection : quint8 { Ascending, Descending };

/// The rows of `column` in sorted order, as a permutation of 0..size-1 that views
/// apply without copying the data. The sort is stable (equal values keep their
/// file order) and missing cells always come last, in either direction.
///
/// Order by type: numbers, datetimes and booleans by value (a NaN
/// counts as missing); categorical cells by their category text and text cells
/// by their UTF-8 bytes (code-point order, not a locale's collation).
///
/// Runs as a job: sorts in chunks, then merges them, reporting progress and
/// polling stopRequested() between steps; a stop returns an Error whose message
/// is sortCancelledMessage().
Base::Result<std::vector<qint64>> sortedRowOrder(
    const Column &column, SortDirection direction, const Base::Progress &progress);

QString sortCancelledMessage();

} // namespace Tandem::Data
