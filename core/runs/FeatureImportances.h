// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/eval/FoldResults.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Tandem::Eval {
struct EvaluationResult;
}

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Runs {

/// The artifact a run keeps of its feature importances, per fold. An artifact
/// rather than metric rows: a run over 784 pixels would otherwise add thousands of
/// "metrics" that every metric list (the Runs view's columns, `tandem-cli runs`,
/// `compare`) would have to filter out.
inline const QString featureImportancesFileName = QStringLiteral("feature_importances.csv");

/// The two kinds of importance a run may record.
inline const QString impurityImportanceKind = QStringLiteral("impurity");
inline const QString permutationImportanceKind = QStringLiteral("permutation");

/// One importance of one feature in one fold.
struct FeatureImportance {
    /// impurityImportanceKind (Estimator::featureImportances, per model feature:
    /// Pipeline::featureNames, so a one-hot category is its own feature) or
    /// permutationImportanceKind (Eval::permutationImportance, per input column:
    /// the mean drop of the task's headline metric when it is shuffled).
    QString kind;
    QString feature;
    /// The fold's index in the split (repeats included).
    int fold = 0;
    double value = 0.0;

    friend bool operator==(const FeatureImportance &, const FeatureImportance &) = default;
};

/// The importances of `result`'s folds: each fold's impurity importances (when the
/// model has them) then its permutation importances (when
/// Eval::EvaluationSpec::importanceRepeats > 0), fold by fold, features in the
/// model's order. `fold` is the position in result.folds (the split's index for a
/// run evaluated from its first fold).
QList<FeatureImportance> featureImportancesOf(const Eval::EvaluationResult &result);

/// `importances` as CSV (RFC 4180, UTF-8, "\n" line ends): `kind,feature,fold,importance`,
/// numbers in the shortest form that reads back exactly, NaN as an empty cell.
QByteArray featureImportancesCsv(const QList<FeatureImportance> &importances);

/// Parses the artifact; `name` stands in for the file in messages. Errors: CSV
/// errors (with line), a missing column, a fold that is not a whole number >= 0 or
/// an unknown kind (with its line).
Base::Result<QList<FeatureImportance>> parseFeatureImportances(const QByteArray &csv, const QString &name = {});

/// Reads run `runId`'s artifact from `store`: an empty list when the run recorded
/// none (a model without importances and no permutation importance asked for).
/// Errors: an unreadable file, and those of parseFeatureImportances.
Base::Result<QList<FeatureImportance>> loadFeatureImportances(const Store::ExperimentStore &store, qint64 runId);

/// Per feature of `kind`, in the order first met: its values over the folds
/// summarised (Eval::summarize: mean, sample sd, 95% interval; NaN left out), the
/// summary named after the feature.
QList<Eval::MetricSummary> summarizeImportances(const QList<FeatureImportance> &importances, const QString &kind);

/// The kinds present in `importances`, impurity first.
QStringList importanceKinds(const QList<FeatureImportance> &importances);

} // namespace Tandem::Runs
