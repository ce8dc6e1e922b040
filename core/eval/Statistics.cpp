// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/Statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace Tandem::Eval {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The continued fraction of I_x(a, b) (Numerical Recipes' betacf), converging
/// quickly for x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x)
{
    constexpr double tiny = 1e-300;
    constexpr double epsilon = 1e-16;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::abs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    double h = d;
    // One Lentz step for the coefficient aa: updates c and d, returns the factor of h.
    const auto step = [&c, &d](double aa) {
        d = 1.0 + aa * d;
        if (std::abs(d) < tiny)
            d = tiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        return d * c;
    };
    for (int m = 1; m <= 10000; ++m) {
        const int m2 = 2 * m;
        h *= step(m * (b - m) * x / ((qam + m2) * (a + m2)));
        const double delta = step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)));
        h *= delta;
        if (std::abs(delta - 1.0) <= epsilon)
            break;
    }
    return h;
}

/// lgamma(x) - ((x - 1/2) log x - x + log sqrt(2 pi)) for x >= 10: the Stirling
/// series, its terms below 1e-17 from the eighth on.
double stirlingCorrection(double x)
{
    const double r = 1.0 / (x * x);
    return (1.0 / 12.0
               + r
                   * (-1.0 / 360.0
                       + r
                           * (1.0 / 1260.0
                               + r
                                   * (-1.0 / 1680.0
                                       + r * (1.0 / 1188.0 + r * (-691.0 / 360360.0 + r * (1.0 / 156.0)))))))
        / x;
}

/// log B(a, b) without the cancellation of lgamma differences for large arguments
/// (the scheme of R's lbeta).
double logBeta(double a, double b)
{
    const double p = std::min(a, b);
    const double q = std::max(a, b);
    constexpr double logSqrt2Pi = 0.918938533204672741780329736406;
    if (p >= 10.0) {
        const double corr = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
        return -0.5 * std::log(q) + logSqrt2Pi + corr + (p - 0.5) * std::log(p / (p + q))
            + q * std::log1p(-p / (p + q));
    }
    if (q >= 10.0) {
        const double corr = stirlingCorrection(q) - stirlingCorrection(p + q);
        return std::lgamma(p) + corr + p - p * std::log(p + q) + (q - 0.5) * std::log1p(-p / (p + q));
    }
    return std::lgamma(p) + std::lgamma(q) - std::lgamma(p + q);
}

/// I_x(a, b) with y = 1 - x passed separately, so that it keeps its precision when
/// x is close to 1 (the t distribution near its centre).
double incompleteBeta(double a, double b, double x, double y)
{
    if (x <= 0.0)
        return 0.0;
    if (y <= 0.0)
        return 1.0;
    const double logX = x < 0.5 ? std::log(x) : std::log1p(-y);
    const double logY = y < 0.5 ? std::log(y) : std::log1p(-x);
    const double logFront = a * logX + b * logY - logBeta(a, b);
    const double front = std::exp(logFront);
    if (x < (a + 1.0) / (a + b + 2.0))
        return front * betaContinuedFraction(a, b, x) / a;
    return 1.0 - front * betaContinuedFraction(b, a, y) / b;
}

/// P(T > t) for t >= 0: 1/2 I_{df/(df+t^2)}(df/2, 1/2).
double upperTail(double t, double df)
{
    const double d = df + t * t;
    return 0.5 * incompleteBeta(df / 2.0, 0.5, df / d, t * t / d);
}

/// P(0 < T < t) for t >= 0: 1/2 I_{t^2/(df+t^2)}(1/2, df/2), accurate where it is small.
double centralMass(double t, double df)
{
    const double d = df + t * t;
    return 0.5 * incompleteBeta(0.5, df / 2.0, t * t / d, df / d);
}

double studentTDensity(double t, double df)
{
    const double logNorm
        = std::lgamma((df + 1.0) / 2.0) - std::lgamma(df / 2.0) - 0.5 * std::log(df * std::numbers::pi);
    return std::exp(logNorm - (df + 1.0) / 2.0 * std::log1p(t * t / df));
}

