// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to tandem_store: the only header that exposes QtSql types. Nothing
// outside core/store includes it (ui/ must not see SQL).

#include "core/base/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <utility>

namespace Tandem::Store {

/// One SQLite connection to a workspace's `tandem.db`, used on the thread that
/// opened it. Write transactions start with `BEGIN IMMEDIATE` (so a second writer
/// waits in SQLite's busy handler instead of failing when it upgrades a read lock)
/// and are retried while another process keeps the database busy.
class SqlConnection
{
public:
    /// How long a write keeps retrying while another connection holds the write
    /// lock, on top of SQLite's own busy timeout per attempt.
    static constexpr int busyTimeoutMs = 10000;
    static constexpr int writeRetryBudgetMs = 120000;

    /// Opens `dbPath`. A writable connection sets WAL, `synchronous=NORMAL`,
    /// foreign keys and the busy timeout; a read-only one never writes to the file.
    /// A read-only connection that SQLite cannot give its `-shm` file (the folder is
    /// not writable, so nobody can write the store either) reads the file as immutable.
    static Base::Result<std::unique_ptr<SqlConnection>> open(const QString &dbPath, bool readOnly);

    /// Connect options and database name that read `dbPath` as an immutable file:
    /// SQLite then creates no `-wal`/`-shm` files and takes no locks. Only right
    /// while nobody writes the file.
    static QString immutableName(const QString &dbPath);
    static QString immutableOptions();
    ~SqlConnection();
    SqlConnection(const SqlConnection &) = delete;
    SqlConnection &operator=(const SqlConnection &) = delete;

    QSqlDatabase &database() { return m_db; }
    QString path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }

    /// Executes a prepared (and bound) query; the error names `what` and the file.
    Base::Status exec(QSqlQuery &query, const QString &what);
    /// Executes one statement.
    Base::Status exec(const QString &sql, const QString &what);

    /// A column name and the value to store in it.
    using ColumnValues = QList<std::pair<QString, QVariant>>;
    /// Inserts one row into `table` (names from code, never from input) and returns
    /// its rowid; the error names `what` and the file.
    Base::Result<qint64> insert(const QString &table, const ColumnValues &columns, const QString &what);

    /// Runs `body` in one write transaction, committed when it succeeds and rolled
    /// back when it fails. Retried (with `body` run again) while the database is
    /// busy, for up to writeRetryBudgetMs. `body` must only use this connection.
    Base::Status write(const QString &what, const std::function<Base::Status()> &body);

    /// True when the last failed statement failed because the database was busy or locked.
    bool lastFailureWasBusy() const { return m_lastFailureBusy; }

    Base::Error error(const QString &what, const QSqlError &error) const;

private:
    SqlConnection(QString path, QString name, bool readOnly);
    static Base::Result<std::unique_ptr<SqlConnection>> openWith(const QString &dbPath, bool readOnly, bool immutable);

    QString m_path;
    QString m_name;
    bool m_readOnly = false;
    bool m_lastFailureBusy = false;
    QSqlDatabase m_db;
};

} // namespace Tandem::Store
