// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/HeatmapWidget.h"

#include "ui/charts/ColorScale.h"
#include "ui/charts/ValueText.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace Tandem::Ui {
namespace {

constexpr qreal margin = 8;
constexpr qreal barWidth = 14;

QFont titleFont(const QFont &font)
{
    QFont title = font;
    title.setPointSizeF(font.pointSizeF() * 1.1);
    return title;
}

QFont axisTitleFont(const QFont &font)
{
    QFont title = font;
    title.setBold(true);
    return title;
}

} // namespace

HeatmapWidget::HeatmapWidget(QWidget *parent) : ChartSurface(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
}

void HeatmapWidget::setData(HeatmapData data)
{
    m_data = std::move(data);
    m_data.values.resize(std::size_t(m_data.rowLabels.size() * m_data.columnLabels.size()), 0.0);
    update();
    Q_EMIT viewChanged();
}

void HeatmapWidget::setScale(Scale scale)
{
    m_scale = scale;
    update();
    Q_EMIT viewChanged();
}

double HeatmapWidget::rawValue(int row, int column) const
{
    return m_data.values[std::size_t(row) * std::size_t(columnCount()) + std::size_t(column)];
}

double HeatmapWidget::displayedValue(int row, int column) const
{
    const double value = rawValue(row, column);
    if (m_scale == Scale::Counts)
        return value;
    double sum = 0.0;
    for (int c = 0; c < columnCount(); ++c)
        sum += rawValue(row, c);
    return sum > 0.0 ? value / sum : std::nan("");
}

std::pair<double, double> HeatmapWidget::displayedRange() const
{
    if (m_scale == Scale::RowNormalised)
        return {0.0, 1.0};
    double high = 0.0;
    for (double v : m_data.values)
        high = std::isfinite(v) ? std::max(high, v) : high;
    return {0.0, high > 0.0 ? high : 1.0};
}

HeatmapWidget::Layout HeatmapWidget::layout(const QRectF &target) const
{
    Layout l;
    const QFontMetricsF metrics(font()), titleMetrics(titleFont(font())), axisMetrics(axisTitleFont(font()));
    QRectF area = target.adjusted(margin, margin, -margin, -margin);
    if (!m_data.title.isEmpty()) {
        l.title = QRectF(area.left(), area.top(), area.width(), titleMetrics.height() + 6);
        area.setTop(l.title.bottom());
    }
    // Colour bar and its labels on the right.
    const auto [low, high] = displayedRange();
    const qreal barLabels = ColorScale::labelWidth(low, high, false, font());
    l.colourBar = QRectF(area.right() - barLabels - 6 - barWidth, area.top() + metrics.height() / 2, barWidth, 0);
    area.setRight(l.colourBar.left() - 14);
    // Row title (turned) and row labels on the left.
    if (!m_data.rowTitle.isEmpty()) {
        l.rowTitle = QRectF(area.left(), area.top(), axisMetrics.height(), 0);
        area.setLeft(l.rowTitle.right() + 4);
    }
    qreal rowLabels = 0;
    for (const QString &label : m_data.rowLabels)
        rowLabels = std::max(rowLabels, metrics.horizontalAdvance(label));
    rowLabels = std::min(rowLabels, area.width() * 0.3);
    l.rowLabelRight = area.left() + rowLabels;
    area.setLeft(l.rowLabelRight + 6);
    // Column title and labels at the bottom; labels turn vertical when a cell is too narrow.
    if (!m_data.columnTitle.isEmpty()) {
        l.columnTitle = QRectF(area.left(), area.bottom() - axisMetrics.height(), area.width(), axisMetrics.height());
        area.setBottom(l.columnTitle.top() - 4);
    }
    qreal widest = 0;
    for (const QString &label : m_data.columnLabels)
        widest = std::max(widest, metrics.horizontalAdvance(label));
    const qreal cellWidth = columnCount() > 0 ? area.width() / columnCount() : area.width();
    l.verticalColumnLabels = widest > cellWidth - 4;
    const qreal labelHeight = l.verticalColumnLabels ? std::min(widest, area.height() * 0.3) : metrics.height();
    area.setBottom(area.bottom() - labelHeight - 6);
    l.columnLabelTop = area.bottom() + 4;
    l.grid = area;
    l.colourBar.setBottom(area.bottom());
    l.colourBar.setTop(area.top());
    l.rowTitle.setTop(area.top());
    l.rowTitle.setBottom(area.bottom());
    l.columnTitle.setLeft(area.left());
    l.columnTitle.setRight(area.right());
    return l;
}

