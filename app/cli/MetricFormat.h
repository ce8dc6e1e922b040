// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/eval/MetricSet.h"
#include "core/learn/ParamSpec.h"
#include "core/learn/Task.h"

#include <QJsonObject>
#include <QString>

/// How commands print metrics and hyperparameters, so that `train`, `run`, `sweep`
/// and `runs` show the same numbers the same way.
namespace Tandem::Cli {

/// A metric in tables: four decimals; "-" for NaN and infinities.
QString formatMetric(double value);

/// "C=1, max_iter=200": hyperparameter values in name order.
QString paramsText(const Learn::ParamValues &params);

/// {name: value} of metrics, NaN as null.
QJsonObject metricsJson(const Eval::MetricList &metrics);

/// The metric a task's results are ranked by: accuracy for classification, r2 for
/// regression (as in scikit-learn's default scorers).
QString headlineMetric(Learn::Task task);

} // namespace Tandem::Cli
