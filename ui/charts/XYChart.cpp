// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/XYChart.h"

#include "core/plot/DensityGrid.h"
#include "core/plot/Downsample.h"
#include "ui/charts/ChartOverlay.h"
#include "ui/charts/InteractiveChartView.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/ValueText.h"

#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Tandem::Ui {
namespace {

/// A series drawn in more pieces than this (one per gap) has its later gaps bridged.
constexpr int maxLineParts = 64;
/// Hover finds points within this many pixels.
constexpr double hoverRadius = 10.0;

/// Sorts a line's points by x (dropping points without a finite x): a decreasing
/// series is reversed, anything else sorted stably.
void sortByX(XYSeries &series)
{
    std::vector<double> &x = series.x, &y = series.y;
    y.resize(x.size(), std::nan(""));
    std::size_t kept = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(x[i])) {
            x[kept] = x[i];
            y[kept] = y[i];
            ++kept;
        }
    }
    x.resize(kept);
    y.resize(kept);
    if (std::is_sorted(x.begin(), x.end()))
        return;
    if (std::is_sorted(x.rbegin(), x.rend())) {
        std::reverse(x.begin(), x.end());
        std::reverse(y.begin(), y.end());
        return;
    }
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    std::vector<double> sortedX(x.size()), sortedY(y.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        sortedX[i] = x[order[i]];
        sortedY[i] = y[order[i]];
    }
    x = std::move(sortedX);
    y = std::move(sortedY);
}

/// Axis-space position to screen position and back, for hover distances.
struct Mapper {
    QRectF area;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1; // axis space
    Plot::Scales scales;

    QPointF toPixel(double x, double y) const
    {
        return {area.left() + (Plot::toAxisSpace(x, scales.x) - x0) / (x1 - x0) * area.width(),
            area.bottom() - (Plot::toAxisSpace(y, scales.y) - y0) / (y1 - y0) * area.height()};
    }
    QPointF toValue(const QPointF &pixel) const
    {
        return {Plot::fromAxisSpace(x0 + (pixel.x() - area.left()) / area.width() * (x1 - x0), scales.x),
            Plot::fromAxisSpace(y0 + (area.bottom() - pixel.y()) / area.height() * (y1 - y0), scales.y)};
    }
};

QImage densityImage(const Plot::DensityGrid &grid, const QColor &colour)
{
    const int columns = grid.spec().columns, rows = grid.spec().rows;
    QImage image(columns, rows, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (grid.maxCount() == 0)
        return image;
    // Alpha grows with log(count): single points stay visible, crowds stay distinct.
    const double scale = 1.0 / std::log1p(double(grid.maxCount()));
    for (int row = 0; row < rows; ++row) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(rows - 1 - row));
        for (int column = 0; column < columns; ++column) {
            const std::uint32_t count = grid.count(column, row);
            if (count == 0)
                continue;
            const double alpha = 0.25 + 0.75 * std::log1p(double(count)) * scale;
            line[column] = qPremultiply(qRgba(colour.red(), colour.green(), colour.blue(), int(alpha * 255.0 + 0.5)));
        }
    }
    return image;
}

} // namespace

struct XYChart::Private {
    struct Group {
        QList<QXYSeries *> parts; ///< parts[0] carries the legend entry
        QColor colour;
        bool shown = true;
        Plot::IndexList drawn; ///< lines: kept indices (gaps included); scatters: the markers drawn
        bool density = false;
        Plot::DensityGrid grid;
        QImage image;
        qsizetype drawnCount = 0;
    };

    XYChart *q;
    InteractiveChartView *view;
    XYChartData data;
    QList<Group> groups;
    QAbstractAxis *xAxis = nullptr;
    QAbstractAxis *yAxis = nullptr;
    ChartOverlay *overlay = nullptr;
    QTimer refreshTimer;
    Downsampling downsampling = Downsampling::MinMaxPerColumn;

    Plot::Scales scales() const
    {
        return {data.logX ? Plot::AxisScale::Log10 : Plot::AxisScale::Linear,
            data.logY ? Plot::AxisScale::Log10 : Plot::AxisScale::Linear};
    }

