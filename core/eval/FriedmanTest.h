// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QList>

#include <Eigen/Core>

#include <limits>

/// Comparing k models over N datasets by their ranks (Demšar 2006, "Statistical
/// comparisons of classifiers over multiple data sets"): Friedman's test says whether
/// the models differ at all, the Nemenyi post-hoc test which pairs do, and the
/// critical-difference diagram shows both.
namespace Tandem::Eval {

/// The rank of each model within each row of `scores` (N datasets × k models): 1 for
/// the best (the highest score when `greaterIsBetter`, else the lowest), ties given
/// the mean of the ranks they span (scipy.stats.rankdata's "average"). NaN scores
/// rank as NaN.
Eigen::MatrixXd rankWithinRows(const Eigen::MatrixXd &scores, bool greaterIsBetter);

/// Friedman's test over the ranks, and the Iman–Davenport F variant (less
/// conservative; Demšar recommends it).
///
///     χ²_F = (12 / (N k (k+1)) Σ_j S_j² - 3 N (k+1)) / C,   S_j = Σ_i r_ij,
///     C = 1 - Σ (t³ - t) / (N k (k² - 1))  (t: sizes of tied groups within a row),
///
/// with k - 1 degrees of freedom, as scipy.stats.friedmanchisquare (Demšar's formula
/// 12N/(k(k+1)) (Σ R_j² - k(k+1)²/4) on the average ranks R_j when nothing ties);
///
///     F_F = (N - 1) χ²_F / (N (k - 1) - χ²_F)
///
/// with (k - 1, (k - 1)(N - 1)) degrees of freedom (p from scipy.stats.f.sf). When
/// every row ties every model, nothing can be told apart: χ²_F = F_F = 0, p = 1
/// (scipy gives NaN). When every dataset ranks the models alike, F_F is infinite, p 0.
struct FriedmanResult {
    int datasets = 0;
    int models = 0;
    /// R_j: the mean rank of each model over the datasets (1 is best).
    Eigen::VectorXd averageRanks;
    double chiSquare = std::numeric_limits<double>::quiet_NaN();
    double chiSquarePValue = std::numeric_limits<double>::quiet_NaN();
    double imanDavenport = std::numeric_limits<double>::quiet_NaN();
    double imanDavenportPValue = std::numeric_limits<double>::quiet_NaN();
};

/// Friedman's test of `scores` (N >= 2 datasets × k >= 2 models). Errors: too few
/// rows or columns, a score that is not finite (naming its dataset and model).
Base::Result<FriedmanResult> friedmanTest(const Eigen::MatrixXd &scores, bool greaterIsBetter);

/// The Nemenyi post-hoc test after Friedman's, and what a critical-difference
/// diagram draws: the models on an axis of average rank, a bar of length CD, and a
/// line joining each group of models that are not significantly different.
///
///     CD = q_α · sqrt(k (k+1) / (6 N)),  q_α = studentized_range.ppf(1 - α, k, inf) / sqrt(2)
///
/// (Demšar's table: q_0.05 = 1.960, 2.343, 2.569, ... for k = 2, 3, 4, ...). The
/// p-value of a pair is studentized_range.sf(|R_i - R_j| / sqrt(k (k+1) / (6 N)) · sqrt(2), k, inf)
/// (scikit-posthocs' posthoc_nemenyi_friedman): it is below α exactly when the ranks
/// differ by more than CD.
struct NemenyiResult {
    double alpha = 0.05;
    int datasets = 0;
    /// R_j, as FriedmanResult::averageRanks.
    Eigen::VectorXd averageRanks;
    double qAlpha = std::numeric_limits<double>::quiet_NaN();
    double criticalDifference = std::numeric_limits<double>::quiet_NaN();
    /// k × k, symmetric, 1 on the diagonal.
    Eigen::MatrixXd pValues;
    /// The lines of the diagram: each a maximal run of models, in order of average
    /// rank (best first), whose ranks span at most CD; groups of one are left out,
    /// and no group lies inside another (Orange's graph_ranks draws the same lines).
    QList<QList<int>> groups;

    /// Whether models `i` and `j` differ: p < alpha.
    bool differ(int i, int j) const { return pValues(i, j) < alpha; }
};

/// The Nemenyi test of models with `averageRanks` over `datasets` (N >= 1) datasets at
/// level `alpha` in (0, 1). Errors: fewer than two models, a rank that is not finite,
/// N < 1, alpha outside (0, 1).
Base::Result<NemenyiResult> nemenyiTest(const Eigen::VectorXd &averageRanks, int datasets, double alpha = 0.05);

} // namespace Tandem::Eval
