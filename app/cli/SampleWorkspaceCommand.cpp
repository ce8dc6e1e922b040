// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/SampleWorkspaceCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "core/store/SampleWorkspace.h"

#include <QCommandLineParser>

namespace Tandem::Cli {

QString SampleWorkspaceCommand::details() const
{
    return QStringLiteral("The datasets are copied into DIR/datasets/ with their licence notices and\n"
                          "registered in the workspace. Files you changed are left alone; missing ones\n"
                          "are restored. Without DIR the workspace goes to:\n  %1\n")
        .arg(Store::defaultSampleWorkspaceDir());
}

void SampleWorkspaceCommand::configure(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("DIR"),
        QStringLiteral("Where to create the sample workspace (default: see above)."), QStringLiteral("[DIR]"));
}

int SampleWorkspaceCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() > 1)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(1)));
    if (!arguments.isEmpty() && arguments.first().isEmpty())
        return output.usageError(QStringLiteral("DIR is empty"));

    const QString dir = arguments.isEmpty() ? Store::defaultSampleWorkspaceDir() : arguments.first();
    const auto path = Store::createSampleWorkspace(dir);
    if (!path.ok())
        return output.failure(path.error());
    output.out() << path.value() << '\n';
    return ExitSuccess;
}

} // namespace Tandem::Cli
