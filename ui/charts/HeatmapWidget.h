// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ChartSurface.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace Tandem::Ui {

/// A matrix of counts as plain data (a confusion matrix: rows are true classes,
/// columns predicted ones).
struct HeatmapData {
    QString title;
    QString rowTitle; ///< "True class"
    QString columnTitle; ///< "Predicted class"
    QStringList rowLabels;
    QStringList columnLabels;
    std::vector<double> values; ///< row-major, rowLabels.size() × columnLabels.size()
};

/// A heatmap painted by us (Qt Charts has none): cells coloured from the
/// background to a strong blue (ColorScale::cells), the value in each cell in
/// black or white, whichever contrasts more with its fill, row and column labels
/// (column labels turn vertical when they do not fit), axis titles and a colour
/// bar. Counts, or each row divided by its sum (row-normalised: the share of each
/// true class predicted as each class; an empty row stays empty). Hover names the
/// cell, its count and its row share.
class HeatmapWidget : public ChartSurface
{
    Q_OBJECT
public:
    enum class Scale { Counts, RowNormalised };

    explicit HeatmapWidget(QWidget *parent = nullptr);

    void setData(HeatmapData data);
    const HeatmapData &data() const { return m_data; }
    void setScale(Scale scale);
    Scale scale() const { return m_scale; }

    int rowCount() const { return int(m_data.rowLabels.size()); }
    int columnCount() const { return int(m_data.columnLabels.size()); }
    /// The value as drawn: the count, or its share of the row (NaN for an empty row).
    double displayedValue(int row, int column) const;
    /// The cell's rectangle in widget coordinates.
    QRectF cellRect(int row, int column) const;
    /// The cell at `position`, as (row, column).
    std::optional<std::pair<int, int>> cellAt(const QPointF &position) const;

    void renderTo(QPainter &painter, const QRectF &target) override;
    PlotTable plottedTable() const override;
    void resetView() override { }
    QString chartTitle() const override { return m_data.title; }
    QSize sizeHint() const override { return {520, 420}; }
    QSize minimumSizeHint() const override { return {240, 200}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Layout {
        QRectF title, grid, colourBar, rowTitle, columnTitle;
        qreal rowLabelRight = 0, columnLabelTop = 0;
        bool verticalColumnLabels = false;
    };
    Layout layout(const QRectF &target) const;
    double rawValue(int row, int column) const;
    std::pair<double, double> displayedRange() const;

    HeatmapData m_data;
    Scale m_scale = Scale::Counts;
};

} // namespace Tandem::Ui
