// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/KolmogorovDistribution.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace Tandem::Drift {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr int scaleExponent = 128; // rescaling step of the matrix and recursion methods
const double scaleUp = std::ldexp(1.0, scaleExponent);
const double scaleDown = std::ldexp(1.0, -scaleExponent);
constexpr qint64 smirnovMaxExactN = 1000000;
constexpr double minLog = -708.3964185322641; // log of the smallest normal double

double clip01(double p)
{
    return std::clamp(p, 0.0, 1.0);
}

/// log(n! / n^n) by Stirling's series (n > 140).
double logFactorialOverPower(qint64 n)
{
    static constexpr double coefficients[]
        = {-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2};
    const double nd = double(n);
    const double reciprocal = 1.0 / nd;
    const double x = reciprocal / nd;
    double series = 0.0;
    for (const double c : coefficients)
        series = series * x + c;
    return std::log(nd) / 2.0 - nd + std::log(2.0 * std::numbers::pi) / 2.0 + reciprocal * series;
}

/// A dense square matrix, row-major, for the Durbin matrix power.
class Square
{
public:
    explicit Square(int size, double fill = 0.0) : m_size(size), m_values(std::size_t(size) * size, fill) { }
    static Square identity(int size)
    {
        Square result(size);
        for (int i = 0; i < size; ++i)
            result(i, i) = 1.0;
        return result;
    }
    double &operator()(int row, int column) { return m_values[std::size_t(row) * m_size + column]; }
    double operator()(int row, int column) const { return m_values[std::size_t(row) * m_size + column]; }
    int size() const { return m_size; }

    Square operator*(const Square &other) const
    {
        Square result(m_size);
        for (int i = 0; i < m_size; ++i) {
            for (int k = 0; k < m_size; ++k) {
                const double a = (*this)(i, k);
                if (a == 0.0)
                    continue;
                for (int j = 0; j < m_size; ++j)
                    result(i, j) += a * other(k, j);
            }
        }
        return result;
    }
    void scale(double factor)
    {
        for (double &value : m_values)
            value *= factor;
    }

private:
    int m_size;
    std::vector<double> m_values;
};

/// P(D_n <= d) by the Durbin matrix, with Marsaglia, Tsang and Wang's rescaling.
double durbinMatrixCdf(qint64 n, double d)
{
    if (d >= 1.0)
        return 1.0;
    const double nd = double(n) * d;
    if (nd <= 0.5)
        return 0.0;
    const int k = int(std::ceil(nd));
    const double h = double(k) - nd;
    const int m = 2 * k - 1;

    std::vector<double> v(static_cast<std::size_t>(m));
    std::vector<double> w(static_cast<std::size_t>(m));
    double factorial = 1.0; // 1 / j!
    for (int j = 1; j <= m; ++j) {
        w[std::size_t(j - 1)] = factorial;
        factorial /= j;
        v[std::size_t(j - 1)] = (1.0 - std::pow(h, j)) * factorial;
    }
    const double corner = std::pow(std::max(2.0 * h - 1.0, 0.0), m) - 2.0 * std::pow(h, m);
    v[std::size_t(m - 1)] = (1.0 + corner) * factorial;

    Square matrix(m);
    for (int column = 1; column < m; ++column) {
        for (int row = column - 1; row < m; ++row)
            matrix(row, column) = w[std::size_t(row - column + 1)];
    }
    for (int row = 0; row < m; ++row)
        matrix(row, 0) = v[std::size_t(row)];
    for (int column = 0; column < m; ++column)
        matrix(m - 1, column) = v[std::size_t(m - 1 - column)];

    Square power = Square::identity(m);
    int exponent = 0;
    int matrixExponent = 0;
    for (qint64 remaining = n; remaining > 0; remaining /= 2) {
        if (remaining % 2 != 0) {
            power = power * matrix;
            exponent += matrixExponent;
        }
        matrix = matrix * matrix;
        matrixExponent *= 2;
        if (std::abs(matrix(k - 1, k - 1)) > scaleUp) {
            matrix.scale(scaleDown);
            matrixExponent += scaleExponent;
        }
    }

    long double p = power(k - 1, k - 1);
    for (qint64 i = 1; i <= n; ++i) {
        p = (long double)i * p / (long double)n;
        if (std::abs(p) < scaleDown) {
            p *= scaleUp;
            exponent -= scaleExponent;
        }
    }
    return clip01(double(std::ldexp(p, exponent)));
}

