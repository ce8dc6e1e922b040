// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/ClusterProfile.h"

#include <QList>
#include <QObject>

#include <memory>

namespace Tandem::Runs {
class SlurmExecutor;
}

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Ui {

/// The workbench's SlurmExecutors: one per cluster profile and workspace, made when
/// runs are first sent there and kept while they are used. An executor whose
/// profile was edited or whose workspace is no longer open is retired: deleted once
/// its last job has ended (its jobs keep being followed until then), so results
/// still land in the workspace they were launched into.
class ClusterExecutors : public QObject
{
    Q_OBJECT
public:
    explicit ClusterExecutors(QObject *parent = nullptr);
    ~ClusterExecutors() override;

    /// The executor for `profile` (by name) in `workspace`: the current one when
    /// neither changed, else a new one (executorAdded) and the old one retired.
    Runs::SlurmExecutor *executorFor(
        const Runs::ClusterProfile &profile, const std::shared_ptr<const Store::Workspace> &workspace);
    /// Every executor alive, retired ones included.
    QList<Runs::SlurmExecutor *> executors() const;
    /// Cluster jobs not yet finished, over every executor.
    int activeCount() const;
    /// Retires the executors of workspaces other than `open` (none when null).
    void keepOnlyWorkspace(const Store::Workspace *open);

Q_SIGNALS:
    /// A new executor, for the Jobs dock to list its jobs.
    void executorAdded(Tandem::Runs::SlurmExecutor *executor);

private:
    struct Entry {
        QString profile;
        const Store::Workspace *workspace = nullptr;
        Runs::SlurmExecutor *executor = nullptr;
    };
    void retire(Runs::SlurmExecutor *executor);

    /// The executors in use (retired ones are only children until deleted).
    QList<Entry> m_current;
};

} // namespace Tandem::Ui
