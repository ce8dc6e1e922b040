// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftJob.h"

#include "core/data/Dataset.h"
#include "core/monitor/DriftWithModel.h"

namespace Tandem::Ui {

Base::Result<Drift::DriftAnalysis> runDriftJob(const DriftJobInput &input, const Runs::JobContext &context)
{
    const Base::Progress &progress = context.progress();
    // A run's model is fitted again: that is most of the work when there is one.
    const double modelEnd = !input.model ? 0.0 : input.model->isRun() ? 0.4 : 0.05;

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
    auto drift = Monitor::analyseDriftWithModel(*input.reference, input.referenceName, *input.current,
        input.currentName, options, model, input.modelName, progress.subrange(modelEnd, 1.0));
    if (!drift.ok())
        return drift.error();
    return std::move(drift).value().analysis;
}

} // namespace Tandem::Ui
