// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/Export.h"

#include "core/base/Version.h"
#include "core/data/Dataset.h"
#include "core/data/DatasetReader.h"
#include "core/data/Profile.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"

#include <QDir>
#include <QSet>

#include <algorithm>

namespace Tandem::Bundle {
namespace {

/// The most categories profiled per column: enough for every category of a
/// categorical feature (the drift reference needs their frequencies).
constexpr int maxProfiledCategories = 10000;

Base::Result<ProfileSummary> profileSummary(
    const Data::Dataset &dataset, const InputSchema &inputs, const QString &target, const Base::Progress &progress)
{
    QSet<QString> wanted {target};
    int categories = 10;
    for (const InputColumn &column : inputs.columns()) {
        wanted.insert(column.name);
        categories = std::max(categories, int(column.categories.size()));
    }
    if (const qsizetype t = dataset.indexOf(target); t >= 0)
        categories = std::max(categories, int(dataset.column(t).categories().size()));
    Data::ProfileOptions options;
    options.topValues = std::min(categories, maxProfiledCategories);
    options.threads = 1;
    auto profile = Data::Profile::compute(dataset, options, progress);
    if (!profile.ok())
        return profile.error();
    ProfileSummary summary;
    summary.rows = profile.value().rowCount();
    for (const Data::ColumnProfile &column : profile.value().columns()) {
        if (wanted.contains(column.name))
            summary.columns.push_back(column);
    }
    return summary;
}

} // namespace

Base::Result<Bundle> makeBundle(const Data::Dataset &dataset, const Runs::RunSpec &spec, FittedModel fitted,
    const BundleOrigin &origin, const Base::Progress &progress)
{
    BundleManifest manifest;
    manifest.createdAt = QDateTime::currentDateTimeUtc();
    manifest.createdAt.setTime(QTime(
        manifest.createdAt.time().hour(), manifest.createdAt.time().minute(), manifest.createdAt.time().second()));
    manifest.appVersion = Base::appVersion();
    const Learn::Estimator &model = *fitted.model;
    manifest.modelId = model.id();
    const Learn::ModelInfo *info = Learn::Registry::instance().find(model.id());
    manifest.modelName = info ? info->displayName : model.id();
    manifest.task = model.task();
    manifest.params = QJsonObject::fromVariantMap(model.paramValues());
    manifest.inputs = InputSchema::fromPipeline(fitted.pipeline);
    manifest.target = fitted.pipeline.spec().target;
    if (const qsizetype t = dataset.indexOf(manifest.target); t >= 0)
        manifest.targetType = dataset.column(t).type();
    manifest.classes = fitted.pipeline.classes();

    manifest.runId = origin.runId;
    manifest.runName = origin.runName;
    manifest.experiment = origin.experiment;
    manifest.workspace = origin.workspace;
    manifest.runSpec = spec.toJson();
    manifest.datasetPath = origin.datasetPath;
    manifest.datasetFingerprint = dataset.fingerprint();
    manifest.fitScope = fitted.scope;
    manifest.fitRows = fitted.fitRows;
    manifest.droppedRows = fitted.droppedRows;
    manifest.evaluation = origin.evaluation;
    manifest.metrics = origin.metrics;

    auto profile = profileSummary(dataset, manifest.inputs, manifest.target, progress);
    if (!profile.ok())
        return profile.error();
    manifest.profile = std::move(profile).value();
    return Bundle::make(std::move(manifest), std::move(fitted.pipeline), std::move(fitted.model));
}

Base::Result<Bundle> exportRun(
    const Store::ExperimentStore &store, qint64 runId, const ExportOptions &options, const Base::Progress &progress)
{
    auto details = store.run(runId);
    if (!details.ok())
        return details.error();
    const Store::RunRecord &run = details.value().run;
    if (run.status != Store::RunStatus::Done)
        return Base::Error(QStringLiteral("run %1 is %2: only a run that finished (done) can be exported")
                               .arg(runId)
                               .arg(Store::runStatusName(run.status)));
    auto spec = Runs::RunSpec::fromJson(run.spec, store.workspacePath());
    if (!spec.ok())
        return Base::Error(QStringLiteral("run %1's spec: %2").arg(runId).arg(spec.error().message));

    const QString dataPath = options.dataPath.isEmpty() ? spec.value().resolvedDatasetPath()
                                                        : QDir(QDir::currentPath()).absoluteFilePath(options.dataPath);
    progress.report(0.0, QStringLiteral("Reading %1").arg(QDir::toNativeSeparators(dataPath)));
    auto loaded = Data::DatasetReader::read(dataPath, {}, progress.subrange(0.0, 0.2));
    if (!loaded.ok())
        return loaded.error();
    const Data::Dataset &dataset = *loaded.value().dataset;
    if (const Base::Status status = spec.value().checkDataset(dataset, dataPath); !status.ok())
        return Base::Error(status.error().message, dataPath);

    auto fitted = fitModel(dataset, spec.value(), options.scope, options.threads, progress.subrange(0.2, 0.9));
    if (!fitted.ok())
        return fitted.error();

    BundleOrigin origin;
    origin.runId = runId;
    origin.runName = run.name;
    origin.experiment = run.experimentName;
    origin.workspace = store.workspacePath();
    origin.datasetPath = dataPath;
    for (const Store::MetricPoint &point : details.value().metrics) {
        if (!point.fold && !point.step)
            origin.metrics.insert(point.name, point.value);
    }
    const Runs::RunSpec &runSpec = spec.value();
    const bool classify = fitted.value().pipeline.task() == Learn::Task::Classification;
    origin.evaluation = Eval::describe(runSpec.evaluation, runSpec.evaluation.stratify.value_or(classify));
    progress.report(0.9, QStringLiteral("Profiling the training data"));
    return makeBundle(dataset, runSpec, std::move(fitted).value(), origin, progress.subrange(0.9, 1.0));
}

} // namespace Tandem::Bundle
