// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the built tandem-cli as a black box (the test target defines TANDEM_CLI_PATH).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace Tandem::Testing {

struct CliResult {
    int exitCode = -1; ///< -1 when the process crashed or did not finish
    QString out;
    QString err;

    QString firstErrLine() const { return err.section(QLatin1Char('\n'), 0, 0); }
    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout:\n%2--- stderr:\n%3").arg(exitCode).arg(out, err);
    }
};

/// Runs tandem-cli with `arguments` and waits up to a minute.
inline CliResult runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TANDEM_CLI_PATH), arguments);
    CliResult result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("tandem-cli did not finish: ") + process.errorString();
        return result;
    }
    if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace Tandem::Testing
