// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>

class QFont;
class QPainter;
class QPalette;
class QRectF;

namespace Tandem::Ui {

/// A sequential colour scale for values mapped to [0, 1], with its legend bar,
/// for the charts we paint ourselves (heatmap cells, parallel-coordinate lines
/// coloured by a metric).
class ColorScale
{
public:
    /// From the background (Base) to a deep blue (light theme) or a bright one
    /// (dark theme): empty cells blend in, full cells stand out, in either theme.
    static ColorScale cells(const QPalette &palette);
    /// Viridis, leaving out the end that would vanish on the background (the
    /// yellow on light themes, the near-black purple on dark ones): for lines.
    static ColorScale lines(const QPalette &palette);

    /// The colour at `t` in [0, 1] (clamped); an invalid colour for NaN.
    QColor at(double t) const;

    /// Black or white, whichever reads better on `fill` (WCAG contrast).
    static QColor textOn(const QColor &fill);

    /// A vertical bar from `low` (bottom) to `high` (top) in `bar`, tick labels to
    /// its right in `palette`'s text colour; log ticks when `log`.
    void paintBar(
        QPainter &painter, const QRectF &bar, double low, double high, bool log, const QPalette &palette) const;
    /// Width the tick labels of paintBar need with `font`.
    static qreal labelWidth(double low, double high, bool log, const QFont &font);

private:
    explicit ColorScale(QList<QColor> stops) : m_stops(std::move(stops)) { }
    QList<QColor> m_stops;
};

} // namespace Tandem::Ui