/// The t > 0 with P(T > t) = tail and P(0 < T < t) = mass (tail + mass = 1/2, both
/// given exactly by the caller). The smaller of the two is solved for, so that
/// quantiles near the centre and far in the tail both keep their relative precision.
double upperQuantile(double tail, double mass, double df)
{
    const bool central = tail > 0.25;
    if (df == 1.0)
        return central ? std::tan(std::numbers::pi * mass) : 1.0 / std::tan(std::numbers::pi * tail);
    if (df == 2.0)
        return 2.0 * mass / std::sqrt(2.0 * (1.0 - tail) * tail);
    // f increases with t, f(0) < 0: bracket its root in [low, high], then Newton steps
    // (f' is the density) that fall back to bisection when they leave the bracket.
    const auto f = [&](double t) { return central ? centralMass(t, df) - mass : tail - upperTail(t, df); };
    double low = 0.0;
    double high = 1.0;
    while (f(high) < 0.0) {
        low = high;
        high *= 2.0;
        if (!std::isfinite(high))
            return std::numeric_limits<double>::infinity();
    }
    double t = 0.5 * (low + high);
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double value = f(t);
        if (value < 0.0)
            low = t;
        else if (value > 0.0)
            high = t;
        else
            return t;
        double next = t - value / studentTDensity(t, df);
        if (!(next > low && next < high))
            next = 0.5 * (low + high);
        if (std::abs(next - t) <= 1e-15 * std::abs(next))
            return next;
        t = next;
    }
    return t;
}

/// x^a e^-x / Gamma(a), the front factor of both incomplete gamma expansions.
double gammaFront(double a, double x)
{
    return std::exp(a * std::log(x) - x - std::lgamma(a));
}

/// P(a, x) by its series, for x < a + 1.
double lowerGammaSeries(double a, double x)
{
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n <= 10000; ++n) {
        term *= x / (a + n);
        sum += term;
        if (std::abs(term) <= std::abs(sum) * 1e-17)
            break;
    }
    return sum * gammaFront(a, x);
}

/// Q(a, x) by its continued fraction (Numerical Recipes' gcf), for x >= a + 1.
double upperGammaContinuedFraction(double a, double x)
{
    constexpr double tiny = 1e-300;
    double b = x + 1.0 - a;
    double c = 1.0 / tiny;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i <= 10000; ++i) {
        const double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (std::abs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1.0) <= 1e-16)
            break;
    }
    return gammaFront(a, x) * h;
}

} // namespace

double regularizedIncompleteBeta(double a, double b, double x)
{
    if (!(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0))
        return nan;
    return incompleteBeta(a, b, x, 1.0 - x);
}

double studentTCdf(double t, double df)
{
    if (!(df > 0.0) || std::isnan(t))
        return nan;
    const double tail = upperTail(std::abs(t), df);
    return t >= 0.0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df)
{
    if (!(df > 0.0) || !(p > 0.0 && p < 1.0))
        return nan;
    if (p == 0.5)
        return 0.0;
    // 1 - p and p - 0.5 are exact for p in [0.5, 1), 0.5 - p for p in [0.25, 0.5].
    return p > 0.5 ? upperQuantile(1.0 - p, p - 0.5, df) : -upperQuantile(p, 0.5 - p, df);
}

double studentTSf(double t, double df)
{
    if (!(df > 0.0) || std::isnan(t))
        return nan;
    return t >= 0.0 ? upperTail(t, df) : 1.0 - upperTail(-t, df);
}

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double regularizedLowerIncompleteGamma(double a, double x)
{
    if (!(a > 0.0 && x >= 0.0))
        return nan;
    if (x == 0.0)
        return 0.0;
    if (std::isinf(x))
        return 1.0;
    return x < a + 1.0 ? lowerGammaSeries(a, x) : 1.0 - upperGammaContinuedFraction(a, x);
}

double regularizedUpperIncompleteGamma(double a, double x)
{
    if (!(a > 0.0 && x >= 0.0))
        return nan;
    if (x == 0.0)
        return 1.0;
    if (std::isinf(x))
        return 0.0;
    return x < a + 1.0 ? 1.0 - lowerGammaSeries(a, x) : upperGammaContinuedFraction(a, x);
}

double chiSquareSf(double x, double df)
{
    if (!(df > 0.0) || std::isnan(x))
        return nan;
    return x <= 0.0 ? 1.0 : regularizedUpperIncompleteGamma(df / 2.0, x / 2.0);
}

double fDistributionSf(double x, double d1, double d2)
{
    if (!(d1 > 0.0 && d2 > 0.0) || std::isnan(x))
        return nan;
    if (x <= 0.0)
        return 1.0;
    if (std::isinf(x))
        return 0.0;
    const double denominator = d2 + d1 * x;
    return incompleteBeta(d2 / 2.0, d1 / 2.0, d2 / denominator, d1 * x / denominator);
}

} // namespace Tandem::Eval
