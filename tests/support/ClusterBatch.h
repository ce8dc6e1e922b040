// SPDX-License-Identifier: GPL-3.0-or-later
// A cluster batch made without Slurm, for the tests of result files and their
// import: a workspace with a sweep's runs queued as a cluster submission queues
// them, the batch's plan written, and its tasks carried out here as a node would.
#pragma once

#include "core/base/Progress.h"
#include "core/runs/ClusterPlan.h"
#include "core/runs/ClusterTask.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunPlan.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QByteArray>
#include <QDebug>
#include <QFile>
#include <QTemporaryDir>

#include <memory>

namespace Tandem::Testing {

/// Logistic regression on iris, one configuration per value of C (a JSON array;
/// two by default): per-step, per-fold and mean metrics and out-of-fold predictions.
inline Runs::RunSpec irisClusterSweepSpec(const QByteArray &cValues = QByteArrayLiteral("[0.1, 3.0]"))
{
    const QByteArray json = QByteArray(R"({
        "version": 1, "name": "iris cluster", "dataset": {"path": ")")
        + QByteArray(TANDEM_SOURCE_DIR "/resources/samples/iris.csv") + QByteArray(R"("},
        "target": "species", "model": {"id": "logreg", "params": {"max_iter": 100}},
        "evaluation": {"method": "kfold", "folds": 3, "seed": 5},
        "sweep": {"method": "grid", "params": {"C": )")
        + cValues + QByteArray("}}}");
    return Runs::RunSpec::parse(json).value();
}

/// A workspace (in `dir/ws`) with a spec's runs queued, executor slurm, and the
/// plan of batch "test-batch" written.
struct ClusterBatch {
    QTemporaryDir dir;
    std::shared_ptr<Store::Workspace> workspace;
    QList<qint64> runIds;
    QString planPath;

    QString workspacePath() const { return dir.filePath(QStringLiteral("ws")); }
    QString resultPath(int index) const { return Runs::BatchFiles::ofPlan(planPath).resultPath(index); }
    Store::RunDetails details(int index) const { return workspace->store().run(runIds.at(index)).value(); }
};

/// Null when the plan cannot be written.
inline std::unique_ptr<ClusterBatch> queuedBatch(const Runs::RunSpec &spec)
{
    auto batch = std::make_unique<ClusterBatch>();
    batch->workspace = Store::Workspace::create(batch->workspacePath()).value();
    Base::NullProgressSink sink;
    const auto data = spec.loadDataset(Base::Progress(sink));
    const auto planned = Runs::planRuns(spec, *data.value().dataset);
    Runs::ClusterPlan plan;
    plan.batch = QStringLiteral("test-batch");
    plan.workspace = batch->workspace->path();
    for (const Runs::PlannedRun &run : planned.value()) {
        const qint64 id = Runs::queueRun(batch->workspace->store(), run, std::nullopt, QStringLiteral("slurm")).value();
        batch->runIds.append(id);
        plan.tasks.append(Runs::ClusterTask {id, run.name, run.spec.toJson()});
    }
    batch->planPath = Runs::BatchFiles(batch->workspace->path(), plan.batch).planPath();
    if (!plan.save(batch->planPath).ok())
        return nullptr;
    return batch;
}

/// Carries out task `index` of the batch as a node does (runClusterTask: artifacts,
/// then the result file; the store is not touched). True when the run is done.
inline bool runTask(const ClusterBatch &batch, int index)
{
    Base::NullProgressSink sink;
    const auto result = Runs::runClusterTask(batch.planPath, index, batch.workspace->path(), 1, Base::Progress(sink));
    if (!result.ok())
        qWarning() << result.error().toString();
    return result.ok() && result.value().result.outcome == Store::RunStatus::Done;
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace Tandem::Testing
