// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ParallelCoordinatesWidget.h"

#include "core/plot/AxisScale.h"
#include "core/plot/Ticks.h"
#include "ui/charts/ColorScale.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/ValueText.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Tandem::Ui {
namespace {

constexpr qreal margin = 10;
constexpr qreal barWidth = 14;
constexpr qreal grabDistance = 12; // pixels either side of an axis that start a brush
constexpr qreal hoverDistance = 6;

double axisSpace(const ParallelAxis &axis, double value)
{
    return axis.categories.isEmpty()
        ? Plot::toAxisSpace(value, axis.log ? Plot::AxisScale::Log10 : Plot::AxisScale::Linear)
        : value;
}

QString valueText(const ParallelAxis &axis, double value)
{
    if (!axis.categories.isEmpty()) {
        const auto index = qsizetype(std::lround(value));
        return std::isfinite(value) && index >= 0 && index < axis.categories.size() ? axis.categories[index]
                                                                                    : exactValueText(std::nan(""));
    }
    return exactValueText(value);
}

double distanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double length = QPointF::dotProduct(ab, ab);
    const double t = length > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}

QFont titleFont(const QFont &font)
{
    QFont title = font;
    title.setPointSizeF(font.pointSizeF() * 1.1);
    return title;
}

QFont nameFont(const QFont &font)
{
    QFont name = font;
    name.setBold(true);
    return name;
}

} // namespace

ParallelCoordinatesWidget::ParallelCoordinatesWidget(QWidget *parent) : ChartSurface(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
}

void ParallelCoordinatesWidget::setData(ParallelCoordinatesData data)
{
    m_data = std::move(data);
    const qsizetype runs = m_data.runIds.size();
    while (m_data.runNames.size() < runs)
        m_data.runNames << tr("run %1").arg(m_data.runIds[m_data.runNames.size()]);
    for (ParallelAxis &axis : m_data.axes)
        axis.values.resize(std::size_t(runs), std::nan(""));
    m_brushes = QList<std::optional<std::pair<double, double>>>(m_data.axes.size());
    computeScales();
    update();
    Q_EMIT selectionChanged(selectedRunIds());
}

void ParallelCoordinatesWidget::setColourAxis(int axis)
{
    m_data.colourAxis = axis >= 0 && axis < m_data.axes.size() ? axis : -1;
    update();
}

void ParallelCoordinatesWidget::computeScales()
{
    m_scales.clear();
    for (const ParallelAxis &axis : std::as_const(m_data.axes)) {
        Scale scale;
        if (!axis.categories.isEmpty()) {
            scale.low = axis.categories.size() > 1 ? 0.0 : -0.5;
            scale.high = axis.categories.size() > 1 ? double(axis.categories.size() - 1) : 0.5;
        } else {
            double low = INFINITY, high = -INFINITY;
            for (double v : axis.values) {
                const double a = axisSpace(axis, v);
                if (std::isfinite(a)) {
                    low = std::min(low, a);
                    high = std::max(high, a);
                }
            }
            if (!std::isfinite(low)) {
                low = 0.0;
                high = 1.0;
            } else if (!(high > low)) {
                low -= 0.5;
                high += 0.5;
            }
            scale.low = low;
            scale.high = high;
        }
        m_scales.append(scale);
    }
}

double ParallelCoordinatesWidget::fraction(int axis, double value) const
{
    const double a = axisSpace(m_data.axes[axis], value);
    if (!std::isfinite(a))
        return std::nan("");
    return (a - m_scales[axis].low) / (m_scales[axis].high - m_scales[axis].low);
}

double ParallelCoordinatesWidget::valueAtFraction(int axis, double f) const
{
    const double a = m_scales[axis].low + f * (m_scales[axis].high - m_scales[axis].low);
    const ParallelAxis &spec = m_data.axes[axis];
    return spec.categories.isEmpty() && spec.log ? std::pow(10.0, a) : a;
}

void ParallelCoordinatesWidget::setBrush(int axis, double low, double high)
{
    if (axis < 0 || axis >= m_brushes.size())
        return;
    m_brushes[axis] = std::pair {std::min(low, high), std::max(low, high)};
    update();
    Q_EMIT selectionChanged(selectedRunIds());
}

void ParallelCoordinatesWidget::clearBrush(int axis)
{
    if (axis < 0 || axis >= m_brushes.size() || !m_brushes[axis])
        return;
    m_brushes[axis].reset();
    update();
    Q_EMIT selectionChanged(selectedRunIds());
}

void ParallelCoordinatesWidget::clearBrushes()
{
    const bool any = std::any_of(m_brushes.begin(), m_brushes.end(), [](const auto &b) { return b.has_value(); });
    for (auto &brush : m_brushes)
        brush.reset();
    update();
    if (any)
        Q_EMIT selectionChanged(selectedRunIds());
}

