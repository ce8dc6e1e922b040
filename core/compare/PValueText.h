// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace Tandem::Compare {

/// A p-value as the Compare view and `tandem-cli compare` write it: four decimals,
/// e-notation below 1e-4 ("3.2e-05"), "<1e-16" below that, `missing` when not finite.
/// The CLI writes in the C locale, the view in the user's.
QString pValueText(double p, const QLocale &locale, const QString &missing);

} // namespace Tandem::Compare
