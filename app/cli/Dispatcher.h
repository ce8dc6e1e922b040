// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Tandem::Cli {

class CliOutput;
class Command;
class CommandRegistry;

/// Turns `tandem-cli <command> [options] [arguments]` into one command's run:
/// maps `--help`/`-h` and `--version` onto the help and version commands, parses
/// the command's options, answers `<command> --help`, and reports unknown commands
/// and bad options as usage errors (ExitUsage).
class Dispatcher
{
public:
    explicit Dispatcher(const CommandRegistry &registry) : m_registry(registry) { }

    /// `arguments` as from QCoreApplication::arguments() (the first is the program).
    /// Returns the process's exit code.
    int run(const QStringList &arguments, CliOutput &output) const;

private:
    int runCommand(Command &command, const QStringList &arguments, CliOutput &output) const;

    const CommandRegistry &m_registry;
};

} // namespace Tandem::Cli
