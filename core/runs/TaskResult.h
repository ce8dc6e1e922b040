// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/store/RunRecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Runs {

/// A file a cluster task wrote into `artifacts/<run-id>/`, as the task saw it.
struct TaskArtifact {
    QString name;
    qint64 size = 0;
    /// Lowercase hex SHA-256 of the bytes.
    QString sha256;

    friend bool operator==(const TaskArtifact &, const TaskArtifact &) = default;
};

/// What a cluster task brings back, in `<workspace>/cluster/<batch>/results/<i>.json`:
///
///     {"format": "tandem-task-result", "version": 1, "run_id": 7, "task_index": 2,
///      "status": "done", "error": "", "host": "node12",
///      "started_at": "…Z", "ended_at": "…Z", "params": {…},
///      "metrics": [{"name": "accuracy", "value": 0.95, "fold": 0, "step": null}, …],
///      "artifacts": [{"name": "oof_predictions.csv", "size": 1234, "sha256": "…"}]}
///
/// A metric value is a number, null for NaN, or "inf"/"-inf". The task writes
/// its artifacts first and this file last, atomically (QSaveFile), so a result
/// file that exists and reads is complete; a truncated or altered one does not
/// read. Tasks never open the workspace's SQLite store: shared storage (NFS) does
/// not keep SQLite's locks, so only the submitting process writes it, importing
/// each result in one transaction (importTaskResult). See docs/CLUSTER.md.
struct TaskResult {
    static constexpr int formatVersion = 1;

    qint64 runId = 0;
    int taskIndex = -1;
    /// The outcome, error, parameters, metrics (in local order), times and host.
    Store::RunResult result;
    QList<TaskArtifact> artifacts;

    QJsonObject toJson() const;
    /// Errors name `file` and what is wrong.
    static Base::Result<TaskResult> fromJson(const QJsonObject &json, const QString &file = {});
    /// Writes atomically: the file appears whole or not at all.
    Base::Status save(const QString &path) const;
    static Base::Result<TaskResult> load(const QString &path);
};

/// True when the store now holds the result, false when it already did.
enum class ImportOutcome { Recorded, AlreadyRecorded };

/// Imports the result file at `resultPath` for run `runId` of `store`: reads it (a
/// truncated, unreadable or foreign file is refused), checks that it is run
/// `runId`'s and that every artifact it lists is in `artifacts/<run-id>/` with its
/// size and SHA-256, then records it with ExperimentStore::recordResult — one
/// transaction, so the run gets all of it or nothing. Importing again changes
/// nothing (AlreadyRecorded). A failed run's error gets " (log: LOG)" when `logPath` is given.
Base::Result<ImportOutcome> importTaskResult(
    Store::ExperimentStore &store, qint64 runId, const QString &resultPath, const QString &logPath = {});

} // namespace Tandem::Runs
