// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/Counting.h"

#include <QLocale>

namespace Tandem::Ui {

QString countOf(qint64 count, const QString &singular, const QString &plural)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(count), count == 1 ? singular : plural);
}

} // namespace Tandem::Ui