std::optional<std::pair<double, double>> ParallelCoordinatesWidget::brush(int axis) const
{
    return m_brushes.value(axis);
}

bool ParallelCoordinatesWidget::passes(int run) const
{
    for (int a = 0; a < m_brushes.size(); ++a) {
        if (!m_brushes[a])
            continue;
        const double v = m_data.axes[a].values[std::size_t(run)];
        // Compared in axis space, so a brush drawn on a log axis keeps its ends exactly.
        const double position = axisSpace(m_data.axes[a], v);
        const double low = axisSpace(m_data.axes[a], m_brushes[a]->first);
        const double high = axisSpace(m_data.axes[a], m_brushes[a]->second);
        if (!(position >= low && position <= high))
            return false;
    }
    return true;
}

QList<qint64> ParallelCoordinatesWidget::selectedRunIds() const
{
    QList<qint64> ids;
    for (int r = 0; r < m_data.runIds.size(); ++r) {
        if (passes(r))
            ids << m_data.runIds[r];
    }
    return ids;
}

ParallelCoordinatesWidget::Layout ParallelCoordinatesWidget::layout(const QRectF &target) const
{
    Layout l;
    const QFontMetricsF metrics(font()), titleMetrics(titleFont(font())), names(nameFont(font()));
    QRectF area = target.adjusted(margin, margin, -margin, -margin);
    if (!m_data.title.isEmpty()) {
        l.title = QRectF(area.left(), area.top(), area.width(), titleMetrics.height() + 6);
        area.setTop(l.title.bottom());
    }
    if (m_data.colourAxis >= 0) {
        const ParallelAxis &axis = m_data.axes[m_data.colourAxis];
        const Scale &scale = m_scales[m_data.colourAxis];
        const double low = axis.log ? std::pow(10.0, scale.low) : scale.low;
        const double high = axis.log ? std::pow(10.0, scale.high) : scale.high;
        const qreal labels = ColorScale::labelWidth(low, high, axis.log, font());
        l.colourBar = QRectF(area.right() - labels - 6 - barWidth, 0, barWidth, 0);
        area.setRight(l.colourBar.left() - 16);
    }
    const int n = int(m_data.axes.size());
    const qreal nameHeight = names.height() + 6;
    // Room for the first axis' tick labels on the left and half a name on the right.
    qreal leftLabels = 0;
    if (n > 0)
        leftLabels = metrics.horizontalAdvance(QStringLiteral("0.0000")) + 8;
    l.plot = QRectF(area.left() + leftLabels, area.top() + nameHeight + metrics.height() / 2,
        area.width() - leftLabels - metrics.horizontalAdvance(QStringLiteral("0000")),
        area.height() - nameHeight - metrics.height());
    for (int i = 0; i < n; ++i)
        l.axisX << (n == 1 ? l.plot.center().x() : l.plot.left() + i * l.plot.width() / (n - 1));
    l.colourBar.setTop(l.plot.top());
    l.colourBar.setBottom(l.plot.bottom());
    return l;
}

QPointF ParallelCoordinatesWidget::axisPoint(int axis, double value) const
{
    const Layout l = layout(QRectF(rect()));
    return {l.axisX.value(axis), l.plot.bottom() - fraction(axis, value) * l.plot.height()};
}

