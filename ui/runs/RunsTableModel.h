// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/RunRecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

class QMimeData;

namespace Tandem::Ui {

/// The workspace's runs as a table: status, name, model, experiment, executor
/// (where it ran: "local" or "slurm"; an optional column), one column per metric
/// and then per parameter found in any run, started, duration, tags.
///
/// It only translates RunRecords it is handed (setRuns); it never reads the store.
/// Every column has a stable key ("status", "param:C", "metric:accuracy") so a view
/// can remember which ones the user shows. SortRole gives numbers as numbers and
/// times as times; an empty value sorts as an invalid QVariant.
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole + 1,
        RunIdRole,
        StatusRole, ///< Store::RunStatus as int
        FilterTextRole, ///< name, model, experiment and tags, for the filter field
        ColumnKeyRole, ///< headerData: the column's key
    };

    explicit RunsTableModel(QObject *parent = nullptr);

    /// Replaces the runs. When the same runs come back in the same order with the
    /// same columns (a poll while runs train) only the cells change (dataChanged),
    /// so selection and scrolling stay; otherwise the model is reset.
    void setRuns(const QList<Store::RunRecord> &runs);
    const QList<Store::RunRecord> &runs() const { return m_runs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /// Editing the name cell asks for a rename (renameRequested); the store decides.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    /// Rows drag out as their run ids (runIdsMimeType), to be dropped on the Compare view.
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

    /// "application/x-tandem-run-ids": run ids as decimal text, one per line.
    static QString runIdsMimeType();
    /// Mime data carrying `runIds` (also as plain text, "run 3, run 5").
    static QMimeData *runIdsMimeData(const QList<qint64> &runIds);
    /// The run ids `data` carries, in order, without repeats; empty when it has none.
    static QList<qint64> runIdsFromMimeData(const QMimeData *data);

    /// Column keys in column order.
    QStringList columnKeys() const { return m_columns; }
    int columnOf(const QString &key) const { return int(m_columns.indexOf(key)); }
    int rowOf(qint64 runId) const;
    const Store::RunRecord *runAt(int row) const;
    const Store::RunRecord *runById(qint64 runId) const;
    /// The column's key is a parameter or a metric (the user may hide it; the fixed
    /// columns name and status stay).
    static bool isParamKey(const QString &key);
    static bool isMetricKey(const QString &key);
    /// A column a view shows only when asked, or when it tells runs apart
    /// (hasRunsElsewhere): "executor".
    static bool isOptionalKey(const QString &key);
    /// Some run was executed elsewhere than on this machine (a Slurm cluster).
    bool hasRunsElsewhere() const;
    /// "this machine", "Slurm cluster" (a run's executor, as shown).
    static QString executorText(const QString &executor);

    /// "done", "failed", … as shown (translated).
    static QString statusText(Store::RunStatus status);
    /// The status colour (fixed, readable on light and dark backgrounds).
    static QColor statusColor(Store::RunStatus status);
    /// "1.2 s", "3 min 4 s", "1 h 2 min".
    static QString durationText(qint64 ms);

Q_SIGNALS:
    void renameRequested(qint64 runId, const QString &name);

private:
    QVariant cell(const Store::RunRecord &run, const QString &key, int role) const;
    static QStringList columnsFor(const QList<Store::RunRecord> &runs);

    QList<Store::RunRecord> m_runs;
    QStringList m_columns;
};

} // namespace Tandem::Ui
