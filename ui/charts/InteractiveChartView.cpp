// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/InteractiveChartView.h"

#include "core/plot/Ticks.h"
#include "ui/charts/ChartStyle.h"

#include <QBarCategoryAxis>
#include <QCategoryAxis>
#include <QGraphicsEllipseItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLogValueAxis>
#include <QMenu>
#include <QMouseEvent>
#include <QRubberBand>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>

namespace Tandem::Ui {
namespace {

const char connectedProperty[] = "tandemConnected";

/// The range of a numeric axis (value or log); nullopt for category axes.
std::optional<std::pair<qreal, qreal>> numericRange(const QAbstractAxis *axis)
{
    if (const auto *value = qobject_cast<const QValueAxis *>(axis))
        return std::pair {value->min(), value->max()};
    if (const auto *log = qobject_cast<const QLogValueAxis *>(axis))
        return std::pair {log->min(), log->max()};
    return std::nullopt;
}

/// printf format showing steps of `step` without noise ("%.2f" for 0.05).
QString labelFormat(double step, double magnitude)
{
    if (!(step > 0.0))
        return QStringLiteral("%g");
    const int decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
    if (decimals > 6 || magnitude >= 1e9)
        return QStringLiteral("%.3g");
    return QStringLiteral("%.%1f").arg(decimals);
}

} // namespace

InteractiveChartView::InteractiveChartView(QWidget *parent) : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(240, 180);

    QChart *c = chart();
    c->setMargins(QMargins(6, 6, 6, 6));
    c->setBackgroundRoundness(0);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setAnimationOptions(QChart::NoAnimation);

    m_hoverRing = new QGraphicsEllipseItem(-5, -5, 10, 10, c);
    m_hoverRing->setZValue(100);
    m_hoverRing->hide();

    connect(c, &QChart::plotAreaChanged, this, [this]() {
        updateTicks();
        Q_EMIT viewChanged();
    });
    applyPalette();
}

void InteractiveChartView::setLegendHooks(LegendHooks hooks)
{
    m_legend = std::move(hooks);
    syncLegend();
}

void InteractiveChartView::rememberHome()
{
    m_home.clear();
    for (QAbstractAxis *axis : chart()->axes()) {
        AxisHome home;
        home.axis = axis;
        if (const auto range = numericRange(axis)) {
            home.min = range->first;
            home.max = range->second;
        } else if (const auto *categories = qobject_cast<const QBarCategoryAxis *>(axis)) {
            home.minCategory = categories->min();
            home.maxCategory = categories->max();
        }
        m_home.append(home);
    }
}

void InteractiveChartView::resetView()
{
    // Qt's own reset first: it restores category axes exactly; then the remembered
    // ranges, which also undo panning (Qt's reset only undoes zooming).
    chart()->zoomReset();
    for (const AxisHome &home : std::as_const(m_home)) {
        if (!chart()->axes().contains(home.axis))
            continue;
        if (auto *value = qobject_cast<QValueAxis *>(home.axis))
            value->setRange(home.min, home.max);
        else if (auto *log = qobject_cast<QLogValueAxis *>(home.axis))
            log->setRange(home.min, home.max);
        else if (auto *categories = qobject_cast<QBarCategoryAxis *>(home.axis))
            categories->setRange(home.minCategory, home.maxCategory);
    }
    Q_EMIT resetRequested();
}

bool InteractiveChartView::isZoomed() const
{
    for (const AxisHome &home : m_home) {
        if (!chart()->axes().contains(home.axis))
            continue;
        if (const auto range = numericRange(home.axis)) {
            const double tolerance = 1e-9 * std::max(std::abs(home.max - home.min), 1e-300);
            if (std::abs(range->first - home.min) > tolerance || std::abs(range->second - home.max) > tolerance)
                return true;
        } else if (const auto *categories = qobject_cast<const QBarCategoryAxis *>(home.axis)) {
            if (categories->min() != home.minCategory || categories->max() != home.maxCategory)
                return true;
        }
    }
    return false;
}

bool InteractiveChartView::canZoomIn() const
{
    // Stop before the range drowns in rounding (about 1e-10 of its magnitude).
    for (QAbstractAxis *axis : chart()->axes()) {
        if (const auto range = numericRange(axis)) {
            const bool log = qobject_cast<const QLogValueAxis *>(axis) != nullptr;
            const double width = log ? std::log10(range->second / range->first) : range->second - range->first;
            const double magnitude = log ? 1.0 : std::max(std::abs(range->first), std::abs(range->second));
            if (!(width > 1e-10 * std::max(magnitude, 1e-300)))
                return false;
        }
    }
    return true;
}

