// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/eval/ConfusionMatrix.h"

#include <Eigen/Core>

/// Classification metrics, each matching a scikit-learn 1.2 function on the same inputs.
///
/// Conventions for the whole file: classes are indices 0..K-1 held as doubles in
/// `yTrue` and `yPred` (K = `numClasses`, so a class may be absent from a fold);
/// probabilities are an n x K matrix whose rows sum to 1. Inputs that are empty,
/// of different lengths, or hold something other than class indices give an Error.
/// Every function has a form over an already computed CountMatrix, so that a
/// caller computing many metrics builds the confusion matrix once.
namespace Tandem::Eval {

/// How per-class precision, recall and F1 are combined into one number.
enum class Average : quint8 {
    Macro, ///< unweighted mean over the classes (average="macro")
    Micro, ///< from the summed counts of all classes (average="micro"); equals accuracy for single-label data
    Weighted, ///< mean weighted by each class's support, its count in y_true (average="weighted")
};

/// What precision (no predictions of a class), recall (no true rows of a class)
/// and F1 take when their denominator is zero: scikit-learn's `zero_division`.
/// Its default "warn" yields 0 (and a Python warning), which is ZeroDivision::Zero.
enum class ZeroDivision : quint8 { Zero, One };

struct PrecisionRecallF1 {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
};

/// One entry per class 0..K-1, as precision_recall_fscore_support(labels=range(K),
/// average=None); `support` counts each class's rows in y_true.
struct PerClassScores {
    Eigen::VectorXd precision;
    Eigen::VectorXd recall;
    Eigen::VectorXd f1;
    Eigen::VectorXd support;
};

/// Share of rows predicted correctly: accuracy_score. NaN for an empty matrix.
double accuracy(const CountMatrix &counts);
Base::Result<double> accuracy(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses);

/// Mean recall over the classes present in y_true: balanced_accuracy_score
/// (adjusted=False). A class only predicted, never true, is left out, as there.
double balancedAccuracy(const CountMatrix &counts);
Base::Result<double> balancedAccuracy(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses);

/// Precision, recall and F1 of every class 0..K-1.
PerClassScores perClassScores(const CountMatrix &counts, ZeroDivision zeroDivision = ZeroDivision::Zero);
Base::Result<PerClassScores> perClassScores(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses,
    ZeroDivision zeroDivision = ZeroDivision::Zero);

/// Averaged precision, recall and F1, as precision_score / recall_score / f1_score
/// with `average` and without `labels`: the average runs over the classes that occur
/// in y_true or y_pred (scikit-learn's default label set), so a class absent from
/// both does not pull a macro average down. F1 is 2PR / (P + R) from the
/// zero_division-substituted P and R, and 0 when P + R = 0, exactly as scikit-learn.
PrecisionRecallF1 averagedScores(
    const CountMatrix &counts, Average average, ZeroDivision zeroDivision = ZeroDivision::Zero);
Base::Result<PrecisionRecallF1> averagedScores(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred,
    int numClasses, Average average, ZeroDivision zeroDivision = ZeroDivision::Zero);

/// Mean negative log-likelihood of the true class: log_loss(y_true, probabilities,
/// labels=range(K)) with scikit-learn 1.2's eps="auto": probabilities are clipped to
/// [eps, 1 - eps] with eps = 2^-52 (float64 machine epsilon), each row is divided by
/// its sum again, and the loss is -log of the true class's share. So a probability
/// of exactly 0 on the true class costs about 36.04, not infinity. K = columns >= 2.
Base::Result<double> logLoss(const Eigen::VectorXd &yTrue, const Eigen::MatrixXd &probabilities);

/// Brier score. Binary (K = 2): mean of (1[y = 1] - p1)^2, as
/// brier_score_loss(y_true, probabilities[:, 1]). Multiclass (K > 2), which
/// scikit-learn 1.2 does not offer: the mean over rows of the sum over classes of
/// (1[y = k] - p_k)^2 (Brier's original definition, in [0, 2]). Note that this sum
/// for K = 2 would be twice the binary value; the binary convention is kept there.
Base::Result<double> brierScore(const Eigen::VectorXd &yTrue, const Eigen::MatrixXd &probabilities);

} // namespace Tandem::Eval
