// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QString>

namespace Tandem::Ui {

/// A monochrome SVG from resources/icons/, drawn in the current palette's text
/// colour at whatever size and device pixel ratio it is asked for: sharp on
/// high-DPI screens and legible in light and dark mode alike.
/// `name` is the file's base name ("datasets" for :/icons/datasets.svg).
QIcon themedIcon(const QString &name);

/// The application's own icon (full colour, not tinted).
QIcon appIcon();

} // namespace Tandem::Ui