/// The first and last column of row i of Pomeranz's recursion.
std::pair<qint64, qint64> pomeranzBounds(qint64 i, qint64 n, qint64 ll, int ceilF, int roundF)
{
    qint64 j1 = 0;
    qint64 j2 = 0;
    if (i == 0) {
        j1 = -ll - ceilF - 1;
        j2 = ll + ceilF - 1;
    } else {
        const qint64 half = (i + 1) / 2;
        if ((i + 1) % 2 == 0) {
            if (half == n + 1) {
                j1 = n - ll - ceilF - 1;
                j2 = n + ll + ceilF - 1;
            } else {
                j1 = half - 1 - ll - roundF - 1;
                j2 = half + ll - 1 + ceilF - 1;
            }
        } else {
            j1 = half - 1 - ll - 1;
            j2 = half + ll + roundF - 1;
        }
    }
    return {std::max<qint64>(j1 + 2, 0), std::min(j2, n)};
}

/// P(D_n <= d) by Pomeranz's recursion (n <= 140), rescaled as scipy does.
double pomeranzCdf(qint64 n, double x)
{
    const double t = double(n) * x;
    const auto ll = qint64(std::floor(t));
    const double f = t - double(ll);
    const double g = std::min(f, 1.0 - f);
    const int ceilF = f > 0 ? 1 : 0;
    const int roundF = f > 0.5 ? 1 : 0;
    const auto powers = std::size_t(2 * (ll + 1));
    // (g/n)^m / m!, (2g/n)^m / m!, ((1 - 2g)/n)^m / m!
    std::vector<double> gPower(powers), twoGPower(powers), oneMinusTwoGPower(powers);
    gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1.0;
    const double nd = double(n);
    for (std::size_t m = 1; m < powers; ++m) {
        gPower[m] = gPower[m - 1] * (g / nd) / double(m);
        twoGPower[m] = twoGPower[m - 1] * (2.0 * g / nd) / double(m);
        oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * ((1.0 - 2.0 * g) / nd) / double(m);
    }

    std::vector<double> previous(powers, 0.0);
    std::vector<double> current(powers, 0.0);
    current[0] = 1.0;
    qint64 previousStart = 0;
    qint64 currentStart = 0;
    int exponent = 0;
    auto [j1, j2] = pomeranzBounds(0, n, ll, ceilF, roundF);
    std::vector<double> convolution;
    for (qint64 i = 1; i <= 2 * n + 1; ++i) {
        const qint64 k1 = j1;
        std::swap(previous, current);
        std::swap(previousStart, currentStart);
        std::fill(current.begin(), current.end(), 0.0);
        std::tie(j1, j2) = pomeranzBounds(i, n, ll, ceilF, roundF);
        const std::vector<double> &weights
            = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 != 0 ? twoGPower : oneMinusTwoGPower);
        const qint64 length = j2 - k1 + 1;
        if (length <= 0)
            continue;
        // The full convolution of previous[k1 - start, + length) with weights[0, length),
        // each cut to its vector as a numpy slice would be.
        const qint64 from = std::max<qint64>(k1 - previousStart, 0);
        const qint64 aLength = std::clamp<qint64>(qint64(powers) - from, 0, length);
        const qint64 bLength = std::min<qint64>(length, qint64(powers));
        convolution.assign(std::size_t(std::max<qint64>(aLength + bLength - 1, 0)), 0.0);
        for (qint64 a = 0; a < aLength; ++a) {
            const double value = previous[std::size_t(from + a)];
            if (value == 0.0)
                continue;
            for (qint64 b = 0; b < bLength; ++b)
                convolution[std::size_t(a + b)] += value * weights[std::size_t(b)];
        }
        const qint64 first = j1 - k1;
        const qint64 count = j2 - j1 + 1;
        double largest = 0.0;
        for (qint64 c = 0; c < count && first + c < qint64(convolution.size()) && c < qint64(powers); ++c) {
            current[std::size_t(c)] = convolution[std::size_t(first + c)];
            largest = std::max(largest, current[std::size_t(c)]);
        }
        if (largest > 0.0 && largest < scaleDown) {
            for (double &value : current)
                value *= scaleUp;
            exponent -= scaleExponent;
        }
        currentStart = previousStart + j1 - k1;
    }

    long double answer = current[std::size_t(n - currentStart)];
    for (qint64 m = 1; m <= n; ++m) {
        if (std::abs(answer) > scaleUp) {
            answer *= scaleDown;
            exponent += scaleExponent;
        }
        answer *= (long double)m;
    }
    return clip01(double(std::ldexp(answer, exponent)));
}

