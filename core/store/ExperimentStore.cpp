// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/ExperimentStore.h"

#include "core/base/Version.h"
#include "core/store/ArtifactFiles.h"
#include "core/store/Session.h"
#include "core/store/SqlConnection.h"

#include <QDir>
#include <QDirIterator>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QSysInfo>

#include <cmath>
#include <limits>

namespace Tandem::Store {
namespace {

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QDateTime timeFromText(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

QString jsonText(const QJsonValue &value)
{
    // QJsonDocument writes only arrays and objects: wrap the value, then unwrap it.
    const QByteArray array = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QJsonValue jsonFromText(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(1, '[') + text.toUtf8() + ']');
    if (!document.isArray() || document.array().isEmpty())
        return QJsonValue(text); // written by hand or by a later version: keep the text
    return document.array().at(0);
}

QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

double metricValue(const QVariant &value)
{
    return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
}

/// A null QString binds as SQL NULL; text columns are NOT NULL, so bind "" instead.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QString runLabel(qint64 runId)
{
    return QStringLiteral("run %1").arg(runId);
}

} // namespace

ExperimentStore::ExperimentStore(std::shared_ptr<SqlConnection> connection, QString workspacePath,
    std::shared_ptr<Session> session, bool hasRunTables)
    : m_connection(std::move(connection))
    , m_workspacePath(std::move(workspacePath))
    , m_session(std::move(session))
    , m_hasRunTables(hasRunTables)
{ }

ExperimentStore::~ExperimentStore() = default;

bool ExperimentStore::isReadOnly() const
{
    return m_connection->isReadOnly();
}

Base::Status ExperimentStore::requireRunTables(const QString &what) const
{
    if (m_hasRunTables)
        return {};
    return Base::Error {
        QStringLiteral("%1: this workspace's store predates runs and is open read-only, so it was not upgraded")
            .arg(what),
        m_connection->path()};
}

Base::Status ExperimentStore::writeRunTables(const QString &what, const std::function<Base::Status()> &body)
{
    if (Base::Status ok = requireRunTables(what); !ok.ok())
        return ok;
    return m_connection->write(what, body);
}

QString ExperimentStore::sessionId() const
{
    return m_session ? m_session->id() : QString();
}

Base::Result<ExperimentStore::StoredRunState> ExperimentStore::currentState(qint64 runId, const QString &what) const
{
    QSqlQuery query(m_connection->database());
    query.prepare(QStringLiteral("SELECT status, started_at, coalesce(session, '') FROM runs WHERE id = ?"));
    query.addBindValue(runId);
    Base::Status status = m_connection->exec(query, what);
    if (!status.ok())
        return status.error();
    if (!query.next())
        return Base::Error {QStringLiteral("%1: there is no %2").arg(what, runLabel(runId)), m_connection->path()};
    const auto value = runStatusFromName(query.value(0).toString());
    if (!value)
        return Base::Error {
            QStringLiteral("%1: %2 has an unknown status '%3'").arg(what, runLabel(runId), query.value(0).toString()),
            m_connection->path()};
    return StoredRunState {*value, timeFromText(query.value(1)), query.value(2).toString()};
}

Base::Result<RunStatus> ExperimentStore::currentStatus(qint64 runId, const QString &what) const
{
    const auto state = currentState(runId, what);
    if (!state.ok())
        return state.error();
    return state->status;
}

Base::Status ExperimentStore::checkEnding(RunStatus outcome, const QString &what) const
{
    if (outcome != RunStatus::Done && outcome != RunStatus::Failed && outcome != RunStatus::Cancelled)
        return Base::Error {QStringLiteral("%1: a run ends done, failed or cancelled").arg(what), m_connection->path()};
    return {};
}

Base::Status ExperimentStore::update(const QString &what, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_connection->database());
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return m_connection->exec(query, what);
}

// ---- Experiments

Base::Result<qint64> ExperimentStore::createExperiment(const QString &name, const QString &description)
{
    const QString what = QStringLiteral("cannot create the experiment '%1'").arg(name);
    if (name.trimmed().isEmpty())
        return Base::Error {QStringLiteral("cannot create an experiment without a name"), m_connection->path()};
    qint64 id = 0;
    Base::Status status = writeRunTables(what, [&]() -> Base::Status {
        QSqlQuery query(m_connection->database());
        query.prepare(QStringLiteral("SELECT id FROM experiments WHERE name = ?"));
        query.addBindValue(name);
        Base::Status found = m_connection->exec(query, what);
        if (!found.ok())
            return found;
        if (query.next())
            return Base::Error {
                QStringLiteral("%1: an experiment of that name exists").arg(what), m_connection->path()};
        const Base::Result<qint64> inserted = m_connection->insert(QStringLiteral("experiments"),
            {{QStringLiteral("name"), name}, {QStringLiteral("description"), notNull(description)},
                {QStringLiteral("created_at"), nowText()}},
            what);
        if (!inserted.ok())
            return inserted.error();
        id = inserted.value();
        return {};
    });
    if (!status.ok())
        return status.error();
    return id;
}

Base::Result<qint64> ExperimentStore::ensureExperiment(const QString &name)
{
    const QString what = QStringLiteral("cannot create the experiment '%1'").arg(name);
    if (name.trimmed().isEmpty())
        return Base::Error {QStringLiteral("cannot create an experiment without a name"), m_connection->path()};
    qint64 id = 0;
    Base::Status status = writeRunTables(what, [&]() -> Base::Status {
        Base::Status inserted = update(what,
            QStringLiteral("INSERT OR IGNORE INTO experiments (name, description, created_at) VALUES (?, '', ?)"),
            {name, nowText()});
        if (!inserted.ok())
            return inserted;
        QSqlQuery query(m_connection->database());
        query.prepare(QStringLiteral("SELECT id FROM experiments WHERE name = ?"));
        query.addBindValue(name);
        Base::Status found = m_connection->exec(query, what);
        if (found.ok() && query.next())
            id = query.value(0).toLongLong();
        return found;
    });
    if (!status.ok())
        return status.error();
    return id;
}

Base::Result<QList<Experiment>> ExperimentStore::experiments() const
{
    QList<Experiment> list;
    if (!m_hasRunTables)
        return list;
    QSqlQuery query(m_connection->database());
    query.prepare(QStringLiteral("SELECT e.id, e.name, e.description, e.created_at, "
                                 "(SELECT count(*) FROM runs r WHERE r.experiment_id = e.id) "
                                 "FROM experiments e ORDER BY e.id"));
    Base::Status status = m_connection->exec(query, QStringLiteral("cannot list the experiments"));
    if (!status.ok())
        return status.error();
    while (query.next()) {
        list.append(Experiment {query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
            timeFromText(query.value(3)), query.value(4).toLongLong()});
    }
    return list;
}

Base::Status ExperimentStore::deleteExperiment(qint64 experimentId)
{
    const QString what = QStringLiteral("cannot delete experiment %1").arg(experimentId);
    QList<qint64> runIds;
    Base::Status status = writeRunTables(what, [&]() -> Base::Status {
        runIds.clear();
        QSqlQuery query(m_connection->database());
        query.prepare(QStringLiteral("SELECT id FROM runs WHERE experiment_id = ?"));
        query.addBindValue(experimentId);
        Base::Status listed = m_connection->exec(query, what);
        if (!listed.ok())
            return listed;
        while (query.next())
            runIds.append(query.value(0).toLongLong());
        query.prepare(QStringLiteral("DELETE FROM experiments WHERE id = ?"));
        query.addBindValue(experimentId);
        Base::Status deleted = m_connection->exec(query, what);
        if (deleted.ok() && query.numRowsAffected() == 0)
            return Base::Error {QStringLiteral("%1: there is no such experiment").arg(what), m_connection->path()};
        return deleted;
    });
    if (!status.ok())
        return status;
    return removeArtifacts(runIds);
}

// ---- A run's life

Base::Result<qint64> ExperimentStore::addRun(const NewRun &run)
{
    const QString what = QStringLiteral("cannot add the run");
    qint64 id = 0;
    Base::Status status = writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<qint64> inserted = m_connection->insert(QStringLiteral("runs"),
            {{QStringLiteral("experiment_id"), nullable(run.experimentId)}, {QStringLiteral("name"), notNull(run.name)},
                {QStringLiteral("spec"), QString::fromUtf8(QJsonDocument(run.spec).toJson(QJsonDocument::Compact))},
                {QStringLiteral("status"), runStatusName(RunStatus::Queued)}, {QStringLiteral("created_at"), nowText()},
                {QStringLiteral("seed"),
                    run.seed ? QVariant(QString::number(*run.seed)) : QVariant(QMetaType::fromType<QString>())},
                {QStringLiteral("app_version"), Base::appVersion()},
                {QStringLiteral("host"), QSysInfo::machineHostName()},
                {QStringLiteral("executor"), notNull(run.executor)}, {QStringLiteral("session"), sessionId()}},
            what);
        if (!inserted.ok())
            return inserted.error();
        id = inserted.value();
        return run.params.isEmpty() ? Base::Status {} : insertParams(id, run.params, what);
    });
    if (!status.ok())
        return status.error();
    return id;
}

