// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/StripBoxChart.h"

#include "core/plot/BoxStats.h"
#include "ui/charts/ChartOverlay.h"
#include "ui/charts/InteractiveChartView.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/ValueText.h"

#include <QCategoryAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace Tandem::Ui {
namespace {

constexpr double boxHalfWidth = 0.22; // category units
constexpr double hoverRadius = 10.0;

/// Sideways offset of the k-th point of a group: a golden-ratio sequence spreads
/// any number of points evenly over ±0.15 without randomness.
double spread(int k)
{
    const double fraction = std::fmod(k * 0.6180339887498949, 1.0);
    return (fraction - 0.5) * 0.3;
}

QString pointLabel(const StripGroup &group, int k)
{
    return k < group.pointLabels.size() ? group.pointLabels[k] : QStringLiteral("#%1").arg(k + 1);
}

} // namespace

struct StripBoxChart::Private {
    StripBoxChart *q;
    InteractiveChartView *view;
    StripChartData data;
    QList<QScatterSeries *> points;
    QList<Plot::BoxStats> boxes;
    QList<QColor> colours;
    QCategoryAxis *groupAxis = nullptr;
    QValueAxis *valueAxis = nullptr;
    ChartOverlay *overlay = nullptr;

    bool shown(int group) const { return points.value(group) && points[group]->isVisible(); }

    void build();
    void paintBoxes(QPainter &painter);
    std::optional<InteractiveChartView::HoverHit> hover(const QPointF &position) const;
};

void StripBoxChart::Private::build()
{
    QChart *chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    points.clear();
    boxes.clear();
    colours.clear();
    chart->setTitle(data.title);

    groupAxis = new QCategoryAxis;
    groupAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    groupAxis->setTitleText(data.groupTitle);
    groupAxis->setGridLineVisible(false);
    valueAxis = new QValueAxis;
    valueAxis->setTitleText(data.valueTitle);
    chart->addAxis(groupAxis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);

    double low = INFINITY, high = -INFINITY;
    QStringList used;
    for (int g = 0; g < data.groups.size(); ++g) {
        const StripGroup &group = data.groups[g];
        const QColor colour = group.runId >= 0 ? RunColors::forRun(group.runId, q->palette())
                                               : RunColors::forKey(group.name, q->palette());
        colours.append(colour);
        auto *series = new QScatterSeries;
        series->setName(group.name);
        series->setMarkerSize(8.0);
        series->setColor(colour);
        series->setBorderColor(q->palette().color(QPalette::Base));
        QList<QPointF> xy;
        for (int k = 0; k < group.values.size(); ++k) {
            const double v = group.values[k];
            if (!std::isfinite(v))
                continue;
            xy.append(QPointF(g + spread(k), v));
            low = std::min(low, v);
            high = std::max(high, v);
        }
        series->replace(xy);
        chart->addSeries(series);
        series->attachAxis(groupAxis);
        series->attachAxis(valueAxis);
        points.append(series);
        boxes.append(Plot::boxStats(std::vector<double>(group.values.begin(), group.values.end())));
        // QCategoryAxis needs distinct labels; a repeated name gets invisible trailing spaces.
        QString label = group.name;
        while (used.contains(label))
            label += QLatin1Char(' ');
        used << label;
        groupAxis->append(label, g);
    }
    groupAxis->setStartValue(-0.5);
    groupAxis->setRange(-0.5, std::max<qsizetype>(data.groups.size(), 1) - 0.5);
    if (!std::isfinite(low)) {
        low = 0.0;
        high = 1.0;
    }
    const double pad = high > low ? (high - low) * 0.08 : std::max(std::abs(high) * 0.05, 0.5);
    valueAxis->setRange(low - pad, high + pad);
    chart->legend()->setVisible(data.groups.size() > 1);
    chart->legend()->setAlignment(data.legendAlignment);
    view->applyPalette();
    view->watchAxes();
    view->rememberHome();
    overlay->refresh();
}

