// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTextStream>

#include <cstdio>

namespace Tandem::Base {
struct Error;
}

namespace Tandem::Cli {

/// Where a command writes: results on stdout, errors and diagnostics on stderr,
/// in the CLI's fixed formats. Both streams are UTF-8 and flushed on destruction.
class CliOutput
{
public:
    explicit CliOutput(FILE *out = stdout, FILE *err = stderr);
    ~CliOutput();
    CliOutput(const CliOutput &) = delete;
    CliOutput &operator=(const CliOutput &) = delete;

    /// Results: what a script reads.
    QTextStream &out() { return m_out; }
    /// Errors and diagnostics.
    QTextStream &err() { return m_err; }

    /// Prints "tandem-cli: error: <error>" on stderr and returns ExitFailure.
    int failure(const Base::Error &error);

    /// Prints "<prefix>: <message>" and the usage hint on stderr and returns
    /// ExitUsage. The dispatcher sets prefix and hint for the running command.
    int usageError(const QString &message);
    void setUsageContext(const QString &prefix, const QString &usageHint);

private:
    QTextStream m_out;
    QTextStream m_err;
    QString m_prefix = QStringLiteral("tandem-cli");
    QString m_usageHint;
};

} // namespace Tandem::Cli