void InteractiveChartView::zoomAt(const QPointF &viewPosition, qreal factor, Qt::Orientations orientations)
{
    if (factor < 1.0 && !canZoomIn())
        return;
    const QRectF area = chart()->plotArea();
    if (area.isEmpty())
        return;
    QPointF centre = chart()->mapFromScene(mapToScene(viewPosition.toPoint()));
    centre.setX(std::clamp(centre.x(), area.left(), area.right()));
    centre.setY(std::clamp(centre.y(), area.top(), area.bottom()));
    const qreal fx = orientations & Qt::Horizontal ? factor : 1.0;
    const qreal fy = orientations & Qt::Vertical ? factor : 1.0;
    const QRectF zoomed(centre.x() - (centre.x() - area.left()) * fx, centre.y() - (centre.y() - area.top()) * fy,
        area.width() * fx, area.height() * fy);
    chart()->zoomIn(zoomed);
}

void InteractiveChartView::panBy(const QPointF &pixels)
{
    chart()->scroll(-pixels.x(), pixels.y());
}

void InteractiveChartView::setPanMode(bool pan)
{
    m_panMode = pan;
    setRubberBand(pan ? QChartView::NoRubberBand : QChartView::RectangleRubberBand);
    viewport()->setCursor(pan ? Qt::OpenHandCursor : Qt::ArrowCursor);
}

void InteractiveChartView::watchAxes()
{
    for (QAbstractAxis *axis : chart()->axes()) {
        if (axis->property(connectedProperty).toBool())
            continue;
        axis->setProperty(connectedProperty, true);
        const auto changed = [this]() {
            updateTicks();
            Q_EMIT viewChanged();
        };
        if (auto *value = qobject_cast<QValueAxis *>(axis))
            connect(value, &QValueAxis::rangeChanged, this, changed);
        else if (auto *log = qobject_cast<QLogValueAxis *>(axis))
            connect(log, &QLogValueAxis::rangeChanged, this, changed);
        else if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
            connect(categories, &QBarCategoryAxis::rangeChanged, this, changed);
    }
    updateTicks();
}

void InteractiveChartView::updateTicks()
{
    const QRectF area = chart()->plotArea();
    for (QAbstractAxis *axis : chart()->axes()) {
        auto *value = qobject_cast<QValueAxis *>(axis);
        if (!value || qobject_cast<QCategoryAxis *>(axis))
            continue;
        const bool horizontal = axis->orientation() == Qt::Horizontal;
        const qreal length = horizontal ? area.width() : area.height();
        const int wanted = std::clamp(int(length / (horizontal ? 90.0 : 45.0)), 2, 10);
        const std::vector<double> ticks = Plot::linearTicks(value->min(), value->max(), wanted);
        if (ticks.size() < 2) {
            value->setTickType(QValueAxis::TicksFixed);
            value->setTickCount(2);
            value->setLabelFormat(QStringLiteral("%.4g"));
            continue;
        }
        const double step = ticks[1] - ticks[0];
        value->setTickType(QValueAxis::TicksDynamic);
        value->setTickAnchor(0.0);
        value->setTickInterval(step);
        value->setLabelFormat(labelFormat(step, std::max(std::abs(value->min()), std::abs(value->max()))));
    }
}

void InteractiveChartView::syncLegend()
{
    for (QLegendMarker *marker : chart()->legend()->markers()) {
        if (!marker->property(connectedProperty).toBool()) {
            marker->setProperty(connectedProperty, true);
            connect(marker, &QLegendMarker::clicked, this, [this, marker]() {
                if (m_legend.toggle)
                    m_legend.toggle(marker);
                else if (marker->series())
                    marker->series()->setVisible(!marker->series()->isVisible());
                syncLegend();
                Q_EMIT viewChanged();
            });
        }
        if (m_legend.listed && !m_legend.listed(marker)) {
            marker->setVisible(false);
            continue;
        }
        const bool shown = m_legend.shown ? m_legend.shown(marker) : marker->series() && marker->series()->isVisible();
        styleMarker(marker, shown);
    }
}

void InteractiveChartView::styleMarker(QLegendMarker *marker, bool shown)
{
    // Hiding a series hides its entry too; keep the entry, dimmed, so it can be clicked back.
    marker->setVisible(true);
    const qreal alpha = shown ? 1.0 : 0.35;
    QColor label = palette().color(QPalette::Text);
    label.setAlphaF(alpha);
    marker->setLabelBrush(label);
    QBrush brush = marker->brush();
    QColor fill = brush.color();
    fill.setAlphaF(shown ? 1.0 : 0.2);
    brush.setColor(fill);
    marker->setBrush(brush);
    QPen pen = marker->pen();
    QColor line = pen.color();
    line.setAlphaF(alpha);
    pen.setColor(line);
    marker->setPen(pen);
}

void InteractiveChartView::applyPalette()
{
    applyChartPalette(chart(), palette());
    const QColor text = palette().color(QPalette::Text);
    m_hoverRing->setPen(QPen(text, 1.5));
    m_hoverRing->setBrush(Qt::NoBrush);
    setBackgroundBrush(palette().color(QPalette::Base));
    syncLegend();
}

