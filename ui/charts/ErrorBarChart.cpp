// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ErrorBarChart.h"

#include "ui/charts/ChartOverlay.h"
#include "ui/charts/InteractiveChartView.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/ValueText.h"

#include <QBarCategoryAxis>
#include <QBarLegendMarker>
#include <QBarSeries>
#include <QBarSet>
#include <QEvent>
#include <QFontMetricsF>
#include <QLegend>
#include <QPainter>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace Tandem::Ui {
namespace {

constexpr double groupWidth = 0.8; // of a category, for the bars of all series together

double at(const QList<double> &list, int i)
{
    return i >= 0 && i < list.size() ? list[i] : std::nan("");
}

} // namespace

struct ErrorBarChart::Private {
    ErrorBarChart *q;
    InteractiveChartView *view;
    BarChartData data;
    QAbstractBarSeries *bars = nullptr;
    QList<QBarSet *> sets;
    QList<bool> shown;
    QValueAxis *valueAxis = nullptr;
    QBarCategoryAxis *categoryAxis = nullptr;
    ChartOverlay *overlay = nullptr;
    bool single = false;

    /// Centre of a bar along the category axis (category index units).
    double barCentre(int series, int category) const
    {
        if (single)
            return category;
        const int n = int(sets.size());
        return category - groupWidth / 2 + (series + 0.5) * groupWidth / n;
    }

    void fillSet(int series)
    {
        QBarSet *set = sets[series];
        QList<double> values;
        for (int c = 0; c < data.categories.size(); ++c) {
            const double value = at(data.series[series].values, c);
            values.append(shown[series] && std::isfinite(value) ? value : 0.0);
        }
        set->remove(0, set->count());
        set->append(values);
        const QColor colour = data.series[series].runId >= 0
            ? RunColors::forRun(data.series[series].runId, q->palette())
            : RunColors::forKey(data.series[series].name, q->palette());
        set->setColor(colour);
        set->setBorderColor(shown[series] ? colour.darker(125) : QColor(Qt::transparent));
    }

    void build();
    void fitCategoryLabels();
    void paintErrorBars(QPainter &painter);
    std::optional<InteractiveChartView::HoverHit> hover(const QPointF &position) const;
};

void ErrorBarChart::Private::build()
{
    QChart *chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    sets.clear();
    shown = QList<bool>(data.series.size(), true);
    chart->setTitle(data.title);

    single = true;
    for (int c = 0; c < data.categories.size() && single; ++c) {
        int withValue = 0;
        for (const BarSeriesData &series : std::as_const(data.series))
            withValue += std::isfinite(at(series.values, c));
        single = withValue <= 1;
    }
    if (single) {
        bars = new QStackedBarSeries;
        bars->setBarWidth(0.7);
    } else {
        bars = new QBarSeries;
        bars->setBarWidth(groupWidth);
    }
    double low = 0.0, high = 0.0;
    for (int s = 0; s < data.series.size(); ++s) {
        auto *set = new QBarSet(data.series[s].name);
        sets.append(set);
        bars->append(set);
        fillSet(s);
        for (int c = 0; c < data.categories.size(); ++c) {
            for (double v : {at(data.series[s].values, c), at(data.series[s].lower, c), at(data.series[s].upper, c)}) {
                if (std::isfinite(v)) {
                    low = std::min(low, v);
                    high = std::max(high, v);
                }
            }
        }
    }
    chart->addSeries(bars);
    auto *categories = new QBarCategoryAxis;
    categories->append(data.categories);
    categories->setTitleText(data.categoryTitle);
    categoryAxis = categories;
    valueAxis = new QValueAxis;
    valueAxis->setTitleText(data.valueTitle);
    const double pad = (high > low ? high - low : 1.0) * 0.05;
    valueAxis->setRange(low < 0.0 ? low - pad : 0.0, high > 0.0 ? high + pad : 0.0 + (low < 0.0 ? 0.0 : 1.0));
    chart->addAxis(categories, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);
    bars->attachAxis(categories);
    bars->attachAxis(valueAxis);
    chart->legend()->setVisible(data.series.size() > 1);
    chart->legend()->setAlignment(data.legendAlignment);
    view->applyPalette();
    view->watchAxes();
    view->rememberHome();
    fitCategoryLabels();
    overlay->refresh();
}

