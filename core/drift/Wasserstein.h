// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <span>

namespace Tandem::Drift {

/// The Wasserstein-1 (earth mover's) distance ∫ |F_a(x) - F_b(x)| dx between the
/// empirical distributions of two sorted samples without NaN or infinities, as
/// scipy.stats.wasserstein_distance(a, b): one merge of the arrays, the areas
/// summed with Neumaier's compensation. NaN when a sample is empty.
double wassersteinDistance(std::span<const double> sortedA, std::span<const double> sortedB);

/// Evidently's normalised Wasserstein distance: wassersteinDistance(reference,
/// current) / max(numpy.std(reference), 0.001), the standard deviation with
/// ddof 0, so that one threshold (0.1) fits features of any scale.
double normalizedWasserstein(std::span<const double> sortedReference, std::span<const double> sortedCurrent);

} // namespace Tandem::Drift