    static std::pair<double, double> range(const QAbstractAxis *axis)
    {
        if (const auto *value = qobject_cast<const QValueAxis *>(axis))
            return {value->min(), value->max()};
        if (const auto *log = qobject_cast<const QLogValueAxis *>(axis))
            return {log->min(), log->max()};
        return {0.0, 1.0};
    }

    static void setRange(QAbstractAxis *axis, double min, double max)
    {
        if (auto *value = qobject_cast<QValueAxis *>(axis))
            value->setRange(min, max);
        else if (auto *log = qobject_cast<QLogValueAxis *>(axis))
            log->setRange(min, max);
    }

    Mapper mapper() const
    {
        Mapper m;
        m.area = view->chart()->plotArea();
        m.scales = scales();
        const auto [xMin, xMax] = range(xAxis);
        const auto [yMin, yMax] = range(yAxis);
        m.x0 = Plot::toAxisSpace(xMin, m.scales.x);
        m.x1 = Plot::toAxisSpace(xMax, m.scales.x);
        m.y0 = Plot::toAxisSpace(yMin, m.scales.y);
        m.y1 = Plot::toAxisSpace(yMax, m.scales.y);
        return m;
    }

    QAbstractAxis *makeAxis(bool log, const QString &title)
    {
        QAbstractAxis *axis;
        if (log) {
            auto *logAxis = new QLogValueAxis;
            logAxis->setBase(10.0);
            logAxis->setLabelFormat(QStringLiteral("%g"));
            logAxis->setMinorTickCount(8);
            axis = logAxis;
        } else {
            axis = new QValueAxis;
        }
        axis->setTitleText(title);
        return axis;
    }

    QXYSeries *addPart(int index)
    {
        const XYSeries &series = data.series[index];
        Group &group = groups[index];
        QXYSeries *part;
        if (series.style == XYSeries::Style::Line) {
            auto *line = new QLineSeries;
            QPen pen(group.colour);
            pen.setWidthF(1.6);
            line->setPen(pen);
            part = line;
        } else {
            auto *scatter = new QScatterSeries;
            scatter->setMarkerSize(7.0);
            scatter->setColor(group.colour);
            scatter->setBorderColor(Qt::transparent);
            part = scatter;
        }
        part->setName(series.name);
        part->setVisible(group.shown);
        view->chart()->addSeries(part);
        part->attachAxis(xAxis);
        part->attachAxis(yAxis);
        group.parts.append(part);
        return part;
    }

    /// Runs in their own colour; other series by name, distinct within the chart.
    QList<QColor> seriesColours() const
    {
        QStringList keys;
        for (const XYSeries &series : data.series) {
            if (series.runId < 0)
                keys << series.name;
        }
        const QList<QColor> keyColours = RunColors::forKeys(keys, q->palette());
        QList<QColor> colours;
        for (int i = 0, k = 0; i < data.series.size(); ++i)
            colours << (data.series[i].runId >= 0 ? RunColors::forRun(data.series[i].runId, q->palette())
                                                  : keyColours[k++]);
        return colours;
    }

    /// After a theme change: the shades for the new background.
    void recolour()
    {
        const QList<QColor> colours = seriesColours();
        for (int i = 0; i < groups.size(); ++i) {
            groups[i].colour = colours[i];
            for (QXYSeries *part : std::as_const(groups[i].parts)) {
                if (auto *line = qobject_cast<QLineSeries *>(part)) {
                    QPen pen = line->pen();
                    pen.setColor(colours[i]);
                    line->setPen(pen);
                } else {
                    part->setColor(colours[i]);
                }
            }
        }
        view->syncLegend();
        refresh(); // density images in the new colours
    }

