// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ClusterResultsImport.h"

#include "core/runs/ClusterPlan.h"
#include "core/runs/TaskResult.h"
#include "core/store/ExperimentStore.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <optional>

namespace Tandem::Runs {
namespace {

struct RunState {
    Store::RunStatus status = Store::RunStatus::Queued;
    QString executor;
};

bool awaitsResult(Store::RunStatus status)
{
    return status == Store::RunStatus::Queued || status == Store::RunStatus::Running
        || status == Store::RunStatus::Interrupted;
}

bool hasResultFiles(const BatchFiles &files)
{
    return !QDir(files.resultsDirectory()).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty();
}

} // namespace

Base::Result<ClusterResultsImport> importPendingClusterResults(Store::ExperimentStore &store)
{
    const QString workspace = store.workspacePath();
    if (store.isReadOnly())
        return Base::Error(QStringLiteral("cannot import cluster results: the workspace is open read-only"), workspace);
    ClusterResultsImport report;
    // Batch names start with their UTC time, so name order is submission order.
    const QStringList batches = QDir(QDir(workspace).filePath(QStringLiteral("cluster")))
                                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::optional<QHash<qint64, RunState>> runs; // read once, when a batch has results
    for (const QString &batch : batches) {
        const BatchFiles files(workspace, batch);
        // A batch whose submission never wrote its plan has nothing to bring in.
        if (!QFileInfo::exists(files.planPath()) || !hasResultFiles(files))
            continue;
        const Base::Result<ClusterPlan> plan = ClusterPlan::load(files.planPath());
        if (!plan.ok()) {
            report.problems.append(plan.error());
            continue;
        }
        if (!runs) {
            const auto records = store.runs();
            if (!records.ok())
                return records.error();
            runs.emplace();
            for (const Store::RunRecord &record : records.value())
                runs->insert(record.id, RunState {record.status, record.executor});
        }
        for (qsizetype index = 0; index < plan.value().tasks.size(); ++index) {
            const qint64 runId = plan.value().tasks.at(index).runId;
            const auto run = runs->constFind(runId);
            // A deleted run is gone for good; the executor check keeps a reused id
            // of a local run from taking a stale batch's result.
            if (run == runs->cend() || !awaitsResult(run->status) || run->executor != QLatin1String("slurm"))
                continue;
            const QString resultPath = files.resultPath(int(index));
            if (!QFileInfo::exists(resultPath)) {
                ++report.withoutResult;
                continue;
            }
            const Base::Result<ImportOutcome> imported
                = importTaskResult(store, runId, resultPath, files.logPath(int(index)));
            if (!imported.ok())
                report.problems.append(imported.error());
            else if (imported.value() == ImportOutcome::Recorded)
                report.importedRunIds.append(runId);
        }
    }
    return report;
}

} // namespace Tandem::Runs