Base::Status ExperimentStore::markRunning(qint64 runId)
{
    const QString what = QStringLiteral("cannot start %1").arg(runLabel(runId));
    return writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<RunStatus> now = currentStatus(runId, what);
        if (!now.ok())
            return now.error();
        if (now.value() != RunStatus::Queued)
            return Base::Error {
                QStringLiteral("%1: it is %2, not queued").arg(what, runStatusName(now.value())), m_connection->path()};
        return update(what,
            QStringLiteral("UPDATE runs SET status = 'running', started_at = ?, session = ? WHERE id = ?"),
            {nowText(), sessionId(), runId});
    });
}

Base::Status ExperimentStore::insertParams(qint64 runId, const QJsonObject &params, const QString &what)
{
    QSqlQuery query(m_connection->database());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO params (run_id, name, value) VALUES (?, ?, ?)"));
    for (auto it = params.begin(); it != params.end(); ++it) {
        query.bindValue(0, runId);
        query.bindValue(1, it.key());
        query.bindValue(2, jsonText(it.value()));
        Base::Status inserted = m_connection->exec(query, what);
        if (!inserted.ok())
            return inserted;
    }
    return {};
}

Base::Status ExperimentStore::insertMetrics(qint64 runId, const QList<MetricPoint> &points, const QString &what)
{
    QSqlQuery query(m_connection->database());
    query.prepare(QStringLiteral("INSERT INTO metrics (run_id, name, fold, step, value) VALUES (?, ?, ?, ?, ?)"));
    for (const MetricPoint &point : points) {
        query.bindValue(0, runId);
        query.bindValue(1, point.name);
        query.bindValue(2, point.fold ? QVariant(*point.fold) : QVariant(QMetaType::fromType<int>()));
        query.bindValue(3, nullable(point.step));
        query.bindValue(4, std::isnan(point.value) ? QVariant(QMetaType::fromType<double>()) : QVariant(point.value));
        Base::Status inserted = m_connection->exec(query, what);
        if (!inserted.ok())
            return inserted;
    }
    return {};
}

