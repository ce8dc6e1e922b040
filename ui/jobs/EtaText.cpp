// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/EtaText.h"

#include <QCoreApplication>

#include <cmath>

namespace Tandem::Ui {

QString etaText(double seconds)
{
    if (seconds < 0.0 || !std::isfinite(seconds))
        return {};
    if (seconds < 10.0)
        return QCoreApplication::translate("Tandem::Ui::JobsDock", "a few seconds left");
    if (seconds < 55.0)
        return QCoreApplication::translate("Tandem::Ui::JobsDock", "about %1 s left")
            .arg(int(std::lround(seconds / 10.0)) * 10);
    const long minutes = std::max(1L, std::lround(seconds / 60.0));
    if (minutes < 60)
        return QCoreApplication::translate("Tandem::Ui::JobsDock", "about %n min left", nullptr, int(minutes));
    return QCoreApplication::translate("Tandem::Ui::JobsDock", "about %1 h %2 min left")
        .arg(minutes / 60)
        .arg(minutes % 60);
}

} // namespace Tandem::Ui
