// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli sample-workspace [DIR]`: creates (or refreshes) the workspace with
/// the bundled sample datasets, by default where the application keeps it, and
/// prints its path.
class SampleWorkspaceCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sample-workspace"); }
    QString summary() const override
    {
        return QStringLiteral("Create the sample workspace with the bundled datasets (iris, wine, ...)");
    }
    QStringList synopsis() const override { return {QStringLiteral("sample-workspace [DIR]")}; }
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