void InteractiveChartView::renderChart(QPainter &painter, const QRectF &target)
{
    const bool ringShown = m_hoverRing->isVisible();
    m_hoverRing->hide();
    scene()->render(&painter, target, chart()->sceneBoundingRect(), Qt::IgnoreAspectRatio);
    m_hoverRing->setVisible(ringShown);
}

void InteractiveChartView::hoverAt(const QPointF &viewPosition)
{
    const QPointF chartPosition = chart()->mapFromScene(mapToScene(viewPosition.toPoint()));
    std::optional<HoverHit> hit;
    if (m_hoverResolver && chart()->plotArea().adjusted(-8, -8, 8, 8).contains(chartPosition))
        hit = m_hoverResolver(chartPosition);
    if (!hit) {
        clearHover();
        return;
    }
    m_hoverRing->setPos(chart()->mapToPosition(hit->value, hit->series));
    m_hoverRing->show();
    Q_EMIT hoverChanged(hit->text, mapToGlobal(viewPosition.toPoint()));
}

void InteractiveChartView::clearHover()
{
    if (m_hoverRing->isVisible())
        m_hoverRing->hide();
    Q_EMIT hoverChanged(QString(), QPoint());
}

void InteractiveChartView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() != 0 ? delta.y() : delta.x();
    if (steps == 0) {
        event->ignore();
        return;
    }
    Qt::Orientations orientations = Qt::Horizontal | Qt::Vertical;
    if (event->modifiers() & Qt::ShiftModifier)
        orientations = Qt::Horizontal;
    else if (event->modifiers() & Qt::ControlModifier)
        orientations = Qt::Vertical;
    // 120 units is one notch: 20 % in or out.
    zoomAt(event->position(), std::pow(0.8, steps / 120.0), orientations);
    event->accept();
}

void InteractiveChartView::mousePressEvent(QMouseEvent *event)
{
    m_pressPosition = event->position().toPoint();
    const bool panButton = event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && (m_panMode || (event->modifiers() & Qt::ControlModifier)));
    if (panButton && chart()->plotArea().contains(chart()->mapFromScene(mapToScene(m_pressPosition)))) {
        m_panning = true;
        m_lastPanPosition = event->position();
        viewport()->setCursor(Qt::ClosedHandCursor);
        clearHover();
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        event->accept(); // the context menu comes with contextMenuEvent; no zoom-out here
        return;
    }
    QChartView::mousePressEvent(event);
}

void InteractiveChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        panBy(event->position() - m_lastPanPosition);
        m_lastPanPosition = event->position();
        event->accept();
        return;
    }
    QChartView::mouseMoveEvent(event);
    if (event->buttons() == Qt::NoButton)
        hoverAt(event->position());
}

void InteractiveChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_panMode ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        // A tiny drag is a click, not a zoom into a sliver.
        const QPoint moved = event->position().toPoint() - m_pressPosition;
        if (std::abs(moved.x()) < 4 || std::abs(moved.y()) < 4) {
            if (auto *band = viewport()->findChild<QRubberBand *>(); band && band->isVisible())
                band->hide();
            if (auto *band = findChild<QRubberBand *>(); band && band->isVisible())
                band->hide();
        }
    }
    QChartView::mouseReleaseEvent(event);
}

void InteractiveChartView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        resetView();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void InteractiveChartView::keyPressEvent(QKeyEvent *event)
{
    const QPointF centre = QRectF(viewport()->rect()).center();
    const QRectF area = chart()->plotArea();
    switch (event->key()) {
    case Qt::Key_Home:
    case Qt::Key_Escape: resetView(); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAt(centre, 0.8); break;
    case Qt::Key_Minus: zoomAt(centre, 1.25); break;
    case Qt::Key_Left: panBy(QPointF(area.width() / 10, 0)); break;
    case Qt::Key_Right: panBy(QPointF(-area.width() / 10, 0)); break;
    case Qt::Key_Up: panBy(QPointF(0, area.height() / 10)); break;
    case Qt::Key_Down: panBy(QPointF(0, -area.height() / 10)); break;
    default: QChartView::keyPressEvent(event); return;
    }
    event->accept();
}

void InteractiveChartView::leaveEvent(QEvent *event)
{
    clearHover();
    QChartView::leaveEvent(event);
}

void InteractiveChartView::contextMenuEvent(QContextMenuEvent *event)
{
    // The chart's actions (reset, export, table) belong to the widget around the view.
    const QList<QAction *> actions = parentWidget() ? parentWidget()->actions() : QList<QAction *>();
    if (actions.isEmpty()) {
        QChartView::contextMenuEvent(event);
        return;
    }
    clearHover();
    QMenu::exec(actions, event->globalPos(), nullptr, this);
    event->accept();
}

void InteractiveChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QChartView::changeEvent(event);
}

} // namespace Tandem::Ui
