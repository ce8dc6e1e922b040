// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli runs list|show ID|export --workspace DIR [--json|--csv]` reads the
/// runs a workspace has recorded (Store::ExperimentStore): a table of them, one
/// run in full, or every metric value of every run for a spreadsheet or a script.
class RunsCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("runs"); }
    QString summary() const override { return QStringLiteral("List, show or export the runs stored in a workspace"); }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
