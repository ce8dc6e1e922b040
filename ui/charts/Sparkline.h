// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

#include <vector>

class QPainter;
class QRectF;

namespace Tandem::Ui {

/// A table cell's chart: two distributions over the same bins or categories
/// (a reference and a current sample, as shares), drawn small and without axes
/// in `rect`. Areas (`bars` false: histograms of a numeric value, one outline
/// over the other, translucent) or bars side by side (categories). Both share
/// one height scale, so the taller side is taller.
void paintDistributionSparkline(QPainter &painter, const QRectF &rect, const std::vector<double> &first,
    const std::vector<double> &second, const QColor &firstColour, const QColor &secondColour, bool bars);

} // namespace Tandem::Ui