void StripBoxChart::Private::paintBoxes(QPainter &painter)
{
    for (int g = 0; g < data.groups.size(); ++g) {
        const Plot::BoxStats &box = boxes[g];
        if (!shown(g) || box.count == 0)
            continue;
        QChart *chart = view->chart();
        const auto at = [&](double x, double y) { return chart->mapToPosition(QPointF(x, y), points[g]); };
        QColor fill = colours[g];
        fill.setAlphaF(0.16);
        QPen pen(colours[g], 1.5);
        painter.setPen(pen);
        painter.setBrush(fill);
        painter.drawRect(QRectF(at(g - boxHalfWidth, box.upperQuartile), at(g + boxHalfWidth, box.lowerQuartile)));
        // Whiskers with caps half the box's width.
        painter.drawLine(at(g, box.upperQuartile), at(g, box.upperWhisker));
        painter.drawLine(at(g, box.lowerQuartile), at(g, box.lowerWhisker));
        painter.drawLine(at(g - boxHalfWidth / 2, box.upperWhisker), at(g + boxHalfWidth / 2, box.upperWhisker));
        painter.drawLine(at(g - boxHalfWidth / 2, box.lowerWhisker), at(g + boxHalfWidth / 2, box.lowerWhisker));
        pen.setWidthF(3.0);
        pen.setCapStyle(Qt::FlatCap);
        painter.setPen(pen);
        painter.drawLine(at(g - boxHalfWidth, box.median), at(g + boxHalfWidth, box.median));
    }
}

std::optional<InteractiveChartView::HoverHit> StripBoxChart::Private::hover(const QPointF &position) const
{
    QChart *chart = view->chart();
    double best = hoverRadius * hoverRadius;
    int bestGroup = -1, bestPoint = -1;
    for (int g = 0; g < data.groups.size(); ++g) {
        if (!shown(g))
            continue;
        const StripGroup &group = data.groups[g];
        for (int k = 0; k < group.values.size(); ++k) {
            if (!std::isfinite(group.values[k]))
                continue;
            const QPointF d = chart->mapToPosition(QPointF(g + spread(k), group.values[k]), points[g]) - position;
            const double distance = d.x() * d.x() + d.y() * d.y();
            if (distance <= best) {
                best = distance;
                bestGroup = g;
                bestPoint = k;
            }
        }
    }
    InteractiveChartView::HoverHit hit;
    if (bestGroup >= 0) {
        const StripGroup &group = data.groups[bestGroup];
        hit.text = QStringLiteral("%1\n%2: %3")
                       .arg(group.name, pointLabel(group, bestPoint), exactValueText(group.values[bestPoint]));
        hit.value = QPointF(bestGroup + spread(bestPoint), group.values[bestPoint]);
        hit.series = points[bestGroup];
        return hit;
    }
    // Not on a point: inside a box, its numbers.
    for (int g = 0; g < data.groups.size(); ++g) {
        if (!shown(g) || boxes[g].count == 0 || !q->boxRect(g).adjusted(-2, -2, 2, 2).contains(position))
            continue;
        const Plot::BoxStats &box = boxes[g];
        hit.text = tr("%1\nmedian: %2\nquartiles: %3 to %4\nwhiskers: %5 to %6\nmean: %7 (n = %8)")
                       .arg(data.groups[g].name, exactValueText(box.median), exactValueText(box.lowerQuartile),
                           exactValueText(box.upperQuartile), exactValueText(box.lowerWhisker),
                           exactValueText(box.upperWhisker), exactValueText(box.mean))
                       .arg(box.count);
        hit.value = QPointF(g, box.median);
        hit.series = points[g];
        return hit;
    }
    return std::nullopt;
}

