// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <Eigen/Core>

#include <vector>

/// Input checks shared by the metrics: internal to tandem_eval, not part of its API.
namespace Tandem::Eval::Detail {

/// `name` must hold `size` rows and at least one.
Base::Status checkRows(const char *name, Eigen::Index rows, Eigen::Index size);

/// Every value of `values` is finite.
Base::Status checkFinite(const char *name, const Eigen::VectorXd &values);

/// The class indices held (as doubles) in `labels`: each must be a whole number in
/// [0, numClasses). numClasses must be >= 1.
Base::Result<std::vector<int>> classIndices(const char *name, const Eigen::VectorXd &labels, int numClasses);

/// `probabilities` is n x K with K >= 2, finite and within [0, 1].
Base::Status checkProbabilities(const Eigen::MatrixXd &probabilities, Eigen::Index rows);

} // namespace Tandem::Eval::Detail
