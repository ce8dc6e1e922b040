// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/StderrProgress.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace Tandem::Cli {

StderrProgress::StderrProgress(QTextStream &err, QString command) : m_err(err), m_command(std::move(command)) { }

void StderrProgress::report(double fraction, const QString &stage)
{
    const std::lock_guard lock(m_mutex);
    const int tenth = int(std::floor(std::clamp(fraction, 0.0, 1.0) * 10.0));
    if (stage == m_stage && tenth <= m_tenth)
        return;
    m_stage = stage;
    m_tenth = tenth;
    m_err << QStringLiteral("tandem-cli %1: %2% %3\n")
                 .arg(m_command)
                 .arg(int(std::lround(fraction * 100.0)), 3)
                 .arg(stage);
    m_err.flush();
}

} // namespace Tandem::Cli
