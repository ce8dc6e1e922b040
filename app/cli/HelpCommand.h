// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

class CommandRegistry;

/// `tandem-cli help [COMMAND]`: the overview, or one command's usage.
class HelpCommand final : public Command
{
public:
    explicit HelpCommand(const CommandRegistry &registry) : m_registry(registry) { }

    QString name() const override { return QStringLiteral("help"); }
    QString summary() const override { return QStringLiteral("Show the commands, or one command's usage and options"); }
    QStringList synopsis() const override { return {QStringLiteral("help [COMMAND]")}; }
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;

private:
    const CommandRegistry &m_registry;
};

} // namespace Tandem::Cli