    /// A log axis labels every power of its base: over more decades than fit one
    /// label per `spacing` pixels, every second, fifth... decade, without minor ticks.
    static void fitLogAxis(QAbstractAxis *axis, double pixels, double spacing)
    {
        auto *log = qobject_cast<QLogValueAxis *>(axis);
        if (!log || !(log->min() > 0.0) || !(log->max() > log->min()))
            return;
        const double decades = std::log10(log->max()) - std::log10(log->min());
        const double room = std::max(1.0, pixels / spacing);
        double step = 1.0;
        for (const double candidate : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0}) {
            step = candidate;
            if (decades / candidate <= room)
                break;
        }
        const double base = std::pow(10.0, step);
        if (log->base() != base)
            log->setBase(base);
        const int minor = step == 1.0 ? 8 : 0;
        if (log->minorTickCount() != minor)
            log->setMinorTickCount(minor);
    }

    void build();
    void homeRanges();
    void refresh();
    void refreshLine(int index, const Mapper &m, int columns);
    void refreshPoints(int index, const Mapper &m, qsizetype limit);
    std::optional<InteractiveChartView::HoverHit> hover(const QPointF &position);
};

void XYChart::Private::build()
{
    QChart *chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    groups.clear();
    chart->setTitle(data.title);
    xAxis = makeAxis(data.logX, data.xTitle);
    yAxis = makeAxis(data.logY, data.yTitle);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);

    const QList<QColor> colours = seriesColours();
    for (int i = 0; i < data.series.size(); ++i) {
        Group group;
        group.colour = colours[i];
        groups.append(group);
        addPart(i);
    }
    chart->legend()->setVisible(data.series.size() > 1);
    chart->legend()->setAlignment(data.legendAlignment);
    homeRanges();
    view->applyPalette();
    view->watchAxes();
    view->rememberHome();
    refresh();
}

void XYChart::Private::homeRanges()
{
    const Plot::Scales s = scales();
    double xLow = INFINITY, xHigh = -INFINITY, yLow = INFINITY, yHigh = -INFINITY;
    bool anyPoints = false;
    for (const XYSeries &series : std::as_const(data.series)) {
        anyPoints = anyPoints || series.style == XYSeries::Style::Points;
        const std::size_t n = std::min(series.x.size(), series.y.size());
        for (std::size_t i = 0; i < n; ++i) {
            const double x = Plot::toAxisSpace(series.x[i], s.x), y = Plot::toAxisSpace(series.y[i], s.y);
            if (!std::isfinite(x) || !std::isfinite(y))
                continue;
            xLow = std::min(xLow, x);
            xHigh = std::max(xHigh, x);
            yLow = std::min(yLow, y);
            yHigh = std::max(yHigh, y);
        }
    }
    if (!std::isfinite(xLow)) {
        xLow = yLow = 0.0;
        xHigh = yHigh = 1.0;
    }
    const auto widen = [](double &low, double &high, double fraction) {
        if (high > low) {
            const double pad = (high - low) * fraction;
            low -= pad;
            high += pad;
        } else {
            low -= 0.5;
            high += 0.5;
        }
    };
    widen(xLow, xHigh, anyPoints ? 0.04 : 0.0);
    widen(yLow, yHigh, 0.05);
    setRange(xAxis, Plot::fromAxisSpace(xLow, s.x), Plot::fromAxisSpace(xHigh, s.x));
    setRange(yAxis, Plot::fromAxisSpace(yLow, s.y), Plot::fromAxisSpace(yHigh, s.y));
}

void XYChart::Private::refresh()
{
    refreshTimer.stop();
    const Mapper m = mapper();
    if (m.area.width() < 1.0 || m.area.height() < 1.0 || !(m.x1 > m.x0) || !(m.y1 > m.y0))
        return;
    fitLogAxis(xAxis, m.area.width(), 70.0);
    fitLogAxis(yAxis, m.area.height(), 24.0);
    const int columns = std::max(1, int(m.area.width()));
    int scatters = 0;
    for (int i = 0; i < groups.size(); ++i)
        scatters += groups[i].shown && data.series[i].style == XYSeries::Style::Points;
    const qsizetype limit = plainScatterLimit / std::max(scatters, 1);

    const qsizetype partsBefore = view->chart()->series().size();
    for (int i = 0; i < groups.size(); ++i) {
        Group &group = groups[i];
        if (!group.shown) {
            for (QXYSeries *part : std::as_const(group.parts))
                part->clear();
            group.drawn.clear();
            group.density = false;
            group.drawnCount = 0;
            continue;
        }
        if (data.series[i].style == XYSeries::Style::Line)
            refreshLine(i, m, columns);
        else
            refreshPoints(i, m, limit);
    }
    if (view->chart()->series().size() != partsBefore)
        view->syncLegend();
    overlay->refresh();
}

