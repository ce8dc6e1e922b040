// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>

#include <functional>
#include <optional>

class QAbstractAxis;
class QAbstractSeries;
class QGraphicsEllipseItem;
class QLegendMarker;

namespace Tandem::Ui {

/// The interactive frame of every Qt Charts chart in Tandem (internal to
/// ui/charts/; views use the chart kinds built on it):
///
/// - wheel: zoom around the pointer (Shift: x only, Ctrl: y only); `+` / `-` zoom
///   at the centre, arrow keys pan;
/// - left-drag: zoom to the dragged rectangle (a drag under 4 pixels is a click);
///   in pan mode left-drag pans instead; the middle button and Ctrl+left-drag always pan;
/// - double-click, Home, Esc: back to the full view (resetView);
/// - hover: the chart's HoverResolver names the nearest point; a ring marks it and
///   its text is announced by hoverChanged (the chart shows it as a tooltip);
/// - clicking a legend entry hides or shows that series (dimmed entry when hidden).
///
/// Value axes get round tick steps (1, 2, 5 × 10^k) that follow the zoom.
class InteractiveChartView : public QChartView
{
    Q_OBJECT
public:
    struct HoverHit {
        QString text;
        QPointF value; ///< the point, in the series' data coordinates
        QAbstractSeries *series = nullptr; ///< for mapping value to the screen
    };
    /// The point nearest to `chartPosition` (chart coordinates), if near enough.
    using HoverResolver = std::function<std::optional<HoverHit>(const QPointF &chartPosition)>;

    /// What clicking a legend entry does. By default: the entry's series is hidden
    /// or shown. `listed` false keeps an entry out of the legend (a series that
    /// only draws part of another's line).
    struct LegendHooks {
        std::function<void(QLegendMarker *)> toggle;
        std::function<bool(QLegendMarker *)> shown;
        std::function<bool(QLegendMarker *)> listed;
    };

    explicit InteractiveChartView(QWidget *parent = nullptr);

    void setHoverResolver(HoverResolver resolver) { m_hoverResolver = std::move(resolver); }
    void setLegendHooks(LegendHooks hooks);

    /// Records the current axis ranges as the full view that resetView() restores.
    void rememberHome();
    void resetView();
    /// True when an axis range differs from the remembered full view.
    bool isZoomed() const;

    /// Zooms by `factor` (< 1 zooms in) around `viewPosition`, along x and/or y.
    void zoomAt(
        const QPointF &viewPosition, qreal factor, Qt::Orientations orientations = Qt::Horizontal | Qt::Vertical);
    /// Moves the view by `pixels` (content follows the pointer).
    void panBy(const QPointF &pixels);
    void setPanMode(bool pan);
    bool panMode() const { return m_panMode; }

    /// Connects the ranges of the chart's axes (call after adding axes); every
    /// change of range or plot area is announced by viewChanged.
    void watchAxes();
    /// Re-applies legend visibility, dimming and click handling (call after adding
    /// or removing series).
    void syncLegend();
    /// Colours from the widget palette (call after adding axes or series).
    void applyPalette();

    /// Paints the chart into `target` without the hover ring.
    void renderChart(QPainter &painter, const QRectF &target);
    /// Hover at `viewPosition` as the mouse would (tests).
    void hoverAt(const QPointF &viewPosition);

Q_SIGNALS:
    void viewChanged();
    void hoverChanged(const QString &text, const QPoint &globalPosition);
    void resetRequested();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct AxisHome {
        QAbstractAxis *axis = nullptr;
        qreal min = 0.0, max = 0.0;
        QString minCategory, maxCategory;
    };

    void updateTicks();
    void clearHover();
    bool canZoomIn() const;
    void styleMarker(QLegendMarker *marker, bool shown);

    HoverResolver m_hoverResolver;
    LegendHooks m_legend;
    QList<AxisHome> m_home;
    QGraphicsEllipseItem *m_hoverRing;
    bool m_panMode = false;
    bool m_panning = false;
    QPointF m_lastPanPosition;
    QPoint m_pressPosition;
};

} // namespace Tandem::Ui
