// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <Eigen/Core>

/// Threshold curves and the scores read from them, each matching scikit-learn 1.2.
///
/// Binary inputs: `yTrue` holds 0 (negative) or 1 (positive) and `scores` the
/// positive class's score (a probability or a decision value; only the order and
/// the ties matter), both finite and of the same length.
namespace Tandem::Eval {

/// Points of the ROC curve, by decreasing threshold: (fpr[i], tpr[i]) is the rate of
/// negatives and positives with score >= thresholds[i]. The first point is (0, 0)
/// at thresholds[0] = max score + 1 (scikit-learn 1.2; later versions use +inf).
struct RocCurve {
    Eigen::VectorXd fpr;
    Eigen::VectorXd tpr;
    Eigen::VectorXd thresholds;
};

/// roc_curve(y_true, scores, drop_intermediate=...). Tied scores make one point.
/// With dropIntermediate (scikit-learn's default) a point is dropped when it lies on
/// a straight stretch (zero second difference of both the false and the true
/// positive counts): the curve and its area are unchanged. When y_true has no
/// negatives every fpr is NaN, with no positives every tpr is NaN, as there.
Base::Result<RocCurve> rocCurve(
    const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores, bool dropIntermediate = true);

/// Points of the precision-recall curve by increasing threshold, as
/// precision_recall_curve: precision and recall have one more entry than
/// thresholds, the last being (precision 1, recall 0). Precision is 0 where nothing
/// is predicted positive; with no positives in y_true recall is 1 everywhere.
struct PrecisionRecallCurve {
    Eigen::VectorXd precision;
    Eigen::VectorXd recall;
    Eigen::VectorXd thresholds;
};

Base::Result<PrecisionRecallCurve> precisionRecallCurve(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores);

/// Area under the ROC curve by the trapezoid rule: roc_auc_score for binary
/// targets. Fails when y_true holds a single class (the area is undefined there).
Base::Result<double> rocAuc(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores);

/// ROC AUC from an n x K probability matrix with class indices 0..K-1 in yTrue.
/// K = 2: the binary area on column 1 (the positive class). K > 2: the unweighted
/// mean of the one-vs-rest areas of each class, as roc_auc_score(y_true,
/// probabilities, multi_class="ovr", average="macro"). As there, every class must
/// occur in y_true and each row must sum to 1 (within numpy.allclose's tolerance).
Base::Result<double> rocAucOvr(const Eigen::VectorXd &yTrue, const Eigen::MatrixXd &probabilities);

/// Average precision, sum over thresholds of (R_i - R_{i-1}) P_i, without
/// interpolation: average_precision_score for binary targets. 0 when y_true has no
/// positives (scikit-learn's value, with its warning).
Base::Result<double> averagePrecision(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores);

} // namespace Tandem::Eval
