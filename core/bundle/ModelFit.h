// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/bundle/BundleManifest.h"
#include "core/learn/Estimator.h"
#include "core/learn/preprocess/Pipeline.h"

#include <memory>
#include <vector>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Runs {
struct RunSpec;
}

namespace Tandem::Bundle {

/// A pipeline and model fitted for a bundle.
struct FittedModel {
    Learn::Pipeline pipeline;
    std::shared_ptr<const Learn::Estimator> model;
    FitScope scope = FitScope::AllRows;
    /// Rows fitted on, and rows left out because their target is missing.
    qint64 fitRows = 0;
    qint64 droppedRows = 0;
};

/// Fits `spec`'s pipeline and model on `dataset` as a run fits each fold
/// (Eval::crossValidate): the pipeline on the fit rows only, then the model with
/// FitContext {the spec's seed, `threads`, the class count of every row with a
/// target, the pipeline's category counts}. The same spec, data and seed give a
/// bit-identical model on any thread count.
///
/// AllRows fits on every row with a target: the model to deploy once the
/// evaluation has said how good it is. HoldoutTraining fits on the training part
/// of the spec's holdout split (cut as crossValidate cuts it): the model the run
/// evaluated; a k-fold spec has no such single model and is refused.
Base::Result<FittedModel> fitModel(const Data::Dataset &dataset, const Runs::RunSpec &spec, FitScope scope, int threads,
    const Base::Progress &progress);

} // namespace Tandem::Bundle
