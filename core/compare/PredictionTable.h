// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/Task.h"

#include <QByteArray>
#include <QStringList>

#include <Eigen/Core>

#include <vector>

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Compare {

/// A run's out-of-fold predictions read back from its artifact
/// (Runs::outOfFoldPredictionsFileName, written by Runs::outOfFoldPredictionsCsv):
/// one entry per test row of each fold, in the file's order (fold by fold, rows
/// ascending), for paired tests, curves and residuals without refitting.
struct PredictionTable {
    Learn::Task task = Learn::Task::Classification;
    /// Dataset row (from 0) and fold index (in the split, repeats included) per entry.
    std::vector<qint64> rows;
    std::vector<int> folds;
    /// Classification: the labels, first those of the `proba_<class>` columns in
    /// their order, then any other label met in `truth` or `predicted`.
    QStringList classes;
    /// Classification: indices into `classes` (NaN for an empty cell); regression: values.
    Eigen::VectorXd truth;
    Eigen::VectorXd predicted;
    /// Classification: entries × (number of proba_ columns), NaN where a cell is
    /// empty (a model without probabilities); empty for regression.
    Eigen::MatrixXd probabilities;

    qsizetype size() const { return qsizetype(rows.size()); }
    /// Classification: whether entry `i` was predicted right (false when unknown).
    bool correct(qsizetype i) const;
};

/// Parses the artifact's CSV; `task` says how to read `truth` and `predicted`.
/// `name` stands in for the file in messages. Errors: CSV errors (with line),
/// a missing `row`, `fold`, `truth` or `predicted` column (the reader's message
/// names it), a row or fold that is not a whole number >= 0 (with its line).
Base::Result<PredictionTable> parsePredictionTable(const QByteArray &csv, Learn::Task task, const QString &name = {});

/// Reads run `runId`'s artifact from `store`. Errors: a run without the artifact
/// (naming the run), and those of parsePredictionTable.
Base::Result<PredictionTable> loadPredictionTable(const Store::ExperimentStore &store, qint64 runId, Learn::Task task);

} // namespace Tandem::Compare
