// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli run SPEC.json --workspace DIR [--data FILE] [--json]` carries out one
/// run spec (without a sweep) as a recorded run of the workspace (Runs::launchRuns)
/// and prints its id, status and mean metrics, or one JSON object with `--json`.
/// A run that fails exits 1 with its error, after it has been recorded as failed.
class RunCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("run"); }
    QString summary() const override { return QStringLiteral("Run a RunSpec (a JSON document) and store its results"); }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
