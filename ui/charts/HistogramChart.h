// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ChartSurface.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace Tandem::Ui {

class InteractiveChartView;

/// One distribution of a HistogramChart: a value per bin (a count, a share).
struct HistogramSeries {
    QString name; ///< legend and tooltip
    qint64 runId = -1; ///< colour from RunColors; when < 0 it follows the name (distinct within the chart)
    std::vector<double> values;
};

struct HistogramChartData {
    QString title;
    QString xTitle;
    QString yTitle;
    /// Bin edges, one more than each series' values, ascending (widths may differ).
    std::vector<double> edges;
    QList<HistogramSeries> series;
    Qt::Alignment legendAlignment = Qt::AlignBottom;
};

/// Histograms over shared bins drawn on top of each other, each a translucent
/// area under its outline, so two distributions (a reference and a current
/// sample) read at once where they agree and where they part. On the interactive
/// frame: zoom, pan, hover (the bin and each value), legend toggles, export.
class HistogramChart : public ChartSurface
{
    Q_OBJECT
public:
    explicit HistogramChart(QWidget *parent = nullptr);
    ~HistogramChart() override;

    void setData(HistogramChartData data);
    const HistogramChartData &data() const;

    int seriesCount() const;
    bool isSeriesShown(int series) const;
    void setSeriesShown(int series, bool shown);
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
