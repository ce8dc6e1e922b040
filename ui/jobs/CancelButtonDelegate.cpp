// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/CancelButtonDelegate.h"

#include "ui/jobs/JobListModel.h"

#include <QApplication>
#include <QMouseEvent>
#include <QStyle>

namespace Tandem::Ui {

QRect CancelButtonDelegate::buttonRect(const QStyleOptionViewItem &option)
{
    return option.rect.adjusted(2, 2, -2, -2);
}

void CancelButtonDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(JobListModel::CancellableRole).toBool())
        return;
    QStyleOptionButton button;
    button.rect = buttonRect(option);
    button.text = tr("Cancel");
    button.state = QStyle::State_Enabled | QStyle::State_Raised;
    button.palette = option.palette;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_PushButton, &button, painter, widget);
}

QSize CancelButtonDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {option.fontMetrics.horizontalAdvance(tr("Cancel")) + 24, option.fontMetrics.height() + 8};
}

bool CancelButtonDelegate::editorEvent(
    QEvent *event, QAbstractItemModel *, const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::MouseButtonRelease || !index.data(JobListModel::CancellableRole).toBool())
        return false;
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton || !buttonRect(option).contains(mouse->position().toPoint()))
        return false;
    Q_EMIT clicked(index);
    return true;
}

} // namespace Tandem::Ui
