// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"

namespace Tandem::Learn {

/// X and y with their column means removed, as linear models with an unpenalised
/// intercept fit them (scikit-learn's _preprocess_data): the coefficients are
/// solved on the centred data and the intercept recovered from the means.
struct CenteredData {
    Matrix X;
    Vector y;
    Eigen::RowVectorXd xMean;
    double yMean = 0.0;

    /// Centres when `fitIntercept`; otherwise the data as given and zero means.
    static CenteredData from(const Matrix &X, const Vector &y, bool fitIntercept);
    /// The intercept that goes with `coefficients` (0 without fit_intercept).
    double intercept(const Vector &coefficients) const { return yMean - xMean.dot(coefficients); }
};

} // namespace Tandem::Learn
