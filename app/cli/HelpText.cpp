// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/HelpText.h"

#include "app/cli/Command.h"
#include "app/cli/CommandParser.h"
#include "app/cli/CommandRegistry.h"
#include "app/cli/ExitCode.h"

#include <algorithm>
#include <vector>

namespace Tandem::Cli::HelpText {
namespace {

const QString program = QStringLiteral("tandem-cli");

QString usageLines(const Command &command)
{
    QString text;
    const QStringList forms = command.synopsis();
    for (qsizetype i = 0; i < forms.size(); ++i)
        text += (i == 0 ? QStringLiteral("Usage: ") : QStringLiteral("       ")) + program + QLatin1Char(' ')
            + forms.at(i) + QLatin1Char('\n');
    return text;
}

QString commandTable(const std::vector<const Command *> &commands, qsizetype width)
{
    QString text;
    for (const Command *command : commands)
        text += QStringLiteral("  ") + command->name().leftJustified(width) + QStringLiteral("  ") + command->summary()
            + QLatin1Char('\n');
    return text;
}

} // namespace

QString overview(const CommandRegistry &registry)
{
    const auto all = registry.commands();
    qsizetype width = 0;
    for (const Command *command : all)
        width = std::max(width, command->name().size());

    QString text = QStringLiteral("Usage: tandem-cli <command> [options] [arguments]\n"
                                  "\n"
                                  "Tandem's engine without the desktop: the same workspaces, datasets and runs.\n"
                                  "\n"
                                  "Commands:\n");
    text += commandTable(all, width);
    text += QStringLiteral("\n"
                           "Options:\n"
                           "  -h, --help  Same as 'tandem-cli help'.\n"
                           "  --version   Same as 'tandem-cli version'.\n"
                           "\n"
                           "Exit codes:\n"
                           "  %1  success\n"
                           "  %2  failure: the command ran and failed; the error is on stderr\n"
                           "  %3  usage error: unknown command or option, missing or extra argument\n"
                           "  %4  drift: the data drifted beyond --fail-share (the CI gate)\n"
                           "  %5  interrupted (Ctrl-C): running jobs were cancelled and recorded as such\n"
                           "\n"
                           "Results go to stdout, errors to stderr.\n"
                           "Run 'tandem-cli help <command>' or 'tandem-cli <command> --help' for a command's "
                           "options.\n")
                .arg(int(ExitSuccess))
                .arg(int(ExitFailure))
                .arg(int(ExitUsage))
                .arg(int(ExitDriftDetected))
                .arg(int(ExitInterrupted));
    return text;
}

QString forCommand(const Command &command)
{
    QString text = usageLines(command);
    text += QLatin1Char('\n') + command.summary() + QStringLiteral(".\n");
    if (const QString details = command.details(); !details.isEmpty())
        text += QLatin1Char('\n') + details + (details.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n"));
    const CommandParser parser(command);
    if (const QString options = parser.optionsHelp(); !options.isEmpty())
        text += QLatin1Char('\n') + options;
    return text;
}

QString shortUsage()
{
    return QStringLiteral("Usage: tandem-cli <command> [options] [arguments]\n"
                          "Run 'tandem-cli help' for the list of commands.\n");
}

QString shortUsage(const Command &command)
{
    return usageLines(command) + QStringLiteral("Run 'tandem-cli help %1' for details.\n").arg(command.name());
}

QString unknownCommand(const QString &name)
{
    return QStringLiteral("tandem-cli: unknown command '%1'\n").arg(name) + shortUsage();
}

} // namespace Tandem::Cli::HelpText
