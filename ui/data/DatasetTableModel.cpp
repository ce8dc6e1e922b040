// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/DatasetTableModel.h"

#include <QLocale>

#include <algorithm>
#include <limits>

namespace Tandem::Ui {

DatasetTableModel::DatasetTableModel(QObject *parent) : QAbstractTableModel(parent) { }

void DatasetTableModel::setDataset(std::shared_ptr<const Data::Dataset> dataset)
{
    beginResetModel();
    m_dataset = std::move(dataset);
    m_order.clear();
    // Qt's item views index rows with int: beyond 2^31-1 rows only the first ones show.
    m_rows = m_dataset ? int(std::min<qint64>(m_dataset->rowCount(), std::numeric_limits<int>::max())) : 0;
    endResetModel();
}

bool DatasetTableModel::setRowOrder(std::vector<qint64> order)
{
    if (!order.empty() && (!m_dataset || qint64(order.size()) != m_dataset->rowCount()))
        return false;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_order = std::move(order);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    return true;
}

qint64 DatasetTableModel::sourceRow(int row) const
{
    return m_order.empty() ? qint64(row) : m_order[std::size_t(row)];
}

int DatasetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int DatasetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_dataset ? 0 : int(m_dataset->columnCount());
}

QVariant DatasetTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Data::Column &column = m_dataset->column(index.column());
    const qint64 row = sourceRow(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return column.toString(row);
    case MissingRole: return column.isMissing(row);
    case Qt::TextAlignmentRole: {
        const bool number = column.type() == Data::ColumnType::Numeric || column.type() == Data::ColumnType::Integer;
        return QVariant::fromValue(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    }
    default: return {};
    }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_dataset)
        return {};
    if (orientation == Qt::Vertical) {
        // Row numbers as in the file (1-based), also after sorting.
        if (role == Qt::DisplayRole && section >= 0 && section < m_rows)
            return QLocale().toString(sourceRow(section) + 1);
        return {};
    }
    if (section < 0 || section >= m_dataset->columnCount())
        return {};
    const Data::Column &column = m_dataset->column(section);
    switch (role) {
    case Qt::DisplayRole: return QStringLiteral("%1\n%2").arg(column.name(), Data::columnTypeName(column.type()));
    case Qt::ToolTipRole:
        return tr("%1: %2, %3 missing of %4")
            .arg(column.name(), Data::columnTypeName(column.type()), QLocale().toString(column.missingCount()),
                QLocale().toString(column.size()));
    case ColumnTypeRole: return int(column.type());
    default: return {};
    }
}

} // namespace Tandem::Ui
