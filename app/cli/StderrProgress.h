// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"

#include <QString>

#include <mutex>

class QTextStream;

namespace Tandem::Cli {

/// Progress of a long command as lines on stderr ("tandem-cli export: 40% Fitting
/// Logistic regression"): one when the stage changes or the bar passes another
/// tenth, so a log stays short. Reports may come from any thread.
class StderrProgress final : public Base::ProgressSink
{
public:
    StderrProgress(QTextStream &err, QString command);

    void report(double fraction, const QString &stage) override;
    bool stopRequested() const override { return false; }

private:
    std::mutex m_mutex;
    QTextStream &m_err;
    QString m_command;
    QString m_stage;
    int m_tenth = -1;
};

} // namespace Tandem::Cli
