// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/eval/MetricSet.h"
#include "core/runs/JobQueue.h"
#include "core/store/RunStatus.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Tandem::Bundle {
class Bundle;
}

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Monitor {

/// A fitted model's metrics on data it was not fitted on.
struct ExternalMetrics {
    /// The task's metric set (Eval::classificationMetrics with probabilities when
    /// the model gives them, or Eval::regressionMetrics), under the names a run's
    /// metrics have, so that Compare lines them up with cross-validated runs.
    Eval::MetricList metrics;
    qint64 rows = 0;
    /// Rows with a target, the ones scored.
    qint64 labelledRows = 0;
};

/// Scores `data` with `model` and measures it on the rows whose target (the
/// model's, BundleManifest::target) is known. Labels the model never saw count as
/// classes it never predicts. Errors: the target column missing from `data` (named
/// with `dataName`), no row with a target, and the scoring's schema errors.
Base::Result<ExternalMetrics> externalMetrics(
    const std::shared_ptr<const Bundle::Bundle> &model, const Data::Dataset &data, const QString &dataName);

/// The tag of a run that records an external evaluation.
QString externalEvaluationTag();
/// "model-of:<id>": the tag naming the run whose model an external evaluation scored.
QString modelOfTag(qint64 runId);

/// What queueExternalEvaluation started.
struct LaunchedEvaluation {
    /// The run recording the evaluation.
    qint64 runId = 0;
    Runs::JobId jobId = 0;
};

/// Called on the queue's thread once the evaluation's run has ended.
using EvaluationFinished = std::function<void(qint64 runId, Store::RunStatus status, const QString &error)>;

/// Evaluates run `modelRunId`'s model on `data` (read from `dataPath`) as a run of
/// its own: records a queued run in `experimentId` named "<run name> on <file>"
/// with the original's spec (how the model was built: its data is the original's)
/// and seed, tagged externalEvaluationTag() and modelOfTag(modelRunId), then one
/// job on `queue` that refits the model as `tandem-cli export` does
/// (Bundle::exportRun, every row of the run's data) and records the original's
/// parameters, externalMetrics (one value per metric, no folds) and a note saying
/// what was scored, and finishes the run done; a failure or a stop finishes it
/// failed or cancelled. Errors (nothing queued): a read-only workspace, an unknown
/// run or one that is not done, and store errors.
Base::Result<LaunchedEvaluation> queueExternalEvaluation(const std::shared_ptr<const Store::Workspace> &workspace,
    Runs::JobQueue &queue, qint64 modelRunId, const QString &dataPath, std::shared_ptr<const Data::Dataset> data,
    std::optional<qint64> experimentId, EvaluationFinished onFinished = {});

} // namespace Tandem::Monitor
