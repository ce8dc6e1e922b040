// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/RunRecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>

/// How stored runs are shown by `run`, `sweep` and `runs`: one JSON shape and one
/// ranking for all of them, so scripts read every command's output the same way.
namespace Tandem::Cli {

/// The model id in a run's spec ("logreg").
QString runModel(const Store::RunRecord &run);

/// The metric the run is ranked by (headlineMetric of its model's task); accuracy
/// for a model the registry does not know.
QString runHeadlineMetric(const Store::RunRecord &run);

/// The run's value of its headline metric; NaN when it has none.
double runHeadlineValue(const Store::RunRecord &run);

/// `{id, name, experiment, status, executor, model, params, metrics, error, seed, created_at,
/// started_at, ended_at, duration_ms, tags}`: metrics are the values over all folds;
/// NaN, unknown times and a missing experiment are null.
QJsonObject runSummaryJson(const Store::RunRecord &run);

/// runSummaryJson plus `spec`, `host`, `app_version`, `folds` (per fold, an object
/// of metrics), `steps` (`[{name, fold, step, value}]`), `artifacts` (names under
/// `artifacts_dir`) and `notes`.
QJsonObject runDetailsJson(const Store::RunDetails &details, const QString &artifactsDir);

/// Runs best first by each one's headline metric (greater or smaller is better as
/// the metric says); runs without it last; ties by id.
void sortByHeadline(QList<Store::RunRecord> &runs);

} // namespace Tandem::Cli
