// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QAbstractTableModel>
#include <QList>

namespace Tandem::Ui {

/// The jobs of a JobQueue as rows (newest first): title, state, progress, time
/// left, the stage (or error message) and a cancel button. It only translates the
/// queue's signals.
///
/// It also follows the current batch, the jobs added since the queue was last
/// idle, for the dock's overall bar.
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TitleColumn, StateColumn, ProgressColumn, EtaColumn, DetailColumn, CancelColumn, ColumnCount };
    enum Role {
        /// True while the job can be cancelled (queued or running).
        CancellableRole = Qt::UserRole + 1,
    };

    explicit JobListModel(Runs::JobQueue *queue, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Runs::JobId jobAt(int row) const;
    /// Removes finished jobs from the list.
    void clearFinished();

    /// The batch's progress in [0, 1]: finished jobs count as whole.
    double overallFraction() const;
    int batchSize() const { return int(m_batch.size()); }
    int batchFinished() const;
    /// Jobs listed that are queued or running.
    int activeCount() const;

Q_SIGNALS:
    /// The overall figures changed.
    void overallChanged();

private:
    int rowOf(Runs::JobId id) const;
    void refreshRow(Runs::JobId id);

    Runs::JobQueue *m_queue;
    QList<Runs::JobId> m_rows; // newest first
    QList<Runs::JobId> m_batch;
};

} // namespace Tandem::Ui