Base::Status ExperimentStore::recordParams(qint64 runId, const QJsonObject &params)
{
    const QString what = QStringLiteral("cannot record the parameters of %1").arg(runLabel(runId));
    return writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<RunStatus> now = currentStatus(runId, what);
        if (!now.ok())
            return now.error();
        return insertParams(runId, params, what);
    });
}

Base::Status ExperimentStore::appendMetrics(qint64 runId, const QList<MetricPoint> &points)
{
    const QString what = QStringLiteral("cannot record the metrics of %1").arg(runLabel(runId));
    if (points.isEmpty())
        return requireRunTables(what);
    for (const MetricPoint &point : points) {
        if (point.name.isEmpty())
            return Base::Error {QStringLiteral("%1: a metric has no name").arg(what), m_connection->path()};
    }
    return writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<RunStatus> now = currentStatus(runId, what);
        if (!now.ok())
            return now.error();
        return insertMetrics(runId, points, what);
    });
}

Base::Status ExperimentStore::finishRun(qint64 runId, RunStatus outcome, const QString &error)
{
    const QString what = QStringLiteral("cannot mark %1 %2").arg(runLabel(runId), runStatusName(outcome));
    if (Base::Status ending = checkEnding(outcome, what); !ending.ok())
        return ending;
    return writeRunTables(what, [&]() -> Base::Status {
        const auto now = currentState(runId, what);
        if (!now.ok())
            return now.error();
        if (isFinal(now->status))
            return Base::Error {
                QStringLiteral("%1: it is already %2").arg(what, runStatusName(now->status)), m_connection->path()};
        const QDateTime ended = QDateTime::currentDateTimeUtc();
        return update(what,
            QStringLiteral("UPDATE runs SET status = ?, ended_at = ?, duration_ms = ?, error = ? WHERE id = ?"),
            {runStatusName(outcome), ended.toString(Qt::ISODateWithMs),
                now->startedAt.isValid() ? QVariant(now->startedAt.msecsTo(ended))
                                         : QVariant(QMetaType::fromType<qint64>()),
                notNull(error), runId});
    });
}

