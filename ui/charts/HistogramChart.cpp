// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/HistogramChart.h"

#include "ui/charts/InteractiveChartView.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/ValueText.h"

#include <QAreaSeries>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {
namespace {

double valueAt(const HistogramSeries &series, std::size_t bin)
{
    return bin < series.values.size() && std::isfinite(series.values[bin]) ? series.values[bin] : 0.0;
}

} // namespace

struct HistogramChart::Private {
    HistogramChart *q;
    InteractiveChartView *view;
    HistogramChartData data;
    QList<QAreaSeries *> areas;
    QValueAxis *xAxis = nullptr;
    QValueAxis *yAxis = nullptr;

    std::size_t binCount() const { return data.edges.size() < 2 ? 0 : data.edges.size() - 1; }

    void colour()
    {
        // Runs in their own colour; other series by name, distinct within the chart.
        QStringList names;
        for (const HistogramSeries &s : std::as_const(data.series)) {
            if (s.runId < 0)
                names << s.name;
        }
        const QList<QColor> keyColours = RunColors::forKeys(names, q->palette());
        QList<QColor> colours;
        for (int i = 0, k = 0; i < data.series.size(); ++i)
            colours << (data.series[i].runId >= 0 ? RunColors::forRun(data.series[i].runId, q->palette())
                                                  : keyColours[k++]);
        for (int i = 0; i < areas.size(); ++i) {
            QColor fill = colours[i];
            fill.setAlphaF(0.35);
            areas[i]->setBrush(fill);
            QPen pen(colours[i]);
            pen.setWidthF(1.6);
            areas[i]->setPen(pen);
        }
    }

    void build();
    std::optional<InteractiveChartView::HoverHit> hover(const QPointF &position) const;
};

void HistogramChart::Private::build()
{
    QChart *chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    areas.clear();
    chart->setTitle(data.title);
    xAxis = new QValueAxis;
    xAxis->setTitleText(data.xTitle);
    yAxis = new QValueAxis;
    yAxis->setTitleText(data.yTitle);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);

    const std::size_t bins = binCount();
    double top = 0.0;
    for (const HistogramSeries &s : std::as_const(data.series)) {
        // The outline as steps: up at each bin's left edge, across, and down at the end.
        auto *upper = new QLineSeries;
        auto *lower = new QLineSeries;
        if (bins > 0) {
            upper->append(data.edges.front(), 0.0);
            for (std::size_t b = 0; b < bins; ++b) {
                const double v = valueAt(s, b);
                upper->append(data.edges[b], v);
                upper->append(data.edges[b + 1], v);
                top = std::max(top, v);
            }
            upper->append(data.edges.back(), 0.0);
            lower->append(data.edges.front(), 0.0);
            lower->append(data.edges.back(), 0.0);
        }
        auto *area = new QAreaSeries(upper, lower);
        upper->setParent(area);
        lower->setParent(area);
        area->setName(s.name);
        chart->addSeries(area);
        area->attachAxis(xAxis);
        area->attachAxis(yAxis);
        areas.append(area);
    }
    colour();
    if (bins > 0 && data.edges.back() > data.edges.front())
        xAxis->setRange(data.edges.front(), data.edges.back());
    else
        xAxis->setRange(0.0, 1.0);
    yAxis->setRange(0.0, top > 0.0 ? top * 1.08 : 1.0);
    chart->legend()->setVisible(data.series.size() > 1);
    chart->legend()->setAlignment(data.legendAlignment);
    view->applyPalette();
    view->watchAxes();
    view->rememberHome();
    view->syncLegend();
}

