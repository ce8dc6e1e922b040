// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/drift/DriftAnalysis.h"
#include "core/monitor/ModelDrift.h"

#include <QString>

#include <memory>

namespace Tandem::Monitor {

/// A drift analysis, with where its performance's reference level came from.
struct DriftWithModel {
    Drift::DriftAnalysis analysis;
    ReferenceLevel referenceLevel = ReferenceLevel::ReferencePredictions;
};

/// What the Drift view and `tandem-cli drift` report: Drift::analyseDrift of
/// `current` against `reference` and, given a `model` (named `modelName`), its
/// drift (modelDrift) in the analysis' prediction, probability and performance,
/// with the same test rule, target, order and performance options. The names of
/// the data go into the analysis and into modelDrift's errors. Progress: the
/// analysis, then scoring both sides with the model.
Base::Result<DriftWithModel> analyseDriftWithModel(const Data::Dataset &reference, const QString &referenceName,
    const Data::Dataset &current, const QString &currentName, const Drift::DriftAnalysisOptions &options,
    const std::shared_ptr<const Bundle::Bundle> &model, const QString &modelName, const Base::Progress &progress);

} // namespace Tandem::Monitor
