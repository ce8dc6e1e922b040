// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace Tandem::Store {

/// A workspace is a folder holding `tandem.db` (the experiment store, SQLite)
/// and the files runs write. This class opens and creates it, checks that an
/// existing `tandem.db` really is Tandem's (anything else is refused and left
/// untouched), and keeps the list of datasets the workspace knows.
///
/// One instance owns one database connection and is used from one thread.
class Workspace
{
public:
    static constexpr int schemaVersion = 1;
    static constexpr const char *databaseFileName = "tandem.db";

    /// Opens the workspace in `dir`, creating the folder and the store if they are
    /// missing. An existing foreign `tandem.db` is refused.
    static Base::Result<std::shared_ptr<Workspace>> create(const QString &dir);
    /// Opens an existing workspace; a folder without `tandem.db` is refused.
    static Base::Result<std::shared_ptr<Workspace>> open(const QString &dir);
    /// True when `dir` holds a `tandem.db` (not checked further).
    static bool looksLikeWorkspace(const QString &dir);

    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    QString path() const { return m_path; }
    /// The folder's name, for window titles.
    QString name() const;

    /// Absolute paths of the datasets registered in this workspace, oldest first.
    QStringList datasetPaths() const;
    /// Registers a dataset file (stored relative to the workspace when inside it).
    /// Registering a file twice is not an error.
    Base::Status addDataset(const QString &filePath);

private:
    Workspace(QString path, QString connectionName);
    static Base::Result<std::shared_ptr<Workspace>> openImpl(const QString &dir, bool allowCreate);

    QString m_path;
    QString m_connectionName;
};

} // namespace Tandem::Store
