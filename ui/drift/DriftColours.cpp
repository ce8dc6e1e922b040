// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftColours.h"

#include "ui/charts/RunColors.h"

#include <QObject>
#include <QPalette>

namespace Tandem::Ui {

QString referenceSeriesName()
{
    return QObject::tr("reference");
}

QString currentSeriesName()
{
    return QObject::tr("current");
}

DriftColours driftColours(const QPalette &palette)
{
    return {RunColors::forRun(referenceColourSlot, palette), RunColors::forRun(currentColourSlot, palette)};
}

} // namespace Tandem::Ui
