// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/ProfileModel.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {

ProfileModel::ProfileModel(QObject *parent) : QAbstractListModel(parent) { }

void ProfileModel::setProfile(std::optional<Data::Profile> profile)
{
    beginResetModel();
    m_profile = std::move(profile);
    endResetModel();
}

int ProfileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_profile ? 0 : int(m_profile->columns().size());
}

QString ProfileModel::formatValue(const Data::ColumnProfile &column, double value)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    if (column.type == Data::ColumnType::DateTime)
        return QDateTime::fromMSecsSinceEpoch(qint64(value), Qt::UTC).toString(Qt::ISODate);
    return QLocale().toString(value, 'g', 4);
}

QString ProfileModel::summary(const Data::ColumnProfile &column)
{
    if (column.count == 0)
        return tr("all missing");
    if (column.type == Data::ColumnType::Numeric || column.type == Data::ColumnType::Integer)
        return tr("mean %1 · sd %2").arg(formatValue(column, column.mean), formatValue(column, column.std));
    if (column.type == Data::ColumnType::DateTime)
        return tr("%1 … %2").arg(formatValue(column, column.min), formatValue(column, column.max));
    const QString distinct
        = (column.distinctEstimated ? QStringLiteral("≈") : QString()) + QLocale().toString(column.distinct);
    if (column.top.isEmpty())
        return tr("%1 distinct").arg(distinct);
    return tr("%1 distinct · %2 (%3)")
        .arg(distinct, column.top.first().value, QLocale().toString(column.top.first().count));
}

QVariant ProfileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Data::ColumnProfile &column = m_profile->column(index.row());
    switch (role) {
    case Qt::DisplayRole: return column.name;
    case Qt::ToolTipRole:
        return QStringLiteral("%1 (%2): %3").arg(column.name, Data::columnTypeName(column.type), summary(column));
    case TypeNameRole: return Data::columnTypeName(column.type);
    case MissingFractionRole:
        return m_profile->rowCount() > 0 ? double(column.missing) / double(m_profile->rowCount()) : 0.0;
    case SummaryRole: return summary(column);
    case ShapeRole: {
        QList<double> heights;
        if (!column.histogram.counts.empty()) {
            const qint64 top = *std::max_element(column.histogram.counts.begin(), column.histogram.counts.end());
            for (qint64 count : column.histogram.counts)
                heights << (top > 0 ? double(count) / double(top) : 0.0);
        } else if (!column.top.isEmpty()) {
            for (const Data::TopValue &value : column.top)
                heights << double(value.count) / double(column.top.first().count);
        }
        return QVariant::fromValue(heights);
    }
    case AssociationRole:
        return column.associationMeasure == Data::AssociationMeasure::None || std::isnan(column.association)
            ? QVariant()
            : QVariant(column.association);
    default: return {};
    }
}

} // namespace Tandem::Ui
