// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli sweep SPEC.json --workspace DIR [--data FILE] [--parallel N]` runs
/// every configuration of a spec's sweep as one recorded run of one experiment
/// (Runs::launchRuns), N at a time, reports each run as it ends on stderr, and
/// prints a table of the runs, best first by the headline metric. With
/// `--executor slurm` (ClusterOptions) the runs go to a Slurm cluster as one job
/// array (Runs::SlurmExecutor).
class SweepCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sweep"); }
    QString summary() const override { return QStringLiteral("Run a hyperparameter sweep (grid or random search)"); }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
