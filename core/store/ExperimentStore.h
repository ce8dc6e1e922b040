// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/store/RunRecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>

namespace Tandem::Store {

class Session;
class SqlConnection;

/// The runs of a workspace: experiments, runs and what they record (params,
/// metrics, tags, notes) in `tandem.db`, and their files under
/// `artifacts/<run-id>/`.
///
/// Every write is one transaction: committed entirely or not at all, and a
/// committed write survives a killed process. A write waits while another
/// connection or process writes the same workspace.
///
/// An instance uses one database connection and belongs to the thread that made
/// it: `Workspace::store()` for the workspace's own thread, `Workspace::openStore()`
/// for any other thread (a job's worker).
class ExperimentStore
{
public:
    ~ExperimentStore();
    ExperimentStore(const ExperimentStore &) = delete;
    ExperimentStore &operator=(const ExperimentStore &) = delete;

    /// The workspace's folder.
    QString workspacePath() const { return m_workspacePath; }
    bool isReadOnly() const;

    // Experiments
    /// Creates an experiment; names are unique.
    Base::Result<qint64> createExperiment(const QString &name, const QString &description = {});
    /// The id of the experiment called `name`, creating it when missing.
    Base::Result<qint64> ensureExperiment(const QString &name);
    Base::Result<QList<Experiment>> experiments() const;
    /// Deletes an experiment with its runs and their artifacts.
    Base::Status deleteExperiment(qint64 experimentId);

    // A run's life
    /// Records a queued run and returns its id.
    Base::Result<qint64> addRun(const NewRun &run);
    /// Queued → running (records the start time and this process's session).
    Base::Status markRunning(qint64 runId);
    /// Records (or replaces) parameter values: name → JSON value.
    Base::Status recordParams(qint64 runId, const QJsonObject &params);
    /// Appends metric values in one transaction (send per-step values in batches).
    Base::Status appendMetrics(qint64 runId, const QList<MetricPoint> &points);
    /// Queued or running → Done, Failed (with `error`) or Cancelled; records the
    /// end time and the duration since the start.
    Base::Status finishRun(qint64 runId, RunStatus outcome, const QString &error = {});
    /// Records a run carried out elsewhere (RunResult) in one transaction: its
    /// parameters, metrics, outcome, error, times and host, all or nothing. A queued,
    /// running or interrupted run takes it; a run that is already done, failed or
    /// cancelled is left as it is and false is returned (recording the same result
    /// twice changes nothing). True when recorded.
    Base::Result<bool> recordResult(qint64 runId, const RunResult &result);
    /// Running → Interrupted, for a run whose process ended where this one cannot
    /// tell: a lock held from another host is never taken for stale, so a run
    /// whose machine died stays running until someone says otherwise. Only for a
    /// run of another session (this process cancels its own runs); records the end
    /// time and "marked interrupted by the user" as the error text.
    Base::Status markInterrupted(qint64 runId);

    // Editing
    Base::Status renameRun(qint64 runId, const QString &name);
    Base::Status addTag(qint64 runId, const QString &tag);
    Base::Status removeTag(qint64 runId, const QString &tag);
    Base::Result<qint64> addNote(qint64 runId, const QString &text);
    /// Deletes a run, everything recorded for it, and its artifacts folder.
    Base::Status deleteRun(qint64 runId);

    // Reading
    /// Runs with their params, tags and summary metrics, newest first; only those of
    /// `experimentId` when given.
    Base::Result<QList<RunRecord>> runs(std::optional<qint64> experimentId = std::nullopt) const;
    /// One run with every metric value, notes and artifact names.
    Base::Result<RunDetails> run(qint64 runId) const;

    // Artifacts
    /// `artifacts/<run-id>/` (it may not exist yet).
    QString artifactDir(qint64 runId) const;
    /// Writes `artifacts/<run-id>/<name>` atomically (QSaveFile: the old file or the
    /// new one, never half of it) and returns its path. `name` may hold subfolders
    /// but no `..`.
    Base::Result<QString> writeArtifact(qint64 runId, const QString &name, const QByteArray &bytes);

private:
    friend class Workspace;
    ExperimentStore(std::shared_ptr<SqlConnection> connection, QString workspacePath, std::shared_ptr<Session> session,
        bool hasRunTables);

    Base::Status requireRunTables(const QString &what) const;
    /// Every write's preamble: refuses a store that predates runs (an old one open
    /// read-only), then runs `body` in one write transaction (SqlConnection::write).
    Base::Status writeRunTables(const QString &what, const std::function<Base::Status()> &body);
    /// This process's session in the workspace; empty when read-only.
    QString sessionId() const;
    /// What a status change needs to know of a run: the first step of each, inside its transaction.
    struct StoredRunState {
        RunStatus status = RunStatus::Queued;
        QDateTime startedAt;
        QString session;
    };
    /// Errors name the run: there is none with that id, or its status is unknown.
    Base::Result<StoredRunState> currentState(qint64 runId, const QString &what) const;
    Base::Result<RunStatus> currentStatus(qint64 runId, const QString &what) const;
    /// Refuses an end other than done, failed or cancelled.
    Base::Status checkEnding(RunStatus outcome, const QString &what) const;
    Base::Status update(const QString &what, const QString &sql, const QVariantList &values);
    /// The bodies of recordParams and appendMetrics, inside a caller's transaction.
    Base::Status insertParams(qint64 runId, const QJsonObject &params, const QString &what);
    Base::Status insertMetrics(qint64 runId, const QList<MetricPoint> &points, const QString &what);
    Base::Status removeArtifacts(const QList<qint64> &runIds);
    /// Runs matching `condition` on the runs table (one `?` bound to `value`), or all runs.
    Base::Result<QList<RunRecord>> loadRuns(const QString &condition, const QVariant &value) const;

    std::shared_ptr<SqlConnection> m_connection;
    QString m_workspacePath;
    std::shared_ptr<Session> m_session;
    bool m_hasRunTables = false;
};

} // namespace Tandem::Store
