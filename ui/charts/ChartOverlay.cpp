// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ChartOverlay.h"

#include <QAbstractAxis>
#include <QChart>
#include <QPainter>

namespace Tandem::Ui {

ChartOverlay::ChartOverlay(QChart *chart, PaintFunction paint)
    : QGraphicsObject(chart), m_chart(chart), m_paint(std::move(paint)), m_area(chart->plotArea())
{
    setZValue(10); // above the series, below the hover marker
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    connect(chart, &QChart::plotAreaChanged, this, &ChartOverlay::refresh);
}

QRectF ChartOverlay::boundingRect() const
{
    return m_area;
}

void ChartOverlay::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (!m_paint || m_area.isEmpty())
        return;
    painter->save();
    painter->setClipRect(m_area);
    painter->setRenderHint(QPainter::Antialiasing);
    m_paint(*painter, m_area);
    painter->restore();
}

void ChartOverlay::refresh()
{
    const QRectF area = m_chart->plotArea();
    if (area != m_area) {
        prepareGeometryChange();
        m_area = area;
    }
    update();
}

} // namespace Tandem::Ui
