// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QList>
#include <QString>

#include <Eigen/Core>

/// The standard metrics of a task under the names the CLI, the store and the UI use.
namespace Tandem::Eval {

/// A named value. Names are snake_case, after scikit-learn's scorer names, and
/// losses are reported as positive values ("log_loss", not "neg_log_loss").
struct Metric {
    QString name;
    double value = 0.0;

    friend bool operator==(const Metric &, const Metric &) = default;
};

using MetricList = QList<Metric>;

/// The classification set, in this order: accuracy, balanced_accuracy, f1_macro,
/// f1_micro, f1_weighted, precision_macro, recall_macro; then, when `probabilities`
/// has columns (n x K, K = numClasses), roc_auc (K = 2, on column 1) or roc_auc_ovr
/// (K > 2), log_loss and brier_score. Precision, recall and F1 use zero_division 0
/// (scikit-learn's default). A ROC AUC that is undefined on these rows (a single
/// class in y_true, or for roc_auc_ovr a class absent from y_true) is NaN rather
/// than an error, so that one unlucky fold does not lose the others' metrics.
/// Invalid inputs (lengths, class indices, probabilities) are an Error.
Base::Result<MetricList> classificationMetrics(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred,
    int numClasses, const Eigen::MatrixXd &probabilities = Eigen::MatrixXd());

/// The regression set, in this order: rmse, mae, r2, mape, explained_variance, max_error.
Base::Result<MetricList> regressionMetrics(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

/// True for scores (accuracy, r2, ...), false for losses and errors (log_loss,
/// brier_score, rmse, mae, mape, max_error), for sweeps that pick a best run.
/// Names this file does not produce count as scores.
bool greaterIsBetter(const QString &metricName);

} // namespace Tandem::Eval
