// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli workspace init DIR` creates a workspace (or opens the one there)
/// and prints its path; `tandem-cli workspace info DIR` lists its registered
/// datasets, one absolute path per line. `--json` prints either as
/// {"path": ..., "datasets": [...]}. `tandem-cli workspace import-results DIR`
/// imports the cluster results no process imported (Runs::importPendingClusterResults).
class WorkspaceCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("workspace"); }
    QString summary() const override
    {
        return QStringLiteral("Create a workspace, list its datasets, import cluster results");
    }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
