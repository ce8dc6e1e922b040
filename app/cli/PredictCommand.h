// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli predict BUNDLE DATA [--out FILE] [--proba]` scores a delimited file
/// with a bundle, a batch of rows at a time (Bundle::scoreCsv), and writes the
/// predictions as CSV to stdout or FILE.
class PredictCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("predict"); }
    QString summary() const override { return QStringLiteral("Score new data with a model bundle"); }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