Base::Result<bool> ExperimentStore::recordResult(qint64 runId, const RunResult &result)
{
    const QString what = QStringLiteral("cannot record the result of %1").arg(runLabel(runId));
    if (Base::Status ending = checkEnding(result.outcome, what); !ending.ok())
        return ending.error();
    for (const MetricPoint &point : result.metrics) {
        if (point.name.isEmpty())
            return Base::Error {QStringLiteral("%1: a metric has no name").arg(what), m_connection->path()};
    }
    bool recorded = false;
    Base::Status status = writeRunTables(what, [&]() -> Base::Status {
        recorded = false; // the body runs again when the database was busy
        const auto now = currentState(runId, what);
        if (!now.ok())
            return now.error();
        if (now->status == RunStatus::Done || now->status == RunStatus::Failed || now->status == RunStatus::Cancelled)
            return {}; // recorded before: the same result twice changes nothing
        const QDateTime storedStart = now->startedAt;
        if (Base::Status inserted = insertParams(runId, result.params, what); !inserted.ok())
            return inserted;
        if (Base::Status inserted = insertMetrics(runId, result.metrics, what); !inserted.ok())
            return inserted;
        const QDateTime started = result.startedAt.isValid() ? result.startedAt.toUTC() : storedStart;
        const QDateTime ended = result.endedAt.isValid() ? result.endedAt.toUTC() : QDateTime::currentDateTimeUtc();
        Base::Status updated = update(what,
            QStringLiteral("UPDATE runs SET status = ?, started_at = ?, ended_at = ?, duration_ms = ?, error = ?, "
                           "host = CASE WHEN ? = '' THEN host ELSE ? END WHERE id = ?"),
            {runStatusName(result.outcome),
                started.isValid() ? QVariant(started.toString(Qt::ISODateWithMs))
                                  : QVariant(QMetaType::fromType<QString>()),
                ended.toString(Qt::ISODateWithMs),
                started.isValid() ? QVariant(started.msecsTo(ended)) : QVariant(QMetaType::fromType<qint64>()),
                notNull(result.error), notNull(result.host), notNull(result.host), runId});
        if (updated.ok())
            recorded = true;
        return updated;
    });
    if (!status.ok())
        return status.error();
    return recorded;
}

