// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DistributionDelegate.h"

#include "ui/charts/Sparkline.h"
#include "ui/drift/DriftColours.h"
#include "ui/drift/FeatureDriftModel.h"

#include <QApplication>
#include <QPainter>

#include <vector>

namespace Tandem::Ui {

void DistributionDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The cell's background and selection as any other cell, then the sparkline.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    (widget ? widget->style() : QApplication::style())
        ->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    const QVariant reference = index.data(FeatureDriftModel::ReferenceSharesRole);
    const QVariant current = index.data(FeatureDriftModel::CurrentSharesRole);
    if (!reference.isValid() || !current.isValid())
        return;
    const DriftColours colours = driftColours(option.palette);
    paintDistributionSparkline(*painter, QRectF(option.rect).adjusted(4, 3, -4, -3),
        reference.value<std::vector<double>>(), current.value<std::vector<double>>(), colours.reference,
        colours.current, index.data(FeatureDriftModel::CategoricalRole).toBool());
}

QSize DistributionDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    return QSize(120, option.fontMetrics.height() + 10);
}

} // namespace Tandem::Ui
