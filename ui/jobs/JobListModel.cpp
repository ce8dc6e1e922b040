// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/JobListModel.h"

namespace Tandem::Ui {

JobListModel::JobListModel(Runs::JobQueue *queue, QObject *parent) : QAbstractTableModel(parent), m_queue(queue)
{
    connect(queue, &Runs::JobQueue::jobAdded, this, [this](Runs::JobId id) {
        beginInsertRows({}, 0, 0);
        m_rows.prepend(id);
        endInsertRows();
    });
    connect(queue, &Runs::JobQueue::jobStarted, this, &JobListModel::refreshRow);
    connect(queue, &Runs::JobQueue::jobProgress, this, [this](Runs::JobId id) { refreshRow(id); });
    connect(queue, &Runs::JobQueue::jobFinished, this, [this](Runs::JobId id) { refreshRow(id); });
}

int JobListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Runs::JobInfo job = m_queue->info(m_rows.at(index.row()));
    if (role == Qt::ToolTipRole && !job.message.isEmpty())
        return job.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TitleColumn: return job.title;
    case StateColumn: return Runs::jobStateName(job.state);
    case ProgressColumn: return job.fraction; // drawn as a bar by the dock's delegate
    case DetailColumn: return job.state == Runs::JobState::Failed ? job.message : job.stage;
    default: return {};
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn: return tr("Job");
    case StateColumn: return tr("State");
    case ProgressColumn: return tr("Progress");
    case DetailColumn: return tr("Details");
    default: return {};
    }
}

Runs::JobId JobListModel::jobAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : 0;
}

void JobListModel::clearFinished()
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        const Runs::JobState state = m_queue->info(m_rows.at(row)).state;
        if (state == Runs::JobState::Queued || state == Runs::JobState::Running)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

int JobListModel::rowOf(Runs::JobId id) const
{
    return int(m_rows.indexOf(id));
}

void JobListModel::refreshRow(Runs::JobId id)
{
    const int row = rowOf(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace Tandem::Ui
