// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/RunColors.h"

#include <QPalette>

namespace Tandem::Ui {
namespace {

// Hues after ColorBrewer's Dark2 and Tableau 10: deep shades for white, bright
// ones for Theme's dark base (#1e1e21).
const QRgb lightShades[RunColors::hueCount]
    = {0x1f77b4, 0xd95f02, 0x1b9e77, 0x7570b3, 0xd62790, 0x5b8f1a, 0xa6761d, 0xd62728, 0x0f8b99};
const QRgb darkShades[RunColors::hueCount]
    = {0x5da5da, 0xfaa43a, 0x4fd1a5, 0xb2a2e6, 0xf17cb0, 0xb2d33c, 0xdecf3f, 0xf15854, 0x4dd0e1};

QColor shade(quint64 index, bool dark)
{
    const quint64 hue = index % RunColors::hueCount;
    const quint64 round = (index / RunColors::hueCount) % 3;
    QColor colour = QColor::fromRgb(dark ? darkShades[hue] : lightShades[hue]);
    // Later rounds of a hue change its brightness, never towards the background:
    // darker on light backgrounds; on dark ones lighter, then slightly darker.
    if (round == 1)
        colour = dark ? colour.lighter(120) : colour.darker(140);
    else if (round == 2)
        colour = dark ? colour.darker(118) : colour.darker(175);
    return colour;
}

} // namespace

QColor RunColors::forRun(qint64 runId, bool dark)
{
    // Ids count from 1 in the store; run 1 gets the first hue.
    return shade(quint64(runId > 0 ? runId - 1 : -runId), dark);
}

QColor RunColors::forRun(qint64 runId, const QPalette &palette)
{
    return forRun(runId, isDark(palette));
}

QColor RunColors::forKey(const QString &key, bool dark)
{
    // FNV-1a over the UTF-16 text: qHash is seeded per process, this is not.
    quint64 hash = 14695981039346656037ull;
    for (QChar c : key) {
        hash ^= c.unicode();
        hash *= 1099511628211ull;
    }
    return shade(hash % hueCount, dark);
}

QColor RunColors::forKey(const QString &key, const QPalette &palette)
{
    return forKey(key, isDark(palette));
}

bool RunColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace Tandem::Ui
