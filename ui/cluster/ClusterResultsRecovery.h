// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Ui {

/// Brings in, as a workspace opens, the cluster results that arrived while no
/// Tandem followed their batch (Runs::importPendingClusterResults: the submitting
/// process was closed or killed while the job array ran on). The import runs on a
/// worker of its own, over its own store connection, never on the GUI thread; one
/// workspace at a time, the latest one asked for next. A workspace without a
/// `cluster/` folder costs nothing.
class ClusterResultsRecovery : public QObject
{
    Q_OBJECT
public:
    explicit ClusterResultsRecovery(QObject *parent = nullptr);
    /// Waits for an import under way.
    ~ClusterResultsRecovery() override;

    /// Imports the pending results of `workspace` (open for writing) in the background.
    void start(std::shared_ptr<Store::Workspace> workspace);

Q_SIGNALS:
    /// On this object's thread once an import that had something to say ended:
    /// runs imported, files skipped or a store that could not be read. `note` says
    /// it in a sentence ("Imported 3 cluster results that finished while Tandem was
    /// closed."); `problem` is true when something could not be imported.
    void finished(const QString &workspacePath, int importedCount, const QString &note, bool problem);

private:
    void launch(std::shared_ptr<Store::Workspace> workspace);

    QThreadPool m_pool;
    // Kept here, released on this thread: the worker only borrows it.
    std::shared_ptr<Store::Workspace> m_current;
    std::shared_ptr<Store::Workspace> m_next;
};

} // namespace Tandem::Ui