void ErrorBarChart::Private::fitCategoryLabels()
{
    // Whole labels when they fit their category, else slanted and shortened:
    // never printed over each other.
    if (!categoryAxis || data.categories.isEmpty())
        return;
    const QFontMetricsF metrics(categoryAxis->labelsFont());
    qreal longest = 0;
    for (const QString &label : std::as_const(data.categories))
        longest = std::max(longest, metrics.horizontalAdvance(label));
    const qsizetype first = data.categories.indexOf(categoryAxis->min());
    const qsizetype last = data.categories.indexOf(categoryAxis->max());
    const qsizetype visible = first >= 0 && last >= first ? last - first + 1 : data.categories.size();
    const bool fits = longest <= view->chart()->plotArea().width() / double(visible) - 8;
    const int angle = fits ? 0 : -30;
    if (categoryAxis->labelsAngle() != angle)
        categoryAxis->setLabelsAngle(angle);
    if (categoryAxis->truncateLabels() == fits)
        categoryAxis->setTruncateLabels(!fits);
}

void ErrorBarChart::Private::paintErrorBars(QPainter &painter)
{
    QPen pen(q->palette().color(QPalette::Text), 1.4);
    pen.setCapStyle(Qt::FlatCap);
    painter.setPen(pen);
    for (int s = 0; s < sets.size(); ++s) {
        if (!shown[s])
            continue;
        for (int c = 0; c < data.categories.size(); ++c) {
            const QLineF line = q->errorBarLine(s, c);
            if (line.isNull())
                continue;
            // Caps a third of the bar's width, at most 12 pixels.
            const double barPixels = std::abs(view->chart()->mapToPosition(QPointF(0.35, 0), bars).x()
                - view->chart()->mapToPosition(QPointF(0, 0), bars).x());
            const double half = std::min(6.0, (single ? barPixels : barPixels * 2 / sets.size()) / 3);
            painter.drawLine(line);
            painter.drawLine(QLineF(line.p1().x() - half, line.p1().y(), line.p1().x() + half, line.p1().y()));
            painter.drawLine(QLineF(line.p2().x() - half, line.p2().y(), line.p2().x() + half, line.p2().y()));
        }
    }
}

std::optional<InteractiveChartView::HoverHit> ErrorBarChart::Private::hover(const QPointF &position) const
{
    if (!bars || data.categories.isEmpty())
        return std::nullopt;
    const QPointF value = view->chart()->mapToValue(position, bars);
    const int category = int(std::lround(value.x()));
    if (category < 0 || category >= data.categories.size())
        return std::nullopt;
    // Tolerance of a few pixels in value units.
    const double slack = std::abs(
        view->chart()->mapToValue(QPointF(0, 0), bars).y() - view->chart()->mapToValue(QPointF(0, 4), bars).y());
    for (int s = 0; s < sets.size(); ++s) {
        const double v = at(data.series[s].values, category);
        if (!shown[s] || !std::isfinite(v))
            continue;
        const double halfWidth = single ? 0.35 : groupWidth / sets.size() / 2;
        if (std::abs(value.x() - barCentre(s, category)) > halfWidth)
            continue;
        const double lower = at(data.series[s].lower, category), upper = at(data.series[s].upper, category);
        double bottom = std::min(0.0, v), top = std::max(0.0, v);
        if (std::isfinite(lower))
            bottom = std::min(bottom, lower);
        if (std::isfinite(upper))
            top = std::max(top, upper);
        if (value.y() < bottom - slack || value.y() > top + slack)
            continue;
        InteractiveChartView::HoverHit hit;
        hit.text = QStringLiteral("%1\n%2: %3").arg(data.series[s].name, data.categories[category], exactValueText(v));
        if (std::isfinite(lower) || std::isfinite(upper)) {
            const QString name = data.errorName.isEmpty() ? tr("error bar") : data.errorName;
            hit.text += QStringLiteral("\n%1: %2 to %3").arg(name, exactValueText(lower), exactValueText(upper));
        }
        hit.value = QPointF(barCentre(s, category), v);
        hit.series = bars;
        return hit;
    }
    return std::nullopt;
}

