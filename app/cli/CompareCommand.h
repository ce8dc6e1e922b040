// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli compare RUN_ID... --workspace DIR [--metric M] [--alpha A] [--json]`
/// compares stored runs (Compare::Comparison): per metric their mean ± std and 95%
/// interval over the folds with the best marked, paired significance tests on one
/// metric between runs evaluated on the same splits (the reason where they were
/// not), wins/ties/losses, and Friedman's test with the Nemenyi post-hoc when the
/// runs cover several datasets.
class CompareCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("compare"); }
    QString summary() const override { return QStringLiteral("Compare the metrics of stored runs"); }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
