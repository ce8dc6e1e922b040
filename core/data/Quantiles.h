// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <span>
#include <vector>

namespace Tandem::Data {

/// Quantiles of `values` with linear interpolation between order statistics:
/// the quantile p of n sorted values x[0..n-1] is at the virtual index
/// h = p (n - 1), between x[floor(h)] and x[floor(h) + 1], interpolated as
/// numpy's "linear" method (the default of numpy.quantile and pandas'
/// Series.quantile / describe()), including numpy's rounding:
/// a + t (b - a) for t < 0.5, b - (1 - t) (b - a) otherwise. With infinite values
/// the result is the limit (x[floor(h)] when h is whole; +-inf between a finite
/// value and an infinity; NaN between -inf and +inf) where numpy gives NaN.
///
/// `values` must hold no NaN and is reordered (std::nth_element, O(n) on
/// average per quantile, no full sort). `probabilities` must be in [0, 1] and
/// ascending. Returns one value per probability; NaN for each when values is empty.
std::vector<double> linearQuantiles(std::span<double> values, std::span<const double> probabilities);

} // namespace Tandem::Data