Base::Status ExperimentStore::markInterrupted(qint64 runId)
{
    const QString what = QStringLiteral("cannot mark %1 interrupted").arg(runLabel(runId));
    return writeRunTables(what, [&]() -> Base::Status {
        const auto now = currentState(runId, what);
        if (!now.ok())
            return now.error();
        if (now->status != RunStatus::Running)
            return Base::Error {QStringLiteral("%1: it is %2, not running").arg(what, runStatusName(now->status)),
                m_connection->path()};
        if (!now->session.isEmpty() && now->session == sessionId())
            return Base::Error {
                QStringLiteral("%1: this process runs it (cancel its job instead)").arg(what), m_connection->path()};
        return update(what, QStringLiteral("UPDATE runs SET status = ?, ended_at = ?, error = ? WHERE id = ?"),
            {runStatusName(RunStatus::Interrupted), nowText(), QStringLiteral("marked interrupted by the user"),
                runId});
    });
}

// ---- Editing

Base::Status ExperimentStore::renameRun(qint64 runId, const QString &name)
{
    const QString what = QStringLiteral("cannot rename %1").arg(runLabel(runId));
    return writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<RunStatus> now = currentStatus(runId, what);
        if (!now.ok())
            return now.error();
        return update(what, QStringLiteral("UPDATE runs SET name = ? WHERE id = ?"), {notNull(name), runId});
    });
}

Base::Status ExperimentStore::addTag(qint64 runId, const QString &tag)
{
    const QString what = QStringLiteral("cannot tag %1 '%2'").arg(runLabel(runId), tag);
    if (tag.trimmed().isEmpty())
        return Base::Error {QStringLiteral("%1: a tag cannot be empty").arg(what), m_connection->path()};
    return writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<RunStatus> now = currentStatus(runId, what);
        if (!now.ok())
            return now.error();
        return update(what, QStringLiteral("INSERT OR IGNORE INTO tags (run_id, tag) VALUES (?, ?)"), {runId, tag});
    });
}

Base::Status ExperimentStore::removeTag(qint64 runId, const QString &tag)
{
    const QString what = QStringLiteral("cannot remove the tag '%2' of %1").arg(runLabel(runId), tag);
    return writeRunTables(what, [&]() -> Base::Status {
        return update(what, QStringLiteral("DELETE FROM tags WHERE run_id = ? AND tag = ?"), {runId, tag});
    });
}

Base::Result<qint64> ExperimentStore::addNote(qint64 runId, const QString &text)
{
    const QString what = QStringLiteral("cannot add a note to %1").arg(runLabel(runId));
    qint64 id = 0;
    Base::Status status = writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<RunStatus> now = currentStatus(runId, what);
        if (!now.ok())
            return now.error();
        const Base::Result<qint64> inserted = m_connection->insert(QStringLiteral("notes"),
            {{QStringLiteral("run_id"), runId}, {QStringLiteral("text"), notNull(text)},
                {QStringLiteral("created_at"), nowText()}},
            what);
        if (!inserted.ok())
            return inserted.error();
        id = inserted.value();
        return {};
    });
    if (!status.ok())
        return status.error();
    return id;
}

Base::Status ExperimentStore::deleteRun(qint64 runId)
{
    const QString what = QStringLiteral("cannot delete %1").arg(runLabel(runId));
    Base::Status status = writeRunTables(what, [&]() -> Base::Status {
        const Base::Result<RunStatus> now = currentStatus(runId, what);
        if (!now.ok())
            return now.error();
        // params, metrics, tags and notes go with it (ON DELETE CASCADE).
        return update(what, QStringLiteral("DELETE FROM runs WHERE id = ?"), {runId});
    });
    if (!status.ok())
        return status;
    return removeArtifacts({runId});
}

