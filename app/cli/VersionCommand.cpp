// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/VersionCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "core/base/Version.h"
#include "core/learn/EigenInfo.h"

#include <QCommandLineParser>

namespace Tandem::Cli {

void VersionCommand::configure(QCommandLineParser &) const { }

int VersionCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    if (const QStringList extra = parser.positionalArguments(); !extra.isEmpty())
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(extra.first()));

    QString qt = QStringLiteral("Qt ") + Base::runtimeQtVersion();
    if (Base::builtQtVersion() != Base::runtimeQtVersion())
        qt += QStringLiteral(" (built against %1)").arg(Base::builtQtVersion());
    output.out() << QStringLiteral("tandem-cli ") << Base::appVersion() << '\n'
                 << qt << '\n'
                 << QStringLiteral("Eigen ") << Learn::eigenVersion() << '\n';
    return ExitSuccess;
}

} // namespace Tandem::Cli