ErrorBarChart::ErrorBarChart(QWidget *parent) : ChartSurface(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->view = new InteractiveChartView(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);
    d->overlay
        = new ChartOverlay(d->view->chart(), [this](QPainter &painter, const QRectF &) { d->paintErrorBars(painter); });
    connect(d->view, &InteractiveChartView::viewChanged, this, [this]() {
        d->fitCategoryLabels();
        d->overlay->refresh();
        Q_EMIT viewChanged();
    });
    connect(d->view, &InteractiveChartView::hoverChanged, this, &ErrorBarChart::showHoverText);
    d->view->setHoverResolver([this](const QPointF &position) { return d->hover(position); });

    InteractiveChartView::LegendHooks hooks;
    const auto seriesOf = [this](QLegendMarker *marker) {
        auto *barMarker = qobject_cast<QBarLegendMarker *>(marker);
        return barMarker ? int(d->sets.indexOf(barMarker->barset())) : -1;
    };
    hooks.toggle = [this, seriesOf](QLegendMarker *marker) {
        if (const int s = seriesOf(marker); s >= 0)
            setSeriesShown(s, !d->shown[s]);
    };
    hooks.shown = [this, seriesOf](QLegendMarker *marker) {
        const int s = seriesOf(marker);
        return s >= 0 && d->shown[s];
    };
    d->view->setLegendHooks(hooks);
    d->build();
}

ErrorBarChart::~ErrorBarChart() = default;

void ErrorBarChart::setData(BarChartData data)
{
    d->data = std::move(data);
    d->build();
}

const BarChartData &ErrorBarChart::data() const
{
    return d->data;
}

int ErrorBarChart::seriesCount() const
{
    return int(d->sets.size());
}

bool ErrorBarChart::isSeriesShown(int series) const
{
    return d->shown.value(series);
}

void ErrorBarChart::setSeriesShown(int series, bool shown)
{
    if (series < 0 || series >= d->sets.size())
        return;
    // A hidden run keeps its legend entry (dimmed) and its slot; its bars drop to nothing.
    d->shown[series] = shown;
    d->fillSet(series);
    d->view->syncLegend();
    d->overlay->refresh();
    Q_EMIT viewChanged();
}

bool ErrorBarChart::drawsSingleBars() const
{
    return d->single;
}

QLineF ErrorBarChart::errorBarLine(int series, int category) const
{
    if (series < 0 || series >= d->data.series.size() || !d->bars)
        return {};
    const double lower = at(d->data.series[series].lower, category);
    const double upper = at(d->data.series[series].upper, category);
    if (!std::isfinite(lower) || !std::isfinite(upper))
        return {};
    const double x = d->barCentre(series, category);
    return QLineF(d->view->chart()->mapToPosition(QPointF(x, upper), d->bars),
        d->view->chart()->mapToPosition(QPointF(x, lower), d->bars));
}

std::pair<double, double> ErrorBarChart::valueRange() const
{
    return {d->valueAxis->min(), d->valueAxis->max()};
}

InteractiveChartView *ErrorBarChart::view() const
{
    return d->view;
}

void ErrorBarChart::renderTo(QPainter &painter, const QRectF &target)
{
    d->view->renderChart(painter, target);
}

PlotTable ErrorBarChart::plottedTable() const
{
    QStringList names;
    std::vector<std::int32_t> categoryCodes, seriesCodes;
    std::vector<double> values, lower, upper;
    for (int s = 0; s < d->data.series.size(); ++s) {
        const BarSeriesData &series = d->data.series[s];
        names << series.name;
        for (int c = 0; c < d->data.categories.size(); ++c) {
            if (!std::isfinite(at(series.values, c)))
                continue;
            categoryCodes.push_back(c);
            seriesCodes.push_back(s);
            values.push_back(at(series.values, c));
            lower.push_back(at(series.lower, c));
            upper.push_back(at(series.upper, c));
        }
    }
    PlotTable table;
    table.addTextColumn(d->data.categoryTitle.isEmpty() ? tr("category") : d->data.categoryTitle, d->data.categories,
        std::move(categoryCodes));
    table.addTextColumn(tr("series"), names, std::move(seriesCodes));
    table.addNumberColumn(d->data.valueTitle.isEmpty() ? tr("value") : d->data.valueTitle, std::move(values));
    table.addNumberColumn(tr("lower"), std::move(lower));
    table.addNumberColumn(tr("upper"), std::move(upper));
    return table;
}

void ErrorBarChart::resetView()
{
    d->view->resetView();
}

QString ErrorBarChart::chartTitle() const
{
    return d->data.title;
}

void ErrorBarChart::setPanMode(bool pan)
{
    d->view->setPanMode(pan);
}

void ErrorBarChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && d->bars) {
        for (int s = 0; s < d->sets.size(); ++s)
            d->fillSet(s); // the shades for the new background
        d->view->syncLegend();
        d->overlay->refresh();
    }
    ChartSurface::changeEvent(event);
}

} // namespace Tandem::Ui
