// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>

namespace Tandem::Ui {

enum class VerdictKind : quint8 { Drifted, Stable, Unknown };

/// A round badge for a drift verdict: "!" on red for drift, a tick on green for
/// none, "–" on grey when nothing could be compared. Colour and glyph both say
/// it, so it reads without colour vision too.
QIcon verdictIcon(VerdictKind kind);
/// The badge's colour (for banners and text).
QColor verdictColour(VerdictKind kind);

} // namespace Tandem::Ui
