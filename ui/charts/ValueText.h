// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Ui {

/// A value as hover tooltips and tables show it: exact (the shortest text that
/// reads back to the same double) in the user's locale; "missing" for NaN.
QString exactValueText(double value);

/// A value in at most `digits` significant digits, for labels inside a chart.
QString shortValueText(double value, int digits = 3);

} // namespace Tandem::Ui
