// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Tandem::Eval {
struct EvaluationResult;
}

namespace Tandem::Runs {

/// The artifact a run keeps of its predictions, for curves and residual plots
/// computed later without refitting.
inline const QString outOfFoldPredictionsFileName = QStringLiteral("oof_predictions.csv");

/// What the model said about each test row of each fold, as CSV (RFC 4180, UTF-8,
/// "\n" line ends): `row,fold,truth,predicted` then, for classification, one
/// `proba_<class>` column per class in EvaluationResult::classes order. `row` is the
/// dataset row (from 0), `fold` the index in EvaluationResult::folds (a row appears
/// once per repeat); classes are written as their labels, numbers in the shortest
/// form that reads back exactly; NaN is an empty cell.
QByteArray outOfFoldPredictionsCsv(const Eval::EvaluationResult &result);

} // namespace Tandem::Runs