void XYChart::Private::refreshLine(int index, const Mapper &m, int columns)
{
    const XYSeries &series = data.series[index];
    Group &group = groups[index];
    const Plot::Scales s = scales();
    const double xMin = Plot::fromAxisSpace(m.x0, s.x), xMax = Plot::fromAxisSpace(m.x1, s.x);
    const Plot::IndexRange visible = Plot::visibleRange(series.x, xMin, xMax);
    if (downsampling == Downsampling::MinMaxPerColumn) {
        group.drawn = Plot::minMaxPerColumn(series.x, series.y, visible, {xMin, xMax, columns}, s);
    } else {
        const auto from = std::size_t(visible.begin), count = std::size_t(visible.size());
        group.drawn = Plot::largestTriangleThreeBuckets(std::span(series.x).subspan(from, count),
            std::span(series.y).subspan(from, count), 2 * std::int64_t(columns), s);
        for (std::int64_t &i : group.drawn)
            i += visible.begin;
    }

    QList<QList<QPointF>> pieces(1);
    for (std::int64_t i : std::as_const(group.drawn)) {
        const double y = series.y[std::size_t(i)];
        if (Plot::isDrawable(y, s.y))
            pieces.back().append(QPointF(series.x[std::size_t(i)], y));
        else if (!pieces.back().isEmpty())
            pieces.append(QList<QPointF>());
    }
    if (pieces.size() > 1 && pieces.back().isEmpty())
        pieces.removeLast();
    while (pieces.size() > maxLineParts)
        pieces[maxLineParts - 1].append(pieces.takeAt(maxLineParts));

    while (group.parts.size() < pieces.size())
        addPart(index);
    group.drawnCount = 0;
    for (const auto &piece : std::as_const(pieces))
        group.drawnCount += piece.size();
    for (qsizetype k = 0; k < group.parts.size(); ++k) {
        auto *line = static_cast<QLineSeries *>(group.parts[k]);
        line->setPointsVisible(group.drawnCount <= 40);
        line->replace(k < pieces.size() ? pieces[k] : QList<QPointF>());
    }
}

void XYChart::Private::refreshPoints(int index, const Mapper &m, qsizetype limit)
{
    const XYSeries &series = data.series[index];
    Group &group = groups[index];
    const Plot::Scales s = scales();
    const std::size_t n = std::min(series.x.size(), series.y.size());
    group.drawn.clear();
    bool crowded = false;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = Plot::toAxisSpace(series.x[i], s.x), y = Plot::toAxisSpace(series.y[i], s.y);
        if (x >= m.x0 && x <= m.x1 && y >= m.y0 && y <= m.y1) {
            if (qsizetype(group.drawn.size()) == limit) {
                crowded = true;
                break;
            }
            group.drawn.push_back(std::int64_t(i));
        }
    }
    QXYSeries *part = group.parts.front();
    if (!crowded) {
        QList<QPointF> points;
        points.reserve(qsizetype(group.drawn.size()));
        for (std::int64_t i : std::as_const(group.drawn))
            points.append(QPointF(series.x[std::size_t(i)], series.y[std::size_t(i)]));
        part->replace(points);
        group.density = false;
        group.image = QImage();
        group.grid = Plot::DensityGrid();
        group.drawnCount = points.size();
        return;
    }
    group.drawn.clear();
    part->clear();
    Plot::GridSpec spec;
    spec.xMin = Plot::fromAxisSpace(m.x0, s.x);
    spec.xMax = Plot::fromAxisSpace(m.x1, s.x);
    spec.yMin = Plot::fromAxisSpace(m.y0, s.y);
    spec.yMax = Plot::fromAxisSpace(m.y1, s.y);
    spec.columns = std::max(1, int(m.area.width() / 2.0));
    spec.rows = std::max(1, int(m.area.height() / 2.0));
    spec.scales = s;
    // Counts only: the point index for hover is built when the pointer first asks.
    group.grid = Plot::DensityGrid::build(series.x, series.y, spec, Plot::DensityGrid::PointIndex::None);
    group.image = densityImage(group.grid, group.colour);
    group.density = true;
    group.drawnCount = 0;
}

