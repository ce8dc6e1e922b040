// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace Tandem::Ui {

/// A read-only table over a columnar Dataset. It only translates: data() does
/// O(1) work per cell (one typed load and one number or string formatting), so
/// views scroll millions of rows. Rows can be shown in another order (a sort
/// computed in the core, as a permutation) without touching the data.
///
/// The model knows nothing of palettes or fonts: it marks missing cells with
/// MissingRole and the cell delegate draws them.
class DatasetTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// true for a missing cell.
    static constexpr int MissingRole = Qt::UserRole + 1;
    /// The column's Data::ColumnType (as int) on horizontal header data.
    static constexpr int ColumnTypeRole = Qt::UserRole + 2;

    explicit DatasetTableModel(QObject *parent = nullptr);

    /// Shows `dataset` (or nothing for nullptr) in file order; one model reset.
    void setDataset(std::shared_ptr<const Data::Dataset> dataset);
    const std::shared_ptr<const Data::Dataset> &dataset() const { return m_dataset; }

    /// Shows rows in `order` (a permutation of 0..rowCount-1), or in file order
    /// when empty. Anything else is refused and returns false.
    bool setRowOrder(std::vector<qint64> order);
    /// The dataset row shown at view row `row`.
    qint64 sourceRow(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Data::Dataset> m_dataset;
    std::vector<qint64> m_order;
    int m_rows = 0;
};

} // namespace Tandem::Ui
