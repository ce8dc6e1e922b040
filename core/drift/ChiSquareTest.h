// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <limits>
#include <span>

namespace Tandem::Drift {

struct ChiSquareResult {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    double statistic = nan;
    /// Categories present on either side, minus one.
    qint64 degreesOfFreedom = 0;
    double pValue = nan;
};

/// Pearson's chi-square test of homogeneity of the category counts of two samples:
/// scipy.stats.chi2_contingency([reference, current], correction=False) on the
/// 2 x k table of the categories counted on at least one side (categories absent
/// from both are left out; scipy refuses them). Expected counts are row total x
/// column total / total; the p-value is chi2.sf(statistic, k - 1). With one
/// category (k = 1) the statistic is 0 and the p-value 1, as in scipy. NaN when a
/// side has no counts or the sizes differ.
ChiSquareResult chiSquareHomogeneity(std::span<const qint64> reference, std::span<const qint64> current);

} // namespace Tandem::Drift
