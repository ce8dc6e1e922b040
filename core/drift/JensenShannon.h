// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <span>

namespace Tandem::Drift {

/// The Jensen–Shannon distance sqrt((KL(p || m) + KL(q || m)) / 2), m = (p + q) / 2,
/// with logarithms in base 2, so it lies in [0, 1], between the shares p and q of
/// two count vectors over the same bins or categories:
/// scipy.spatial.distance.jensenshannon(p, q, base=2). NaN when either side has
/// no counts or the sizes differ.
double jensenShannonDistance(std::span<const qint64> p, std::span<const qint64> q);

} // namespace Tandem::Drift
