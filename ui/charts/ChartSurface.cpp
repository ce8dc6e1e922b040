// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ChartSurface.h"

#include <QToolTip>

namespace Tandem::Ui {

void ChartSurface::showHoverText(const QString &text, const QPoint &globalPos)
{
    if (text.isEmpty())
        QToolTip::hideText();
    else if (isVisible())
        QToolTip::showText(globalPos, text, this);
    if (text != m_hoverText) {
        m_hoverText = text;
        Q_EMIT hoverTextChanged(text);
    }
}

} // namespace Tandem::Ui
