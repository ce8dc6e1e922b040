// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <Eigen/Core>

#include <functional>
#include <limits>

namespace Tandem::Learn::Optim {

/// A smooth function to minimise: returns f(x) and writes ∇f(x) into `gradient`
/// (already sized like x). An error (a stop request, say) ends the minimisation
/// with that error.
using Objective = std::function<Base::Result<double>(const Eigen::VectorXd &x, Eigen::VectorXd &gradient)>;

/// Called after each accepted iteration with the iteration number (from 1), the
/// iterate and the objective there (including the L1 term under OWL-QN). Return
/// false to stop: minimize() then fails with `stopMessage`.
using IterationCallback = std::function<bool(int iteration, const Eigen::VectorXd &x, double value)>;

struct LbfgsOptions {
    /// Correction pairs kept (scipy's and liblbfgs' default m = 10).
    int memory = 10;
    int maxIterations = 100;
    /// Converged when max_j |∇f(x)_j| <= gradientTolerance (scipy's L-BFGS-B "gtol",
    /// which scikit-learn sets to its `tol`); under OWL-QN, the pseudo-gradient's.
    double gradientTolerance = 1e-4;
    /// Also converged when an iteration lowers f by no more than this, relative to
    /// max(|f_k|, |f_k+1|, 1) (scipy's "ftol"; scikit-learn >= 1.4 passes 64 ε).
    double relativeDecreaseTolerance = 64.0 * std::numeric_limits<double>::epsilon();
    /// Function evaluations allowed per line search (scikit-learn passes maxls = 50).
    int maxLineSearchSteps = 50;
    /// Non-empty: OWL-QN (Andrew and Gao, 2007) minimises f(x) + Σ_j l1Weights_j |x_j|
    /// (0 leaves x_j unpenalised, as an intercept). Empty: plain L-BFGS on f.
    Eigen::VectorXd l1Weights;
    /// The error returned when the callback asks to stop.
    QString stopMessage = QStringLiteral("stopped");
};

struct LbfgsReport {
    enum class Outcome {
        GradientSmall, ///< max |gradient| <= gradientTolerance
        DecreaseSmall, ///< relative decrease <= relativeDecreaseTolerance
        MaxIterations, ///< maxIterations reached first (scikit-learn warns "failed to converge")
        LineSearchFailed, ///< no acceptable step along the direction: x is as good as it gets in floating point
    };
    Outcome outcome = Outcome::MaxIterations;
    int iterations = 0;
    int evaluations = 0;
    /// The objective at x (with the L1 term under OWL-QN) and the largest |(pseudo-)gradient| entry.
    double value = 0.0;
    double gradientMax = 0.0;
    bool converged() const { return outcome == Outcome::GradientSmall || outcome == Outcome::DecreaseSmall; }
};

/// Limited-memory BFGS: the two-loop recursion for the direction and a line search
/// satisfying the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9; bracketing and
/// zoom with safeguarded cubic interpolation, Nocedal and Wright, algorithms 3.5
/// and 3.6). With `options.l1Weights`, OWL-QN instead: the pseudo-gradient, the
/// direction constrained to its orthant and a projected backtracking line search.
/// Minimises from x in place; x holds the last accepted iterate on every return,
/// also when stopped or failed.
Base::Result<LbfgsReport> minimize(const Objective &objective, Eigen::VectorXd &x, const LbfgsOptions &options,
    const IterationCallback &callback = {});

} // namespace Tandem::Learn::Optim
