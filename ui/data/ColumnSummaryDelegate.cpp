// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/ColumnSummaryDelegate.h"

#include "ui/data/ProfileModel.h"

#include <QApplication>
#include <QPainter>

namespace Tandem::Ui {

QSize ColumnSummaryDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(240, option.fontMetrics.height() * 2 + 14);
}

void ColumnSummaryDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.65);

    painter->save();
    const QRect area = option.rect.adjusted(8, 4, -8, -4);
    const int lineHeight = option.fontMetrics.height();
    const int sparkWidth = std::min(70, area.width() / 3);
    const QRect textArea = area.adjusted(0, 0, -sparkWidth - 8, 0);

    // Line 1: the name, in bold, with all the width the sparkline leaves.
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(QRect(textArea.left(), textArea.top(), textArea.width(), lineHeight), Qt::AlignLeft,
        QFontMetrics(bold).elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, textArea.width()));

    // Line 2: type, share of missing values, summary.
    painter->setFont(option.font);
    painter->setPen(dim);
    QString line = index.data(ProfileModel::TypeNameRole).toString();
    const double missing = index.data(ProfileModel::MissingFractionRole).toDouble();
    if (missing > 0)
        line += QStringLiteral(" · %1% NA").arg(missing * 100.0, 0, 'f', missing < 0.01 ? 2 : 0);
    line += QStringLiteral(" · ") + index.data(ProfileModel::SummaryRole).toString();
    painter->drawText(QRect(textArea.left(), textArea.top() + lineHeight + 2, textArea.width(), lineHeight),
        Qt::AlignLeft, option.fontMetrics.elidedText(line, Qt::ElideRight, textArea.width()));

    // Sparkline: the distribution's shape as small bars.
    const QList<double> heights = index.data(ProfileModel::ShapeRole).value<QList<double>>();
    if (!heights.isEmpty()) {
        const QRect spark(area.right() - sparkWidth, area.top() + 2, sparkWidth, area.height() - 4);
        const double barWidth = double(spark.width()) / double(heights.size());
        QColor bar = selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Highlight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(bar);
        for (int i = 0; i < heights.size(); ++i) {
            const double h = std::max(1.0, heights[i] * spark.height());
            painter->drawRect(QRectF(spark.left() + i * barWidth, spark.bottom() - h, std::max(1.0, barWidth - 1), h));
        }
    }
    painter->restore();
}

} // namespace Tandem::Ui
