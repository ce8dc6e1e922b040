// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/Ticks.h"

#include <algorithm>
#include <cmath>

namespace Tandem::Plot {

std::vector<double> linearTicks(double low, double high, int maxCount)
{
    std::vector<double> ticks;
    if (!std::isfinite(low) || !std::isfinite(high) || maxCount < 1)
        return ticks;
    if (low > high)
        std::swap(low, high);
    if (low == high)
        return {low};
    // The smallest 1-2-5 step that fits maxCount ticks.
    const double rough = (high - low) / std::max(maxCount - 1, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = magnitude * 10.0;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        const double candidate = factor * magnitude;
        const double first = std::ceil(low / candidate - 1e-9), last = std::floor(high / candidate + 1e-9);
        if (last - first + 1 <= maxCount) {
            step = candidate;
            break;
        }
    }
    const double first = std::ceil(low / step - 1e-9), last = std::floor(high / step + 1e-9);
    for (double k = first; k <= last; k += 1.0) {
        const double tick = k * step;
        ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
    }
    return ticks;
}

std::vector<double> logTicks(double low, double high, int maxCount)
{
    std::vector<double> ticks;
    if (!(low > 0.0) || !(high > 0.0) || !std::isfinite(low) || !std::isfinite(high) || maxCount < 1)
        return ticks;
    if (low > high)
        std::swap(low, high);
    const int firstPower = int(std::ceil(std::log10(low) - 1e-9));
    const int lastPower = int(std::floor(std::log10(high) + 1e-9));
    const int powers = lastPower - firstPower + 1;
    if (powers < 3) {
        for (int p = firstPower - 1; p <= lastPower; ++p) {
            for (double factor : {1.0, 2.0, 5.0}) {
                const double tick = factor * std::pow(10.0, p);
                if (tick >= low * (1 - 1e-9) && tick <= high * (1 + 1e-9))
                    ticks.push_back(tick);
            }
        }
        if (int(ticks.size()) <= maxCount)
            return ticks;
        ticks.clear();
    }
    const int every = std::max(1, (powers + maxCount - 1) / maxCount);
    for (int p = firstPower; p <= lastPower; p += every)
        ticks.push_back(std::pow(10.0, p));
    return ticks;
}

} // namespace Tandem::Plot
