// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftJob.h"

#include "core/data/Dataset.h"
#include "core/monitor/ModelDrift.h"

namespace Tandem::Ui {

Base::Result<Drift::DriftAnalysis> runDriftJob(const DriftJobInput &input, const Runs::JobContext &context)
{
    const Base::Progress &progress = context.progress();
    // A run's model is fitted again: that is most of the work when there is one.
    const double modelEnd = !input.model ? 0.0 : input.model->isRun() ? 0.4 : 0.05;
    const double analysisEnd = !input.model ? 1.0 : 0.9;

    std::shared_ptr<const Bundle::Bundle> model;
    if (input.model) {
        auto loaded = Bundle::loadModel(*input.model, context.threads(), progress.subrange(0.0, modelEnd));
        if (!loaded.ok())
            return Base::Error(QStringLiteral("Cannot load the model (%1): %2")
                                   .arg(input.model->describe(), loaded.error().toString()));
        model = std::move(loaded).value();
    }

    Drift::DriftAnalysisOptions options = input.options;
    options.drift.threads = context.threads();
    auto analysis
        = Drift::analyseDrift(*input.reference, *input.current, options, progress.subrange(modelEnd, analysisEnd));
    if (!analysis.ok())
        return analysis.error();
    analysis.value().referenceName = input.referenceName;
    analysis.value().currentName = input.currentName;
    if (!model)
        return analysis;

    Monitor::ModelDriftOptions modelOptions;
    modelOptions.prediction.rule = options.drift.rule;
    modelOptions.prediction.bins = options.drift.bins;
    modelOptions.target = options.target;
    if (!options.order.isEmpty()) {
        auto order = Monitor::orderValues(*input.current, options.order);
        if (!order.ok())
            return order.error();
        modelOptions.currentOrder = std::move(order).value();
    }
    modelOptions.performance.metric = options.metric;
    modelOptions.performance.windows = options.windows;
    auto drift = Monitor::modelDrift(model, *input.reference, input.referenceName, *input.current, input.currentName,
        modelOptions, progress.subrange(analysisEnd, 1.0));
    if (!drift.ok())
        return drift.error();
    Drift::DriftAnalysis &result = analysis.value();
    result.prediction = drift->prediction;
    result.probability = drift->probability;
    result.performance = drift->performance;
    result.modelName = input.modelName;
    return analysis;
}

} // namespace Tandem::Ui
