// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace Tandem::Compare {
struct ComparedRun;
}

namespace Tandem::Ui {

/// The sentence a Compare page shows where a chart has nothing to draw ("These
/// runs have no per-step metrics"): centred, wrapped, in the placeholder colour.
QLabel *makePageNote(QWidget *parent);

/// A run's name in chart legends and tooltips: runLabel ("#12 C=0.1, penalty=l2"),
/// cut to about `maxLength` characters with an ellipsis so that legends stay
/// readable; the "#id" that ties it to the run list is always kept.
QString chartRunName(const Compare::ComparedRun &run, int maxLength = 40);

/// A run's name in a legend of `runCount` entries that has room for about
/// `legendChars` characters in all (Qt Charts elides what does not fit, and an
/// elided "#3 C=0.01, pe…" says less than "#3"): `label` cut to its share, or only
/// "#id" when the share is too small to say more.
QString legendRunName(const QString &label, qint64 runId, qsizetype runCount, int legendChars = 120);

} // namespace Tandem::Ui
