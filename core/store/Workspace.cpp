// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/Workspace.h"

#include "core/base/Version.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Tandem::Store {
namespace {

const QString applicationTag = QStringLiteral("tandem");

Base::Error sqlError(const QString &dbPath, const QString &what, const QSqlError &error)
{
    return Base::Error {QStringLiteral("%1: %2").arg(what, error.text()), dbPath};
}

/// Reads the store's own marker with a read-only connection, so that a foreign
/// file is never written to. Returns the schema version, or an error.
Base::Result<int> readMarker(const QString &dbPath)
{
    const QString connection = QStringLiteral("tandem-probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Base::Result<int> result = Base::Error {};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            result = sqlError(dbPath, QStringLiteral("cannot open"), db.lastError());
        } else {
            QSqlQuery query(db);
            if (!query.exec(
                    QStringLiteral("SELECT key, value FROM meta WHERE key IN ('application', 'schema_version')"))) {
                result = Base::Error {
                    QStringLiteral("not a Tandem workspace store (%1)").arg(query.lastError().text()), dbPath};
            } else {
                QString application;
                int version = 0;
                while (query.next()) {
                    if (query.value(0).toString() == QLatin1String("application"))
                        application = query.value(1).toString();
                    else
                        version = query.value(1).toInt();
                }
                if (application != applicationTag || version <= 0)
                    result = Base::Error {QStringLiteral("not a Tandem workspace store (no Tandem marker)"), dbPath};
                else if (version > Workspace::schemaVersion)
                    result
                        = Base::Error {QStringLiteral("this workspace was written by a newer Tandem (store schema %1, "
                                                      "this version reads up to %2)")
                                           .arg(version)
                                           .arg(Workspace::schemaVersion),
                            dbPath};
                else
                    result = version;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

Base::Status execAll(QSqlDatabase &db, const QString &dbPath, const QStringList &statements)
{
    QSqlQuery query(db);
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return sqlError(dbPath, QStringLiteral("cannot prepare the store"), query.lastError());
    }
    return {};
}

} // namespace

Workspace::Workspace(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName))
{ }

Workspace::~Workspace()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Workspace::looksLikeWorkspace(const QString &dir)
{
    return QFileInfo(QDir(dir).filePath(QLatin1String(databaseFileName))).isFile();
}

Base::Result<std::shared_ptr<Workspace>> Workspace::create(const QString &dir)
{
    return openImpl(dir, true);
}

Base::Result<std::shared_ptr<Workspace>> Workspace::open(const QString &dir)
{
    return openImpl(dir, false);
}

Base::Result<std::shared_ptr<Workspace>> Workspace::openImpl(const QString &dir, bool allowCreate)
{
    const QFileInfo dirInfo(dir);
    if (dirInfo.exists() && !dirInfo.isDir())
        return Base::Error {QStringLiteral("a workspace is a folder, but this is a file"), dir};
    if (!dirInfo.exists()) {
        if (!allowCreate)
            return Base::Error {QStringLiteral("no such folder"), dir};
        if (!QDir().mkpath(dir))
            return Base::Error {QStringLiteral("cannot create the folder"), dir};
    }
    const QString path = QFileInfo(dir).absoluteFilePath();
    const QString dbPath = QDir(path).filePath(QLatin1String(databaseFileName));
    const bool exists = QFileInfo::exists(dbPath);
    if (!exists && !allowCreate)
        return Base::Error {
            QStringLiteral("not a Tandem workspace: it has no %1").arg(QLatin1String(databaseFileName)), path};
    if (exists) {
        const Base::Result<int> marker = readMarker(dbPath);
        if (!marker.ok())
            return marker.error();
    }

    const QString connection = QStringLiteral("tandem-ws-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto workspace = std::shared_ptr<Workspace>(new Workspace(path, connection));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(dbPath);
    if (!db.open())
        return sqlError(dbPath, QStringLiteral("cannot open"), db.lastError());

    // WAL lets readers and one writer work at once; the busy timeout makes a second
    // process wait for the lock instead of failing with "database is locked".
    Base::Status status = execAll(db, dbPath,
        {QStringLiteral("PRAGMA busy_timeout = 10000"), QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral("PRAGMA foreign_keys = ON")});
    if (!status.ok())
        return status.error();
    if (!exists) {
        db.transaction();
        status = execAll(db, dbPath,
            {QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
                QStringLiteral("INSERT INTO meta VALUES ('application', '%1')").arg(applicationTag),
                QStringLiteral("INSERT INTO meta VALUES ('schema_version', '%1')").arg(schemaVersion),
                QStringLiteral("INSERT INTO meta VALUES ('created_by', 'Tandem %1')").arg(Base::appVersion()),
                QStringLiteral("CREATE TABLE datasets (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, "
                               "added_at TEXT NOT NULL)")});
        if (!status.ok()) {
            db.rollback();
            return status.error();
        }
        if (!db.commit())
            return sqlError(dbPath, QStringLiteral("cannot create the store"), db.lastError());
    }
    return workspace;
}

QString Workspace::name() const
{
    return QFileInfo(m_path).fileName();
}

QStringList Workspace::datasetPaths() const
{
    QStringList paths;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(QStringLiteral("SELECT path FROM datasets ORDER BY id")))
        return paths;
    const QDir root(m_path);
    while (query.next())
        paths << QDir::cleanPath(root.absoluteFilePath(query.value(0).toString()));
    return paths;
}

Base::Status Workspace::addDataset(const QString &filePath)
{
    const QFileInfo info(filePath);
    if (!info.isFile())
        return Base::Error {QStringLiteral("no such file"), filePath};
    const QDir root(m_path);
    QString stored = root.relativeFilePath(info.absoluteFilePath());
    if (stored.startsWith(QLatin1String("..")))
        stored = info.absoluteFilePath();
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT OR IGNORE INTO datasets (path, added_at) VALUES (?, ?)"));
    query.addBindValue(stored);
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!query.exec())
        return sqlError(QDir(m_path).filePath(QLatin1String(databaseFileName)),
            QStringLiteral("cannot add the dataset"), query.lastError());
    return {};
}

} // namespace Tandem::Store
