// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <Eigen/Core>

/// Regression metrics on a single target, each matching a scikit-learn 1.2 function
/// (unweighted, one output). `yTrue` and `yPred` must be non-empty, of the same
/// length and finite; otherwise the result is an Error.
namespace Tandem::Eval {

/// Mean of (y - ŷ)^2: mean_squared_error.
Base::Result<double> meanSquaredError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

/// Square root of the mean squared error: mean_squared_error(squared=False).
Base::Result<double> rootMeanSquaredError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

/// Mean of |y - ŷ|: mean_absolute_error.
Base::Result<double> meanAbsoluteError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

/// 1 - Σ(y - ŷ)^2 / Σ(y - ȳ)^2: r2_score with force_finite=True. For a constant
/// y_true (zero denominator) the score is 1 when the predictions are perfect and 0
/// otherwise, instead of NaN or -inf.
Base::Result<double> r2Score(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

/// Mean of |y - ŷ| / max(|y|, eps) with eps = 2^-52: mean_absolute_percentage_error.
/// A fraction, not a percentage; a zero y with a wrong prediction gives a huge term
/// (about 4.5e15 times the error), as in scikit-learn.
Base::Result<double> meanAbsolutePercentageError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

/// 1 - Var(y - ŷ) / Var(y): explained_variance_score with force_finite=True (the
/// same rule as r2Score for a constant y_true). Unlike R², a constant offset in
/// the predictions is not penalised.
Base::Result<double> explainedVarianceScore(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

/// The largest |y - ŷ|: max_error.
Base::Result<double> maxError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred);

} // namespace Tandem::Eval
