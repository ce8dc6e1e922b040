// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QImage>
#include <QString>

namespace Tandem::Ui {

class ChartSurface;

/// Writing a chart to files: PNG (rendered at twice the on-screen size so it
/// stays sharp in documents and on high-DPI screens), SVG (vector), and CSV of the
/// plotted data at full resolution. Files are written whole or not at all (QSaveFile).
namespace ChartExport {

/// The chart at `scale` times its on-screen size (device pixel ratio `scale`).
QImage renderImage(ChartSurface &surface, qreal scale = 2.0);
Base::Status savePng(ChartSurface &surface, const QString &path, qreal scale = 2.0);
Base::Status saveSvg(ChartSurface &surface, const QString &path);
Base::Status saveCsv(const ChartSurface &surface, const QString &path);

/// A file name for the chart ("roc-curves") from its title.
QString suggestedFileName(const ChartSurface &surface);

} // namespace ChartExport
} // namespace Tandem::Ui
