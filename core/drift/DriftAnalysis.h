// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/drift/DriftReport.h"
#include "core/drift/FeatureSketch.h"
#include "core/drift/PerformanceDrift.h"
#include "core/drift/WindowedDrift.h"
#include "core/learn/Task.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Drift {

/// What analyseDrift() compares and shows.
struct DriftAnalysisOptions {
    /// The features' comparison (columns, per-feature tests, drift share, threads).
    /// The target, prediction and order columns are left out of the features.
    DriftOptions drift;
    /// Tests for every feature, where `drift.tests` sets none: each feature takes the
    /// first that fits it (a numeric test skips categorical features), else its default.
    QList<TestChoice> everyFeature;
    /// The target column: its drift is reported apart; with predictions, the performance.
    QString target;
    /// A column of logged predictions in both datasets. (A model's predictions
    /// come from Monitor::modelDrift, which fills the same fields of the analysis.)
    QString prediction;
    /// A time or order column (numbers or datetimes): drift per window of current
    /// rows along it, and the performance windows in its order.
    QString order;
    /// Classification or regression for the performance; unset: categorical
    /// targets are classes, numbers are regression.
    std::optional<Learn::Task> task;
    /// The performance metric (PerformanceOptions::metric).
    QString metric;
    WindowSpec windows;
    SketchOptions sketch;
    /// Each feature's sketch and, with an order column, each feature's drift per
    /// window: what charts and the HTML report draw. A report of numbers only (the
    /// CLI's text and JSON) goes without.
    bool charts = true;
};

/// Everything a drift report shows: the features' drift and their charts, the
/// target's and the predictions' drift, drift over time and performance per
/// window. The Drift view shows it, the HTML report writes it.
struct DriftAnalysis {
    /// The compared data, for people (a file name, "training data of run 12").
    QString referenceName;
    QString currentName;
    DriftReport report;
    /// One per feature of `report`, in its order; may be empty (no charts).
    std::vector<FeatureSketch> sketches;
    std::optional<FeatureDrift> target;
    std::optional<FeatureDrift> prediction;
    /// A binary classifier's probability of its positive class, when a model scored both sides.
    std::optional<FeatureDrift> probability;
    /// The model's name when a model made the predictions.
    QString modelName;
    std::optional<PerformanceDrift> performance;
    std::optional<WindowedDrift> windows;
    /// The order column of the windows (empty: row order), and whether it holds datetimes.
    QString orderName;
    bool orderIsTime = false;

    /// The sketch of feature `index`, or null without sketches.
    const FeatureSketch *sketch(std::size_t index) const
    {
        return index < sketches.size() ? &sketches[index] : nullptr;
    }
};

/// Compares `current` with `reference` as `options` say: the drift report, each
/// feature's sketch, the target's drift, the predictions' drift and the
/// performance per window (a target and predictions on both sides), and the
/// drift per window (an order column). Progress covers it all; a stop returns
/// DriftReport::cancelledMessage(). Errors name the column and its role ("There
/// is no column named 'when' (time column) in the current data").
Base::Result<DriftAnalysis> analyseDrift(const Data::Dataset &reference, const Data::Dataset &current,
    const DriftAnalysisOptions &options, const Base::Progress &progress);

} // namespace Tandem::Drift
