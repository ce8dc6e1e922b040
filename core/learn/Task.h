// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Learn {

/// What a model predicts: a class (classification) or a number (regression).
enum class Task : quint8 { Classification, Regression };

/// "classification" or "regression".
inline QString taskName(Task task)
{
    return task == Task::Classification ? QStringLiteral("classification") : QStringLiteral("regression");
}

} // namespace Tandem::Learn
