// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/Dispatcher.h"

#include "app/cli/CliOutput.h"
#include "app/cli/Command.h"
#include "app/cli/CommandParser.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/ExitCode.h"
#include "app/cli/HelpText.h"

namespace Tandem::Cli {

int Dispatcher::run(const QStringList &arguments, CliOutput &output) const
{
    output.setUsageContext(QStringLiteral("tandem-cli"), HelpText::shortUsage());
    if (arguments.size() < 2) {
        output.err() << HelpText::overview(m_registry);
        return ExitUsage;
    }

    QString name = arguments.at(1);
    if (name == QLatin1String("-h") || name == QLatin1String("--help") || name == QLatin1String("-?"))
        name = QStringLiteral("help");
    else if (name == QLatin1String("--version"))
        name = QStringLiteral("version");
    else if (name.startsWith(QLatin1Char('-')))
        return output.usageError(QStringLiteral("unknown option '%1'").arg(name.section(QLatin1Char('='), 0, 0)));

    Command *command = m_registry.find(name);
    if (!command) {
        output.err() << HelpText::unknownCommand(name);
        return ExitUsage;
    }
    return runCommand(*command, arguments.mid(2), output);
}

int Dispatcher::runCommand(Command &command, const QStringList &arguments, CliOutput &output) const
{
    output.setUsageContext(QStringLiteral("tandem-cli ") + command.name(), HelpText::shortUsage(command));
    CommandParser parser(command);
    if (!parser.parse(arguments))
        return output.usageError(parser.errorText());
    if (parser.helpRequested()) {
        output.out() << HelpText::forCommand(command);
        return ExitSuccess;
    }
    return command.run(parser.parser(), output);
}

} // namespace Tandem::Cli
