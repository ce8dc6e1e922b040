// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CliOutput.h"

#include "app/cli/ExitCode.h"
#include "core/base/Error.h"

#include <QIODevice>

namespace Tandem::Cli {

CliOutput::CliOutput(FILE *out, FILE *err) : m_out(out, QIODevice::WriteOnly), m_err(err, QIODevice::WriteOnly) { }

CliOutput::~CliOutput()
{
    m_out.flush();
    m_err.flush();
}

int CliOutput::failure(const Base::Error &error)
{
    m_out.flush();
    m_err << QStringLiteral("tandem-cli: error: ") << error.toString() << '\n';
    m_err.flush();
    return ExitFailure;
}

int CliOutput::usageError(const QString &message)
{
    m_out.flush();
    m_err << m_prefix << QStringLiteral(": ") << message << '\n' << m_usageHint;
    m_err.flush();
    return ExitUsage;
}

void CliOutput::setUsageContext(const QString &prefix, const QString &usageHint)
{
    m_prefix = prefix;
    m_usageHint = usageHint;
}

} // namespace Tandem::Cli
