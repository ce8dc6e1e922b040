// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Tandem::Ui {

/// Paints FeatureDriftModel's Distribution cells as a sparkline (ui/charts'
/// paintDistributionSparkline): the reference and current shares over each
/// other, in the colours the detail chart gives them.
class DistributionDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Tandem::Ui
