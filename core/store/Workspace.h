// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Tandem::Store {

class ExperimentStore;
class Session;
class SqlConnection;

/// A workspace is a folder holding `tandem.db` (the experiment store, SQLite),
/// `artifacts/<run-id>/` (the files runs write) and `sessions/` (a lock file per
/// process writing it). This class opens and creates it, checks that an existing
/// `tandem.db` really is Tandem's (anything else is refused and left untouched),
/// upgrades an older store (a store newer than this program is refused, untouched),
/// marks the unfinished runs of processes that died as interrupted, and keeps the
/// list of datasets the workspace knows. Runs are reached through store().
///
/// One instance owns one database connection and is used from one thread; other
/// threads get their own connection with openStore().
class Workspace
{
public:
    /// The store schema this program writes (see Schema.cpp for the steps).
    static constexpr int schemaVersion = 2;
    static constexpr const char *databaseFileName = "tandem.db";

    enum class Access { ReadWrite, ReadOnly };

    /// Opens the workspace in `dir`, creating the folder and the store if they are
    /// missing. An existing foreign `tandem.db` is refused.
    static Base::Result<std::shared_ptr<Workspace>> create(const QString &dir);
    /// Opens an existing workspace; a folder without `tandem.db` is refused. A
    /// workspace whose folder or store cannot be written opens read-only (see
    /// readOnlyNotice()); `Access::ReadOnly` asks for that, and never writes.
    static Base::Result<std::shared_ptr<Workspace>> open(const QString &dir, Access access = Access::ReadWrite);
    /// True when `dir` holds a `tandem.db` (not checked further).
    static bool looksLikeWorkspace(const QString &dir);

    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    QString path() const { return m_path; }
    /// The folder's name, for window titles.
    QString name() const;
    QString databasePath() const;

    bool isReadOnly() const { return !m_readOnlyNotice.isEmpty(); }
    /// Why the workspace is read-only, in a sentence to show the user; empty when writable.
    QString readOnlyNotice() const { return m_readOnlyNotice; }
    /// The schema version of the store as opened (older than schemaVersion only
    /// when read-only, as an old store is upgraded when it is opened for writing).
    int storeSchemaVersion() const { return m_storeVersion; }
    /// This process's session in the workspace; empty when read-only.
    QString sessionId() const;
    /// The runs that opening the workspace found left unfinished by a process that
    /// ended, and marked interrupted.
    QList<qint64> interruptedOnOpen() const { return m_interrupted; }

    /// Checks the store file: SQLite's `PRAGMA integrity_check` (pages, indexes,
    /// constraints) and `PRAGMA foreign_key_check` (no metric, parameter or tag of a
    /// run that is not there). An error listing what is wrong; never writes.
    Base::Status checkIntegrity() const;

    /// Absolute paths of the datasets registered in this workspace, oldest first.
    QStringList datasetPaths() const;
    /// Registers a dataset file (stored relative to the workspace when inside it).
    /// Registering a file twice is not an error.
    Base::Status addDataset(const QString &filePath);

    /// The experiments and runs, over this workspace's connection (this thread only).
    ExperimentStore &store() const { return *m_store; }
    /// The experiments and runs over a new connection for the calling thread (a
    /// job's worker thread), in this workspace's session. Destroy it on that thread.
    Base::Result<std::unique_ptr<ExperimentStore>> openStore() const;

private:
    Workspace(QString path);
    static Base::Result<std::shared_ptr<Workspace>> openImpl(const QString &dir, bool allowCreate, Access access);
    Base::Status markInterruptedRuns();

    QString m_path;
    QString m_readOnlyNotice;
    int m_storeVersion = 0;
    QList<qint64> m_interrupted;
    std::shared_ptr<SqlConnection> m_connection;
    std::shared_ptr<Session> m_session;
    std::unique_ptr<ExperimentStore> m_store;
};

} // namespace Tandem::Store
