// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/drift/PerformanceDrift.h"

#include <span>
#include <utility>
#include <vector>

namespace Tandem::Drift {

/// Cuts rows already in order into windows (WindowSpec): `sortedOrder` holds the
/// order values of the rows in that order (ascending, no NaN). Returns each
/// window as a [begin, end) range of positions in `sortedOrder`; none when it is
/// empty. Performance drift and drift over time cut the same way.
std::vector<std::pair<std::size_t, std::size_t>> cutWindows(
    std::span<const double> sortedOrder, const WindowSpec &spec);

/// Whether `spec` describes windows of a positive size.
bool isValidWindowSpec(const WindowSpec &spec);

} // namespace Tandem::Drift
