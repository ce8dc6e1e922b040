// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/VerdictIcon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Tandem::Ui {
namespace {

QPixmap badge(VerdictKind kind, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(verdictColour(kind));
    const double s = size;
    painter.drawEllipse(QRectF(0.5, 0.5, s - 1.0, s - 1.0));
    QPen pen(Qt::white, s / 8.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    switch (kind) {
    case VerdictKind::Drifted:
        painter.drawLine(QPointF(s / 2, s * 0.24), QPointF(s / 2, s * 0.56));
        painter.drawPoint(QPointF(s / 2, s * 0.75));
        break;
    case VerdictKind::Stable: {
        QPainterPath tick(QPointF(s * 0.28, s * 0.52));
        tick.lineTo(s * 0.44, s * 0.68);
        tick.lineTo(s * 0.72, s * 0.34);
        painter.drawPath(tick);
        break;
    }
    case VerdictKind::Unknown: painter.drawLine(QPointF(s * 0.3, s / 2), QPointF(s * 0.7, s / 2)); break;
    }
    return pixmap;
}

} // namespace

QColor verdictColour(VerdictKind kind)
{
    switch (kind) {
    case VerdictKind::Drifted: return QColor(0xc6, 0x28, 0x28);
    case VerdictKind::Stable: return QColor(0x2e, 0x7d, 0x32);
    case VerdictKind::Unknown: return QColor(0x75, 0x75, 0x75);
    }
    return {};
}

QIcon verdictIcon(VerdictKind kind)
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48})
        icon.addPixmap(badge(kind, size));
    return icon;
}

} // namespace Tandem::Ui
