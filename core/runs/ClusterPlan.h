// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Tandem::Runs {

/// One run a cluster task carries out: the run queued in the store and its spec
/// (a PlannedRun's: one configuration, absolute dataset path, pinned fingerprint).
struct ClusterTask {
    qint64 runId = 0;
    QString name;
    QJsonObject spec;
};

/// The file a job array's tasks read (`tandem-cli run PLAN --task-index I`):
///
///     {"format": "tandem-cluster-plan", "version": 1, "batch": "20260101-120000-ab12cd",
///      "workspace": "/shared/ws", "tasks": [{"run_id": 7, "name": "C=0.1", "spec": {…}}, …]}
///
/// Task i of the array runs tasks[i]. Written once by the submitting process,
/// atomically, before sbatch; only read after.
struct ClusterPlan {
    static constexpr int formatVersion = 1;

    /// The batch's folder name under `<workspace>/cluster/`.
    QString batch;
    /// The workspace's absolute path, as the submitting machine sees it.
    QString workspace;
    QList<ClusterTask> tasks;

    QJsonObject toJson() const;
    /// Errors name `file` and the field.
    static Base::Result<ClusterPlan> fromJson(const QJsonObject &json, const QString &file = {});
    static Base::Result<ClusterPlan> load(const QString &path);
    /// Writes the plan atomically (QSaveFile).
    Base::Status save(const QString &path) const;

    /// True when `json` says it is a plan (its "format"), so that `tandem-cli run`
    /// can tell a plan from a run spec.
    static bool isPlan(const QJsonObject &json);
};

/// Where a batch's files are, under `<workspace>/cluster/<batch>/`:
///
///     plan.json            the ClusterPlan
///     task.sh              the script every task runs
///     logs/task-<i>.log    task i's stdout and stderr (sbatch --output, %a)
///     results/<i>.json     task i's TaskResult, written when it ends
class BatchFiles
{
public:
    /// The batch `batch` of the workspace at `workspacePath`.
    BatchFiles(const QString &workspacePath, const QString &batch);
    /// The batch whose plan is `planPath` (its folder).
    static BatchFiles ofPlan(const QString &planPath);

    QString directory() const { return m_directory; }
    QString planPath() const;
    QString scriptPath() const;
    QString logsDirectory() const;
    /// For sbatch --output: task-%a.log.
    QString logPattern() const;
    QString logPath(int taskIndex) const;
    QString resultsDirectory() const;
    QString resultPath(int taskIndex) const;

private:
    explicit BatchFiles(QString directory) : m_directory(std::move(directory)) { }
    QString m_directory;
};

/// A new batch name: the UTC time and 6 random hex digits ("20260101-120000-ab12cd"),
/// unique enough for concurrent submissions to one workspace and safe in any path.
QString newBatchName();

} // namespace Tandem::Runs
