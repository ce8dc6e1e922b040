// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QString>

#include <Eigen/Core>

#include <limits>
#include <span>
#include <vector>

namespace Tandem::Drift {

/// A model's predictions on rows whose truth is known, in the form Eval's metrics
/// take: for classification, classes as indices 0..classCount-1 held as doubles
/// (truth and predicted share one encoding) and optionally an n x classCount
/// matrix of probabilities; for regression (classCount 0), numbers. A NaN truth
/// marks a row without a label: it is left out. Any source of predictions fits:
/// a run's model, a bundle, or a column of logged predictions.
struct LabelledPredictions {
    Eigen::VectorXd truth;
    Eigen::VectorXd predicted;
    Eigen::MatrixXd probabilities;
    int classCount = 0;

    bool isClassification() const { return classCount > 0; }
    Eigen::Index size() const { return truth.size(); }
};

/// How the current rows are cut into windows along the order column.
struct WindowSpec {
    enum class Kind : quint8 {
        /// Consecutive runs of `rows` rows in order (the last may be shorter); with
        /// rows 0, `count` windows of (nearly) equal size.
        Rows,
        /// Windows `width` wide in the order column's unit (milliseconds for
        /// datetimes), the first starting at the smallest value; empty windows are
        /// left out.
        Time,
    };
    Kind kind = Kind::Rows;
    qint64 rows = 0;
    int count = 10;
    double width = 0.0;
};

struct PerformanceOptions {
    /// A name from Eval's metric sets (MetricSet.h): "accuracy", "f1_macro",
    /// "roc_auc", "rmse", "mae", "r2", ...; empty: "accuracy" for classification,
    /// "rmse" for regression.
    QString metric;
    WindowSpec windows;
    /// A window alerts when its value is worse than the reference level by more
    /// than this fraction of the level (accuracy 0.90 → alert below 0.81; rmse
    /// 2.0 → above 2.2).
    double relativeDrop = 0.1;
    /// An alert level of its own, replacing the relative one when not NaN.
    double alertLevel = std::numeric_limits<double>::quiet_NaN();
};

/// One window of current rows.
struct PerformanceWindow {
    /// The order values of its first and last rows.
    double start = 0.0;
    double end = 0.0;
    qint64 rows = 0;
    /// The metric on these rows; NaN where it is undefined (a ROC AUC on one class).
    double value = std::numeric_limits<double>::quiet_NaN();
    bool alert = false;
};

/// A metric over time: its level on the reference, the alert level, and its value
/// in each window of the current data.
struct PerformanceDrift {
    QString metric;
    bool greaterIsBetter = true;
    double reference = std::numeric_limits<double>::quiet_NaN();
    double alertLevel = std::numeric_limits<double>::quiet_NaN();
    std::vector<PerformanceWindow> windows;

    qsizetype alertCount() const;
};

/// Performance drift: the metric on all reference rows (the level), and on the
/// current rows sorted by `currentOrder` (a time or row order, one value per
/// current row; rows with a NaN order are left out), window by window. The
/// metrics are Eval's (classificationMetrics / regressionMetrics, scikit-learn's
/// definitions). Errors: sizes that disagree, an unknown metric, a task mismatch,
/// no labelled rows on a side, a bad window spec.
Base::Result<PerformanceDrift> performanceDrift(const LabelledPredictions &reference,
    const LabelledPredictions &current, std::span<const double> currentOrder, const PerformanceOptions &options = {});

} // namespace Tandem::Drift
