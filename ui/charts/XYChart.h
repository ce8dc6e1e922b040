// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ChartSurface.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace Tandem::Ui {

class InteractiveChartView;

/// One series of an XYChart, as plain data.
struct XYSeries {
    enum class Style { Line, Points };

    QString name; ///< legend and tooltip ("run 12", "run 12 (AUC 0.93)")
    qint64 runId = -1; ///< colour from RunColors; when < 0 it follows the name (distinct within the chart)
    Style style = Style::Line;
    std::vector<double> x;
    std::vector<double> y; ///< NaN breaks a line
};

struct XYChartData {
    QString title;
    QString xTitle;
    QString yTitle;
    bool logX = false; ///< log10 axis; points at x <= 0 are not drawn
    bool logY = false;
    QList<XYSeries> series;
    /// Where the legend goes: below the plot, or Qt::AlignRight for a column of
    /// entries when many long names would not fit side by side.
    Qt::Alignment legendAlignment = Qt::AlignBottom;
};

/// Lines and scatters of any size on the interactive frame (InteractiveChartView):
/// learning curves, ROC and precision-recall curves, hyperparameter against metric.
///
/// Lines are sorted by x once (a decreasing series is reversed, so a PR curve keeps
/// its steps) and downsampled for the visible x range and the plot's width in
/// pixel columns (min/max per column by default, or LTTB), again after every zoom,
/// pan or resize, so detail appears as you zoom in while Qt Charts never holds
/// more than a few thousand points per series. Scatters keep plain markers while
/// the visible points number at most plainScatterLimit in all; beyond that, the
/// larger series are drawn as a density (counts per 2×2-pixel cell, in the series'
/// colour, darker where more points fall) and hover finds the nearest point
/// through the density grid. Works everywhere, offscreen included; no OpenGL.
class XYChart : public ChartSurface
{
    Q_OBJECT
public:
    enum class Downsampling { MinMaxPerColumn, Lttb };
    static constexpr qsizetype plainScatterLimit = 2000;

    explicit XYChart(QWidget *parent = nullptr);
    ~XYChart() override;

    /// Shows `data` (the chart keeps it; lines sorted by x) at its full view.
    void setData(XYChartData data);
    const XYChartData &data() const;
    void setDownsampling(Downsampling downsampling);

    int seriesCount() const;
    bool isSeriesShown(int series) const;
    /// Hides or shows a series, as clicking its legend entry does.
    void setSeriesShown(int series, bool shown);
    /// Points of `series` handed to Qt Charts now (after downsampling).
    qsizetype drawnPointCount(int series) const;
    /// True when `series` is drawn as a density instead of markers.
    bool drawsDensity(int series) const;
    /// The visible ranges of the axes.
    std::pair<double, double> xRange() const;
    std::pair<double, double> yRange() const;
    /// Re-downsamples now (otherwise it happens once per event-loop pass after a change).
    void refreshNow();

    InteractiveChartView *view() const;

    void renderTo(QPainter &painter, const QRectF &target) override;
    PlotTable plottedTable() const override;
    void resetView() override;
    QString chartTitle() const override;
    bool isZoomable() const override { return true; }
    void setPanMode(bool pan) override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tandem::Ui
