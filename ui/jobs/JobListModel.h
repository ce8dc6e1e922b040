// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QAbstractTableModel>
#include <QList>

namespace Tandem::Ui {

/// The jobs of a JobQueue as rows (newest first): title, state, progress, and
/// the stage (or error message). It only translates the queue's signals.
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, StateColumn, ProgressColumn, DetailColumn, ColumnCount };

    explicit JobListModel(Runs::JobQueue *queue, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Runs::JobId jobAt(int row) const;
    /// Removes finished jobs from the list.
    void clearFinished();

private:
    int rowOf(Runs::JobId id) const;
    void refreshRow(Runs::JobId id);

    Runs::JobQueue *m_queue;
    QList<Runs::JobId> m_rows; // newest first
};

} // namespace Tandem::Ui
