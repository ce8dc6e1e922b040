// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli export RUN_ID --workspace DIR --out FILE.tandem [--no-refit] [--data FILE]`
/// packages a finished run's model as a bundle (Bundle::exportRun), refitted on all
/// the data unless told not to; `tandem-cli export --check BUNDLE DATA` rebuilds a
/// bundle from its RunSpec on DATA and says what matched (Bundle::checkBundle).
class ExportCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override
    {
        return QStringLiteral("Package a run's model as a bundle (.tandem), or check that a bundle rebuilds");
    }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;

private:
    int exportRun(const QCommandLineParser &parser, CliOutput &output);
    int check(const QCommandLineParser &parser, CliOutput &output);
};

} // namespace Tandem::Cli