/// P(D_n <= x) by the Pelz–Good asymptotic expansion (terms up to n^(-3/2)).
double pelzGoodCdf(qint64 n, double x)
{
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    constexpr double pi = std::numbers::pi;
    const double pi2 = pi * pi;
    const double pi4 = pi2 * pi2;
    const double pi6 = pi4 * pi2;
    const double sqrt2pi = std::sqrt(2.0 * pi);
    const double nd = double(n);
    const double z = std::sqrt(nd) * x;
    const double z2 = z * z;
    const double z3 = z2 * z;
    const double z4 = z2 * z2;
    const double z6 = z4 * z2;

    const double qLog = -pi2 / 8.0 / z2;
    if (qLog < -708.0)
        return 0.0;
    double q = std::exp(qLog);

    const double k1a = -z2;
    const double k1b = pi2 / 4.0;
    const double k2a = 6.0 * z6 + 2.0 * z4;
    const double k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0;
    const double k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    const double k3d = pi6 * (5.0 - 30.0 * z2) / 64.0;
    const double k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0;
    const double k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0;
    const double k3a = -30.0 * z6 - 90.0 * z4 * z4;

    double terms[4] = {0.0, 0.0, 0.0, 0.0};
    const int maxK = int(std::ceil(16.0 * z / pi));
    for (int k = maxK; k > 0; --k) {
        const double m = 2.0 * k - 1.0;
        const double m2 = m * m;
        const double m4 = m2 * m2;
        const double m6 = m4 * m2;
        const double qPower = std::pow(q, 8.0 * k);
        const double coefficients[4]
            = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
        for (int i = 0; i < 4; ++i)
            terms[i] = terms[i] * qPower + coefficients[i];
    }
    const double divisors[4] = {z, 6.0 * z4, 72.0 * std::pow(z, 7), 6480.0 * std::pow(z, 10)};
    for (int i = 0; i < 4; ++i)
        terms[i] = terms[i] * q * sqrt2pi / divisors[i];

    q = std::exp(-pi2 / 2.0 / z2);
    double k2Extra = 0.0;
    double k3Extra = 0.0;
    const double sqrt3z = std::sqrt(3.0) * z;
    for (int k = maxK; k > 0; --k) {
        const double k2 = double(k) * k;
        const double qPower = std::pow(q, k2);
        k2Extra += k2 * qPower;
        const double kPi = pi * k;
        k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
    }
    terms[2] += k2Extra * pi2 * sqrt2pi / (-36.0 * z3);
    terms[3] += k3Extra * pi2 * sqrt2pi / (216.0 * z6);
    double sum = 0.0;
    for (int i = 0; i < 4; ++i)
        sum += terms[i] / std::pow(nd, i / 2.0);
    return sum;
}

} // namespace

