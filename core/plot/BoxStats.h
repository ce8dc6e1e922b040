// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace Tandem::Plot {

/// What a box plot draws for one group of values (per-fold scores of a run).
/// Quartiles are linear (numpy's default, Data::linearQuantiles); whiskers follow
/// Tukey: they reach the furthest values within 1.5 × IQR of the box, and values
/// beyond are outliers, drawn one by one.
struct BoxStats {
    std::int64_t count = 0; ///< finite values used
    double minimum = 0.0, lowerQuartile = 0.0, median = 0.0, upperQuartile = 0.0, maximum = 0.0;
    double lowerWhisker = 0.0, upperWhisker = 0.0;
    double mean = 0.0;
    std::vector<double> outliers; ///< ascending

    /// The same numbers for any input without a finite value: count 0 and NaN elsewhere.
    static BoxStats empty();
};

/// Box statistics of the finite values in `values` (NaN and infinities ignored).
BoxStats boxStats(std::span<const double> values);

} // namespace Tandem::Plot
