// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ValueText.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace Tandem::Ui {

QString exactValueText(double value)
{
    if (std::isnan(value))
        return QCoreApplication::translate("Tandem::Ui::ValueText", "missing");
    return QLocale().toString(value, 'g', QLocale::FloatingPointShortest);
}

QString shortValueText(double value, int digits)
{
    if (std::isnan(value))
        return QStringLiteral("–");
    return QLocale().toString(value, 'g', digits);
}

} // namespace Tandem::Ui
