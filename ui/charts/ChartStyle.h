// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QChart;
class QPalette;

namespace Tandem::Ui {

/// Paints a Qt chart's background, title, legend and axes in the colours of
/// `palette` (light or dark) instead of a fixed Qt Charts theme. Call again
/// after adding axes and when the palette changes.
void applyChartPalette(QChart *chart, const QPalette &palette);

} // namespace Tandem::Ui
