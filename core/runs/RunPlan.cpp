// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/RunPlan.h"

#include "core/data/Dataset.h"

namespace Tandem::Runs {

Base::Result<QList<PlannedRun>> planRuns(const RunSpec &spec, const Data::Dataset &dataset)
{
    auto configurations = expandSweep(spec);
    if (!configurations.ok())
        return configurations.error();

    RunSpec base = spec;
    base.sweep.reset();
    base.datasetPath = spec.resolvedDatasetPath();
    base.baseDirectory.clear();
    base.datasetFingerprint = dataset.fingerprint();
    const QString singleName = spec.name.isEmpty() ? spec.modelId : spec.name;

    QList<PlannedRun> runs;
    runs.reserve(configurations.value().size());
    for (const SweepConfiguration &configuration : configurations.value()) {
        PlannedRun run {base, spec.sweep ? describeConfiguration(configuration.swept) : singleName, configuration};
        run.spec.params = configuration.params;
        run.spec.name = run.name;
        runs.append(std::move(run));
    }
    return runs;
}

QString experimentName(const RunSpec &spec)
{
    if (!spec.experiment.isEmpty())
        return spec.experiment;
    if (!spec.sweep)
        return {};
    return spec.name.isEmpty() ? spec.modelId + QStringLiteral(" sweep") : spec.name;
}

} // namespace Tandem::Runs