StripBoxChart::StripBoxChart(QWidget *parent) : ChartSurface(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->view = new InteractiveChartView(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);
    d->overlay
        = new ChartOverlay(d->view->chart(), [this](QPainter &painter, const QRectF &) { d->paintBoxes(painter); });
    // Boxes above the grid and under the points (Qt Charts puts series from z 4 up):
    // the points are the data, the box summarises them.
    d->overlay->setZValue(3.5);
    connect(d->view, &InteractiveChartView::viewChanged, this, [this]() {
        d->overlay->refresh();
        Q_EMIT viewChanged();
    });
    connect(d->view, &InteractiveChartView::hoverChanged, this, &StripBoxChart::showHoverText);
    d->view->setHoverResolver([this](const QPointF &position) { return d->hover(position); });
    d->build();
}

StripBoxChart::~StripBoxChart() = default;

void StripBoxChart::setData(StripChartData data)
{
    d->data = std::move(data);
    d->build();
}

const StripChartData &StripBoxChart::data() const
{
    return d->data;
}

int StripBoxChart::groupCount() const
{
    return int(d->points.size());
}

bool StripBoxChart::isGroupShown(int group) const
{
    return d->shown(group);
}

void StripBoxChart::setGroupShown(int group, bool shown)
{
    if (group < 0 || group >= d->points.size())
        return;
    d->points[group]->setVisible(shown);
    d->view->syncLegend();
    d->overlay->refresh();
    Q_EMIT viewChanged();
}

QRectF StripBoxChart::boxRect(int group) const
{
    if (!d->shown(group) || d->boxes[group].count == 0)
        return {};
    const Plot::BoxStats &box = d->boxes[group];
    QChart *chart = d->view->chart();
    return QRectF(chart->mapToPosition(QPointF(group - boxHalfWidth, box.upperQuartile), d->points[group]),
        chart->mapToPosition(QPointF(group + boxHalfWidth, box.lowerQuartile), d->points[group]))
        .normalized();
}

std::pair<double, double> StripBoxChart::valueRange() const
{
    return {d->valueAxis->min(), d->valueAxis->max()};
}

InteractiveChartView *StripBoxChart::view() const
{
    return d->view;
}

void StripBoxChart::renderTo(QPainter &painter, const QRectF &target)
{
    d->view->renderChart(painter, target);
}

PlotTable StripBoxChart::plottedTable() const
{
    QStringList names;
    std::vector<std::int32_t> groupCodes;
    QStringList labels;
    std::vector<double> values;
    for (int g = 0; g < d->data.groups.size(); ++g) {
        const StripGroup &group = d->data.groups[g];
        names << group.name;
        for (int k = 0; k < group.values.size(); ++k) {
            groupCodes.push_back(g);
            labels << pointLabel(group, k);
            values.push_back(group.values[k]);
        }
    }
    PlotTable table;
    table.addTextColumn(d->data.groupTitle.isEmpty() ? tr("group") : d->data.groupTitle, names, std::move(groupCodes));
    table.addTextColumn(tr("point"), labels);
    table.addNumberColumn(d->data.valueTitle.isEmpty() ? tr("value") : d->data.valueTitle, std::move(values));
    return table;
}

void StripBoxChart::resetView()
{
    d->view->resetView();
}

QString StripBoxChart::chartTitle() const
{
    return d->data.title;
}

void StripBoxChart::setPanMode(bool pan)
{
    d->view->setPanMode(pan);
}

void StripBoxChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        // The shades for the new background.
        for (int g = 0; g < d->points.size(); ++g) {
            const StripGroup &group = d->data.groups[g];
            d->colours[g] = group.runId >= 0 ? RunColors::forRun(group.runId, palette())
                                             : RunColors::forKey(group.name, palette());
            d->points[g]->setColor(d->colours[g]);
            d->points[g]->setBorderColor(palette().color(QPalette::Base));
        }
        d->view->syncLegend();
        d->overlay->refresh();
    }
    ChartSurface::changeEvent(event);
}

} // namespace Tandem::Ui
