// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

namespace Tandem::Cli {

class Command;

/// The command-line parser for one command: the command's own options and
/// arguments plus `-h, --help`, with errors phrased as one line that names the
/// offending option.
class CommandParser
{
public:
    explicit CommandParser(const Command &command);

    /// Parses the arguments that follow the command's name.
    bool parse(const QStringList &arguments);
    /// After a failed parse: "unknown option '--bogus'", "missing value after '--seed'".
    QString errorText() const;
    bool helpRequested() const { return m_parser.isSet(m_help); }

    /// The "Options:" and "Arguments:" sections of the command's help.
    QString optionsHelp() const;

    const QCommandLineParser &parser() const { return m_parser; }

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
    QStringList m_arguments;
};

} // namespace Tandem::Cli