QRectF HeatmapWidget::cellRect(int row, int column) const
{
    const QRectF grid = layout(QRectF(rect())).grid;
    if (rowCount() == 0 || columnCount() == 0)
        return {};
    const qreal w = grid.width() / columnCount(), h = grid.height() / rowCount();
    return QRectF(grid.left() + column * w, grid.top() + row * h, w, h);
}

std::optional<std::pair<int, int>> HeatmapWidget::cellAt(const QPointF &position) const
{
    const QRectF grid = layout(QRectF(rect())).grid;
    if (rowCount() == 0 || columnCount() == 0 || !grid.contains(position))
        return std::nullopt;
    const int column = std::min(int((position.x() - grid.left()) / grid.width() * columnCount()), columnCount() - 1);
    const int row = std::min(int((position.y() - grid.top()) / grid.height() * rowCount()), rowCount() - 1);
    return std::pair {row, column};
}

void HeatmapWidget::renderTo(QPainter &painter, const QRectF &target)
{
    painter.save();
    painter.setClipRect(target);
    painter.fillRect(target, palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setFont(font());
    const QColor text = palette().color(QPalette::Text);
    const Layout l = layout(target);
    const QFontMetricsF metrics(font());

    if (!l.title.isEmpty()) {
        painter.setFont(titleFont(font()));
        painter.setPen(text);
        painter.drawText(l.title, Qt::AlignHCenter | Qt::AlignTop, m_data.title);
        painter.setFont(font());
    }
    const ColorScale scale = ColorScale::cells(palette());
    const auto [low, high] = displayedRange();
    const int rows = rowCount(), columns = columnCount();
    if (rows > 0 && columns > 0 && l.grid.width() > 0 && l.grid.height() > 0) {
        const qreal w = l.grid.width() / columns, h = l.grid.height() / rows;
        const bool normalised = m_scale == Scale::RowNormalised;
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < columns; ++c) {
                const QRectF cell(l.grid.left() + c * w, l.grid.top() + r * h, w, h);
                const double value = displayedValue(r, c);
                QColor fill = scale.at((value - low) / (high - low));
                if (!fill.isValid()) {
                    painter.fillRect(cell, QBrush(palette().color(QPalette::Mid), Qt::BDiagPattern));
                    continue;
                }
                painter.fillRect(cell, fill);
                const QString label = std::isnan(value) ? QString()
                    : normalised                        ? QLocale().toString(value, 'f', 2)
                    : value == std::round(value)        ? QLocale().toString(qint64(value))
                                                        : shortValueText(value);
                if (metrics.horizontalAdvance(label) + 4 <= w && metrics.height() <= h) {
                    painter.setPen(ColorScale::textOn(fill));
                    painter.drawText(cell, Qt::AlignCenter, label);
                }
            }
        }
        // Thin separators in the background colour keep neighbouring equal cells apart.
        painter.setPen(QPen(palette().color(QPalette::Base), 1));
        if (w >= 6)
            for (int c = 1; c < columns; ++c)
                painter.drawLine(
                    QPointF(l.grid.left() + c * w, l.grid.top()), QPointF(l.grid.left() + c * w, l.grid.bottom()));
        if (h >= 6)
            for (int r = 1; r < rows; ++r)
                painter.drawLine(
                    QPointF(l.grid.left(), l.grid.top() + r * h), QPointF(l.grid.right(), l.grid.top() + r * h));

        // Labels: every one when there is room, else every k-th.
        painter.setPen(text);
        const int rowStep = std::max(1, int(std::ceil(metrics.height() / h)));
        const qreal labelLeft = l.rowTitle.isEmpty() ? target.left() + margin : l.rowTitle.right() + 4;
        for (int r = 0; r < rows; r += rowStep) {
            const QRectF box(labelLeft, l.grid.top() + r * h, l.rowLabelRight - labelLeft, h);
            painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter,
                metrics.elidedText(m_data.rowLabels[r], Qt::ElideRight, box.width()));
        }
        const int columnStep = l.verticalColumnLabels ? std::max(1, int(std::ceil(metrics.height() / w))) : 1;
        const qreal labelLength = l.verticalColumnLabels
            ? (l.columnTitle.isEmpty() ? target.bottom() : l.columnTitle.top()) - l.columnLabelTop - 2
            : w;
        for (int c = 0; c < columns; c += columnStep) {
            const QString label = metrics.elidedText(m_data.columnLabels[c], Qt::ElideRight, labelLength);
            if (l.verticalColumnLabels) {
                painter.save();
                painter.translate(l.grid.left() + (c + 0.5) * w, l.columnLabelTop);
                painter.rotate(-90);
                painter.drawText(QRectF(-labelLength, -metrics.height() / 2, labelLength, metrics.height()),
                    Qt::AlignRight | Qt::AlignVCenter, label);
                painter.restore();
            } else {
                painter.drawText(QRectF(l.grid.left() + c * w, l.columnLabelTop, w, metrics.height()),
                    Qt::AlignHCenter | Qt::AlignTop, label);
            }
        }
    }
    painter.setFont(axisTitleFont(font()));
    painter.setPen(text);
    if (!l.columnTitle.isEmpty())
        painter.drawText(l.columnTitle, Qt::AlignCenter, m_data.columnTitle);
    if (!m_data.rowTitle.isEmpty()) {
        painter.save();
        painter.translate(l.rowTitle.center());
        painter.rotate(-90);
        painter.drawText(
            QRectF(-l.rowTitle.height() / 2, -l.rowTitle.width() / 2, l.rowTitle.height(), l.rowTitle.width()),
            Qt::AlignCenter, m_data.rowTitle);
        painter.restore();
    }
    painter.setFont(font());
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (l.colourBar.height() > 0)
        scale.paintBar(painter, l.colourBar, low, high, false, palette());
    painter.restore();
}

