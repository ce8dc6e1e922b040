// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Ui {

/// "1 row" / "12,345 rows": a count with the noun in the right number, the count
/// formatted for the user's locale. (Tandem ships no translations yet, so Qt's
/// "%n row(s)" plural forms would show their parentheses.)
QString countOf(qint64 count, const QString &singular, const QString &plural);

} // namespace Tandem::Ui
