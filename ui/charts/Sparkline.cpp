// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/Sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {

void paintDistributionSparkline(QPainter &painter, const QRectF &rect, const std::vector<double> &first,
    const std::vector<double> &second, const QColor &firstColour, const QColor &secondColour, bool bars)
{
    const std::size_t bins = std::max(first.size(), second.size());
    double top = 0.0;
    for (const std::vector<double> *side : {&first, &second}) {
        for (const double v : *side) {
            if (std::isfinite(v))
                top = std::max(top, v);
        }
    }
    if (bins == 0 || !(top > 0.0) || rect.width() < 4 || rect.height() < 4)
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const double width = rect.width() / double(bins);
    const auto height = [&](const std::vector<double> &side, std::size_t b) {
        const double v = b < side.size() && std::isfinite(side[b]) ? side[b] : 0.0;
        return v / top * (rect.height() - 1.0);
    };
    const std::pair<const std::vector<double> *, QColor> sides[] = {{&first, firstColour}, {&second, secondColour}};
    for (int s = 0; s < 2; ++s) {
        const auto &[values, colour] = sides[s];
        if (bars) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(colour);
            for (std::size_t b = 0; b < bins; ++b) {
                const double h = height(*values, b);
                painter.drawRect(
                    QRectF(rect.left() + width * (double(b) + 0.1 + 0.4 * s), rect.bottom() - h, width * 0.4, h));
            }
            continue;
        }
        QPainterPath path(QPointF(rect.left(), rect.bottom()));
        for (std::size_t b = 0; b < bins; ++b) {
            const double y = rect.bottom() - height(*values, b);
            path.lineTo(rect.left() + width * double(b), y);
            path.lineTo(rect.left() + width * double(b + 1), y);
        }
        path.lineTo(rect.right(), rect.bottom());
        path.closeSubpath();
        QColor fill = colour;
        fill.setAlphaF(0.25);
        painter.setBrush(fill);
        painter.setPen(QPen(colour, 1.2));
        painter.drawPath(path);
    }
    painter.restore();
}

} // namespace Tandem::Ui
