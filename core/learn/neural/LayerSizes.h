// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <Eigen/Core>

#include <QString>

#include <vector>

namespace Tandem::Learn::Neural {

/// hidden_layer_sizes as text: "100" or "256,128" (scikit-learn's tuple without
/// the brackets). Each size is a positive integer.
struct LayerSizes {
    static constexpr int maxLayers = 16;
    static constexpr Eigen::Index maxUnits = 65536;

    /// The sizes, or an error saying which entry is wrong and why.
    static Base::Result<std::vector<Eigen::Index>> parse(const QString &text);
    /// The grammar in a few words, for help output.
    static QString syntax();
};

} // namespace Tandem::Learn::Neural