PlotTable HeatmapWidget::plottedTable() const
{
    PlotTable table;
    table.addTextColumn(m_data.rowTitle.isEmpty() ? tr("row") : m_data.rowTitle, m_data.rowLabels);
    for (int c = 0; c < columnCount(); ++c) {
        std::vector<double> column(static_cast<std::size_t>(rowCount()));
        for (int r = 0; r < rowCount(); ++r)
            column[std::size_t(r)] = displayedValue(r, c);
        table.addNumberColumn(m_data.columnLabels[c], std::move(column));
    }
    return table;
}

void HeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    renderTo(painter, QRectF(rect()));
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const auto cell = cellAt(event->position());
    if (!cell) {
        showHoverText(QString(), QPoint());
        return;
    }
    const auto [row, column] = *cell;
    double sum = 0.0;
    for (int c = 0; c < columnCount(); ++c)
        sum += rawValue(row, c);
    const double count = rawValue(row, column);
    QString text
        = QStringLiteral("%1: %2\n%3: %4\n")
              .arg(m_data.rowTitle.isEmpty() ? tr("row") : m_data.rowTitle, m_data.rowLabels[row],
                  m_data.columnTitle.isEmpty() ? tr("column") : m_data.columnTitle, m_data.columnLabels[column]);
    text += tr("count: %1").arg(exactValueText(count));
    if (sum > 0.0)
        text += tr("\nshare of row: %1 %").arg(QLocale().toString(100.0 * count / sum, 'f', 1));
    showHoverText(text, event->globalPosition().toPoint());
}

void HeatmapWidget::leaveEvent(QEvent *event)
{
    showHoverText(QString(), QPoint());
    ChartSurface::leaveEvent(event);
}

} // namespace Tandem::Ui