double smirnovSf(qint64 n, double d)
{
    if (!(n > 0 && d >= 0.0 && d <= 1.0))
        return nan;
    if (n == 1)
        return 1.0 - d;
    if (d == 0.0)
        return 1.0;
    if (d == 1.0)
        return 0.0;
    const double nd = double(n) * d;
    const double ndFloor = std::floor(nd);
    const double alpha = nd - ndFloor;
    if (ndFloor == 0 || (ndFloor == 1 && alpha == 0)) { // d <= 1/n
        const double cdf = d * std::pow(1.0 + d, double(n - 1));
        return clip01(1.0 - cdf);
    }
    if (-2.0 * double(n) * d * d < minLog)
        return 0.0;
    if (ndFloor >= double(n - 1))
        return clip01(std::pow(1.0 - d, double(n)));
    if (n > smirnovMaxExactN) {
        const double logP = -std::pow(6.0 * double(n) * d + 1.0, 2) / 18.0 / double(n);
        // Below 1/2 the sf directly keeps its precision; above, from the cdf -expm1(logP).
        return logP < -std::numbers::ln2 ? std::exp(logP) : 1.0 + std::expm1(logP);
    }
    // The terms v = 0 .. floor(n (1 - d)), leaving out v = n (1 - d) itself (a zero term).
    // Each term is exp of a sum of logarithms that cancel to a small number from
    // parts of up to ~n: log C(n, v) is accumulated with Neumaier's compensation, so
    // the terms keep about 1e-12 relative precision for n up to 10^6 in plain doubles
    // (long double would be several times slower; the sum has O(n) terms that matter).
    const auto last = n - qint64(ndFloor) - 1;
    const double nn = double(n);
    double logBinomial = 0.0; // log C(n, v)
    double logBinomialError = 0.0;
    double sum = 0.0;
    double sumError = 0.0;
    const qint64 middle = n / 2;
    for (qint64 v = 0; v <= last; ++v) {
        const double above = (nd + double(v)) / nn; // d + v/n
        const double below = ((nn - double(v)) - nd) / nn; // 1 - d - v/n
        const double logTerm
            = (logBinomial + logBinomialError) + double(v - 1) * std::log(above) + double(n - v) * std::log(below);
        const double term = std::exp(logTerm);
        const double total = sum + term;
        sumError += std::abs(sum) >= term ? (sum - total) + term : (term - total) + sum;
        sum = total;
        // Past the peak the terms only shrink: stop once the rest cannot matter.
        if (term > 0 && 4.0 * double(last - v + 1) * term < DBL_EPSILON * sum && v != last)
            break;
        if (term == 0 && v > middle)
            break;
        const double step = std::log(double(n - v) / double(v + 1));
        const double next = logBinomial + step;
        logBinomialError
            += std::abs(logBinomial) >= std::abs(step) ? (logBinomial - next) + step : (step - next) + logBinomial;
        logBinomial = next;
    }
    return clip01(d * (sum + sumError));
}

double kolmogorovSf(qint64 n, double d)
{
    if (n <= 0 || std::isnan(d))
        return nan;
    if (d >= 1.0)
        return 0.0;
    if (d <= 0.0)
        return 1.0;
    const double nd = double(n);
    const double t = nd * d;
    if (t <= 1.0) { // Ruben and Gambino: 1/(2n) <= d <= 1/n
        if (t <= 0.5)
            return 1.0;
        double cdf = 1.0;
        if (n <= 140) {
            for (qint64 i = 1; i <= n; ++i)
                cdf *= double(i) * (1.0 / nd) * (2.0 * t - 1.0);
        } else {
            cdf = std::exp(logFactorialOverPower(n) + nd * std::log(2.0 * t - 1.0));
        }
        return clip01(1.0 - cdf);
    }
    if (t >= nd - 1.0) // Ruben and Gambino
        return clip01(2.0 * std::pow(1.0 - d, nd));
    if (d >= 0.5)
        return clip01(2.0 * smirnovSf(n, d));

    const double ndSquared = t * d;
    if (n <= 140) {
        if (ndSquared <= 0.754693)
            return clip01(1.0 - durbinMatrixCdf(n, d));
        if (ndSquared <= 4.0)
            return clip01(1.0 - pomeranzCdf(n, d));
        return clip01(2.0 * smirnovSf(n, d));
    }
    if (ndSquared >= 370.0)
        return 0.0;
    if (ndSquared >= 2.2)
        return clip01(2.0 * smirnovSf(n, d));
    const double cdf = (n <= 100000 && nd * std::pow(d, 1.5) <= 1.4) ? durbinMatrixCdf(n, d) : pelzGoodCdf(n, d);
    return clip01(1.0 - cdf);
}

} // namespace Tandem::Drift
