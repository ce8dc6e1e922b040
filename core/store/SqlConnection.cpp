// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/SqlConnection.h"

#include <QDeadlineTimer>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <QUuid>

namespace Tandem::Store {
namespace {

bool isBusy(const QSqlError &error)
{
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes (low byte).
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (ok && ((code & 0xff) == 5 || (code & 0xff) == 6))
        return true;
    const QString text = error.databaseText();
    return text.contains(QLatin1String("database is locked")) || text.contains(QLatin1String("database is busy"));
}

} // namespace

SqlConnection::SqlConnection(QString path, QString name, bool readOnly)
    : m_path(std::move(path)), m_name(std::move(name)), m_readOnly(readOnly)
{ }

SqlConnection::~SqlConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

QString SqlConnection::immutableName(const QString &dbPath)
{
    return QUrl::fromLocalFile(dbPath).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1");
}

QString SqlConnection::immutableOptions()
{
    return QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI");
}

Base::Result<std::unique_ptr<SqlConnection>> SqlConnection::open(const QString &dbPath, bool readOnly)
{
    auto connection = openWith(dbPath, readOnly, false);
    if (!readOnly || !connection.ok())
        return connection;
    QSqlQuery probe(connection.value()->database());
    if (probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return connection;
    probe.finish();
    probe = QSqlQuery();
    connection.value().reset();
    return openWith(dbPath, readOnly, true);
}

Base::Result<std::unique_ptr<SqlConnection>> SqlConnection::openWith(
    const QString &dbPath, bool readOnly, bool immutable)
{
    const QString name = QStringLiteral("tandem-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto connection = std::unique_ptr<SqlConnection>(new SqlConnection(dbPath, name, readOnly));
    connection->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    connection->m_db.setDatabaseName(immutable ? immutableName(dbPath) : dbPath);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
    if (immutable)
        options += QLatin1Char(';') + immutableOptions();
    else if (readOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    connection->m_db.setConnectOptions(options);
    if (!connection->m_db.open())
        return connection->error(QStringLiteral("cannot open"), connection->m_db.lastError());

    QStringList pragmas {
        QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs), QStringLiteral("PRAGMA foreign_keys = ON")};
    if (readOnly) {
        pragmas << QStringLiteral("PRAGMA query_only = ON");
    } else {
        // WAL lets readers work while one connection writes. NORMAL syncs the WAL at
        // checkpoints only: a commit survives a killed process (its pages are in the
        // OS's cache), but a power cut may lose the last few commits (never corrupting
        // the file). FULL would fsync every per-step metrics batch of every job.
        pragmas << QStringLiteral("PRAGMA journal_mode = WAL") << QStringLiteral("PRAGMA synchronous = NORMAL");
    }
    for (const QString &pragma : pragmas) {
        Base::Status status = connection->exec(pragma, QStringLiteral("cannot configure the connection"));
        if (!status.ok())
            return status.error();
    }
    return connection;
}

Base::Error SqlConnection::error(const QString &what, const QSqlError &error) const
{
    return Base::Error {QStringLiteral("%1: %2").arg(what, error.text()), m_path};
}

Base::Status SqlConnection::exec(QSqlQuery &query, const QString &what)
{
    if (query.exec()) {
        m_lastFailureBusy = false;
        return {};
    }
    m_lastFailureBusy = isBusy(query.lastError());
    return error(what, query.lastError());
}

Base::Status SqlConnection::exec(const QString &sql, const QString &what)
{
    QSqlQuery query(m_db);
    if (query.exec(sql)) {
        m_lastFailureBusy = false;
        return {};
    }
    m_lastFailureBusy = isBusy(query.lastError());
    return error(what, query.lastError());
}

Base::Result<qint64> SqlConnection::insert(const QString &table, const ColumnValues &columns, const QString &what)
{
    QStringList names;
    for (const auto &column : columns)
        names << column.first;
    const QStringList placeholders(names.size(), QStringLiteral("?"));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(table, names.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", "))));
    for (const auto &column : columns)
        query.addBindValue(column.second);
    Base::Status inserted = exec(query, what);
    if (!inserted.ok())
        return inserted.error();
    return query.lastInsertId().toLongLong();
}

Base::Status SqlConnection::write(const QString &what, const std::function<Base::Status()> &body)
{
    if (m_readOnly)
        return Base::Error {QStringLiteral("%1: the workspace is open read-only").arg(what), m_path};
    const QDeadlineTimer deadline(writeRetryBudgetMs);
    int pauseMs = 5;
    for (;;) {
        Base::Status status = exec(QStringLiteral("BEGIN IMMEDIATE"), what);
        if (status.ok()) {
            status = body();
            if (status.ok())
                status = exec(QStringLiteral("COMMIT"), what);
            if (status.ok())
                return {};
            const bool busy = m_lastFailureBusy;
            // A failed COMMIT may already have ended the transaction; ROLLBACK then
            // fails harmlessly.
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            m_lastFailureBusy = busy;
        }
        if (!m_lastFailureBusy)
            return status;
        if (deadline.hasExpired())
            return Base::Error {QStringLiteral("%1: another process kept the workspace locked for %2 s")
                                    .arg(what)
                                    .arg(writeRetryBudgetMs / 1000),
                m_path};
        QThread::msleep(pauseMs);
        pauseMs = std::min(pauseMs * 2, 200);
    }
}

} // namespace Tandem::Store
