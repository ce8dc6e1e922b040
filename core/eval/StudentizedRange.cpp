// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/StudentizedRange.h"

#include "core/eval/Statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace Tandem::Eval {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double normalDensity(double z)
{
    return std::exp(-0.5 * z * z) * (std::numbers::inv_sqrtpi / std::numbers::sqrt2);
}

/// Φ(z) - Φ(z - q) for q >= 0, from the upper tails when the interval lies mostly
/// above 0, so that neither branch subtracts two numbers close to 1.
double normalMassBetween(double z, double q)
{
    if (z - q / 2.0 > 0.0)
        return normalCdf(q - z) - normalCdf(-z);
    return normalCdf(z) - normalCdf(z - q);
}

/// Integration by adaptive Gauss–Kronrod 7/15 (the QUADPACK nodes): the interval with
/// the largest error estimate |K15 - G7| is halved until the estimates sum to below
/// 1e-15 of the integral.
template<typename F> double integrate(F f, double low, double high)
{
    static constexpr std::array<double, 8> nodes {0.991455371120812639206854697526329,
        0.949107912342758524526189684047851, 0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961, 0.207784955007898467600689403773245,
        0.0};
    static constexpr std::array<double, 8> kronrod {0.022935322010529224963732008058970,
        0.063092092629978553290700663189204, 0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014, 0.204432940075298892414161999234649,
        0.209482141084727828012999174891714};
    // Gauss weights of nodes 1, 3, 5 and 7 (the centre).
    static constexpr std::array<double, 4> gauss {0.129484966168869693270611432679082,
        0.279705391489276667901467771423780, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    struct Piece {
        double low;
        double high;
        double value;
        double error;
    };
    const auto rule = [&f](double a, double b) {
        const double centre = 0.5 * (a + b);
        const double half = 0.5 * (b - a);
        const double middle = f(centre);
        double k = kronrod[7] * middle;
        double g = gauss[3] * middle;
        for (int i = 0; i < 7; ++i) {
            const double sum = f(centre - half * nodes[i]) + f(centre + half * nodes[i]);
            k += kronrod[i] * sum;
            if (i % 2 == 1)
                g += gauss[i / 2] * sum;
        }
        return Piece {a, b, k * half, std::abs((k - g) * half)};
    };

    constexpr int initialPieces = 16;
    constexpr int maxPieces = 2000;
    std::vector<Piece> pieces;
    pieces.reserve(maxPieces);
    const double width = (high - low) / initialPieces;
    for (int i = 0; i < initialPieces; ++i)
        pieces.push_back(rule(low + i * width, i + 1 == initialPieces ? high : low + (i + 1) * width));
    const auto byError = [](const Piece &a, const Piece &b) { return a.error < b.error; };
    std::make_heap(pieces.begin(), pieces.end(), byError);
    while (int(pieces.size()) < maxPieces) {
        double value = 0.0;
        double error = 0.0;
        for (const Piece &piece : pieces) {
            value += piece.value;
            error += piece.error;
        }
        if (error <= 1e-15 * std::abs(value) || error == 0.0)
            break;
        std::pop_heap(pieces.begin(), pieces.end(), byError);
        const Piece worst = pieces.back();
        pieces.pop_back();
        const double middle = 0.5 * (worst.low + worst.high);
        pieces.push_back(rule(worst.low, middle));
        std::push_heap(pieces.begin(), pieces.end(), byError);
        pieces.push_back(rule(middle, worst.high));
        std::push_heap(pieces.begin(), pieces.end(), byError);
    }
    double value = 0.0;
    for (const Piece &piece : pieces)
        value += piece.value;
    return value;
}

/// Where the integrands live: φ(z) is below 1e-22 outside [-10, 10], and the tail's
/// integrand peaks near z = q / 2.
double upperLimit(double q)
{
    return std::max(10.0, q / 2.0 + 10.0);
}

/// The density, k (k - 1) ∫ φ(z) φ(z - q) [Φ(z) - Φ(z - q)]^(k-2) dz, for Newton steps.
double density(double q, int k)
{
    const auto integrand = [q, k](double z) {
        return normalDensity(z) * normalDensity(z - q) * std::pow(normalMassBetween(z, q), k - 2);
    };
    return double(k) * double(k - 1) * integrate(integrand, -10.0, upperLimit(q));
}

} // namespace

double studentizedRangeCdf(double q, int k)
{
    if (k < 2 || std::isnan(q))
        return nan;
    if (q <= 0.0)
        return 0.0;
    if (std::isinf(q))
        return 1.0;
    const auto integrand = [q, k](double z) { return normalDensity(z) * std::pow(normalMassBetween(z, q), k - 1); };
    return std::min(1.0, double(k) * integrate(integrand, -10.0, upperLimit(q)));
}

double studentizedRangeSf(double q, int k)
{
    if (k < 2 || std::isnan(q))
        return nan;
    if (q <= 0.0)
        return 1.0;
    if (std::isinf(q))
        return 0.0;
    const int m = k - 1;
    const auto integrand = [q, m](double z) {
        const double a = normalCdf(z);
        const double b = normalCdf(z - q);
        const double between = normalMassBetween(z, q);
        // a^m - between^m = b · Σ_{i<m} a^i between^(m-1-i), as between = a - b.
        double sum = 0.0;
        double aPower = 1.0;
        for (int i = 0; i < m; ++i) {
            sum += aPower * std::pow(between, m - 1 - i);
            aPower *= a;
        }
        return normalDensity(z) * b * sum;
    };
    return std::min(1.0, double(k) * integrate(integrand, -10.0, upperLimit(q)));
}

double studentizedRangeQuantile(double p, int k)
{
    if (k < 2 || !(p > 0.0 && p < 1.0))
        return nan;
    // f increases with q and f(0) < 0; the tail is solved for above the median so
    // that 1 - p, exact there, sets the precision.
    const bool upper = p > 0.5;
    const double target = upper ? 1.0 - p : p;
    const auto f
        = [&](double q) { return upper ? target - studentizedRangeSf(q, k) : studentizedRangeCdf(q, k) - target; };
    double low = 0.0;
    double high = 4.0;
    while (f(high) < 0.0) {
        low = high;
        high *= 2.0;
        if (high > 1e6)
            return std::numeric_limits<double>::infinity();
    }
    double q = 0.5 * (low + high);
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double value = f(q);
        if (value < 0.0)
            low = q;
        else if (value > 0.0)
            high = q;
        else
            return q;
        double next = q - value / density(q, k);
        if (!(next > low && next < high))
            next = 0.5 * (low + high);
        if (std::abs(next - q) <= 1e-15 * std::abs(next))
            return next;
        q = next;
    }
    return q;
}

} // namespace Tandem::Eval
