// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QStringList>

#include <Eigen/Core>

#include <vector>

/// Train/test splits of a dataset's rows: holdout, k-fold, stratified k-fold, their
/// repeated forms, and time-ordered folds.
///
/// Fold sizes and the per-class allocation follow scikit-learn 1.2 exactly
/// (train_test_split, KFold, StratifiedKFold, RepeatedKFold,
/// RepeatedStratifiedKFold, TimeSeriesSplit); which rows land in which fold when
/// shuffling does not, because the random stream is Tandem's own (Base::SeededRandom):
/// the same seed gives the same folds on every platform and thread count.
/// Without shuffling (k-fold, stratified k-fold, holdout, time series) the folds
/// are identical to scikit-learn's.
namespace Tandem::Eval {

/// One train/test pair. Row indices are sorted ascending and disjoint.
struct Fold {
    std::vector<qint64> train;
    std::vector<qint64> test;
    int repeat = 0; ///< which repetition (0 unless repeated)
    int index = 0; ///< the fold's number within its repetition
};

/// The folds, and warnings about a split that is allowed but doubtful (a class
/// with fewer rows than folds), for the caller to show.
struct SplitPlan {
    QList<Fold> folds;
    QStringList warnings;
};

struct HoldoutOptions {
    /// Share of rows held out for testing, in (0, 1). The test set has
    /// ceil(testFraction · n) rows, the rest trains (scikit-learn's rounding).
    double testFraction = 0.25;
    /// Shuffle before cutting; otherwise the last rows are the test set. A
    /// stratified holdout always shuffles.
    bool shuffle = true;
    quint64 seed = 0;
};

/// One train/test split of `rows` rows: train_test_split(test_size=testFraction,
/// shuffle=shuffle). Fails for testFraction outside (0, 1) or an empty train set.
Base::Result<SplitPlan> holdoutSplit(qint64 rows, const HoldoutOptions &options);

/// A holdout that keeps the class proportions of `classes` (any finite values,
/// grouped by equality) in both parts: train_test_split(stratify=classes), i.e.
/// StratifiedShuffleSplit, whose per-class counts come from _approximate_mode
/// (ties in the rounding are broken by the seed). Fails like scikit-learn when a
/// class has a single row or when either part is smaller than the number of
/// classes; `options.shuffle = false` is refused, as there.
Base::Result<SplitPlan> stratifiedHoldoutSplit(const Eigen::VectorXd &classes, const HoldoutOptions &options);

struct KFoldOptions {
    /// The number of folds k, 2 <= k <= rows.
    int folds = 5;
    /// Shuffle the rows (k-fold) or the fold order within each class (stratified)
    /// before cutting; repeats > 1 needs it.
    bool shuffle = false;
    quint64 seed = 0;
    /// Run the whole k-fold this many times with fresh shuffles (RepeatedKFold,
    /// RepeatedStratifiedKFold): repeats · k folds, all drawn from one seeded stream.
    int repeats = 1;
};

/// KFold: the first rows % k folds have rows / k + 1 test rows, the others
/// rows / k; without shuffling they are consecutive blocks.
Base::Result<SplitPlan> kFoldSplit(qint64 rows, const KFoldOptions &options);

/// StratifiedKFold (scikit-learn 1.2's allocation): classes are numbered in order
/// of first appearance, the rows sorted by that number are dealt to the folds
/// round-robin, and the count of each class in each fold is taken from that deal;
/// the rows of a class go to its folds in row order (or in shuffled fold order).
/// So fold sizes differ by at most one and each class's counts by at most one.
/// When every class has fewer rows than k it fails, as scikit-learn does; when
/// only some do, the split is made (some folds lack those classes) with a warning.
Base::Result<SplitPlan> stratifiedKFoldSplit(const Eigen::VectorXd &classes, const KFoldOptions &options);

struct TimeSeriesOptions {
    /// Number of train/test pairs, >= 2.
    int splits = 5;
    /// Test rows per split; 0 means rows / (splits + 1).
    qint64 testSize = 0;
    /// Rows left out between the end of each train set and its test set.
    qint64 gap = 0;
    /// Cap on the train rows (the most recent ones are kept); 0 means no cap.
    qint64 maxTrainSize = 0;
};

/// Time-ordered folds with an expanding window (TimeSeriesSplit): rows are taken
/// in their order, each test block follows its train rows, and the test blocks
/// are the last splits · testSize rows. Fails when there are too few rows.
Base::Result<SplitPlan> timeSeriesSplit(qint64 rows, const TimeSeriesOptions &options);

} // namespace Tandem::Eval
