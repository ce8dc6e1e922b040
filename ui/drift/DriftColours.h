// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace Tandem::Ui {

/// The colours of the two sides in the Drift view: blue for the reference and
/// orange for the current data (and values measured on it), red for thresholds:
/// RunColors' hues, taken through the
/// series' colour slot (referenceColourSlot(), currentColourSlot() as `runId`),
/// so that a sparkline, every detail chart and its legend agree, in light and
/// dark themes. No run is drawn in the Drift view, so the slots name none.
struct DriftColours {
    QColor reference;
    QColor current;
};

DriftColours driftColours(const QPalette &palette);
QString referenceSeriesName();
QString currentSeriesName();
constexpr qint64 referenceColourSlot = 1;
constexpr qint64 currentColourSlot = 2;
/// Red: thresholds and alert levels.
constexpr qint64 thresholdColourSlot = 8;

} // namespace Tandem::Ui
