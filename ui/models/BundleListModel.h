// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/models/BundleEntry.h"

#include <QAbstractTableModel>
#include <QList>

namespace Tandem::Ui {

/// The Models view's table: one row per bundle file with what its manifest says
/// (name, model, task, target, classes, metrics, training data, created, source
/// run, size). A bundle that could not be read keeps its row, its name marked
/// and its refusal in the Model column (the view spans it across the row).
class BundleListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Model, Task, Target, Classes, Metrics, Dataset, Created, Run, Size, ColumnCount };
    enum Role {
        /// The entry's path (every column).
        PathRole = Qt::UserRole + 1,
        /// True for a bundle that could not be read.
        FailedRole,
        /// The column's value for sorting (numbers as numbers, times as times).
        SortRole,
    };

    explicit BundleListModel(QObject *parent = nullptr);

    void setEntries(QList<BundleEntry> entries);
    const QList<BundleEntry> &entries() const { return m_entries; }
    const BundleEntry *entry(int row) const;
    /// The row of `path`, or -1.
    int rowOf(const QString &path) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "accuracy 0.9533 · roc_auc_ovr 0.9950": the task's leading metrics, at most `count`.
    static QString metricsText(const Bundle::BundleManifest &manifest, int count);

private:
    QList<BundleEntry> m_entries;
};

} // namespace Tandem::Ui
