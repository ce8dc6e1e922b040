// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QObject>

class QHeaderView;

namespace Tandem::Ui {

class DatasetTableModel;

/// Sorts a dataset table when its header is clicked: the order is computed in
/// the core (Data::sortedRowOrder) as a job, then applied to the model as a row
/// permutation. The data is never copied, and the window stays responsive while
/// millions of rows are sorted. A newer sort request supersedes an older one.
class TableSorter : public QObject
{
    Q_OBJECT
public:
    TableSorter(Runs::JobQueue *jobs, DatasetTableModel *model, QHeaderView *header, QObject *parent = nullptr);

    /// Sorts by `column` (cancelling a sort still running).
    void sortBy(int column, Qt::SortOrder order);
    /// Back to the order of the file.
    void showFileOrder();

Q_SIGNALS:
    /// The order shown changed: `column` is -1 for the file's order.
    void sorted(int column, Qt::SortOrder order);

private:
    Runs::JobQueue *m_jobs;
    DatasetTableModel *m_model;
    QHeaderView *m_header;
    Runs::JobId m_job = 0;
};

} // namespace Tandem::Ui
