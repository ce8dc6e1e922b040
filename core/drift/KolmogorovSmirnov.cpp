// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/KolmogorovSmirnov.h"

#include "core/drift/KolmogorovDistribution.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

namespace Tandem::Drift {
namespace {

constexpr qint64 exactAutoLimit = 10000; // scipy's MAX_AUTO_N

/// P(D >= h / n) for two samples of n values each: 2 Σ_k (-1)^(k+1) C(2n, n - kh) / C(2n, n),
/// evaluated as nested products so that no binomial coefficient is formed.
double probabilityOutsideSquare(qint64 n, qint64 h)
{
    double p = 0.0;
    for (qint64 k = n / h; k >= 0; --k) {
        double term = 1.0;
        for (qint64 j = 0; j < h; ++j)
            term = double(n - k * h - j) * term / double(n + k * h + j + 1);
        p = term * (1.0 - p);
    }
    return 2.0 * p;
}

/// floor(a / b) and ceil(a / b) for b > 0.
qint64 floorDivide(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}
qint64 ceilDivide(qint64 a, qint64 b)
{
    return -floorDivide(-a, b);
}

/// 1 - P(|x/m - y/n| < h/lcm along the whole path) over the lattice paths from
/// (0, 0) to (m, n): Hodges' inside method, carried as 1 - probability column by
/// column over a sliding window (Viehmann 2021, arXiv:2102.08037), so that small
/// p-values keep their precision.
double probabilityOutsideBand(qint64 m, qint64 n, qint64 g, qint64 h)
{
    if (m < n)
        std::swap(m, n);
    const qint64 mg = m / g;
    const qint64 ng = n / g;
    qint64 minJ = 0;
    qint64 maxJ = std::min(ceilDivide(h, mg), n + 1);
    qint64 currentLength = maxJ - minJ;
    // Cells past the window stand for paths already outside: 1.
    std::vector<double> a(std::size_t(n + 2), 1.0);
    std::fill(a.begin(), a.begin() + maxJ, 0.0);
    for (qint64 i = 1; i <= m; ++i) {
        const qint64 lastMinJ = minJ;
        const qint64 lastLength = currentLength;
        minJ = std::min(std::max(floorDivide(ng * i - h, mg) + 1, qint64(0)), n);
        maxJ = std::min(ceilDivide(ng * i + h, mg), n + 1);
        if (maxJ <= minJ)
            return 1.0;
        double value = minJ == 0 ? 0.0 : 1.0;
        for (qint64 jj = 0; jj < maxJ - minJ; ++jj) {
            const qint64 j = jj + minJ;
            value = (a[std::size_t(jj + minJ - lastMinJ)] * double(i) + value * double(j)) / double(i + j);
            a[std::size_t(jj)] = value;
        }
        currentLength = maxJ - minJ;
        if (lastLength > currentLength)
            std::fill(a.begin() + currentLength, a.begin() + lastLength, 1.0);
    }
    return a[std::size_t(maxJ - minJ - 1)];
}

/// The exact p-value, or nothing when it cannot be computed (scipy then falls back).
/// Rounds `d` to h / lcm(n1, n2) unless lcm(n1, n2) is too large to try.
std::optional<double> exactPValue(qint64 n1, qint64 n2, double &d)
{
    const qint64 g = std::gcd(n1, n2);
    const qint64 n1g = n1 / g;
    const qint64 n2g = n2 / g;
    if (double(n1g) >= double(std::numeric_limits<qint32>::max()) / double(n2g))
        return std::nullopt;
    const qint64 lcm = n1g * n2;
    const auto h = qint64(std::nearbyint(d * double(lcm)));
    d = double(h) / double(lcm);
    if (h == 0)
        return 1.0;
    const double p = n1 == n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
    if (!(p >= 0.0 && p <= 1.0))
        return std::nullopt;
    return p;
}

} // namespace

KsResult ksTwoSample(std::span<const double> sortedA, std::span<const double> sortedB, KsMethod method)
{
    KsResult result;
    const auto n1 = qint64(sortedA.size());
    const auto n2 = qint64(sortedB.size());
    if (n1 == 0 || n2 == 0)
        return result;

    // The largest and smallest F1 - F2 over the distinct values, each evaluated
    // after all copies of the value (numpy.searchsorted(..., side="right")).
    double largest = -1.0;
    double smallest = 1.0;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < sortedA.size() || j < sortedB.size()) {
        const double value = i == sortedA.size() ? sortedB[j]
            : j == sortedB.size()                ? sortedA[i]
                                                 : std::min(sortedA[i], sortedB[j]);
        while (i < sortedA.size() && sortedA[i] <= value)
            ++i;
        while (j < sortedB.size() && sortedB[j] <= value)
            ++j;
        const double difference = double(i) / double(n1) - double(j) / double(n2);
        largest = std::max(largest, difference);
        smallest = std::min(smallest, difference);
    }
    const double minusSmallest = std::clamp(-smallest, 0.0, 1.0);
    double d = minusSmallest > largest ? minusSmallest : largest;

    if (method == KsMethod::Auto)
        method = std::max(n1, n2) <= exactAutoLimit ? KsMethod::Exact : KsMethod::Asymptotic;
    if (method == KsMethod::Exact) {
        // As scipy: D is rounded to a multiple of 1/lcm(n1, n2) once the exact method
        // is attempted, and stays so if it then falls back.
        if (const auto p = exactPValue(n1, n2, d)) {
            result.statistic = d;
            result.pValue = *p;
            result.method = KsMethod::Exact;
            return result;
        }
        method = KsMethod::Asymptotic;
    }
    const double m = double(std::max(n1, n2));
    const double n = double(std::min(n1, n2));
    const double effective = m * n / (m + n);
    result.statistic = d;
    result.pValue = std::clamp(kolmogorovSf(qint64(std::nearbyint(effective)), d), 0.0, 1.0);
    result.method = KsMethod::Asymptotic;
    return result;
}

} // namespace Tandem::Drift
