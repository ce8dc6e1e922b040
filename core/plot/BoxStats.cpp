// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/BoxStats.h"

#include "core/data/Quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace Tandem::Plot {

BoxStats BoxStats::empty()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    BoxStats stats;
    stats.minimum = stats.lowerQuartile = stats.median = stats.upperQuartile = stats.maximum = nan;
    stats.lowerWhisker = stats.upperWhisker = stats.mean = nan;
    return stats;
}

BoxStats boxStats(std::span<const double> values)
{
    std::vector<double> finite;
    finite.reserve(values.size());
    std::copy_if(values.begin(), values.end(), std::back_inserter(finite), [](double v) { return std::isfinite(v); });
    if (finite.empty())
        return BoxStats::empty();
    std::sort(finite.begin(), finite.end());

    BoxStats stats;
    stats.count = std::int64_t(finite.size());
    stats.minimum = finite.front();
    stats.maximum = finite.back();
    stats.mean = std::accumulate(finite.begin(), finite.end(), 0.0) / double(finite.size());
    const double probabilities[] = {0.25, 0.5, 0.75};
    std::vector<double> scratch = finite;
    const std::vector<double> q = Data::linearQuantiles(scratch, probabilities);
    stats.lowerQuartile = q[0];
    stats.median = q[1];
    stats.upperQuartile = q[2];

    const double reach = 1.5 * (stats.upperQuartile - stats.lowerQuartile);
    const double lowFence = stats.lowerQuartile - reach, highFence = stats.upperQuartile + reach;
    stats.lowerWhisker = *std::lower_bound(finite.begin(), finite.end(), lowFence);
    stats.upperWhisker = *(std::upper_bound(finite.begin(), finite.end(), highFence) - 1);
    for (double v : finite) {
        if (v < lowFence || v > highFence)
            stats.outliers.push_back(v);
    }
    return stats;
}

} // namespace Tandem::Plot