Base::Status ExperimentStore::removeArtifacts(const QList<qint64> &runIds)
{
    for (qint64 runId : runIds) {
        QDir folder(artifactDir(runId));
        if (folder.exists() && !folder.removeRecursively())
            return Base::Error {
                QStringLiteral("%1 was deleted, but its artifacts folder could not be removed").arg(runLabel(runId)),
                folder.path()};
    }
    return {};
}

// ---- Reading

Base::Result<QList<RunRecord>> ExperimentStore::runs(std::optional<qint64> experimentId) const
{
    if (!m_hasRunTables)
        return QList<RunRecord> {};
    return experimentId ? loadRuns(QStringLiteral("experiment_id = ?"), *experimentId) : loadRuns({}, {});
}

Base::Result<QList<RunRecord>> ExperimentStore::loadRuns(const QString &condition, const QVariant &value) const
{
    const QString what = QStringLiteral("cannot list the runs");
    QList<RunRecord> list;
    const QString runFilter = condition.isEmpty()
        ? QString()
        : QStringLiteral(" WHERE run_id IN (SELECT id FROM runs WHERE %1)").arg(condition);
    QSqlQuery query(m_connection->database());
    query.prepare(QStringLiteral("SELECT r.id, r.experiment_id, e.name, r.name, r.spec, r.status, r.created_at, "
                                 "r.started_at, r.ended_at, r.duration_ms, r.seed, r.app_version, r.host, r.executor, "
                                 "r.session, r.error FROM runs r LEFT JOIN experiments e ON e.id = r.experiment_id")
        + (condition.isEmpty() ? QString() : QStringLiteral(" WHERE r.") + condition)
        + QStringLiteral(" ORDER BY r.id DESC"));
    if (!condition.isEmpty())
        query.addBindValue(value);
    Base::Status status = m_connection->exec(query, what);
    if (!status.ok())
        return status.error();
    QHash<qint64, qsizetype> index;
    while (query.next()) {
        RunRecord run;
        run.id = query.value(0).toLongLong();
        if (!query.value(1).isNull())
            run.experimentId = query.value(1).toLongLong();
        run.experimentName = query.value(2).toString();
        run.name = query.value(3).toString();
        run.spec = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        run.status = runStatusFromName(query.value(5).toString()).value_or(RunStatus::Interrupted);
        run.createdAt = timeFromText(query.value(6));
        run.startedAt = timeFromText(query.value(7));
        run.endedAt = timeFromText(query.value(8));
        if (!query.value(9).isNull())
            run.durationMs = query.value(9).toLongLong();
        bool seedOk = false;
        const quint64 seed = query.value(10).toString().toULongLong(&seedOk);
        if (seedOk)
            run.seed = seed;
        run.appVersion = query.value(11).toString();
        run.host = query.value(12).toString();
        run.executor = query.value(13).toString();
        run.session = query.value(14).toString();
        run.error = query.value(15).toString();
        index.insert(run.id, list.size());
        list.append(std::move(run));
    }

    auto forEachRow = [&](const QString &sql, const auto &take) -> Base::Status {
        QSqlQuery rows(m_connection->database());
        rows.prepare(sql);
        if (!condition.isEmpty())
            rows.addBindValue(value);
        Base::Status read = m_connection->exec(rows, what);
        if (!read.ok())
            return read;
        while (rows.next()) {
            const auto it = index.constFind(rows.value(0).toLongLong());
            if (it != index.constEnd())
                take(list[*it], rows);
        }
        return {};
    };
    status = forEachRow(
        QStringLiteral("SELECT run_id, name, value FROM params") + runFilter, [](RunRecord &run, const QSqlQuery &row) {
            run.params.insert(row.value(1).toString(), jsonFromText(row.value(2).toString()));
        });
    if (status.ok())
        status
            = forEachRow(QStringLiteral("SELECT run_id, tag FROM tags") + runFilter + QStringLiteral(" ORDER BY tag"),
                [](RunRecord &run, const QSqlQuery &row) { run.tags.append(row.value(1).toString()); });
    // Per run and name: the value over all folds if recorded, else the latest step. A fold's
    // own score is never the run's: a run stopped after some folds has no value of its own.
    if (status.ok())
        status = forEachRow(QStringLiteral("SELECT run_id, name, value FROM (SELECT run_id, name, value, "
                                           "row_number() OVER (PARTITION BY run_id, name ORDER BY "
                                           "(fold IS NULL AND step IS NULL) DESC, (fold IS NULL) DESC, step DESC, "
                                           "id DESC) AS pick FROM (SELECT * FROM metrics WHERE fold IS NULL OR "
                                           "step IS NOT NULL)")
                + runFilter + QStringLiteral(") WHERE pick = 1"),
            [](RunRecord &run, const QSqlQuery &row) {
                run.metrics.insert(row.value(1).toString(), metricValue(row.value(2)));
            });
    if (!status.ok())
        return status.error();
    return list;
}

