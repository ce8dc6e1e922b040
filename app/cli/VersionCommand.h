// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli version` (and `--version`): Tandem's version, then Qt's and Eigen's.
class VersionCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("version"); }
    QString summary() const override { return QStringLiteral("Show the versions of tandem-cli, Qt and Eigen"); }
    QStringList synopsis() const override { return {QStringLiteral("version")}; }
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
