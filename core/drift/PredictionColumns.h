// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/data/Column.h"
#include "core/drift/PerformanceDrift.h"
#include "core/learn/Task.h"

#include <QStringList>

namespace Tandem::Drift {

/// Logged predictions (a truth column and a prediction column on each side) in
/// the form performanceDrift() takes, with one class encoding for both sides.
struct LabelledSides {
    LabelledPredictions reference;
    LabelledPredictions current;
    /// Classification: the class labels, index = class; empty for regression.
    QStringList classes;
};

/// Classification: every cell becomes a label (Column::toString: numbers in their
/// shortest form), the classes are the labels of all four columns sorted
/// (code-point order); regression: the cells as numbers (numeric, integer or
/// boolean columns). A missing truth becomes NaN (an unlabelled row); a missing
/// prediction is an Error naming its row, as is a non-numeric column for regression.
Base::Result<LabelledSides> labelledSides(const Data::Column &referenceTruth, const Data::Column &referencePredicted,
    const Data::Column &currentTruth, const Data::Column &currentPredicted, Learn::Task task);

} // namespace Tandem::Drift