int ParallelCoordinatesWidget::axisNear(const QPointF &position) const
{
    const Layout l = layout(QRectF(rect()));
    if (position.y() < l.plot.top() - 8 || position.y() > l.plot.bottom() + 8)
        return -1;
    int best = -1;
    qreal bestDistance = grabDistance;
    for (int i = 0; i < l.axisX.size(); ++i) {
        const qreal distance = std::abs(position.x() - l.axisX[i]);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

void ParallelCoordinatesWidget::renderTo(QPainter &painter, const QRectF &target)
{
    painter.save();
    painter.setClipRect(target);
    painter.fillRect(target, palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(font());
    const QColor text = palette().color(QPalette::Text);
    const QFontMetricsF metrics(font());
    const Layout l = layout(target);
    const int n = int(m_data.axes.size());

    if (!l.title.isEmpty()) {
        painter.setFont(titleFont(font()));
        painter.setPen(text);
        painter.drawText(l.title, Qt::AlignHCenter | Qt::AlignTop, m_data.title);
        painter.setFont(font());
    }
    if (n == 0 || l.plot.height() <= 0) {
        painter.restore();
        return;
    }

    // Lines: runs outside the brushes first, faded, then the selected ones in colour.
    const ColorScale colours = ColorScale::lines(palette());
    QColor faded = text;
    faded.setAlphaF(0.18);
    const auto polyline = [&](int run) {
        QPainterPath path;
        bool open = false;
        for (int a = 0; a < n; ++a) {
            const double f = fraction(a, m_data.axes[a].values[std::size_t(run)]);
            if (std::isnan(f)) {
                open = false;
                continue;
            }
            const QPointF point(l.axisX[a], l.plot.bottom() - f * l.plot.height());
            if (open)
                path.lineTo(point);
            else
                path.moveTo(point);
            open = true;
        }
        return path;
    };
    const int runs = int(m_data.runIds.size());
    painter.setBrush(Qt::NoBrush);
    for (int pass = 0; pass < 2; ++pass) {
        for (int r = 0; r < runs; ++r) {
            const bool selected = passes(r);
            if (selected != (pass == 1))
                continue;
            QColor colour = faded;
            if (selected) {
                if (m_data.colourAxis >= 0) {
                    colour = colours.at(
                        fraction(m_data.colourAxis, m_data.axes[m_data.colourAxis].values[std::size_t(r)]));
                    if (!colour.isValid())
                        colour = text;
                } else {
                    colour = RunColors::forRun(m_data.runIds[r], palette());
                }
            }
            painter.setPen(QPen(colour, selected ? 1.6 : 1.0));
            painter.drawPath(polyline(r));
        }
    }

    // Axes, brushes, ticks and names.
    QColor brushFill = palette().color(QPalette::Highlight);
    brushFill.setAlphaF(0.28);
    const QFontMetricsF names(nameFont(font()));
    const qreal spacing = n > 1 ? l.plot.width() / (n - 1) : l.plot.width();
    for (int a = 0; a < n; ++a) {
        const ParallelAxis &axis = m_data.axes[a];
        const qreal x = l.axisX[a];
        painter.setPen(QPen(text, 1.2));
        painter.drawLine(QPointF(x, l.plot.top()), QPointF(x, l.plot.bottom()));
        if (m_brushes[a]) {
            const qreal top
                = l.plot.bottom() - std::clamp(fraction(a, m_brushes[a]->second), 0.0, 1.0) * l.plot.height();
            const qreal bottom
                = l.plot.bottom() - std::clamp(fraction(a, m_brushes[a]->first), 0.0, 1.0) * l.plot.height();
            painter.setPen(QPen(palette().color(QPalette::Highlight), 1.2));
            painter.setBrush(brushFill);
            painter.drawRect(QRectF(x - 7, top, 14, std::max(bottom - top, 1.0)));
            painter.setBrush(Qt::NoBrush);
        }
        // Tick values: round numbers, powers of ten, or the categories (thinned when crowded).
        std::vector<double> ticks;
        const int wanted = std::clamp(int(l.plot.height() / 40), 2, 8);
        if (!axis.categories.isEmpty()) {
            const int every
                = std::max<int>(1, int(std::ceil(axis.categories.size() * metrics.height() * 1.2 / l.plot.height())));
            for (int c = 0; c < axis.categories.size(); c += every)
                ticks.push_back(c);
        } else if (axis.log) {
            ticks = Plot::logTicks(std::pow(10.0, m_scales[a].low), std::pow(10.0, m_scales[a].high), wanted);
        } else {
            ticks = Plot::linearTicks(m_scales[a].low, m_scales[a].high, wanted);
        }
        const qreal labelWidth = std::max<qreal>(spacing * 0.45, 30);
        for (double tick : ticks) {
            const double f = fraction(a, tick);
            if (!(f >= -1e-9 && f <= 1 + 1e-9))
                continue;
            const qreal y = l.plot.bottom() - f * l.plot.height();
            painter.setPen(QPen(text, 1));
            painter.drawLine(QPointF(x - 3, y), QPointF(x, y));
            const QString label = metrics.elidedText(
                axis.categories.isEmpty() ? shortValueText(tick) : axis.categories[qsizetype(tick)], Qt::ElideRight,
                labelWidth);
            const qreal width = metrics.horizontalAdvance(label);
            const QRectF box(x - 5 - width, y - metrics.height() / 2, width, metrics.height());
            // A veil behind the label keeps it legible over the lines.
            QColor veil = palette().color(QPalette::Base);
            veil.setAlphaF(0.75);
            painter.fillRect(box.adjusted(-1, 0, 1, 0), veil);
            painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, label);
        }
        painter.setFont(nameFont(font()));
        painter.setPen(text);
        const QString name
            = names.elidedText(axis.name + (axis.log ? tr(" (log)") : QString()), Qt::ElideRight, spacing - 6);
        const qreal nameWidth = names.horizontalAdvance(name);
        qreal left = x - nameWidth / 2;
        left = std::clamp(left, target.left() + margin,
            target.right() - margin - nameWidth - (l.colourBar.isEmpty() ? 0 : l.colourBar.width() + 60));
        painter.drawText(
            QRectF(left, l.plot.top() - metrics.height() / 2 - names.height() - 4, nameWidth + 1, names.height()),
            Qt::AlignCenter, name);
        painter.setFont(font());
    }

    if (m_data.colourAxis >= 0 && !l.colourBar.isEmpty()) {
        const ParallelAxis &axis = m_data.axes[m_data.colourAxis];
        const Scale &scale = m_scales[m_data.colourAxis];
        colours.paintBar(painter, l.colourBar, axis.log ? std::pow(10.0, scale.low) : scale.low,
            axis.log ? std::pow(10.0, scale.high) : scale.high, axis.log, palette());
    }
    painter.restore();
}

PlotTable ParallelCoordinatesWidget::plottedTable() const
{
    PlotTable table;
    std::vector<double> ids;
    for (qint64 id : m_data.runIds)
        ids.push_back(double(id));
    table.addNumberColumn(tr("run id"), std::move(ids));
    table.addTextColumn(tr("run"), m_data.runNames.mid(0, m_data.runIds.size()));
    for (const ParallelAxis &axis : m_data.axes) {
        if (axis.categories.isEmpty()) {
            table.addNumberColumn(axis.name, axis.values);
            continue;
        }
        std::vector<std::int32_t> codes;
        for (double v : axis.values)
            codes.push_back(std::isfinite(v) ? std::int32_t(std::lround(v)) : -1);
        table.addTextColumn(axis.name, axis.categories, std::move(codes));
    }
    QStringList selected;
    for (int r = 0; r < m_data.runIds.size(); ++r)
        selected << (passes(r) ? tr("yes") : tr("no"));
    table.addTextColumn(tr("selected"), selected);
    return table;
}

void ParallelCoordinatesWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    renderTo(painter, QRectF(rect()));
}

void ParallelCoordinatesWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragAxis = axisNear(event->position());
        m_dragStart = event->position();
        if (m_dragAxis >= 0) {
            showHoverText(QString(), QPoint());
            event->accept();
            return;
        }
    }
    ChartSurface::mousePressEvent(event);
}

