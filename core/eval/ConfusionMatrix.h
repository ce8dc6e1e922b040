// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <Eigen/Core>

namespace Tandem::Eval {

/// Counts indexed [true class, predicted class].
using CountMatrix = Eigen::Matrix<qint64, Eigen::Dynamic, Eigen::Dynamic>;

/// The K x K confusion matrix of class indices 0..K-1 (held as doubles in yTrue and
/// yPred): entry (i, j) counts the rows of true class i predicted as class j.
/// Matches sklearn.metrics.confusion_matrix(y_true, y_pred, labels=range(K)), so
/// classes absent from both vectors keep their (zero) row and column.
/// Fails on empty or mismatched inputs and on values that are not class indices.
Base::Result<CountMatrix> confusionMatrix(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses);

/// Each row divided by its sum (the share of true class i predicted as j), as
/// confusion_matrix(..., normalize="true"); rows of classes absent from y_true are
/// all zeros, as scikit-learn leaves them.
Eigen::MatrixXd rowNormalized(const CountMatrix &counts);

} // namespace Tandem::Eval
