// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/bundle/InputSchema.h"
#include "core/bundle/ProfileJson.h"
#include "core/data/Column.h"
#include "core/learn/Task.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Tandem::Bundle {

/// Which rows the bundled model was fitted on.
enum class FitScope : quint8 {
    /// Every row with a target (a refit after the evaluation, the usual export).
    AllRows,
    /// The training part of the run's holdout split: the very model the run evaluated.
    HoldoutTraining,
};

/// "all_rows", "holdout_training".
QString fitScopeName(FitScope scope);

/// What a bundle says about itself, readable without loading the model: the
/// manifest section of a `.tandem` file, as JSON (see toJson for the keys).
struct BundleManifest {
    QDateTime createdAt; ///< UTC, to the second
    QString appVersion; ///< the Tandem that made it

    QString modelId; ///< "logreg"
    QString modelName; ///< "Logistic regression"
    Learn::Task task = Learn::Task::Classification;
    /// Every hyperparameter value the model was fitted with.
    QJsonObject params;

    InputSchema inputs;
    QString target;
    Data::ColumnType targetType = Data::ColumnType::Categorical;
    /// Classification: the class labels, in the order of predicted probabilities.
    QStringList classes;

    /// Where it came from: the run (when exported from a workspace) and its spec.
    std::optional<qint64> runId;
    QString runName;
    QString experiment;
    QString workspace;
    QJsonObject runSpec;

    /// The training data: its path when exported, its fingerprint (Dataset::fingerprint),
    /// the rows the model was fitted on and the rows left out for a missing target.
    QString datasetPath;
    QString datasetFingerprint;
    FitScope fitScope = FitScope::AllRows;
    qint64 fitRows = 0;
    qint64 droppedRows = 0;

    /// How the run was evaluated ("5-fold stratified cross-validation, ...") and its
    /// mean metrics (NaN when a metric could not be computed).
    QString evaluation;
    QMap<QString, double> metrics;

    /// The drift reference: statistics of the input columns and the target.
    ProfileSummary profile;

    /// {"bundle_format", "created_at", "app_version",
    ///  "model": {"id", "name", "task", "params"},
    ///  "input_schema": [...], "target": {"name", "type"}, "classes": [...],
    ///  "training": {"dataset", "fingerprint", "fit_scope", "fit_rows", "dropped_rows"},
    ///  "evaluation": {"description", "metrics": {name: value}},
    ///  "run": {"id", "name", "experiment", "workspace", "spec"},
    ///  "profile": {...}}
    QJsonObject toJson() const;
    /// Errors name the key ("model.task: unknown task \"ranking\"").
    static Base::Result<BundleManifest> fromJson(const QJsonObject &json);
};

} // namespace Tandem::Bundle
