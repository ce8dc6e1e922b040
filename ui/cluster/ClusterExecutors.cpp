// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/cluster/ClusterExecutors.h"

#include "core/runs/SlurmExecutor.h"
#include "core/store/Workspace.h"

namespace Tandem::Ui {

ClusterExecutors::ClusterExecutors(QObject *parent) : QObject(parent) { }

ClusterExecutors::~ClusterExecutors() = default;

Runs::SlurmExecutor *ClusterExecutors::executorFor(
    const Runs::ClusterProfile &profile, const std::shared_ptr<const Store::Workspace> &workspace)
{
    for (qsizetype i = 0; i < m_current.size(); ++i) {
        Entry &entry = m_current[i];
        if (entry.profile != profile.name)
            continue;
        if (entry.workspace == workspace.get() && entry.executor->profile() == profile)
            return entry.executor;
        retire(entry.executor);
        m_current.removeAt(i);
        break;
    }
    auto *executor = new Runs::SlurmExecutor(profile, workspace, this);
    m_current.append(Entry {profile.name, workspace.get(), executor});
    Q_EMIT executorAdded(executor);
    return executor;
}

QList<Runs::SlurmExecutor *> ClusterExecutors::executors() const
{
    return findChildren<Runs::SlurmExecutor *>(Qt::FindDirectChildrenOnly);
}

int ClusterExecutors::activeCount() const
{
    int count = 0;
    for (const Runs::SlurmExecutor *executor : executors())
        count += executor->activeCount();
    return count;
}

void ClusterExecutors::keepOnlyWorkspace(const Store::Workspace *open)
{
    for (qsizetype i = m_current.size() - 1; i >= 0; --i) {
        if (m_current.at(i).workspace != open) {
            retire(m_current.at(i).executor);
            m_current.removeAt(i);
        }
    }
}

void ClusterExecutors::retire(Runs::SlurmExecutor *executor)
{
    if (executor->activeCount() == 0) {
        executor->deleteLater();
        return;
    }
    // Still following tasks: their results must reach the store first.
    connect(executor, &Runs::Executor::jobFinished, executor, [executor] {
        if (executor->activeCount() == 0)
            executor->deleteLater();
    });
}

} // namespace Tandem::Ui
