// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Version.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream(stdout) << "tandem-cli " << Tandem::Base::appVersion() << '\n';
    return 0;
}
