// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/PlotTableModel.h"

#include <QLocale>

#include <limits>

namespace Tandem::Ui {

PlotTableModel::PlotTableModel(PlotTable table, QObject *parent)
    : QAbstractTableModel(parent), m_table(std::move(table))
{ }

int PlotTableModel::rowCount(const QModelIndex &parent) const
{
    // Item views count rows in int; a chart never plots more than that.
    return parent.isValid() ? 0 : int(std::min<qsizetype>(m_table.rowCount(), std::numeric_limits<int>::max()));
}

int PlotTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_table.columnCount();
}

QVariant PlotTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    switch (role) {
    case Qt::DisplayRole: return m_table.displayText(index.row(), index.column());
    case Qt::UserRole:
        return m_table.isNumber(index.column()) ? QVariant(m_table.number(index.row(), index.column()))
                                                : QVariant(m_table.displayText(index.row(), index.column()));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            m_table.isNumber(index.column()) ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant PlotTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_table.columnCount() ? m_table.columnName(section) : QVariant();
    return QLocale().toString(section + 1);
}

} // namespace Tandem::Ui
