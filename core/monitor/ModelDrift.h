// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/bundle/Scorer.h"
#include "core/drift/FeatureDrift.h"
#include "core/drift/PerformanceDrift.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace Tandem::Bundle {
class Bundle;
}

namespace Tandem::Data {
class Column;
class Dataset;
} // namespace Tandem::Data

namespace Tandem::Monitor {

/// How a model's drift is measured.
struct ModelDriftOptions {
    /// How its predictions are compared (the default test rule of features).
    Drift::FeatureDriftOptions prediction;
    /// The column of true labels (or values) in both datasets; empty: no performance.
    QString target;
    /// One order value per current row (orderValues), for the performance windows;
    /// empty: the rows' order.
    std::vector<double> currentOrder;
    Drift::PerformanceOptions performance;
    /// Score categories the model never saw as its pipeline does instead of refusing them.
    bool allowUnknownCategories = false;
};

/// Where PerformanceDrift::reference, the level the windows are held against, comes from.
enum class ReferenceLevel : quint8 {
    /// The model's predictions on the reference rows.
    ReferencePredictions,
    /// The metric the model's run measured by cross-validation (the bundle's
    /// manifest metrics): used when the reference is the model's training data
    /// (same fingerprint), on which its predictions would flatter it (a forest or
    /// 1-NN scores close to 1 on the rows it was fitted on, and every window would alert).
    CrossValidation,
};

/// "reference_predictions", "cross_validation".
QString referenceLevelName(ReferenceLevel level);

/// A model's drift between a reference and a current dataset.
struct ModelDrift {
    /// The predictions compared as a feature named "prediction": predicted classes
    /// as categories (the predicted class distribution), or regression values as
    /// numbers (the score distribution).
    Drift::FeatureDrift prediction;
    /// Binary classification: the probability of the second class (the positive
    /// one, as scikit-learn orders them) compared as a number, named "proba_<class>".
    std::optional<Drift::FeatureDrift> probability;
    /// With ModelDriftOptions::target: the metric per window of current rows.
    std::optional<Drift::PerformanceDrift> performance;
    ReferenceLevel referenceLevel = ReferenceLevel::ReferencePredictions;
    /// Classification: the model's classes, then labels of the target it does not
    /// know (sorted): the encoding of the performance's class indices.
    QStringList classes;
};

/// Scores both datasets with `model` (Bundle::scoreDataset) and compares its
/// predictions; with a target, measures its performance on the current rows window
/// by window (Drift::performanceDrift) against its level on the reference (see
/// ReferenceLevel). `referenceName` and `currentName` name the data in errors.
/// Errors: a column the model reads missing or of another kind (naming it and the
/// record), the target missing from either side or of a type the task cannot use,
/// an order of another length than the current rows, and performanceDrift's.
/// Progress: scoring the reference, the current data, then the comparisons.
Base::Result<ModelDrift> modelDrift(const std::shared_ptr<const Bundle::Bundle> &model, const Data::Dataset &reference,
    const QString &referenceName, const Data::Dataset &current, const QString &currentName,
    const ModelDriftOptions &options, const Base::Progress &progress);

/// The order values of `data`'s column `name` for performance windows: numbers,
/// or datetimes as milliseconds since the epoch (missing: NaN, left out of the
/// windows). Errors: no such column, or one of another type (naming it).
Base::Result<std::vector<double>> orderValues(const Data::Dataset &data, const QString &name);

/// Scores every row of `data` (Bundle::scoreDataset), with the class
/// probabilities when the model is a classifier that gives them.
Base::Result<Bundle::Scores> scoreWithProbabilities(const std::shared_ptr<const Bundle::Bundle> &model,
    const Data::Dataset &data, const QString &dataName, bool allowUnknownCategories = false);

/// The classes a model's predictions are encoded with next to truth columns: the
/// model's classes in its order, then the labels (Column::toString) of `truths` it
/// does not know, sorted. Empty for regression.
QStringList classEncoding(const Bundle::Bundle &model, std::span<const Data::Column *const> truths);

/// A model's scores of some rows with their truth, in the encoding performanceDrift
/// and Eval's metrics take: classification as indices into `classes`
/// (classEncoding) with the probabilities widened to them when scored; regression
/// as numbers (a non-numeric truth column is an error naming it). A missing truth is NaN.
Base::Result<Drift::LabelledPredictions> labelledScores(
    const Bundle::Bundle &model, const Bundle::Scores &scores, const Data::Column &truth, const QStringList &classes);

} // namespace Tandem::Monitor
