// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/PlotTable.h"

#include <QAbstractTableModel>

namespace Tandem::Ui {

/// A PlotTable as a read-only item model: O(1) per cell, numbers right-aligned,
/// rows numbered from 1. Qt::UserRole gives numbers as doubles for sorting.
class PlotTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit PlotTableModel(PlotTable table, QObject *parent = nullptr);

    const PlotTable &table() const { return m_table; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PlotTable m_table;
};

} // namespace Tandem::Ui
