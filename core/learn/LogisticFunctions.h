// SPDX-License-Identifier: GPL-3.0-or-later
// The logistic function and its log-loss partner, written once for every family
// that turns scores into probabilities (logistic regression, boosting).
#pragma once

#include <cmath>

namespace Tandem::Learn {

/// log(1 + e^z) without overflow: the binary log loss of a score z for class 0.
inline double softplus(double z)
{
    return z > 0.0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}

/// 1 / (1 + e^-z), exact in both tails (no e^z overflow for large |z|).
inline double sigmoid(double z)
{
    if (z >= 0.0)
        return 1.0 / (1.0 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1.0 + e);
}

} // namespace Tandem::Learn
