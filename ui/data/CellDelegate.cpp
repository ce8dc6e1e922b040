// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/CellDelegate.h"

#include "ui/data/DatasetTableModel.h"

namespace Tandem::Ui {

QString CellDelegate::missingText()
{
    return QStringLiteral("NA");
}

void CellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(DatasetTableModel::MissingRole).toBool())
        return;
    option->text = missingText();
    option->font.setItalic(true);
    option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    option->displayAlignment = Qt::AlignCenter;
}

} // namespace Tandem::Ui
