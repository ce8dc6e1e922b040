// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QString>

namespace Tandem::Compare {
struct ComparedRun;
}

namespace Tandem::Ui {

/// A small filled square in run `runId`'s colour (RunColors, the shade for a dark
/// or light background), for lists and table rows: the key that ties a row to the
/// run's bars, points and curves.
QIcon runChipIcon(qint64 runId, bool darkBackground, int size = 12);

/// How the Compare view names a run: "#12 logreg-C=0.1" (its name), or "#12 logreg"
/// when it has none.
QString runLabel(const Compare::ComparedRun &run);

/// The run's facts for a tooltip: name, model, experiment, dataset, seed, folds.
QString runToolTip(const Compare::ComparedRun &run);

} // namespace Tandem::Ui