std::optional<InteractiveChartView::HoverHit> XYChart::Private::hover(const QPointF &position)
{
    const Mapper m = mapper();
    if (m.area.isEmpty() || !(m.x1 > m.x0) || !(m.y1 > m.y0))
        return std::nullopt;
    double best = hoverRadius * hoverRadius;
    int bestGroup = -1;
    std::int64_t bestIndex = -1;
    const auto consider = [&](int group, std::int64_t i) {
        const XYSeries &series = data.series[group];
        const QPointF pixel = m.toPixel(series.x[std::size_t(i)], series.y[std::size_t(i)]);
        const QPointF d = pixel - position;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= best) {
            best = distance;
            bestGroup = group;
            bestIndex = i;
        }
    };
    for (int g = 0; g < groups.size(); ++g) {
        Group &group = groups[g];
        const XYSeries &series = data.series[g];
        if (!group.shown)
            continue;
        if (group.density) {
            if (!group.grid.hasPointIndex())
                group.grid = Plot::DensityGrid::build(series.x, series.y, group.grid.spec());
            const QPointF value = m.toValue(position);
            const int radius = int(std::ceil(hoverRadius / 2.0));
            if (const auto i = group.grid.nearest(series.x, series.y, value.x(), value.y(), radius))
                consider(g, *i);
            continue;
        }
        if (series.style == XYSeries::Style::Points) {
            for (std::int64_t i : group.drawn)
                consider(g, i);
            continue;
        }
        // Lines: kept points are sorted by x, so only a narrow window is near.
        const auto first = std::lower_bound(group.drawn.begin(), group.drawn.end(), position.x() - hoverRadius,
            [&](std::int64_t i, double x) { return m.toPixel(series.x[std::size_t(i)], 1.0).x() < x; });
        for (auto it = first; it != group.drawn.end(); ++it) {
            if (m.toPixel(series.x[std::size_t(*it)], 1.0).x() > position.x() + hoverRadius)
                break;
            if (Plot::isDrawable(series.y[std::size_t(*it)], scales().y))
                consider(g, *it);
        }
    }
    if (bestGroup < 0)
        return std::nullopt;
    const XYSeries &series = data.series[bestGroup];
    const double x = series.x[std::size_t(bestIndex)], y = series.y[std::size_t(bestIndex)];
    const QString xName = data.xTitle.isEmpty() ? QStringLiteral("x") : data.xTitle;
    const QString yName = data.yTitle.isEmpty() ? QStringLiteral("y") : data.yTitle;
    InteractiveChartView::HoverHit hit;
    hit.text
        = QStringLiteral("%1\n%2: %3\n%4: %5").arg(series.name, xName, exactValueText(x), yName, exactValueText(y));
    hit.value = QPointF(x, y);
    hit.series = groups[bestGroup].parts.front();
    return hit;
}

