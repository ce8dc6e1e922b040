// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/learn/Estimator.h"

#include <QString>

#include <vector>

namespace Tandem::Eval {

/// What permutation importance asks for besides the model and the data.
struct PermutationOptions {
    /// A metric of the model's task as MetricSet names it ("accuracy", "r2",
    /// "log_loss", ...). Empty: accuracy for classifiers, r2 for regressors.
    QString metric;
    /// Shuffles per feature (scikit-learn's n_repeats), >= 1.
    int repeats = 5;
    quint64 seed = 0;
    /// Columns shuffled together, with one row order: the one-hot columns of one
    /// categorical feature, so that importance is per input column. Each column
    /// in at most one group. Empty: every column on its own.
    std::vector<std::vector<Eigen::Index>> groups;
    /// Features are scored in parallel on up to this many threads, each with its own
    /// copy of X (memory: threads × X). Results do not depend on it.
    int threads = 1;
};

/// The drop in the metric when one feature's values are shuffled across rows,
/// which breaks its link with the target and with nothing else: a model-agnostic
/// importance, measured on held-out rows (scikit-learn's permutation_importance).
struct PermutationImportance {
    QString metric;
    /// The metric on the data as given.
    double baseline = 0.0;
    /// groups (or columns) × repeats: how much worse the metric got (positive = the model relied
    /// on the feature; losses count as worse when they rise).
    Learn::Matrix decreases;
    /// Per group (or column): the mean and the population standard deviation over repeats.
    Learn::Vector mean;
    Learn::Vector std;
};

/// Permutation importance of every feature of the fitted `model` on rows X, y
/// (class indices for classifiers). Feature j's shuffle r is the same for a seed
/// on any platform and thread count. Progress runs per feature; a stop request
/// ends it with Learn::FitContext::stoppedMessage(). An unfitted model, a metric
/// not of the task, mismatched shapes and no rows are errors.
Base::Result<PermutationImportance> permutationImportance(const Learn::Estimator &model, const Learn::Matrix &X,
    const Learn::Vector &y, const PermutationOptions &options, const Base::Progress &progress);

} // namespace Tandem::Eval
