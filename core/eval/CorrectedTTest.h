// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QList>

#include <limits>

namespace Tandem::Eval {

/// The corrected resampled t-test of Nadeau & Bengio (2003), "Inference for the
/// generalization error", as Bouckaert & Frank (2004) apply it to (repeated) k-fold
/// cross-validation: the scores of two models on the same J = k·r train/test splits,
/// paired by split.
///
/// The per-split differences d_j = a_j - b_j are not independent (the training sets
/// overlap), so the plain paired t-test's variance σ̂²/J is far too small and finds
/// differences that are not there. The correction replaces it with
///
///     t = mean(d) / sqrt((1/J + n_test/n_train) · σ̂²),   σ̂² = Σ (d_j - mean(d))² / (J - 1),
///
/// compared with Student's t with J - 1 degrees of freedom; the p-value is two-sided,
/// 2 · P(T > |t|). For k-fold cross-validation n_test/n_train = 1/(k - 1).
///
/// Reference: the statistic with numpy, the p-value with 2 · scipy.stats.t.sf(|t|, J - 1).
struct CorrectedTTestResult {
    /// J: the splits with a finite score in both runs.
    qsizetype pairs = 0;
    /// mean(d): positive when the first model scored higher.
    double meanDifference = std::numeric_limits<double>::quiet_NaN();
    /// σ̂, the sample standard deviation of the differences (ddof = 1).
    double stdDifference = std::numeric_limits<double>::quiet_NaN();
    double statistic = std::numeric_limits<double>::quiet_NaN();
    double degreesOfFreedom = std::numeric_limits<double>::quiet_NaN();
    double pValue = std::numeric_limits<double>::quiet_NaN();
};

/// Tests the scores `first` and `second` of two models, entry j of each being split
/// j (fold of a repeat) of the same splits. Splits where either score is not finite
/// (an undefined ROC AUC) are left out. `testTrainRatio` is n_test/n_train of a
/// split, >= 0 (0 gives the uncorrected paired t-test).
///
/// Differences that are all equal (σ̂ = 0) give t = 0 and p = 1 when they are 0 (the
/// models agree on every split), else t = ±inf and p = 0.
///
/// Errors: lists of different lengths, fewer than two splits with both scores, a
/// negative or non-finite ratio.
Base::Result<CorrectedTTestResult> correctedResampledTTest(
    const QList<double> &first, const QList<double> &second, double testTrainRatio);

/// n_test/n_train of k-fold cross-validation: 1/(k - 1) (k >= 2).
double kFoldTestTrainRatio(int folds);

} // namespace Tandem::Eval
