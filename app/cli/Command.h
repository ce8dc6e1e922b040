// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace Tandem::Cli {

class CliOutput;

/// One `tandem-cli <name> ...` command. A command is one class in one file,
/// registered in BuiltinCommands.cpp; the dispatcher does the rest (finding it,
/// parsing its options, `--help`, usage errors).
class Command
{
public:
    virtual ~Command() = default;

    /// The word typed after `tandem-cli` ("workspace").
    virtual QString name() const = 0;
    /// One line for the command list in `tandem-cli help`, no final period.
    virtual QString summary() const = 0;
    /// The forms of the command, without the leading "tandem-cli "
    /// ("workspace info [--json] DIR"); shown in help and after usage errors.
    virtual QStringList synopsis() const { return {name() + QStringLiteral(" [options]")}; }
    /// Further paragraphs for `tandem-cli help <name>` (notes, examples), or empty.
    virtual QString details() const { return {}; }

    /// Declares the command's options and positional arguments. `-h, --help` is
    /// added by the dispatcher.
    virtual void configure(QCommandLineParser &parser) const = 0;
    /// Runs the command on a successfully parsed command line and returns an
    /// ExitCode. Results go to output.out(), errors to output.err().
    virtual int run(const QCommandLineParser &parser, CliOutput &output) = 0;
};

} // namespace Tandem::Cli
