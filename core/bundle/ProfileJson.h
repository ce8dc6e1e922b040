// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/Profile.h"

#include <QJsonObject>

#include <vector>

namespace Tandem::Bundle {

/// The training data's statistics a bundle keeps as its drift reference: the
/// Data::Profile of the model's input columns and target (count, missing,
/// distinct, mean, std, min, quartiles, max and a histogram for numbers; the
/// category frequencies for categories and booleans).
struct ProfileSummary {
    qint64 rows = 0;
    std::vector<Data::ColumnProfile> columns;

    /// {"rows": N, "columns": [{"name", "type", "count", "missing", "distinct",
    /// "distinct_estimated", "mean", "std", "min", "q25", "median", "q75", "max",
    /// "zeros", "histogram": {"edges", "counts"}, "top": [{"value", "count"}],
    /// "top_approximate"}, ...]}: the keys of `tandem-cli profile --json`, NaN as null.
    QJsonObject toJson() const;
    /// Errors name the column entry and the key.
    static Base::Result<ProfileSummary> fromJson(const QJsonObject &json);
};

} // namespace Tandem::Bundle
