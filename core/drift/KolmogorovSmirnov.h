// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <limits>
#include <span>

namespace Tandem::Drift {

/// How the p-value of the two-sample test is computed (scipy's `method`).
enum class KsMethod : quint8 {
    /// Exact when both samples have at most 10,000 values, else asymptotic.
    Auto,
    /// The exact distribution of D under the null hypothesis (lattice paths,
    /// Hodges' inside method in Viehmann's form for 1 - p); falls back to
    /// Asymptotic when lcm(n1, n2) is too large, as scipy does.
    Exact,
    /// kolmogorovSf(d, round(n1 n2 / (n1 + n2))).
    Asymptotic,
};

struct KsResult {
    /// D = sup |F1 - F2| of the two empirical distribution functions.
    double statistic = std::numeric_limits<double>::quiet_NaN();
    double pValue = std::numeric_limits<double>::quiet_NaN();
    /// The method that gave the p-value (Exact or Asymptotic).
    KsMethod method = KsMethod::Auto;
};

/// The two-sided two-sample Kolmogorov–Smirnov test of scipy.stats.ks_2samp(a, b,
/// method=...) on two sorted samples without NaN. D comes from one merge of the two
/// arrays (O(n1 + n2)); ties are handled as scipy does (each distinct value counts
/// once, with all of its copies). An empty sample gives NaN for both numbers.
KsResult ksTwoSample(
    std::span<const double> sortedA, std::span<const double> sortedB, KsMethod method = KsMethod::Auto);

} // namespace Tandem::Drift
