// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Cli {

class Command;
class CommandRegistry;

/// The texts `tandem-cli` shows about itself. Every text ends with a newline.
namespace HelpText {

/// `tandem-cli help`: usage, every command with its summary (planned ones under
/// their own heading), global options and exit codes.
QString overview(const CommandRegistry &registry);
/// `tandem-cli help <command>`: the command's forms, summary, options and arguments.
QString forCommand(const Command &command);

/// Two lines after a usage error outside any command.
QString shortUsage();
/// The command's forms and where to read more, after a usage error in it.
QString shortUsage(const Command &command);
/// "tandem-cli: unknown command '<name>'" and the short usage.
QString unknownCommand(const QString &name);

} // namespace HelpText
} // namespace Tandem::Cli
