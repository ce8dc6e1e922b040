// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/runs/RunPlan.h"

#include <optional>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Runs {

/// Records `run` in `store` as queued, in experiment `experimentId` when given:
/// its spec as JSON, its seed and executor "local" (the store adds the app version
/// and the host). Returns the run's id.
Base::Result<qint64> queueRun(
    Store::ExperimentStore &store, const PlannedRun &run, std::optional<qint64> experimentId = std::nullopt);

/// Carries out queued run `runId` of `spec` (a PlannedRun's: one configuration) on
/// `dataset`, recording everything in `store`, which must belong to the calling
/// thread (Workspace::openStore() in a job):
///
/// marks it running; cross-validates (Eval::crossValidate, `threads` per fit,
/// reporting to `progress`); records every hyperparameter value, the metrics of
/// each fold (fold = index in the evaluation's folds), their means (no fold), the
/// fits' per-step metrics (fold and step), and the out-of-fold predictions as the
/// artifact outOfFoldPredictionsFileName; then finishes the run as done.
///
/// A failed evaluation finishes the run as failed with the error's text, a stop
/// request as cancelled; either way the error is returned (a JobQueue job then ends
/// as failed or cancelled too). Store errors are returned as well, after an attempt
/// to mark the run failed, so a run never stays running while its process lives.
Base::Status executeRun(Store::ExperimentStore &store, qint64 runId, const RunSpec &spec, const Data::Dataset &dataset,
    int threads, const Base::Progress &progress);

} // namespace Tandem::Runs
