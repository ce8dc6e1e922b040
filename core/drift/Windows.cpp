// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/Windows.h"

#include <algorithm>
#include <cmath>

namespace Tandem::Drift {

bool isValidWindowSpec(const WindowSpec &spec)
{
    if (spec.kind == WindowSpec::Kind::Rows)
        return spec.rows > 0 || spec.count > 0;
    return spec.width > 0.0 && std::isfinite(spec.width);
}

std::vector<std::pair<std::size_t, std::size_t>> cutWindows(std::span<const double> sortedOrder, const WindowSpec &spec)
{
    std::vector<std::pair<std::size_t, std::size_t>> windows;
    const std::size_t n = sortedOrder.size();
    if (n == 0)
        return windows;
    if (spec.kind == WindowSpec::Kind::Rows) {
        if (spec.rows > 0) {
            for (std::size_t begin = 0; begin < n; begin += std::size_t(spec.rows))
                windows.emplace_back(begin, std::min(n, begin + std::size_t(spec.rows)));
        } else {
            const auto count = std::size_t(std::max(1, spec.count));
            for (std::size_t w = 0; w < count; ++w) {
                const std::size_t begin = n * w / count;
                const std::size_t end = n * (w + 1) / count;
                if (end > begin)
                    windows.emplace_back(begin, end);
            }
        }
        return windows;
    }
    const double first = sortedOrder.front();
    std::size_t begin = 0;
    while (begin < n) {
        const double index = std::floor((sortedOrder[begin] - first) / spec.width);
        const double limit = first + (index + 1.0) * spec.width;
        std::size_t end = begin;
        while (end < n && sortedOrder[end] < limit)
            ++end;
        if (end == begin) // rounding at the limit: keep moving
            ++end;
        windows.emplace_back(begin, end);
        begin = end;
    }
    return windows;
}

} // namespace Tandem::Drift
