// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/bundle/Bundle.h"
#include "core/bundle/InputSchema.h"
#include "core/learn/Estimator.h"

#include <QStringList>

#include <memory>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Bundle {

struct ScoreOptions {
    /// Classification: also the probability of every class.
    bool probabilities = false;
    /// Score categories the model never saw as the pipeline does (no one-hot
    /// column set, or missing for ordinal codes) instead of refusing them.
    bool allowUnknownCategories = false;
};

/// What a model said about some rows.
struct Scores {
    /// Class indices into the bundle's classes (classification) or values (regression).
    Learn::Vector predicted;
    /// Classification: the predicted class labels.
    QStringList labels;
    /// With ScoreOptions::probabilities: rows × classes, in the bundle's class order.
    Learn::Matrix probabilities;

    qint64 rowCount() const { return predicted.size(); }
};

/// Scores data with a bundle: checks it against the input schema, transforms it
/// with the bundle's pipeline and predicts with its model, the same functions a
/// run calls. const and thread-safe: one Scorer serves any number of threads.
///
/// Each row's prediction depends on that row alone: a file scored in batches gives
/// the predictions of the whole file scored at once, bit for bit. (Eigen picks its
/// product kernels by matrix size, and the smallest sizes sum in another order, so
/// batches of fewer than minimumBatchRows rows are scored padded to that many.)
class Scorer
{
public:
    explicit Scorer(std::shared_ptr<const Bundle> bundle);

    const Bundle &bundle() const { return *m_bundle; }

    /// Scores every row of `data`, whose columns are found by name (others are
    /// ignored). Schema errors name the column and the row (`places`).
    Base::Result<Scores> score(
        const Data::Dataset &data, const RowPlaces &places, const ScoreOptions &options = {}) const;

    /// The output's column names: "prediction", then "proba_<class>" per class.
    QStringList outputColumns(bool probabilities) const;

    static constexpr Eigen::Index minimumBatchRows = 32;

private:
    std::shared_ptr<const Bundle> m_bundle;
};

} // namespace Tandem::Bundle
