// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Ui {

/// A job's time left as a person says it ("about 2 min left"), rounded so that
/// the text does not flicker with every progress report; empty while unknown
/// (negative seconds).
QString etaText(double seconds);

} // namespace Tandem::Ui
