// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// The studentized range distribution with infinitely many degrees of freedom:
/// the range (largest minus smallest) of k independent standard normal values. Its
/// upper quantiles give the Nemenyi test's critical difference after Friedman's
/// test (Demšar 2006), and its tail the Nemenyi p-values.
///
///   P(Q <= q) = k ∫ φ(z) [Φ(z) - Φ(z - q)]^(k-1) dz
///   P(Q > q)  = k ∫ φ(z) (Φ(z)^(k-1) - [Φ(z) - Φ(z - q)]^(k-1)) dz
///
/// Both integrals are taken by adaptive Gauss–Kronrod (7/15 points) to about 1e-15
/// relative; the difference of powers in the tail is summed as
/// B · Σ A^i (A - B)^(k-2-i) (A = Φ(z), B = Φ(z - q)) so that small p-values keep their
/// relative precision. Agrees with scipy.stats.studentized_range(k, inf) to ~1e-12.
/// Outside the domain (k < 2, NaN) the functions return NaN.
namespace Tandem::Eval {

/// P(Q <= q) for the range of `k` >= 2 standard normals (scipy.stats.studentized_range.cdf(q, k, inf)).
double studentizedRangeCdf(double q, int k);

/// P(Q > q) (scipy.stats.studentized_range.sf(q, k, inf)), computed directly.
double studentizedRangeSf(double q, int k);

/// The q with P(Q <= q) = p, p in (0, 1) (scipy.stats.studentized_range.ppf(p, k, inf)):
/// Newton steps on the cdf (or on the tail for p > 1/2) kept inside a bisection bracket.
double studentizedRangeQuantile(double p, int k);

} // namespace Tandem::Eval
