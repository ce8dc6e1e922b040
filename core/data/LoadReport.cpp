// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/LoadReport.h"

#include "core/data/Dataset.h"

namespace Tandem::Data {

QString LoadWarning::toString() const
{
    QString where;
    if (line >= 0)
        where = QStringLiteral("line %1").arg(line);
    if (column >= 0)
        where += (where.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("column %1").arg(column);
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

QString LoadReport::delimiterName() const
{
    if (whitespaceDelimiter)
        return QStringLiteral("whitespace");
    switch (delimiter) {
    case '\t': return QStringLiteral("tab");
    case ' ': return QStringLiteral("space");
    case 0: return {};
    default: break;
    }
    return QString(QLatin1Char(delimiter));
}

qsizetype LoadReport::warningCount(LoadWarning::Kind kind) const
{
    qsizetype n = 0;
    for (const LoadWarning &w : warnings)
        n += w.kind == kind ? 1 : 0;
    return n;
}

const LoadWarning *LoadReport::firstWarning(LoadWarning::Kind kind) const
{
    for (const LoadWarning &w : warnings) {
        if (w.kind == kind)
            return &w;
    }
    return nullptr;
}

} // namespace Tandem::Data
