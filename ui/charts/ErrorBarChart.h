// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ChartSurface.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace Tandem::Ui {

class InteractiveChartView;

/// One set of bars (a run), one value per category, as plain data.
struct BarSeriesData {
    QString name;
    qint64 runId = -1; ///< colour from RunColors; when < 0 the colour follows the name
    QList<double> values; ///< per category; NaN: no bar
    /// The error bar of each category as its two ends (mean − sd and mean + sd, or
    /// a 95 % interval); empty or NaN: no error bar.
    QList<double> lower;
    QList<double> upper;
};

struct BarChartData {
    QString title;
    QString categoryTitle;
    QString valueTitle;
    QString errorName; ///< what the error bars show, for tooltips ("± sd", "95 % interval")
    QStringList categories;
    QList<BarSeriesData> series;
    /// Where the legend goes: at the bottom, or on the right for many short entries.
    Qt::Alignment legendAlignment = Qt::AlignBottom;
};

/// Bars with error bars: a metric per run (each run its own category, drawn full
/// width in its colour), or values per category side by side for several runs
/// (feature importances). Qt Charts has no error bars; they are drawn over the
/// plot in data coordinates (ChartOverlay), so they stay on their bars under zoom,
/// pan and resize, and leave with their bars when a run is hidden from the legend.
class ErrorBarChart : public ChartSurface
{
    Q_OBJECT
public:
    explicit ErrorBarChart(QWidget *parent = nullptr);
    ~ErrorBarChart() override;

    void setData(BarChartData data);
    const BarChartData &data() const;

    int seriesCount() const;
    bool isSeriesShown(int series) const;
    void setSeriesShown(int series, bool shown);
    /// True when every category has at most one series with a value, so bars are
    /// drawn full width, one per category (a metric per run).
    bool drawsSingleBars() const;
    /// Where the error bar of (series, category) is drawn, in chart coordinates
    /// (top and bottom ends on a vertical line); empty when there is none.
    QLineF errorBarLine(int series, int category) const;
    /// The visible value range.
    std::pair<double, double> valueRange() const;

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
