// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/Schema.h"

#include "core/base/Version.h"
#include "core/store/SqlConnection.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace Tandem::Store {

const QList<Migration> &schemaMigrations()
{
    static const QList<Migration> steps {
        {1, QStringLiteral("marker and datasets"),
            {QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
                QStringLiteral("INSERT INTO meta VALUES ('application', 'tandem')"),
                QStringLiteral("INSERT INTO meta VALUES ('schema_version', '0')"),
                QStringLiteral("INSERT INTO meta VALUES ('created_by', 'Tandem %1')").arg(Base::appVersion()),
                QStringLiteral("CREATE TABLE datasets (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, "
                               "added_at TEXT NOT NULL)")}},
        {2, QStringLiteral("experiments, runs, params, metrics, tags and notes"),
            {QStringLiteral("CREATE TABLE experiments (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                            "name TEXT NOT NULL UNIQUE, description TEXT NOT NULL DEFAULT '', "
                            "created_at TEXT NOT NULL)"),
                // AUTOINCREMENT: a deleted run's id (and so its artifacts folder name) is never reused.
                QStringLiteral("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                               "experiment_id INTEGER REFERENCES experiments(id) ON DELETE CASCADE, "
                               "name TEXT NOT NULL DEFAULT '', spec TEXT NOT NULL DEFAULT '{}', "
                               "status TEXT NOT NULL CHECK (status IN "
                               "('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')), "
                               "created_at TEXT NOT NULL, started_at TEXT, ended_at TEXT, duration_ms INTEGER, "
                               // Seeds are unsigned 64-bit: kept as decimal text so that none is rounded.
                               "seed TEXT, app_version TEXT NOT NULL, host TEXT NOT NULL, "
                               "executor TEXT NOT NULL DEFAULT 'local', session TEXT, error TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE INDEX runs_by_experiment ON runs (experiment_id)"),
                QStringLiteral("CREATE INDEX runs_by_status ON runs (status, session)"),
                QStringLiteral("CREATE TABLE params (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
                               "name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, name))"),
                // value NULL stands for NaN, which SQLite cannot store as a REAL.
                QStringLiteral("CREATE TABLE metrics (id INTEGER PRIMARY KEY, "
                               "run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
                               "name TEXT NOT NULL, fold INTEGER, step INTEGER, value REAL)"),
                QStringLiteral("CREATE INDEX metrics_by_run ON metrics (run_id, name, fold, step)"),
                QStringLiteral("CREATE TABLE tags (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
                               "tag TEXT NOT NULL, PRIMARY KEY (run_id, tag))"),
                QStringLiteral("CREATE INDEX tags_by_tag ON tags (tag)"),
                QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, "
                               "run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, "
                               "text TEXT NOT NULL, created_at TEXT NOT NULL)"),
                QStringLiteral("CREATE INDEX notes_by_run ON notes (run_id)")}},
    };
    return steps;
}

int currentSchemaVersion()
{
    return schemaMigrations().constLast().toVersion;
}

Base::Result<int> readSchemaVersion(SqlConnection &connection)
{
    QSqlQuery query(connection.database());
    query.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"));
    Base::Status status = connection.exec(query, QStringLiteral("cannot read the store's version"));
    if (!status.ok())
        return status.error();
    if (!query.next() || query.value(0).toInt() == 0)
        return 0;
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
    status = connection.exec(query, QStringLiteral("cannot read the store's version"));
    if (!status.ok())
        return status.error();
    return query.next() ? query.value(0).toInt() : 0;
}

Base::Status migrate(SqlConnection &connection, const QList<Migration> &steps)
{
    for (const Migration &step : steps) {
        const QString what
            = QStringLiteral("cannot upgrade the store to schema %1 (%2)").arg(step.toVersion).arg(step.summary);
        Base::Status status = connection.write(what, [&]() -> Base::Status {
            const Base::Result<int> version = readSchemaVersion(connection);
            if (!version.ok())
                return version.error();
            if (version.value() >= step.toVersion)
                return {}; // done before, maybe by another process that opened the store at the same time
            if (version.value() != step.toVersion - 1)
                return Base::Error {
                    QStringLiteral("%1: the store is at schema %2").arg(what).arg(version.value()), connection.path()};
            for (const QString &statement : step.statements) {
                Base::Status applied = connection.exec(statement, what);
                if (!applied.ok())
                    return applied;
            }
            QSqlQuery record(connection.database());
            record.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"));
            record.addBindValue(QString::number(step.toVersion));
            return connection.exec(record, what);
        });
        if (!status.ok())
            return status;
    }
    return {};
}

} // namespace Tandem::Store
