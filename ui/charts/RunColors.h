// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

class QPalette;

namespace Tandem::Ui {

/// One colour per run, the same in every chart: run 17 is drawn in the same
/// colour in the bar chart, the learning curves and the parallel coordinates.
/// Colours are picked by run id from nine hues that stay apart for colour-blind
/// readers; each has a deeper shade for light backgrounds and a brighter one for
/// dark backgrounds (Theme's dark palette), both at least 3:1 against the
/// background. Ids nine apart share a hue, drawn a step lighter or darker.
class RunColors
{
public:
    static constexpr int hueCount = 9;

    /// The colour of run `runId` on a light (`dark` false) or dark background.
    static QColor forRun(qint64 runId, bool dark);
    /// The same, on the background of `palette` (its Base colour).
    static QColor forRun(qint64 runId, const QPalette &palette);
    /// A colour for a series that is not a run ("train_loss"), stable for the text
    /// across runs of the program.
    static QColor forKey(const QString &key, bool dark);
    static QColor forKey(const QString &key, const QPalette &palette);
    /// Colours for several keys drawn together: each key's own colour (forKey)
    /// unless an earlier key took that hue, then the next free hue, so up to
    /// hueCount keys in one chart never share a colour.
    static QList<QColor> forKeys(const QStringList &keys, const QPalette &palette);

    /// True when `palette` paints charts on a dark background.
    static bool isDark(const QPalette &palette);
};

} // namespace Tandem::Ui
