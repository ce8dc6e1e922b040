// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/ModelSource.h"

#include "core/bundle/Export.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFileInfo>

namespace Tandem::Bundle {

ModelSource ModelSource::bundleFile(const QString &path)
{
    ModelSource source;
    source.bundlePath = path;
    return source;
}

ModelSource ModelSource::run(const QString &workspacePath, qint64 runId)
{
    ModelSource source;
    source.workspacePath = workspacePath;
    source.runId = runId;
    return source;
}

Base::Result<ModelSource> ModelSource::fromArgument(const QString &bundleOrRunId, const QString &workspacePath)
{
    if (QFileInfo::exists(bundleOrRunId))
        return bundleFile(bundleOrRunId);
    bool isNumber = false;
    const qint64 id = bundleOrRunId.toLongLong(&isNumber);
    if (!isNumber)
        return bundleFile(bundleOrRunId);
    if (workspacePath.isEmpty())
        return Base::Error(
            QStringLiteral("'%1' is neither a bundle file nor, without a workspace, a run id").arg(bundleOrRunId));
    return run(workspacePath, id);
}

QString ModelSource::describe() const
{
    if (runId)
        return QStringLiteral("run %1 of %2").arg(*runId).arg(QDir::toNativeSeparators(workspacePath));
    return QStringLiteral("bundle %1").arg(QDir::toNativeSeparators(bundlePath));
}

Base::Result<std::shared_ptr<const Bundle>> loadModel(
    const ModelSource &source, int threads, const Base::Progress &progress)
{
    if (!source.runId) {
        progress.report(0.0, QStringLiteral("Reading %1").arg(QDir::toNativeSeparators(source.bundlePath)));
        auto bundle = Bundle::load(source.bundlePath);
        if (!bundle.ok())
            return bundle.error();
        progress.report(1.0, QString());
        return std::make_shared<const Bundle>(std::move(bundle).value());
    }
    auto workspace = Store::Workspace::open(source.workspacePath, Store::Workspace::Access::ReadOnly);
    if (!workspace.ok())
        return workspace.error();
    ExportOptions options;
    options.scope = FitScope::AllRows;
    options.threads = threads;
    auto bundle = exportRun(workspace.value()->store(), *source.runId, options, progress);
    if (!bundle.ok())
        return bundle.error();
    return std::make_shared<const Bundle>(std::move(bundle).value());
}

Base::Result<Scores> scoreDataset(const std::shared_ptr<const Bundle> &model, const Data::Dataset &data,
    const QString &source, const ScoreOptions &options)
{
    RowPlaces places;
    places.source = source;
    return Scorer(model).score(data, places, options);
}

} // namespace Tandem::Bundle