void ParallelCoordinatesWidget::mouseMoveEvent(QMouseEvent *event)
{
    const Layout l = layout(QRectF(rect()));
    if (m_dragAxis >= 0 && (event->buttons() & Qt::LeftButton)) {
        if (std::abs(event->position().y() - m_dragStart.y()) >= 3) {
            const auto valueAt = [&](qreal y) {
                return valueAtFraction(m_dragAxis, std::clamp((l.plot.bottom() - y) / l.plot.height(), 0.0, 1.0));
            };
            const double a = valueAt(m_dragStart.y()), b = valueAt(event->position().y());
            m_brushes[m_dragAxis] = std::pair {std::min(a, b), std::max(a, b)};
            update();
        }
        return;
    }
    setCursor(axisNear(event->position()) >= 0 ? Qt::SizeVerCursor : Qt::ArrowCursor);
    // Hover: the nearest line within a few pixels.
    int best = -1;
    qreal bestDistance = hoverDistance;
    const int n = int(m_data.axes.size());
    for (int r = 0; r < m_data.runIds.size(); ++r) {
        for (int a = 0; a + 1 < n; ++a) {
            const double f0 = fraction(a, m_data.axes[a].values[std::size_t(r)]);
            const double f1 = fraction(a + 1, m_data.axes[a + 1].values[std::size_t(r)]);
            if (std::isnan(f0) || std::isnan(f1))
                continue;
            const qreal distance
                = distanceToSegment(event->position(), QPointF(l.axisX[a], l.plot.bottom() - f0 * l.plot.height()),
                    QPointF(l.axisX[a + 1], l.plot.bottom() - f1 * l.plot.height()));
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = r;
            }
        }
    }
    if (best < 0) {
        showHoverText(QString(), QPoint());
        return;
    }
    QString text = tr("%1 (run %2)").arg(m_data.runNames[best]).arg(m_data.runIds[best]);
    for (const ParallelAxis &axis : std::as_const(m_data.axes))
        text += QStringLiteral("\n%1: %2").arg(axis.name, valueText(axis, axis.values[std::size_t(best)]));
    showHoverText(text, event->globalPosition().toPoint());
}

void ParallelCoordinatesWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_dragAxis >= 0) {
        const int axis = m_dragAxis;
        m_dragAxis = -1;
        if (std::abs(event->position().y() - m_dragStart.y()) < 3)
            m_brushes[axis].reset(); // a click on an axis clears its brush
        update();
        Q_EMIT selectionChanged(selectedRunIds());
        event->accept();
        return;
    }
    ChartSurface::mouseReleaseEvent(event);
}

void ParallelCoordinatesWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        clearBrushes();
        event->accept();
        return;
    }
    ChartSurface::mouseDoubleClickEvent(event);
}

void ParallelCoordinatesWidget::leaveEvent(QEvent *event)
{
    showHoverText(QString(), QPoint());
    ChartSurface::leaveEvent(event);
}

} // namespace Tandem::Ui
