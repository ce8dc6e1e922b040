// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/eval/WinTieLoss.h"

#include <QColor>
#include <QString>

namespace Tandem::Ui {

/// How the Compare view writes its numbers: as `tandem-cli compare` prints them
/// (four decimals, p-values to four decimals or in e-notation below 1e-4), in the
/// user's locale, so the view and the CLI show the same numbers.

/// A metric value: "0.9123"; "–" for NaN and infinities.
QString compareMetricText(double value);
/// A difference with its sign: "+0.0123", "−0.0040"; "–" when not finite.
QString compareDifferenceText(double value);
/// A p-value: "0.0123", "3.2e-05", "<1e-16"; "–" when not finite.
QString comparePValueText(double p);
/// An average rank: "1.33".
QString compareRankText(double rank);

/// The fill of a win, tie or loss cell: translucent green, grey or red, so the
/// text on it keeps the palette's colour in light and dark themes; invalid (no
/// fill) for pairs not compared. The word is always written too: colour is never
/// the only sign.
QColor compareOutcomeColor(Eval::PairOutcome outcome);
/// "win", "tie", "loss", "–".
QString compareOutcomeWord(Eval::PairOutcome outcome);

} // namespace Tandem::Ui
