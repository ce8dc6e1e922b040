// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/Estimator.h"

namespace Tandem::Learn {

struct CoordinateDescentOptions {
    /// The penalties of 0.5 ||y - Xw||² + l1 ||w||₁ + 0.5 l2 ||w||² (unscaled by n).
    double l1 = 0.0;
    double l2 = 0.0;
    int maxIterations = 1000;
    /// scikit-learn's `tol`: a sweep whose largest coefficient change is below
    /// tol · max |w| triggers the duality-gap check, and the fit stops once the
    /// gap is below tol · ||y||².
    double tolerance = 1e-4;
    /// Visit the features in a random order drawn from `seed` (scikit-learn's
    /// selection="random": one random feature per step, p steps per sweep)
    /// instead of cyclically.
    bool randomSelection = false;
    quint64 seed = 0;
};

struct CoordinateDescentReport {
    int iterations = 0; ///< sweeps done (scikit-learn's n_iter_)
    double dualityGap = 0.0; ///< at the last check
    double gapTolerance = 0.0; ///< tol · ||y||²
    bool converged = false;
};

/// Minimises 0.5 ||y - Xw||² + l1 ||w||₁ + 0.5 l2 ||w||² by cyclic (or random)
/// coordinate descent, updating w in place: the algorithm of scikit-learn's
/// cd_fast.enet_coordinate_descent, with the same stopping rule, so that Lasso
/// and ElasticNet stop where scikit-learn's do. X and y come centred when the
/// caller fits an intercept. Polls the stop request before each coordinate
/// update, reports progress per sweep and the duality gap as the step metric
/// "duality_gap" (every sweep when the context has a step sink; the stopping
/// rule is the same either way).
Base::Result<CoordinateDescentReport> enetCoordinateDescent(
    const Matrix &X, const Vector &y, Vector &w, const CoordinateDescentOptions &options, const FitContext &context);

} // namespace Tandem::Learn
