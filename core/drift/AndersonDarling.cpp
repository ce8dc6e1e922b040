// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/AndersonDarling.h"

#include <Eigen/Dense>

#include <array>
#include <cmath>
#include <cstddef>

namespace Tandem::Drift {
namespace {

/// Scholz and Stephens' Table 2: significance levels and, for k - 1 = 1 sample
/// degree of freedom, the critical values b0 + b1 / sqrt(m) + b2 / m.
constexpr std::array<double, 7> significance {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
constexpr std::array<double, 7> b0 {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
constexpr std::array<double, 7> b1 {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
constexpr std::array<double, 7> b2 {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};

/// numpy.polyfit(critical, log(significance), 2) then polyval at `statistic`: the
/// least-squares quadratic through the seven points.
double interpolatedSignificance(const std::array<double, 7> &critical, double statistic)
{
    Eigen::Matrix<double, 7, 3> vandermonde;
    Eigen::Matrix<double, 7, 1> logLevels;
    for (std::size_t i = 0; i < critical.size(); ++i) {
        const auto row = Eigen::Index(i);
        vandermonde(row, 0) = critical[i] * critical[i];
        vandermonde(row, 1) = critical[i];
        vandermonde(row, 2) = 1.0;
        logLevels(row) = std::log(significance[i]);
    }
    const Eigen::Vector3d coefficients = vandermonde.colPivHouseholderQr().solve(logLevels);
    return std::exp((coefficients(0) * statistic + coefficients(1)) * statistic + coefficients(2));
}

/// Σ of `inner` terms over the distinct values z_j of the two samples (equation 7
/// of Scholz and Stephens, midranks for ties), divided per sample by its size.
double midrankStatistic(std::span<const double> a, std::span<const double> b)
{
    const auto n1 = double(a.size());
    const auto n2 = double(b.size());
    const double n = n1 + n2;
    std::size_t i = 0;
    std::size_t j = 0;
    double below = 0.0; // values of both samples below the current distinct value
    double sumA = 0.0;
    double sumB = 0.0;
    while (i < a.size() || j < b.size()) {
        const double z = j == b.size() || (i < a.size() && a[i] <= b[j]) ? a[i] : b[j];
        const std::size_t startA = i;
        const std::size_t startB = j;
        while (i < a.size() && a[i] == z)
            ++i;
        while (j < b.size() && b[j] == z)
            ++j;
        const auto fA = double(i - startA);
        const auto fB = double(j - startB);
        const double tied = fA + fB;
        const double midrank = below + tied / 2.0;
        const double denominator = midrank * (n - midrank) - n * tied / 4.0;
        // M_ij: values of the sample at or below z, its own ties counted half.
        const double mA = double(startA) + fA / 2.0;
        const double mB = double(startB) + fB / 2.0;
        sumA += tied / n * (n * mA - midrank * n1) * (n * mA - midrank * n1) / denominator;
        sumB += tied / n * (n * mB - midrank * n2) * (n * mB - midrank * n2) / denominator;
        below += tied;
    }
    return (sumA / n1 + sumB / n2) * (n - 1.0) / n;
}

} // namespace

AndersonDarlingResult andersonDarlingTwoSample(std::span<const double> sortedA, std::span<const double> sortedB)
{
    AndersonDarlingResult result;
    const std::size_t total = sortedA.size() + sortedB.size();
    if (sortedA.empty() || sortedB.empty() || total < 4)
        return result;
    const double lowest = std::min(sortedA.front(), sortedB.front());
    const double highest = std::max(sortedA.back(), sortedB.back());
    if (lowest == highest)
        return result;

    constexpr double k = 2.0;
    const double n = double(total);
    const double akn = midrankStatistic(sortedA, sortedB);

    // scipy's variance of A2akN under the null hypothesis, term for term.
    const double bigH = 1.0 / double(sortedA.size()) + 1.0 / double(sortedB.size());
    double cumulative = 0.0; // Σ 1/i for i from N - 1 down to the current one
    double g = 0.0;
    for (std::size_t step = 0; step + 2 < total; ++step) {
        cumulative += 1.0 / double(total - 1 - step);
        g += cumulative / double(step + 2);
    }
    const double h = cumulative + 1.0;
    const double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH;
    const double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
    const double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * bigH + 4 * h;
    const double d = (2 * h + 6) * k * k - 4 * h * k;
    const double variance = (a * n * n * n + b * n * n + c * n + d) / ((n - 1.0) * (n - 2.0) * (n - 3.0));
    const double m = k - 1.0;
    result.statistic = (akn - m) / std::sqrt(variance);

    std::array<double, 7> critical {};
    for (std::size_t i = 0; i < critical.size(); ++i)
        critical[i] = b0[i] + b1[i] / std::sqrt(m) + b2[i] / m;
    if (result.statistic < critical.front())
        result.pValue = significance.front();
    else if (result.statistic > critical.back())
        result.pValue = significance.back();
    else
        result.pValue = interpolatedSignificance(critical, result.statistic);
    return result;
}

} // namespace Tandem::Drift
