// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/FitContext.h"
#include "core/runs/JobContext.h"
#include "core/runs/RunPlan.h"
#include "core/store/RunRecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Runs {

/// Receives each fit's per-step metrics with their fold as they come (for live
/// curves), possibly from a fit's own threads.
using LiveSteps = std::function<void(int fold, const Learn::StepReport &report)>;

/// Live steps that go to a job's live metrics (JobContext::reportMetric), for the
/// learning curve drawn while the run trains.
LiveSteps liveStepsOf(const JobContext &context);

/// What an evaluated run records besides its per-step metrics, computed once so
/// that a run recorded here (completeRun) and one carried out by a cluster task
/// (ClusterTask, imported from its result file) store the same.
struct RunRecords {
    /// Every hyperparameter value (Eval::EvaluationResult::params).
    QJsonObject params;
    /// Each fold's metrics, fold = firstFold + its index in the result.
    QList<Store::MetricPoint> foldMetrics;
    /// The means over the folds (no fold, no step).
    QList<Store::MetricPoint> meanMetrics;
    /// Artifact name and bytes: the out-of-fold predictions, and the feature
    /// importances when the folds have any.
    QList<std::pair<QString, QByteArray>> artifacts;
};

RunRecords runRecordsOf(const Eval::EvaluationResult &result, int firstFold = 0);

/// Cross-validates one configuration of `spec` (Eval::crossValidate over folds
/// [firstFold, endFold), endFold < 0: to the last) with `threads` per fit, sending
/// the fits' per-step metrics to `liveSteps` (possibly from a fit's own threads).
/// Touches no store.
Base::Result<Eval::EvaluationResult> evaluateSpec(const RunSpec &spec, const Data::Dataset &dataset, int threads,
    int firstFold, int endFold, const Base::Progress &progress, const LiveSteps &liveSteps);

/// Records `run` in `store` as queued, in experiment `experimentId` when given:
/// its spec as JSON, its seed and `executor` (Executor::name; the store adds the
/// app version and the host). Returns the run's id.
Base::Result<qint64> queueRun(Store::ExperimentStore &store, const PlannedRun &run,
    std::optional<qint64> experimentId = std::nullopt, const QString &executor = QStringLiteral("local"));

/// Carries out queued run `runId` of `spec` (a PlannedRun's: one configuration) on
/// `dataset`, recording everything in `store`, which must belong to the calling
/// thread (Workspace::openStore() in a job):
///
/// marks it running; cross-validates (Eval::crossValidate, `threads` per fit,
/// reporting to `progress`) and records as evaluateFolds does; then completeRun.
///
/// A failed evaluation finishes the run as failed with the error's text, a stop
/// request as cancelled (finishUnsuccessfully); either way the error is returned (a
/// JobQueue job then ends as failed or cancelled too). Store errors are returned as
/// well, after an attempt to mark the run failed, so a run never stays running while
/// its process lives.
/// `liveSteps`, when set, also receives the per-step metrics as they come.
Base::Status executeRun(Store::ExperimentStore &store, qint64 runId, const RunSpec &spec, const Data::Dataset &dataset,
    int threads, const Base::Progress &progress, const LiveSteps &liveSteps = {});

/// The steps of executeRun, for a run evaluated a few folds at a time (successive
/// halving). Evaluates folds [firstFold, endFold) of the spec's split (endFold < 0:
/// to the last) and records each fold's metrics (fold = index in the split) and the
/// fits' per-step metrics (fold and step). The run must be running. Errors are
/// returned as they are: the caller decides how the run ends.
Base::Result<Eval::EvaluationResult> evaluateFolds(Store::ExperimentStore &store, qint64 runId, const RunSpec &spec,
    const Data::Dataset &dataset, int threads, int firstFold, int endFold, const Base::Progress &progress,
    const LiveSteps &liveSteps = {});

/// Records what is known once a run's folds are evaluated — every hyperparameter
/// value, the means of the metrics over `result`'s folds (no fold), the out-of-fold
/// predictions as the artifact outOfFoldPredictionsFileName, and, when the folds
/// have any, the feature importances as the artifact featureImportancesFileName
/// (FeatureImportances.h: per fold, each feature's impurity importance when the
/// model has Estimator::featureImportances, and its permutation importance when
/// the spec's evaluation.importance_repeats > 0; an artifact, not metric rows, so
/// that metric lists do not drown in one entry per feature) — and finishes it as
/// done. A store error marks it failed and is returned.
Base::Status completeRun(Store::ExperimentStore &store, qint64 runId, const Eval::EvaluationResult &result);

/// Finishes a run whose evaluation ended with `error`: cancelled when `stopped`, else
/// failed with the error's text. Returns `error`, or the store's error.
Base::Status finishUnsuccessfully(Store::ExperimentStore &store, qint64 runId, const Base::Error &error, bool stopped);

} // namespace Tandem::Runs