XYChart::XYChart(QWidget *parent) : ChartSurface(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->view = new InteractiveChartView(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);

    d->overlay = new ChartOverlay(d->view->chart(), [this](QPainter &painter, const QRectF &area) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        for (const Private::Group &group : std::as_const(d->groups)) {
            if (group.shown && group.density && !group.image.isNull())
                painter.drawImage(area, group.image);
        }
    });
    d->refreshTimer.setSingleShot(true);
    d->refreshTimer.setInterval(0);
    connect(&d->refreshTimer, &QTimer::timeout, this, [this]() { d->refresh(); });
    connect(d->view, &InteractiveChartView::viewChanged, this, [this]() {
        d->refreshTimer.start();
        Q_EMIT viewChanged();
    });
    connect(d->view, &InteractiveChartView::hoverChanged, this, &XYChart::showHoverText);
    d->view->setHoverResolver([this](const QPointF &position) { return d->hover(position); });

    InteractiveChartView::LegendHooks hooks;
    const auto groupOf = [this](QLegendMarker *marker) {
        for (int i = 0; i < d->groups.size(); ++i) {
            if (!d->groups[i].parts.isEmpty() && d->groups[i].parts.front() == marker->series())
                return i;
        }
        return -1;
    };
    hooks.toggle = [this, groupOf](QLegendMarker *marker) {
        if (const int i = groupOf(marker); i >= 0)
            setSeriesShown(i, !d->groups[i].shown);
    };
    hooks.shown = [this, groupOf](QLegendMarker *marker) {
        const int i = groupOf(marker);
        return i >= 0 && d->groups[i].shown;
    };
    hooks.listed = [groupOf](QLegendMarker *marker) { return groupOf(marker) >= 0; };
    d->view->setLegendHooks(hooks);
    d->build();
}

XYChart::~XYChart() = default;

void XYChart::setData(XYChartData data)
{
    for (XYSeries &series : data.series) {
        if (series.style == XYSeries::Style::Line)
            sortByX(series);
    }
    d->data = std::move(data);
    d->build();
}

const XYChartData &XYChart::data() const
{
    return d->data;
}

void XYChart::setDownsampling(Downsampling downsampling)
{
    d->downsampling = downsampling;
    d->refresh();
}

int XYChart::seriesCount() const
{
    return int(d->groups.size());
}

bool XYChart::isSeriesShown(int series) const
{
    return d->groups.value(series).shown;
}

void XYChart::setSeriesShown(int series, bool shown)
{
    if (series < 0 || series >= d->groups.size())
        return;
    Private::Group &group = d->groups[series];
    group.shown = shown;
    for (QXYSeries *part : std::as_const(group.parts))
        part->setVisible(shown);
    d->view->syncLegend();
    d->refresh();
    Q_EMIT viewChanged();
}

qsizetype XYChart::drawnPointCount(int series) const
{
    qsizetype count = 0;
    for (const QXYSeries *part : d->groups.value(series).parts)
        count += part->count();
    return count;
}

bool XYChart::drawsDensity(int series) const
{
    return d->groups.value(series).density;
}

std::pair<double, double> XYChart::xRange() const
{
    return Private::range(d->xAxis);
}

std::pair<double, double> XYChart::yRange() const
{
    return Private::range(d->yAxis);
}

void XYChart::refreshNow()
{
    d->refresh();
}

InteractiveChartView *XYChart::view() const
{
    return d->view;
}

void XYChart::renderTo(QPainter &painter, const QRectF &target)
{
    if (d->refreshTimer.isActive())
        d->refresh();
    d->view->renderChart(painter, target);
}

PlotTable XYChart::plottedTable() const
{
    QStringList names;
    std::vector<std::int32_t> codes;
    std::vector<double> xs, ys;
    for (int i = 0; i < d->data.series.size(); ++i) {
        const XYSeries &series = d->data.series[i];
        names << series.name;
        const std::size_t n = std::min(series.x.size(), series.y.size());
        codes.insert(codes.end(), n, std::int32_t(i));
        xs.insert(xs.end(), series.x.begin(), series.x.begin() + std::ptrdiff_t(n));
        ys.insert(ys.end(), series.y.begin(), series.y.begin() + std::ptrdiff_t(n));
    }
    PlotTable table;
    table.addTextColumn(tr("series"), names, std::move(codes));
    table.addNumberColumn(d->data.xTitle.isEmpty() ? QStringLiteral("x") : d->data.xTitle, std::move(xs));
    table.addNumberColumn(d->data.yTitle.isEmpty() ? QStringLiteral("y") : d->data.yTitle, std::move(ys));
    return table;
}

void XYChart::resetView()
{
    d->view->resetView();
}

QString XYChart::chartTitle() const
{
    return d->data.title;
}

void XYChart::setPanMode(bool pan)
{
    d->view->setPanMode(pan);
}

void XYChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        d->recolour();
    ChartSurface::changeEvent(event);
}

} // namespace Tandem::Ui
