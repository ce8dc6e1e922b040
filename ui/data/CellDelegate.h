// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Tandem::Ui {

/// Draws dataset cells; a missing cell (DatasetTableModel::MissingRole) shows a
/// dimmed, italic "NA" so that it never reads as an empty string or a zero.
class CellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QString missingText();

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Tandem::Ui
