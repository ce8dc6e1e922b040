// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Version.h"

#include <QtGlobal>

namespace Tandem::Base {

QString appVersion()
{
    return QStringLiteral(TANDEM_VERSION_STRING);
}

QString builtQtVersion()
{
    return QStringLiteral(TANDEM_BUILD_QT_VERSION);
}

QString runtimeQtVersion()
{
    return QString::fromLatin1(qVersion());
}

QString licenceSpdx()
{
    return QStringLiteral("GPL-3.0-or-later");
}

} // namespace Tandem::Base
