// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/ParamSpec.h"

namespace Tandem::Learn {

/// The max_features parameter of the tree families, as scikit-learn's: "sqrt"
/// (floor of sqrt(p)), "log2" (floor of log2(p)), "all", a fraction in (0, 1]
/// written with a decimal point ("0.5", "1.0": floor of fraction × p) or a whole
/// count ("12"); never fewer than 1.
ParamSpec maxFeaturesSpec(const QString &defaultValue);

/// The number of features tried per node for p features; a count above p is an
/// error naming max_features.
Base::Result<int> resolveMaxFeatures(const QString &value, int featureCount);

} // namespace Tandem::Learn
