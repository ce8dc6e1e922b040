// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/RunStatus.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace Tandem::Ui {

/// Sorts the runs table on RunsTableModel::SortRole (numbers as numbers, empty
/// cells last) and filters it by text (over name, model, experiment and tags,
/// case-insensitive, every word must match) and by status.
class RunsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    /// Which statuses pass: all, or a group.
    enum class StatusFilter { All, Active, Done, Failed, Stopped };

    explicit RunsFilterModel(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QStringList m_words;
    StatusFilter m_status = StatusFilter::All;
};

} // namespace Tandem::Ui
