// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/bundle/ModelSource.h"
#include "core/drift/DriftAnalysis.h"
#include "core/runs/JobContext.h"

#include <memory>
#include <optional>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Ui {

/// What the Drift view's job compares: both datasets read, the options, and the
/// model whose predictions are compared (and measured, with a target), if any.
struct DriftJobInput {
    std::shared_ptr<const Data::Dataset> reference;
    std::shared_ptr<const Data::Dataset> current;
    QString referenceName;
    QString currentName;
    Drift::DriftAnalysisOptions options;
    std::optional<Bundle::ModelSource> model;
    /// A label for the model in the report ("model of run #12").
    QString modelName;
};

/// The Drift view's job, on a worker thread: loads the model (a bundle, or a
/// run's model fitted again), runs Drift::analyseDrift on `context.threads()`
/// threads, then compares the model's predictions and measures its performance
/// per window (Monitor::modelDrift). One progress bar over all of it; a stop ends
/// it with DriftReport::cancelledMessage() or the fit's stop message.
Base::Result<Drift::DriftAnalysis> runDriftJob(const DriftJobInput &input, const Runs::JobContext &context);

} // namespace Tandem::Ui
