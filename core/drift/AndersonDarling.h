// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>
#include <span>

namespace Tandem::Drift {

struct AndersonDarlingResult {
    /// The standardised k-sample statistic (scipy's `statistic`): (A2akN - (k - 1)) / sigma.
    double statistic = std::numeric_limits<double>::quiet_NaN();
    /// The approximate significance level, interpolated in Scholz and Stephens' table
    /// and, as in scipy, capped to [0.001, 0.25].
    double pValue = std::numeric_limits<double>::quiet_NaN();
};

/// The Anderson–Darling k-sample test for two samples, in the midrank form for
/// ties: scipy.stats.anderson_ksamp([a, b], midrank=True) (Scholz and Stephens
/// 1987, A2akN of equation 7), on two sorted samples without NaN. One merge of the
/// two arrays (O(n1 + n2)). The p-value comes from the quadratic scipy fits to the
/// log of the table's significance levels against their critical values: it is
/// 0.25 below the smallest critical value and 0.001 above the largest. NaN for both
/// numbers when a sample is empty, when the values are all equal, or with fewer
/// than 4 values in all (scipy's variance divides by (N - 1)(N - 2)(N - 3)).
AndersonDarlingResult andersonDarlingTwoSample(std::span<const double> sortedA, std::span<const double> sortedB);

} // namespace Tandem::Drift
