// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/Workspace.h"

#include "core/store/ExperimentStore.h"
#include "core/store/Schema.h"
#include "core/store/Session.h"
#include "core/store/SqlConnection.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace Tandem::Store {
namespace {

const QString applicationTag = QStringLiteral("tandem");

Base::Error sqlError(const QString &dbPath, const QString &what, const QSqlError &error)
{
    return Base::Error {QStringLiteral("%1: %2").arg(what, error.text()), dbPath};
}

/// Reads the store's own marker with a read-only connection, so that a foreign
/// file is never written to. Returns the schema version; 0 for an SQLite file without
/// a single table (a store whose making was cut short, or that is being made now);
/// or an error.
Base::Result<int> readMarker(const QString &dbPath)
{
    const QString connection = QStringLiteral("tandem-probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Base::Result<int> result = Base::Error {};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        // Without a `-wal` file, every byte of the store is in the file itself, and even
        // a read-only connection would create `-wal` and `-shm` files next to it: read
        // it as immutable, so that a foreign file's folder is left as it was.
        const bool hasWal = QFileInfo::exists(dbPath + QStringLiteral("-wal"));
        db.setDatabaseName(hasWal ? dbPath : SqlConnection::immutableName(dbPath));
        db.setConnectOptions(hasWal ? QStringLiteral("QSQLITE_OPEN_READONLY") : SqlConnection::immutableOptions());
        if (!db.open()) {
            result = sqlError(dbPath, QStringLiteral("cannot open"), db.lastError());
        } else {
            QSqlQuery query(db);
            if (!query.exec(
                    QStringLiteral("SELECT key, value FROM meta WHERE key IN ('application', 'schema_version')"))) {
                const QString problem = query.lastError().text();
                if (query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && query.next()
                    && query.value(0).toInt() == 0)
                    result = 0;
                else
                    result = Base::Error {QStringLiteral("not a Tandem workspace store (%1)").arg(problem), dbPath};
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

/// While a process makes a new store (creates `tandem.db` and writes its schema and
/// marker), it holds this lock in the workspace folder: another process creating or
/// opening the workspace at the same time waits for it, instead of taking the
/// half-made file for a foreign one. Empty when the lock cannot be had (a read-only
/// folder) within `waitMs`.
std::unique_ptr<QLockFile> lockStoreCreation(const QString &workspacePath, int waitMs)
{
    auto lock = std::make_unique<QLockFile>(QDir(workspacePath).filePath(QStringLiteral("tandem.db.lock")));
    lock->setStaleLockTime(0); // stale only when its process is gone, however long creating takes
    if (!lock->tryLock(waitMs))
        return {};
    return lock;
}

constexpr int storeCreationWaitMs = 60000;

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

Workspace::Workspace(QString path) : m_path(std::move(path)) { }

// The store goes before the connection it uses, the connection before the session lock.
Workspace::~Workspace()
{
    m_store.reset();
    m_connection.reset();
    m_session.reset();
}

bool Workspace::looksLikeWorkspace(const QString &dir)
{
    return QFileInfo(QDir(dir).filePath(QLatin1String(databaseFileName))).isFile();
}

Base::Result<std::shared_ptr<Workspace>> Workspace::create(const QString &dir)
{
    return openImpl(dir, true, Access::ReadWrite);
}

Base::Result<std::shared_ptr<Workspace>> Workspace::open(const QString &dir, Access access)
{
    return openImpl(dir, false, access);
}

Base::Result<std::shared_ptr<Workspace>> Workspace::openImpl(const QString &dir, bool allowCreate, Access access)
{
    Q_ASSERT(schemaVersion == currentSchemaVersion());
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
    bool exists = QFileInfo::exists(dbPath);
    if (!exists && !allowCreate)
        return Base::Error {
            QStringLiteral("not a Tandem workspace: it has no %1").arg(QLatin1String(databaseFileName)), path};
    // Held until the new store has its schema (released when this function returns).
    std::unique_ptr<QLockFile> creation;
    if (!exists) {
        creation = lockStoreCreation(path, storeCreationWaitMs);
        exists = QFileInfo::exists(dbPath); // made by the process that had the lock
    }
    if (exists) {
        Base::Result<int> marker = readMarker(dbPath);
        if ((!marker.ok() || marker.value() == 0) && !creation && access == Access::ReadWrite) {
            // Perhaps another process is making it right now: look again once it is done.
            creation = lockStoreCreation(path, storeCreationWaitMs);
            if (creation)
                marker = readMarker(dbPath);
        }
        if (!marker.ok())
            return marker.error();
        if (marker.value() == 0) {
            // Still without a table while nobody makes it: its maker was killed before
            // writing the schema. It holds nothing, so it is made here as a new store.
            if (!creation)
                return Base::Error {QStringLiteral("not a Tandem workspace store (no Tandem marker)"), dbPath};
            exists = false;
        }
    }

    auto workspace = std::shared_ptr<Workspace>(new Workspace(path));
    // SQLite writes `-wal` and `-shm` files next to the store, and runs write their
    // artifacts and session locks into the folder: both must be writable.
    const bool folderWritable = QFileInfo(path).isWritable();
    if (!exists && !folderWritable)
        return Base::Error {QStringLiteral("cannot create a workspace here: the folder is read-only"), path};
    if (access == Access::ReadOnly)
        workspace->m_readOnlyNotice = QStringLiteral("This workspace was opened read-only: runs cannot be started, "
                                                     "changed or deleted.");
    else if (exists && (!folderWritable || !QFileInfo(dbPath).isWritable()))
        workspace->m_readOnlyNotice = QStringLiteral("This workspace is read-only (%1 cannot be written): its runs "
                                                     "can be viewed but not started, changed or deleted.")
                                          .arg(folderWritable ? dbPath : path);

    auto connection = SqlConnection::open(dbPath, workspace->isReadOnly());
    if (!connection.ok())
        return connection.error();
    workspace->m_connection = std::move(connection.value());
    if (!workspace->isReadOnly()) {
        Base::Status migrated = migrate(*workspace->m_connection);
        if (!migrated.ok())
            return migrated.error();
        auto session = Session::start(path);
        if (!session.ok())
            return session.error();
        workspace->m_session = std::move(session.value());
    }
    const Base::Result<int> version = readSchemaVersion(*workspace->m_connection);
    if (!version.ok())
        return version.error();
    workspace->m_storeVersion = version.value();
    workspace->m_store = std::unique_ptr<ExperimentStore>(
        new ExperimentStore(workspace->m_connection, path, workspace->m_session, workspace->m_storeVersion >= 2));
    if (!workspace->isReadOnly()) {
        Base::Status marked = workspace->markInterruptedRuns();
        if (!marked.ok())
            return marked.error();
    }
    return workspace;
}

Base::Status Workspace::markInterruptedRuns()
{
    const QString what = QStringLiteral("cannot mark the runs of ended processes interrupted");
    QStringList sessions;
    {
        QSqlQuery query(m_connection->database());
        query.prepare(
            QStringLiteral("SELECT DISTINCT coalesce(session, '') FROM runs WHERE status IN ('queued', 'running')"));
        Base::Status status = m_connection->exec(query, what);
        if (!status.ok())
            return status;
        while (query.next())
            sessions << query.value(0).toString();
    }
    const QString mine = sessionId();
    for (const QString &session : std::as_const(sessions)) {
        if (session == mine || !Session::isDead(m_path, session))
            continue;
        Base::Status status = m_connection->write(what, [&]() -> Base::Status {
            QSqlQuery query(m_connection->database());
            query.prepare(QStringLiteral("SELECT id FROM runs WHERE status IN ('queued', 'running') "
                                         "AND coalesce(session, '') = ?"));
            query.addBindValue(session);
            Base::Status listed = m_connection->exec(query, what);
            if (!listed.ok())
                return listed;
            while (query.next())
                m_interrupted.append(query.value(0).toLongLong());
            query.prepare(QStringLiteral(
                "UPDATE runs SET status = 'interrupted', error = CASE status WHEN 'running' THEN ? ELSE ? END "
                "WHERE status IN ('queued', 'running') AND coalesce(session, '') = ?"));
            query.addBindValue(QStringLiteral("interrupted: the process running it ended before it finished "
                                              "(noticed %1)")
                                   .arg(nowText()));
            query.addBindValue(QStringLiteral("interrupted: the process that queued it ended before it started "
                                              "(noticed %1)")
                                   .arg(nowText()));
            query.addBindValue(session);
            return m_connection->exec(query, what);
        });
        if (!status.ok())
            return status;
    }
    // Lock files of sessions that ended without running anything: isDead removes them.
    for (const QString &session : Session::knownSessions(m_path)) {
        if (session != mine)
            Session::isDead(m_path, session);
    }
    std::sort(m_interrupted.begin(), m_interrupted.end());
    return {};
}

QString Workspace::name() const
{
    return QFileInfo(m_path).fileName();
}

QString Workspace::databasePath() const
{
    return QDir(m_path).filePath(QLatin1String(databaseFileName));
}

QString Workspace::sessionId() const
{
    return m_session ? m_session->id() : QString();
}

Base::Result<std::unique_ptr<ExperimentStore>> Workspace::openStore() const
{
    auto connection = SqlConnection::open(databasePath(), isReadOnly());
    if (!connection.ok())
        return connection.error();
    return std::unique_ptr<ExperimentStore>(new ExperimentStore(
        std::shared_ptr<SqlConnection>(std::move(connection.value())), m_path, m_session, m_storeVersion >= 2));
}

Base::Status Workspace::checkIntegrity() const
{
    const QString what = QStringLiteral("cannot check the store");
    QStringList problems;
    QSqlQuery query(m_connection->database());
    query.prepare(QStringLiteral("PRAGMA integrity_check"));
    if (Base::Status checked = m_connection->exec(query, what); !checked.ok())
        return checked;
    while (query.next()) {
        if (const QString row = query.value(0).toString(); row != QLatin1String("ok"))
            problems << row;
    }
    query.prepare(QStringLiteral("PRAGMA foreign_key_check"));
    if (Base::Status checked = m_connection->exec(query, what); !checked.ok())
        return checked;
    while (query.next())
        problems << QStringLiteral("row %1 of %2 refers to a missing row of %3")
                        .arg(query.value(1).toString(), query.value(0).toString(), query.value(2).toString());
    if (problems.isEmpty())
        return {};
    return Base::Error {
        QStringLiteral("the store is damaged: %1").arg(problems.join(QStringLiteral("; "))), databasePath()};
}

QStringList Workspace::datasetPaths() const
{
    QStringList paths;
    QSqlQuery query(m_connection->database());
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
    const QString what = QStringLiteral("cannot add the dataset %1").arg(filePath);
    return m_connection->write(what, [&]() -> Base::Status {
        QSqlQuery query(m_connection->database());
        query.prepare(QStringLiteral("INSERT OR IGNORE INTO datasets (path, added_at) VALUES (?, ?)"));
        query.addBindValue(stored);
        query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        return m_connection->exec(query, what);
    });
}

} // namespace Tandem::Store
