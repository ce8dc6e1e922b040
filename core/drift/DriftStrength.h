// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/drift/DriftTest.h"

#include <vector>

namespace Tandem::Drift {

struct FeatureDrift;

/// How far a test's score lies beyond its threshold, on one scale for p-values
/// and distances, so features tested differently sort together: 1 at the
/// threshold, above 1 for drift. Distances: score / threshold; p-values:
/// log(p) / log(threshold) (p = 0 gives +inf). NaN when the test could not run.
double driftStrength(const TestOutcome &outcome);

/// The indexes of `features` in the order of the Drift view's table and the HTML
/// report: the drifted ones first (by their test or a finding), then the others,
/// each group from the strongest drift to the weakest (NaN strengths last, ties in
/// their order).
std::vector<std::size_t> orderByDrift(const std::vector<FeatureDrift> &features);

} // namespace Tandem::Drift