Base::Result<RunDetails> ExperimentStore::run(qint64 runId) const
{
    const QString what = QStringLiteral("cannot read %1").arg(runLabel(runId));
    if (!m_hasRunTables)
        return Base::Error {QStringLiteral("%1: there is no such run").arg(what), m_connection->path()};
    // One read transaction, so that the run and its rows come from the same moment.
    QSqlDatabase &db = m_connection->database();
    db.transaction();
    const auto endRead = qScopeGuard([&db] { db.commit(); });

    Base::Result<QList<RunRecord>> found = loadRuns(QStringLiteral("id = ?"), runId);
    if (!found.ok())
        return found.error();
    if (found.value().isEmpty())
        return Base::Error {QStringLiteral("%1: there is no such run").arg(what), m_connection->path()};
    RunDetails details;
    details.run = found.value().constFirst();

    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT name, fold, step, value FROM metrics WHERE run_id = ? ORDER BY id"));
    query.addBindValue(runId);
    Base::Status status = m_connection->exec(query, what);
    if (!status.ok())
        return status.error();
    while (query.next()) {
        MetricPoint point {query.value(0).toString(), metricValue(query.value(3)), std::nullopt, std::nullopt};
        if (!query.value(1).isNull())
            point.fold = query.value(1).toInt();
        if (!query.value(2).isNull())
            point.step = query.value(2).toLongLong();
        details.metrics.append(std::move(point));
    }
    query.prepare(QStringLiteral("SELECT id, text, created_at FROM notes WHERE run_id = ? ORDER BY id"));
    query.addBindValue(runId);
    status = m_connection->exec(query, what);
    if (!status.ok())
        return status.error();
    while (query.next())
        details.notes.append(
            RunNote {query.value(0).toLongLong(), query.value(1).toString(), timeFromText(query.value(2))});
    query.finish();

    const QDir folder(artifactDir(runId));
    QDirIterator files(folder.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext())
        details.artifacts.append(folder.relativeFilePath(files.next()));
    details.artifacts.sort();
    return details;
}

// ---- Artifacts

QString ExperimentStore::artifactDir(qint64 runId) const
{
    return artifactDirectory(m_workspacePath, runId);
}

Base::Result<QString> ExperimentStore::writeArtifact(qint64 runId, const QString &name, const QByteArray &bytes)
{
    const QString what = QStringLiteral("cannot write the artifact '%1' of %2").arg(name, runLabel(runId));
    if (isReadOnly())
        return Base::Error {QStringLiteral("%1: the workspace is open read-only").arg(what), m_workspacePath};
    if (!isSafeArtifactName(name))
        return Base::Error {
            QStringLiteral("%1: the name must be a relative path inside the run's folder, without '..'").arg(what),
            artifactDir(runId)};
    if (Base::Status ok = requireRunTables(what); !ok.ok())
        return ok.error();
    const Base::Result<RunStatus> exists = currentStatus(runId, what);
    if (!exists.ok())
        return exists.error();
    return writeArtifactFile(m_workspacePath, runId, name, bytes, what);
}

} // namespace Tandem::Store
