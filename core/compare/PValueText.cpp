// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/PValueText.h"

#include <cmath>

namespace Tandem::Compare {

QString pValueText(double p, const QLocale &locale, const QString &missing)
{
    if (!std::isfinite(p))
        return missing;
    if (p < 1e-4)
        return p < 1e-16 ? QStringLiteral("<1e-16") : locale.toString(p, 'e', 1);
    return locale.toString(p, 'f', 4);
}

} // namespace Tandem::Compare
