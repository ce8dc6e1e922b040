// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/RunColors.h"

#include <QPalette>
#include <QSet>

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

quint64 keyHue(const QString &key)
{
    // FNV-1a over the UTF-16 text: qHash is seeded per process, this is not.
    quint64 hash = 14695981039346656037ull;
    for (QChar c : key) {
        hash ^= c.unicode();
        hash *= 1099511628211ull;
    }
    return hash % RunColors::hueCount;
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
    return shade(keyHue(key), dark);
}

QColor RunColors::forKey(const QString &key, const QPalette &palette)
{
    return forKey(key, isDark(palette));
}

QList<QColor> RunColors::forKeys(const QStringList &keys, const QPalette &palette)
{
    QList<QColor> colours;
    QSet<quint64> taken; // hues used in the current round
    quint64 round = 0;
    for (const QString &key : keys) {
        if (taken.size() == hueCount) {
            taken.clear();
            ++round; // more keys than hues: the next round's shades
        }
        quint64 hue = keyHue(key);
        while (taken.contains(hue))
            hue = (hue + 1) % hueCount;
        taken.insert(hue);
        colours.append(shade(hue + round * hueCount, isDark(palette)));
    }
    return colours;
}

bool RunColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace Tandem::Ui
