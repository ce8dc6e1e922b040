// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/shell/AppSettings.h"

namespace Tandem::Ui {

/// Applies the palette for `mode`. System keeps the platform's own style and
/// palette (which follow the desktop's light/dark setting); Light and Dark use
/// the Fusion style with Tandem's palettes, the same on every OS.
/// Call once after QApplication exists, and again whenever the user changes it.
void applyTheme(ThemeMode mode);

/// True when the palette now in use is a dark one.
bool isDarkPalette();

} // namespace Tandem::Ui
