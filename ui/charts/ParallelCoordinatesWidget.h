// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ChartSurface.h"

#include <QList>
#include <QStringList>

#include <optional>
#include <vector>

namespace Tandem::Ui {

/// One axis of a parallel-coordinates plot (a hyperparameter or the metric).
struct ParallelAxis {
    QString name;
    bool log = false; ///< log10 scale (a parameter swept on a log scale); values <= 0 are missing
    /// Non-empty for a categorical axis: `values` are then indices into it.
    QStringList categories;
    std::vector<double> values; ///< one per run; NaN: missing (the line breaks there)
};

struct ParallelCoordinatesData {
    QString title;
    QList<qint64> runIds;
    QStringList runNames;
    QList<ParallelAxis> axes;
    /// Colour lines by this axis' value (the metric) on a colour scale with a bar;
    /// -1 colours each run in its own colour (RunColors).
    int colourAxis = -1;
};

/// Parallel coordinates, painted by us: one vertical axis per parameter and the
/// metric, one line per run. Brushing filters runs: drag along an axis to select
/// a range of it (drag again to replace it, click the axis to clear it; several
/// brushed axes must all hold), and selectionChanged() lists the runs that pass.
/// Runs outside the brushes fade to grey. Reset (Esc, Home, the toolbar, a
/// double-click) clears every brush. Hover names the nearest line's run and values.
class ParallelCoordinatesWidget : public ChartSurface
{
    Q_OBJECT
public:
    explicit ParallelCoordinatesWidget(QWidget *parent = nullptr);

    void setData(ParallelCoordinatesData data);
    const ParallelCoordinatesData &data() const { return m_data; }
    void setColourAxis(int axis);

    /// Selects runs whose value on `axis` lies in [low, high] (data units; category
    /// indices on a categorical axis), together with the other brushes.
    void setBrush(int axis, double low, double high);
    void clearBrush(int axis);
    void clearBrushes();
    /// The brushed range of `axis`, if any.
    std::optional<std::pair<double, double>> brush(int axis) const;
    /// Runs inside every brush (all runs when nothing is brushed), in data order.
    QList<qint64> selectedRunIds() const;

    /// Where `value` of `axis` is drawn, in widget coordinates.
    QPointF axisPoint(int axis, double value) const;

    void renderTo(QPainter &painter, const QRectF &target) override;
    PlotTable plottedTable() const override;
    void resetView() override { clearBrushes(); }
    QString chartTitle() const override { return m_data.title; }
    QSize sizeHint() const override { return {720, 420}; }
    QSize minimumSizeHint() const override { return {320, 220}; }

Q_SIGNALS:
    void selectionChanged(const QList<qint64> &runIds);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Layout {
        QRectF title, plot, colourBar;
        QList<qreal> axisX;
    };
    struct Scale {
        double low = 0, high = 1; // axis space (log10 when log)
    };
    Layout layout(const QRectF &target) const;
    /// Position of a value along an axis: 0 at the bottom, 1 at the top; NaN if missing.
    double fraction(int axis, double value) const;
    double valueAtFraction(int axis, double fraction) const;
    bool passes(int run) const;
    int axisNear(const QPointF &position) const;
    void computeScales();

    ParallelCoordinatesData m_data;
    QList<Scale> m_scales;
    QList<std::optional<std::pair<double, double>>> m_brushes;
    int m_dragAxis = -1;
    QPointF m_dragStart;
};

} // namespace Tandem::Ui
