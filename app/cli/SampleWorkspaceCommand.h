// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

class CliOutput;

/// `tandem-cli sample-workspace [--no-runs] [DIR]`: creates (or refreshes) the
/// workspace with the bundled sample datasets and example run specs, by default
/// where the application keeps it; when it holds no run yet, runs the examples into
/// it as `tandem-cli sweep` would, with progress on stderr; then prints its path.
class SampleWorkspaceCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sample-workspace"); }
    QString summary() const override
    {
        return QStringLiteral("Create the sample workspace: bundled datasets (iris, wine, ...) and example runs");
    }
    QStringList synopsis() const override { return {QStringLiteral("sample-workspace [--no-runs] [DIR]")}; }
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;

private:
    /// Runs every example spec of the workspace at `path` into it, one spec after
    /// the other; an ExitCode.
    static int runExamples(const QString &path, CliOutput &output);
};

} // namespace Tandem::Cli
