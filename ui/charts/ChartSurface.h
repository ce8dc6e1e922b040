// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/PlotTable.h"

#include <QWidget>

class QPainter;

namespace Tandem::Ui {

/// What a ChartPanel needs from a chart, whether drawn by Qt Charts (XYChart,
/// ErrorBarChart, StripBoxChart) or by our own painting (HeatmapWidget,
/// ParallelCoordinatesWidget): draw itself anywhere (PNG and SVG export), give its
/// data as a table (CSV export, "View as table"), and go back to its full view.
class ChartSurface : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    /// Paints the chart into `target` of `painter` as it looks now (zoom, hidden
    /// series, brushes), without hover decorations.
    virtual void renderTo(QPainter &painter, const QRectF &target) = 0;
    /// The plotted data at full resolution (not the downsampled points).
    virtual PlotTable plottedTable() const = 0;
    /// Back to the full view: zoom and pan undone, brushes cleared.
    virtual void resetView() = 0;
    /// The chart's title, for file names and window titles.
    virtual QString chartTitle() const = 0;
    /// True when the chart zooms and pans (the panel then offers its Pan switch).
    virtual bool isZoomable() const { return false; }
    /// Left-drag pans instead of zooming to a rectangle.
    virtual void setPanMode(bool pan) { Q_UNUSED(pan) }

    /// The text of the last hover tooltip; empty once the pointer left the data.
    QString lastHoverText() const { return m_hoverText; }

Q_SIGNALS:
    /// The hover text changed (empty when the pointer left the data).
    void hoverTextChanged(const QString &text);
    /// The shown part of the data changed (zoom, pan, reset, hidden series).
    void viewChanged();

protected:
    /// Shows `text` as the tooltip at `globalPos` (hides it when empty) and keeps it
    /// for lastHoverText().
    void showHoverText(const QString &text, const QPoint &globalPos);

private:
    QString m_hoverText;
};

} // namespace Tandem::Ui
