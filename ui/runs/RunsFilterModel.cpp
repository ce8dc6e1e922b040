// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunsFilterModel.h"

#include "ui/runs/RunsTableModel.h"

#include <QDateTime>

namespace Tandem::Ui {

RunsFilterModel::RunsFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunsTableModel::SortRole);
    setDynamicSortFilter(true);
}

void RunsFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void RunsFilterModel::setStatusFilter(StatusFilter filter)
{
    if (filter == m_status)
        return;
    m_status = filter;
    invalidateRowsFilter();
}

bool RunsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_status != StatusFilter::All) {
        const auto status = Store::RunStatus(index.data(RunsTableModel::StatusRole).toInt());
        using S = Store::RunStatus;
        bool pass = false;
        switch (m_status) {
        case StatusFilter::All: pass = true; break;
        case StatusFilter::Active: pass = status == S::Queued || status == S::Running; break;
        case StatusFilter::Done: pass = status == S::Done; break;
        case StatusFilter::Failed: pass = status == S::Failed; break;
        case StatusFilter::Stopped: pass = status == S::Cancelled || status == S::Interrupted; break;
        }
        if (!pass)
            return false;
    }
    if (m_words.isEmpty())
        return true;
    const QString text = index.data(RunsTableModel::FilterTextRole).toString();
    for (const QString &word : m_words)
        if (!text.contains(word, Qt::CaseInsensitive))
            return false;
    return true;
}

bool RunsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    // Empty cells go last whichever way the column is sorted.
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    if (!a.isValid() || !b.isValid()) {
        if (a.isValid() == b.isValid())
            return left.row() < right.row();
        return ascending ? a.isValid() : !a.isValid();
    }
    if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double)
        return a.toDouble() < b.toDouble();
    if (a.typeId() == QMetaType::Int && b.typeId() == QMetaType::Int)
        return a.toInt() < b.toInt();
    if (a.typeId() == QMetaType::QDateTime && b.typeId() == QMetaType::QDateTime)
        return a.toDateTime() < b.toDateTime();
    if (a.typeId() == QMetaType::Double || b.typeId() == QMetaType::Double)
        return a.typeId() == QMetaType::Double; // numbers before text in a mixed column
    return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
}

} // namespace Tandem::Ui
