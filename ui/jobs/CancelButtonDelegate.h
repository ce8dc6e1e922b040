// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Tandem::Ui {

/// Draws a Cancel button in the cells whose JobListModel::CancellableRole is true
/// and reports a click on it; other cells stay empty. A delegate rather than a
/// widget per row, so that a list of hundreds of jobs stays cheap.
class CancelButtonDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

Q_SIGNALS:
    void clicked(const QModelIndex &index);

private:
    static QRect buttonRect(const QStyleOptionViewItem &option);
};

} // namespace Tandem::Ui
