// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/drift/DriftTest.h"

#include <QString>

namespace Tandem::Drift {

struct FeatureDrift;

/// How drift numbers read for people, the same in the Drift view, its alerts
/// and the HTML report.

/// Four significant digits ("0.03125", "1.2e-09"); "–" for NaN.
QString driftNumber(double value);
/// A share as a percentage with one decimal ("12.5%").
QString percentText(double share);
/// An order value: an ISO date and time (UTC) for datetime columns, else the number.
QString orderText(double value, bool isTime);
/// "Kolmogorov–Smirnov", "Wasserstein (normed)", "PSI", "Jensen–Shannon", "Chi-square".
QString driftTestTitle(DriftTest test);
/// The findings of a feature in a few words ("missing 0.0% → 20.0%; new categories
/// x, y (12.0% of current)"), empty when there are none.
QString findingsText(const FeatureDrift &feature);

} // namespace Tandem::Drift
