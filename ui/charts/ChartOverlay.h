// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsObject>

#include <functional>

class QChart;

namespace Tandem::Ui {

/// Drawing of our own over a Qt chart's plot area, in data coordinates, for what
/// Qt Charts lacks (error bars, boxes, density images). It lives in the chart's
/// scene, so it is exported with the chart, and it repaints when the plot area or
/// an axis range moves, so it stays exact under zoom, pan and resize. The paint
/// function maps values with QChart::mapToPosition; the painter is clipped to the
/// plot area.
class ChartOverlay : public QGraphicsObject
{
    Q_OBJECT
public:
    using PaintFunction = std::function<void(QPainter &painter, const QRectF &plotArea)>;

    ChartOverlay(QChart *chart, PaintFunction paint);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /// Repaint after the data or the axes changed.
    void refresh();

private:
    QChart *m_chart;
    PaintFunction m_paint;
    QRectF m_area;
};

} // namespace Tandem::Ui
