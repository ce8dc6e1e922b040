// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Error.h"

namespace Tandem::Base {

QString Error::toString() const
{
    QString where = file;
    if (line >= 0) {
        where += QStringLiteral(":%1").arg(line);
        if (column >= 0)
            where += QStringLiteral(":%1").arg(column);
    }
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

} // namespace Tandem::Base
