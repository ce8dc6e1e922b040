// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ColorScale.h"

#include "core/plot/Ticks.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/ValueText.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <QPalette>

#include <cmath>

namespace Tandem::Ui {
namespace {

// matplotlib's viridis at ten even steps.
const QRgb viridis[]
    = {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xfde725};

double relativeLuminance(const QColor &colour)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

std::vector<double> ticksFor(double low, double high, bool log)
{
    return log ? Plot::logTicks(low, high, 6) : Plot::linearTicks(low, high, 6);
}

} // namespace

ColorScale ColorScale::cells(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    if (RunColors::isDark(palette))
        return ColorScale({base, QColor(0x1d4f91), QColor(0x3b82c4), QColor(0x9ecae1), QColor(0xe8f3fb)});
    return ColorScale({base, QColor(0xc6dbef), QColor(0x6baed6), QColor(0x2171b5), QColor(0x08306b)});
}

ColorScale ColorScale::lines(const QPalette &palette)
{
    QList<QColor> stops;
    const bool dark = RunColors::isDark(palette);
    for (int i = dark ? 1 : 0; i < (dark ? 10 : 9); ++i)
        stops.append(QColor::fromRgb(viridis[i]));
    return ColorScale(stops);
}

QColor ColorScale::at(double t) const
{
    if (std::isnan(t) || m_stops.isEmpty())
        return {};
    t = std::clamp(t, 0.0, 1.0) * double(m_stops.size() - 1);
    const int i = std::min(int(t), int(m_stops.size()) - 2);
    if (i < 0)
        return m_stops.front();
    const double f = t - i;
    const QColor &a = m_stops[i], &b = m_stops[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f),
        float(a.greenF() + (b.greenF() - a.greenF()) * f), float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

QColor ColorScale::textOn(const QColor &fill)
{
    const double l = relativeLuminance(fill);
    // Contrast with black is (l + 0.05) / 0.05, with white 1.05 / (l + 0.05).
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? QColor(Qt::black) : QColor(Qt::white);
}

qreal ColorScale::labelWidth(double low, double high, bool log, const QFont &font)
{
    const QFontMetricsF metrics(font);
    qreal width = 0;
    for (double tick : ticksFor(low, high, log))
        width = std::max(width, metrics.horizontalAdvance(shortValueText(tick)));
    return width;
}

void ColorScale::paintBar(
    QPainter &painter, const QRectF &bar, double low, double high, bool log, const QPalette &palette) const
{
    QLinearGradient gradient(bar.bottomLeft(), bar.topLeft());
    for (int i = 0; i < m_stops.size(); ++i)
        gradient.setColorAt(double(i) / std::max<qsizetype>(m_stops.size() - 1, 1), m_stops[i]);
    painter.save();
    painter.setPen(QPen(palette.color(QPalette::Text), 0.8));
    painter.setBrush(gradient);
    painter.drawRect(bar);
    if (!(high > low)) {
        painter.restore();
        return;
    }
    const QFontMetricsF metrics(painter.font());
    const double l0 = log ? std::log10(low) : low, l1 = log ? std::log10(high) : high;
    for (double tick : ticksFor(low, high, log)) {
        const double t = ((log ? std::log10(tick) : tick) - l0) / (l1 - l0);
        const double y = bar.bottom() - t * bar.height();
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
        painter.drawText(QPointF(bar.right() + 6, y + metrics.ascent() / 2 - 1), shortValueText(tick));
    }
    painter.restore();
}

} // namespace Tandem::Ui
