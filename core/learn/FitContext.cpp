// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/FitContext.h"

namespace Tandem::Learn {

namespace {
/// Stateless and shared, so that copies of a default context stay valid.
Base::NullProgressSink nullSink;
} // namespace

FitContext::FitContext() : m_progress(nullSink) { }

FitContext::FitContext(const Base::Progress &progress) : m_progress(progress) { }

void FitContext::reportStep(int step, const QString &metric, double value) const
{
    if (stepSink)
        stepSink(StepReport {step, metric, value});
}

QString FitContext::stoppedMessage()
{
    return QStringLiteral("Training was stopped");
}

} // namespace Tandem::Learn
