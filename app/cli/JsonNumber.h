// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>

#include <cmath>

namespace Tandem::Cli {

/// A number for --json output: JSON has no NaN or infinity, so those become null.
inline QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

} // namespace Tandem::Cli
