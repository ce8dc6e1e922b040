// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QList>

namespace Tandem::Runs {
class Executor;
}

namespace Tandem::Ui {

/// The jobs of a JobQueue, and of the executors added (addExecutor: cluster jobs),
/// as rows (newest first): title, state, where it runs, progress, time left, the
/// stage (or error message) and a cancel button. It only translates the executors'
/// signals. A SlurmExecutor's job shows Slurm's state (PENDING, RUNNING,
/// COMPLETED, FAILED, …), its array task and, in its tooltip, the reason and log.
///
/// It also follows the current batch, the jobs added since the queue was last
/// idle for longer than the batch gap, for the dock's overall bar: work that
/// follows other work (a dataset's profile after its load, a sweep's next rung of
/// successive halving) is added just after the jobs before it ended, and belongs
/// to the same batch.
class JobListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TitleColumn,
        StateColumn,
        WhereColumn,
        ProgressColumn,
        EtaColumn,
        DetailColumn,
        CancelColumn,
        ColumnCount
    };
    enum Role {
        /// True while the job can be cancelled (queued or running).
        CancellableRole = Qt::UserRole + 1,
    };

    explicit JobListModel(Runs::JobQueue *queue, QObject *parent = nullptr);

    /// Lists the jobs `executor` runs from now on too (a SlurmExecutor); its rows
    /// go when it is destroyed.
    void addExecutor(Runs::Executor *executor);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The job of a row; ids are per executor (see executorAt).
    Runs::JobId jobAt(int row) const;
    Runs::Executor *executorAt(int row) const;
    Runs::JobInfo infoAt(int row) const;
    void cancelAt(int row);
    /// Cancels every queued and running job, of every executor.
    void cancelAll();
    /// Removes finished jobs from the list.
    void clearFinished();

    /// The batch's progress in [0, 1]: finished jobs count as whole.
    double overallFraction() const;
    int batchSize() const { return int(m_batch.size()); }
    int batchFinished() const;
    /// How long the queue must have been idle for the next job to start a new
    /// batch; 2 s by default.
    void setBatchGap(qint64 milliseconds) { m_batchGapMs = milliseconds; }
    /// Jobs listed that are queued or running.
    int activeCount() const;

Q_SIGNALS:
    /// The overall figures changed.
    void overallChanged();

private:
    struct Job {
        Runs::Executor *executor = nullptr;
        Runs::JobId id = 0;
        friend bool operator==(const Job &, const Job &) = default;
    };
    Runs::JobInfo infoOf(const Job &job) const;
    QVariant slurmData(const Job &job, const Runs::JobInfo &info, int column, int role) const;
    int rowOf(const Job &job) const;
    void refreshRow(const Job &job);
    void removeExecutor(QObject *executor);

    /// The queue's jobs, through the same interface as the others.
    Runs::Executor *m_local;
    QList<Runs::Executor *> m_executors;
    QList<Job> m_rows; // newest first
    QList<Job> m_batch;
    qint64 m_batchGapMs = 2000;
    /// Since the last job of the batch ended.
    QElapsedTimer m_sinceBatchEnded;
};

} // namespace Tandem::Ui
