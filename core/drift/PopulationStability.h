// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <span>

namespace Tandem::Drift {

/// The share that replaces an empty bin's share (0) in the PSI, whose terms
/// ln(c / r) would otherwise be infinite.
constexpr double psiEmptyShare = 1e-4;

/// The population stability index Σ_i (c_i - r_i) ln(c_i / r_i) of the shares
/// r_i = reference[i] / Σ reference and c_i = current[i] / Σ current of the same
/// bins or categories; a zero share counts as `emptyShare` (the shares are not
/// renormalised, as in Evidently). Bins empty on both sides add nothing. NaN when
/// either side has no values or the sizes differ.
double populationStabilityIndex(
    std::span<const qint64> reference, std::span<const qint64> current, double emptyShare = psiEmptyShare);

} // namespace Tandem::Drift
