// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/JensenShannon.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace Tandem::Drift {

double jensenShannonDistance(std::span<const qint64> p, std::span<const qint64> q)
{
    const qint64 pTotal = std::accumulate(p.begin(), p.end(), qint64(0));
    const qint64 qTotal = std::accumulate(q.begin(), q.end(), qint64(0));
    if (p.size() != q.size() || pTotal == 0 || qTotal == 0)
        return std::numeric_limits<double>::quiet_NaN();
    // scipy.special.rel_entr(x, y): x ln(x / y), 0 for x = 0.
    const auto relativeEntropy = [](double x, double y) { return x > 0.0 ? x * std::log(x / y) : 0.0; };
    double left = 0.0;
    double right = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double pi = double(p[i]) / double(pTotal);
        const double qi = double(q[i]) / double(qTotal);
        const double mi = (pi + qi) / 2.0;
        left += relativeEntropy(pi, mi);
        right += relativeEntropy(qi, mi);
    }
    const double divergence = (left + right) / std::numbers::ln2;
    // Rounding can leave a tiny negative sum for identical shares.
    return std::sqrt(std::max(divergence / 2.0, 0.0));
}

} // namespace Tandem::Drift
