// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/monitor/DriftWithModel.h"

#include "core/data/Dataset.h"

namespace Tandem::Monitor {

Base::Result<DriftWithModel> analyseDriftWithModel(const Data::Dataset &reference, const QString &referenceName,
    const Data::Dataset &current, const QString &currentName, const Drift::DriftAnalysisOptions &options,
    const std::shared_ptr<const Bundle::Bundle> &model, const QString &modelName, const Base::Progress &progress)
{
    // Scoring both sides is most of the work when there is a model.
    const double analysisEnd = model ? 0.5 : 1.0;
    auto analysis = Drift::analyseDrift(reference, current, options, progress.subrange(0.0, analysisEnd));
    if (!analysis.ok())
        return analysis.error();
    DriftWithModel result;
    result.analysis = std::move(analysis).value();
    result.analysis.referenceName = referenceName;
    result.analysis.currentName = currentName;
    if (!model)
        return result;

    ModelDriftOptions modelOptions;
    modelOptions.prediction.rule = options.drift.rule;
    modelOptions.prediction.bins = options.drift.bins;
    modelOptions.prediction.missingShareThreshold = options.drift.missingShareThreshold;
    modelOptions.target = options.target;
    if (!options.order.isEmpty()) {
        auto order = orderValues(current, options.order);
        if (!order.ok())
            return order.error();
        modelOptions.currentOrder = std::move(order).value();
    }
    modelOptions.performance.metric = options.metric;
    modelOptions.performance.windows = options.windows;
    auto drift = modelDrift(
        model, reference, referenceName, current, currentName, modelOptions, progress.subrange(analysisEnd, 1.0));
    if (!drift.ok())
        return drift.error();
    Drift::DriftAnalysis &shown = result.analysis;
    shown.prediction = drift->prediction;
    shown.probability = drift->probability;
    shown.performance = drift->performance;
    shown.modelName = modelName;
    result.referenceLevel = drift->referenceLevel;
    progress.report(1.0, QStringLiteral("Done"));
    return result;
}

} // namespace Tandem::Monitor
