// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ChartSurface.h"

#include <QList>
#include <QStringList>

#include <limits>

namespace Tandem::Ui {

/// What a critical-difference diagram shows (Demšar 2006): models by their average
/// rank over datasets, the Nemenyi critical difference, and the groups of models
/// whose ranks are not significantly apart.
struct CriticalDifferenceData {
    QString title;
    QStringList models;
    QList<double> averageRanks; ///< one per model; 1 is best
    double criticalDifference = std::numeric_limits<double>::quiet_NaN();
    /// Indices into models; each a group joined by a line (Eval::NemenyiResult::groups).
    QList<QList<int>> groups;
};

/// A critical-difference diagram, painted by us: an axis of average rank from 1
/// (best, on the left) to k, a bar as long as the critical difference above it,
/// each model hanging from its rank to its label (the better half on the left,
/// the rest on the right, so no lines cross), and a thick line under the axis
/// joining each group of models not significantly different. Hovering a model
/// names its rank and the models it cannot be told apart from. Plugs into a
/// ChartPanel like any chart (PNG/SVG export, table, CSV).
class CriticalDifferenceWidget : public ChartSurface
{
    Q_OBJECT
public:
    explicit CriticalDifferenceWidget(QWidget *parent = nullptr);

    void setData(CriticalDifferenceData data);
    const CriticalDifferenceData &data() const { return m_data; }

    /// Where model `model`'s label is drawn, in widget coordinates.
    QRectF labelRect(int model) const;
    /// The x of rank `rank` on the axis, in widget coordinates.
    qreal rankX(double rank) const;
    /// The model whose label or stem is at `position`, or -1.
    int modelAt(const QPointF &position) const;
    /// The tooltip text of model `model`.
    QString modelText(int model) const;

    void renderTo(QPainter &painter, const QRectF &target) override;
    PlotTable plottedTable() const override;
    void resetView() override { }
    QString chartTitle() const override { return m_data.title; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Layout {
        QRectF title;
        qreal cdY = 0; ///< the CD bar's line
        qreal axisY = 0;
        qreal axisLeft = 0, axisRight = 0;
        qreal lowRank = 1, highRank = 2;
        qreal groupsTop = 0; ///< first group line
        qreal rowsTop = 0; ///< first label row
        qreal rowHeight = 0;
        QList<QRectF> labels; ///< per model
        QList<qreal> stemY; ///< per model: where its stem turns to its label
    };
    Layout layout(const QRectF &target) const;
    /// Models ordered by rank, best first.
    QList<int> rankOrder() const;
    QString labelText(int model) const;
    qreal heightFor(qreal width) const;

    CriticalDifferenceData m_data;
};

} // namespace Tandem::Ui
