// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared helpers of the tst_drift_* suites. Reference values come from scipy 1.10.1 /
// numpy 1.24 (/usr/bin/python3) on the samples below and are committed as numbers.

#include <QByteArray>

#include <algorithm>
#include <cmath>
#include <vector>

namespace DriftFixtures {

/// Equal, both NaN, or within `relative` of each other.
inline bool close(double actual, double expected, double relative)
{
    if (std::isnan(expected) || std::isnan(actual))
        return std::isnan(expected) && std::isnan(actual);
    if (actual == expected)
        return true;
    return std::abs(actual - expected) <= relative * std::max(std::abs(expected), std::abs(actual));
}

inline QByteArray describe(const char *what, double actual, double expected)
{
    return QByteArray(what) + " is " + QByteArray::number(actual, 'g', 17) + ", expected "
        + QByteArray::number(expected, 'g', 17);
}

/// Small samples with ties inside and across them.
inline const std::vector<double> sampleA = {0.61, -1.2, 0.33, 2.5, 1.1, -0.4, 0.9, 0.05, -2.1, 1.7, 0.61, 0.2};
inline const std::vector<double> sampleB
    = {1.3, 0.8, 2.9, 0.61, 1.9, -0.1, 2.2, 1.05, 0.7, 3.1, 1.6, 0.4, 2.0, 1.2, 0.9};
inline const std::vector<double> sampleC = {0.9, 1.4, 0.2, 2.8, 1.5, 0.1, 1.9, 0.65, -0.3, 2.4, 1.0, 0.7};

/// A reproducible spread of n values in [offset, offset + scale): the fractional
/// parts of i * multiplier for i = 1..n, numpy's
/// np.fmod(np.arange(1, n + 1) * multiplier, 1.0) * scale + offset, bit for bit.
inline std::vector<double> fractions(int n, double multiplier, double scale = 1.0, double offset = 0.0)
{
    std::vector<double> values;
    values.reserve(std::size_t(n));
    for (int i = 1; i <= n; ++i)
        values.push_back(std::fmod(double(i) * multiplier, 1.0) * scale + offset);
    return values;
}

inline std::vector<double> sorted(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values;
}

} // namespace DriftFixtures
