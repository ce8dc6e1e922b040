// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace Tandem::Plot {

/// Round tick values for an axis drawn by our own widgets (heatmap colour bar,
/// parallel coordinates); Qt Charts places its own.
///
/// Linear: multiples of 1, 2 or 5 × 10^k inside [low, high], at most `maxCount`
/// of them and as many as that allows. Empty when the interval is empty or not finite.
std::vector<double> linearTicks(double low, double high, int maxCount);

/// Log: the powers of ten inside [low, high] (every second, fifth... when there
/// are more than `maxCount`); with fewer than three, 2 and 5 times each power
/// too. `low` and `high` must be positive; empty otherwise.
std::vector<double> logTicks(double low, double high, int maxCount);

} // namespace Tandem::Plot
