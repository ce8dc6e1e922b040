// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/PlannedCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"

#include <utility>

namespace Tandem::Cli {

PlannedCommand::PlannedCommand(QString name, QString summary) : m_name(std::move(name)), m_summary(std::move(summary))
{ }

void PlannedCommand::configure(QCommandLineParser &) const { }

int PlannedCommand::run(const QCommandLineParser &, CliOutput &output)
{
    output.err() << QStringLiteral("tandem-cli %1: not available in this version yet\n").arg(m_name);
    return ExitNotAvailable;
}

} // namespace Tandem::Cli
