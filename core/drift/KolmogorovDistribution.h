// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

/// The distributions of the Kolmogorov–Smirnov statistics behind the p-values of
/// the two-sample test (KolmogorovSmirnov.h). Outside their domain they return NaN.
namespace Tandem::Drift {

/// P(D_n > d) for the two-sided one-sample statistic D_n = sup |F_n - F| of n
/// values: scipy.stats.kstwo.sf(d, n), computed by the same choice of methods
/// as scipy 1.10 (Simard and L'Ecuyer, 2011): Ruben and Gambino's closed forms
/// near d = 1/(2n) and d = 1; 2 smirnovSf(n, d) for d >= 1/2 and in the upper
/// tail (n d^2 >= 2.2, or > 4 for n <= 140); below that the Durbin matrix
/// (Marsaglia, Tsang and Wang) where it is exact and affordable, Pomeranz's
/// recursion for n <= 140, and otherwise the Pelz–Good expansion. Agrees with
/// scipy to about 1e-12 relative where the p-value is above 1e-300.
double kolmogorovSf(qint64 n, double d);

/// P(D+_n >= d) for the one-sided statistic D+_n = sup (F - F_n):
/// scipy.special.smirnov(n, d), by Smirnov's (Birnbaum and Tingey's) exact sum
/// d Σ_v C(n, v) (d + v/n)^(v - 1) (1 - d - v/n)^(n - v), each term in long
/// double logarithms. For n above 10^6 the sum is replaced by scipy's
/// approximation exp(-(6 n d + 1)^2 / (18 n)).
double smirnovSf(qint64 n, double d);

} // namespace Tandem::Drift
