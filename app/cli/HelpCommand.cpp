// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/HelpCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/ExitCode.h"
#include "app/cli/HelpText.h"

#include <QCommandLineParser>

namespace Tandem::Cli {

void HelpCommand::configure(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(
        QStringLiteral("command"), QStringLiteral("The command to describe."), QStringLiteral("[COMMAND]"));
}

int HelpCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() > 1)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(1)));
    if (arguments.isEmpty()) {
        output.out() << HelpText::overview(m_registry);
        return ExitSuccess;
    }
    const Command *command = m_registry.find(arguments.first());
    if (!command) {
        output.err() << HelpText::unknownCommand(arguments.first());
        return ExitUsage;
    }
    output.out() << HelpText::forCommand(*command);
    return ExitSuccess;
}

} // namespace Tandem::Cli
