// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// A command from the product's plan that this version does not have yet. It is
/// listed under "Planned" in help and, when run, says so and exits with
/// ExitNotAvailable. Building the command replaces its PlannedCommand entry in
/// BuiltinCommands.cpp with the real class.
class PlannedCommand final : public Command
{
public:
    PlannedCommand(QString name, QString summary);

    QString name() const override { return m_name; }
    QString summary() const override { return m_summary; }
    QStringList synopsis() const override { return {m_name}; }
    bool isAvailable() const override { return false; }
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;

private:
    QString m_name;
    QString m_summary;
};

} // namespace Tandem::Cli