std::optional<InteractiveChartView::HoverHit> HistogramChart::Private::hover(const QPointF &position) const
{
    const std::size_t bins = binCount();
    if (bins == 0 || areas.isEmpty())
        return std::nullopt;
    const QPointF value = view->chart()->mapToValue(position, areas.front());
    const auto it = std::upper_bound(data.edges.cbegin(), data.edges.cend(), value.x());
    if (it == data.edges.cbegin() || (it == data.edges.cend() && value.x() > data.edges.back()))
        return std::nullopt;
    const std::size_t bin = std::min(std::size_t(it - data.edges.cbegin()) - 1, bins - 1);
    // The series whose top is nearest the pointer, within a few pixels of it or below it.
    int best = -1;
    double bestDistance = 0.0;
    for (int s = 0; s < areas.size(); ++s) {
        if (!areas[s]->isVisible())
            continue;
        const double top = valueAt(data.series[s], bin);
        const QPointF pixel = view->chart()->mapToPosition(QPointF(value.x(), top), areas[s]);
        const double distance = std::abs(pixel.y() - position.y());
        if (position.y() < pixel.y() - 8.0)
            continue;
        if (best < 0 || distance < bestDistance) {
            best = s;
            bestDistance = distance;
        }
    }
    if (best < 0)
        return std::nullopt;
    InteractiveChartView::HoverHit hit;
    hit.text = QStringLiteral("%1\n%2 to %3")
                   .arg(data.series[best].name, exactValueText(data.edges[bin]), exactValueText(data.edges[bin + 1]));
    for (int s = 0; s < areas.size(); ++s) {
        if (areas[s]->isVisible())
            hit.text
                += QStringLiteral("\n%1: %2").arg(data.series[s].name, exactValueText(valueAt(data.series[s], bin)));
    }
    hit.value = QPointF((data.edges[bin] + data.edges[bin + 1]) / 2.0, valueAt(data.series[best], bin));
    hit.series = areas[best];
    return hit;
}

HistogramChart::HistogramChart(QWidget *parent) : ChartSurface(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->view = new InteractiveChartView(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);
    connect(d->view, &InteractiveChartView::viewChanged, this, &ChartSurface::viewChanged);
    connect(d->view, &InteractiveChartView::hoverChanged, this, &HistogramChart::showHoverText);
    d->view->setHoverResolver([this](const QPointF &position) { return d->hover(position); });
    d->build();
}

HistogramChart::~HistogramChart() = default;

void HistogramChart::setData(HistogramChartData data)
{
    d->data = std::move(data);
    d->build();
}

const HistogramChartData &HistogramChart::data() const
{
    return d->data;
}

int HistogramChart::seriesCount() const
{
    return int(d->areas.size());
}

bool HistogramChart::isSeriesShown(int series) const
{
    return series >= 0 && series < d->areas.size() && d->areas[series]->isVisible();
}

void HistogramChart::setSeriesShown(int series, bool shown)
{
    if (series < 0 || series >= d->areas.size())
        return;
    d->areas[series]->setVisible(shown);
    d->view->syncLegend();
    Q_EMIT viewChanged();
}

std::pair<double, double> HistogramChart::valueRange() const
{
    return {d->yAxis->min(), d->yAxis->max()};
}

InteractiveChartView *HistogramChart::view() const
{
    return d->view;
}

void HistogramChart::renderTo(QPainter &painter, const QRectF &target)
{
    d->view->renderChart(painter, target);
}

PlotTable HistogramChart::plottedTable() const
{
    PlotTable table;
    const std::size_t bins = d->binCount();
    std::vector<double> from(bins), to(bins);
    for (std::size_t b = 0; b < bins; ++b) {
        from[b] = d->data.edges[b];
        to[b] = d->data.edges[b + 1];
    }
    const QString x = d->data.xTitle.isEmpty() ? tr("bin") : d->data.xTitle;
    table.addNumberColumn(tr("%1 from").arg(x), std::move(from));
    table.addNumberColumn(tr("%1 to").arg(x), std::move(to));
    for (const HistogramSeries &s : std::as_const(d->data.series)) {
        std::vector<double> values(bins);
        for (std::size_t b = 0; b < bins; ++b)
            values[b] = valueAt(s, b);
        table.addNumberColumn(s.name, std::move(values));
    }
    return table;
}

void HistogramChart::resetView()
{
    d->view->resetView();
}

QString HistogramChart::chartTitle() const
{
    return d->data.title;
}

void HistogramChart::setPanMode(bool pan)
{
    d->view->setPanMode(pan);
}

void HistogramChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !d->areas.isEmpty()) {
        d->colour(); // the shades for the new background
        d->view->syncLegend();
    }
    ChartSurface::changeEvent(event);
}

} // namespace Tandem::Ui
