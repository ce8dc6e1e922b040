// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Tandem::Runs {

/// One point of a live curve a job reports while it works: a training step's
/// loss or score (Learn::StepReport plus the fold it belongs to).
struct JobMetric {
    QString name; ///< snake_case, as Learn::StepReport::metric: "train_loss"
    int step = 0;
    double value = 0.0;
    int fold = -1; ///< -1 when the job has no folds
};

} // namespace Tandem::Runs

Q_DECLARE_METATYPE(Tandem::Runs::JobMetric)
Q_DECLARE_METATYPE(QList<Tandem::Runs::JobMetric>)
