// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/CriticalDifferenceWidget.h"

#include "ui/compare/CompareFormat.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Tandem::Ui {
namespace {

constexpr qreal margin = 10;
constexpr qreal groupSpacing = 7;
constexpr qreal stemGap = 8; ///< between a label and the end of its horizontal line

QFont titleFont(const QFont &font)
{
    QFont title = font;
    title.setPointSizeF(font.pointSizeF() * 1.1);
    return title;
}

} // namespace

CriticalDifferenceWidget::CriticalDifferenceWidget(QWidget *parent) : ChartSurface(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void CriticalDifferenceWidget::setData(CriticalDifferenceData data)
{
    m_data = std::move(data);
    m_data.averageRanks.resize(m_data.models.size(), std::nan(""));
    updateGeometry();
    update();
    Q_EMIT viewChanged();
}

QList<int> CriticalDifferenceWidget::rankOrder() const
{
    QList<int> order(m_data.models.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
        [this](int a, int b) { return m_data.averageRanks.at(a) < m_data.averageRanks.at(b); });
    return order;
}

QString CriticalDifferenceWidget::labelText(int model) const
{
    return QStringLiteral("%1 (%2)").arg(m_data.models.at(model), compareRankText(m_data.averageRanks.at(model)));
}

CriticalDifferenceWidget::Layout CriticalDifferenceWidget::layout(const QRectF &target) const
{
    Layout l;
    const QFontMetricsF metrics(font()), titleMetrics(titleFont(font()));
    const qreal textHeight = metrics.height();
    qreal top = target.top() + margin;
    if (!m_data.title.isEmpty()) {
        l.title = QRectF(target.left() + margin, top, target.width() - 2 * margin, titleMetrics.height() + 4);
        top = l.title.bottom() + 4;
    }
    l.cdY = top + textHeight + 4;
    l.axisY = l.cdY + 10 + textHeight + 6;
    l.groupsTop = l.axisY + 10;
    l.rowsTop = l.groupsTop + groupSpacing * qreal(m_data.groups.size()) + textHeight / 2 + 6;
    l.rowHeight = textHeight + 6;

    const int k = int(m_data.models.size());
    l.lowRank = 1;
    l.highRank = std::max(2, k);
    const QList<int> order = rankOrder();
    const int leftCount = (k + 1) / 2;
    qreal leftWidth = 0, rightWidth = 0;
    for (int i = 0; i < k; ++i) {
        const qreal w = metrics.horizontalAdvance(labelText(order.at(i)));
        (i < leftCount ? leftWidth : rightWidth) = std::max(i < leftCount ? leftWidth : rightWidth, w);
    }
    const qreal widthCap = target.width() * 0.3;
    leftWidth = std::min(leftWidth, widthCap);
    rightWidth = std::min(rightWidth, widthCap);
    l.axisLeft = target.left() + margin + leftWidth + 2 * stemGap;
    l.axisRight = target.right() - margin - rightWidth - 2 * stemGap;
    // Tick labels at the ends must fit too.
    l.axisLeft = std::max(l.axisLeft, target.left() + margin + metrics.horizontalAdvance(QStringLiteral("1")));
    l.axisRight = std::max(l.axisRight, l.axisLeft + 20);

    l.labels.resize(k);
    l.stemY.resize(k);
    for (int i = 0; i < k; ++i) {
        const bool left = i < leftCount;
        // Left: best at the top; right: worst at the top, so no two stems cross.
        const int row = left ? i : k - 1 - i;
        const int model = order.at(i);
        const qreal y = l.rowsTop + row * l.rowHeight;
        l.stemY[model] = y;
        l.labels[model] = left ? QRectF(target.left() + margin, y - textHeight / 2, leftWidth, textHeight)
                               : QRectF(l.axisRight + 2 * stemGap, y - textHeight / 2, rightWidth, textHeight);
    }
    return l;
}

qreal CriticalDifferenceWidget::heightFor(qreal width) const
{
    const Layout l = layout(QRectF(0, 0, width, 0));
    const int rows = int(m_data.models.size() + 1) / 2;
    return l.rowsTop + std::max(0, rows - 1) * l.rowHeight + l.rowHeight / 2 + margin;
}

QSize CriticalDifferenceWidget::sizeHint() const
{
    return QSize(640, int(std::ceil(heightFor(640))));
}

QSize CriticalDifferenceWidget::minimumSizeHint() const
{
    return QSize(320, int(std::ceil(heightFor(320))));
}

qreal CriticalDifferenceWidget::rankX(double rank) const
{
    const Layout l = layout(QRectF(rect()));
    return l.axisLeft + (rank - l.lowRank) / (l.highRank - l.lowRank) * (l.axisRight - l.axisLeft);
}

QRectF CriticalDifferenceWidget::labelRect(int model) const
{
    const Layout l = layout(QRectF(rect()));
    return model >= 0 && model < l.labels.size() ? l.labels.at(model) : QRectF();
}

void CriticalDifferenceWidget::renderTo(QPainter &painter, const QRectF &target)
{
    painter.save();
    painter.setClipRect(target);
    painter.fillRect(target, palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QColor text = palette().color(QPalette::Text);
    const Layout l = layout(target);
    const QFontMetricsF metrics(font());
    const auto x = [&](double rank) {
        return l.axisLeft + (rank - l.lowRank) / (l.highRank - l.lowRank) * (l.axisRight - l.axisLeft);
    };

    if (!l.title.isEmpty()) {
        painter.setFont(titleFont(font()));
        painter.setPen(text);
        painter.drawText(l.title, Qt::AlignHCenter | Qt::AlignTop, m_data.title);
    }
    painter.setFont(font());
    const int k = int(m_data.models.size());
    if (k < 2) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(target, Qt::AlignCenter, tr("Needs two or more models"));
        painter.restore();
        return;
    }

    // The critical difference, as a bar from rank 1.
    painter.setPen(QPen(text, 1.5));
    if (std::isfinite(m_data.criticalDifference) && m_data.criticalDifference > 0) {
        const qreal x0 = x(l.lowRank), x1 = std::min(x(l.lowRank + m_data.criticalDifference), l.axisRight);
        painter.drawLine(QPointF(x0, l.cdY), QPointF(x1, l.cdY));
        painter.drawLine(QPointF(x0, l.cdY - 4), QPointF(x0, l.cdY + 4));
        painter.drawLine(QPointF(x1, l.cdY - 4), QPointF(x1, l.cdY + 4));
        const QString label = tr("CD = %1").arg(compareRankText(m_data.criticalDifference));
        const qreal w = metrics.horizontalAdvance(label);
        const qreal centre = std::max((x0 + x1) / 2, x0 + w / 2);
        painter.drawText(
            QRectF(centre - w / 2 - 2, l.cdY - 4 - metrics.height(), w + 4, metrics.height()), Qt::AlignCenter, label);
    }

    // The axis: ticks at whole ranks (thinned when they would crowd), half ranks small.
    painter.setPen(QPen(text, 1.2));
    painter.drawLine(QPointF(l.axisLeft, l.axisY), QPointF(l.axisRight, l.axisY));
    const qreal perRank = (l.axisRight - l.axisLeft) / (l.highRank - l.lowRank);
    const qreal labelWidth = metrics.horizontalAdvance(QString::number(int(l.highRank))) + 8;
    const int step = std::max(1, int(std::ceil(labelWidth / perRank)));
    for (int r = int(l.lowRank); r <= int(l.highRank); ++r) {
        const bool labelled = (r - 1) % step == 0;
        painter.drawLine(QPointF(x(r), l.axisY), QPointF(x(r), l.axisY - (labelled ? 6 : 4)));
        if (r < int(l.highRank) && perRank >= 12)
            painter.drawLine(QPointF(x(r + 0.5), l.axisY), QPointF(x(r + 0.5), l.axisY - 3));
        if (labelled)
            painter.drawText(
                QRectF(x(r) - labelWidth / 2, l.axisY - 8 - metrics.height(), labelWidth, metrics.height()),
                Qt::AlignHCenter | Qt::AlignBottom, QString::number(r));
    }

    // Each model hangs from its rank to its label.
    painter.setPen(QPen(text, 1));
    for (int model = 0; model < k; ++model) {
        const double rank = m_data.averageRanks.at(model);
        if (!std::isfinite(rank))
            continue;
        const qreal stemX = x(rank), y = l.stemY.at(model);
        const QRectF &label = l.labels.at(model);
        const bool left = label.right() <= l.axisLeft;
        const qreal end = left ? l.axisLeft - stemGap : l.axisRight + stemGap;
        painter.drawLine(QPointF(stemX, l.axisY), QPointF(stemX, y));
        painter.drawLine(QPointF(stemX, y), QPointF(end, y));
        painter.drawText(label, (left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
            metrics.elidedText(labelText(model), Qt::ElideMiddle, label.width()));
    }

    // Groups not significantly different: thick lines under the axis.
    painter.setPen(QPen(text, 3.5, Qt::SolidLine, Qt::RoundCap));
    for (int g = 0; g < m_data.groups.size(); ++g) {
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (int model : m_data.groups.at(g)) {
            if (model >= 0 && model < k && std::isfinite(m_data.averageRanks.at(model))) {
                low = std::min(low, m_data.averageRanks.at(model));
                high = std::max(high, m_data.averageRanks.at(model));
            }
        }
        if (low > high)
            continue;
        const qreal y = l.groupsTop + g * groupSpacing;
        painter.drawLine(QPointF(x(low) - 3, y), QPointF(x(high) + 3, y));
    }
    painter.restore();
}

int CriticalDifferenceWidget::modelAt(const QPointF &position) const
{
    const Layout l = layout(QRectF(rect()));
    for (int model = 0; model < l.labels.size(); ++model) {
        if (l.labels.at(model).adjusted(-2, -3, 2, 3).contains(position))
            return model;
        const qreal stemX = rankX(m_data.averageRanks.at(model));
        if (std::abs(position.x() - stemX) <= 4 && position.y() >= l.axisY && position.y() <= l.stemY.at(model) + 3)
            return model;
        const bool left = l.labels.at(model).right() <= l.axisLeft;
        const qreal end = left ? l.axisLeft - stemGap : l.axisRight + stemGap;
        if (std::abs(position.y() - l.stemY.at(model)) <= 3 && position.x() >= std::min(stemX, end) - 2
            && position.x() <= std::max(stemX, end) + 2)
            return model;
    }
    return -1;
}

QString CriticalDifferenceWidget::modelText(int model) const
{
    if (model < 0 || model >= m_data.models.size())
        return {};
    QStringList alike;
    for (const QList<int> &group : m_data.groups) {
        if (!group.contains(model))
            continue;
        for (int other : group) {
            if (other != model && other >= 0 && other < m_data.models.size()
                && !alike.contains(m_data.models.at(other)))
                alike << m_data.models.at(other);
        }
    }
    QString text = tr("%1: average rank %2")
                       .arg(m_data.models.at(model), QLocale().toString(m_data.averageRanks.at(model), 'g', 6));
    text += QLatin1Char('\n')
        + (alike.isEmpty() ? tr("significantly different from every other model")
                           : tr("not significantly different from %1").arg(alike.join(QStringLiteral(", "))));
    return text;
}

PlotTable CriticalDifferenceWidget::plottedTable() const
{
    PlotTable table;
    table.addTextColumn(tr("model"), m_data.models);
    table.addNumberColumn(
        tr("average rank"), std::vector<double>(m_data.averageRanks.cbegin(), m_data.averageRanks.cend()));
    QStringList groups;
    for (int model = 0; model < m_data.models.size(); ++model) {
        QStringList in;
        for (int g = 0; g < m_data.groups.size(); ++g) {
            if (m_data.groups.at(g).contains(model))
                in << QString::number(g + 1);
        }
        groups << in.join(QStringLiteral(" "));
    }
    table.addTextColumn(tr("groups"), groups);
    table.addNumberColumn(tr("critical difference"), {m_data.criticalDifference});
    return table;
}

void CriticalDifferenceWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    renderTo(painter, QRectF(rect()));
}

void CriticalDifferenceWidget::mouseMoveEvent(QMouseEvent *event)
{
    showHoverText(modelText(modelAt(event->position())), event->globalPosition().toPoint());
}

void CriticalDifferenceWidget::leaveEvent(QEvent *event)
{
    showHoverText(QString(), QPoint());
    ChartSurface::leaveEvent(event);
}

} // namespace Tandem::Ui
