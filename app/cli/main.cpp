// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BuiltinCommands.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/Dispatcher.h"
#include "core/base/Version.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tandem"));
    QCoreApplication::setApplicationName(QStringLiteral("tandem-cli"));
    QCoreApplication::setApplicationVersion(Tandem::Base::appVersion());

    Tandem::Cli::CommandRegistry registry;
    Tandem::Cli::registerBuiltinCommands(registry);
    Tandem::Cli::CliOutput output;
    return Tandem::Cli::Dispatcher(registry).run(QCoreApplication::arguments(), output);
}
