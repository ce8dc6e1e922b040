// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Data {
namespace {

/// numpy's _lerp for a <= b, but exact at the order statistics themselves and with
/// the limits where an infinity is involved (numpy gives NaN there, from inf * 0).
double interpolate(double a, double b, double t)
{
    if (t == 0.0 || a == b)
        return a;
    if (t == 1.0)
        return b;
    if (std::isinf(a) || std::isinf(b))
        return std::isinf(a) && std::isinf(b) ? std::numeric_limits<double>::quiet_NaN() : (std::isinf(a) ? a : b);
    const double difference = b - a;
    return t < 0.5 ? a + difference * t : b - difference * (1.0 - t);
}

} // namespace

std::vector<double> linearQuantiles(std::span<double> values, std::span<const double> probabilities)
{
    std::vector<double> result;
    result.reserve(probabilities.size());
    const auto n = values.size();
    if (n == 0) {
        result.assign(probabilities.size(), std::numeric_limits<double>::quiet_NaN());
        return result;
    }
    // Each nth_element leaves everything before the chosen position no larger, so
    // the next (larger) probability only needs the part after it.
    std::size_t sortedFrom = 0;
    for (const double p : probabilities) {
        // numpy: n * p + (alpha + p * (1 - alpha - beta)) - 1 with alpha = beta = 1.
        const double virtualIndex = static_cast<double>(n) * p + (1.0 + p * (1.0 - 1.0 - 1.0)) - 1.0;
        const double floorIndex = std::floor(virtualIndex);
        const auto below = static_cast<std::size_t>(std::clamp(floorIndex, 0.0, static_cast<double>(n - 1)));
        const auto above = std::min(below + 1, n - 1);
        const double t = std::clamp(virtualIndex - floorIndex, 0.0, 1.0);

        const auto first = values.begin() + static_cast<std::ptrdiff_t>(std::min(sortedFrom, below));
        std::nth_element(first, values.begin() + static_cast<std::ptrdiff_t>(below), values.end());
        const double a = values[below];
        double b = a;
        if (above != below)
            b = *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(above), values.end());
        sortedFrom = below;

        result.push_back(interpolate(a, b, t));
    }
    return result;
}

} // namespace Tandem::Data
