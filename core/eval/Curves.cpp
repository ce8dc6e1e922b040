// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/Curves.h"

#include "core/eval/Validation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace Tandem::Eval {

namespace {

/// scikit-learn's _binary_clf_curve: false and true positive counts at each
/// distinct score, by decreasing score.
struct ClfCurve {
    std::vector<double> fps;
    std::vector<double> tps;
    std::vector<double> thresholds;
};

ClfCurve binaryClfCurve(const std::vector<int> &positive, const Eigen::VectorXd &scores)
{
    std::vector<Eigen::Index> order(positive.size());
    std::iota(order.begin(), order.end(), Eigen::Index(0));
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return scores[a] > scores[b]; });
    ClfCurve curve;
    double truePositives = 0.0;
    for (size_t i = 0; i < order.size(); ++i) {
        truePositives += positive[static_cast<size_t>(order[i])];
        const double score = scores[order[i]];
        if (i + 1 == order.size() || scores[order[i + 1]] != score) {
            curve.tps.push_back(truePositives);
            curve.fps.push_back(static_cast<double>(i + 1) - truePositives);
            curve.thresholds.push_back(score);
        }
    }
    return curve;
}

/// Checked binary inputs: y_true as 0/1 flags.
Base::Result<std::vector<int>> binaryTargets(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores)
{
    if (auto status = Detail::checkRows("the scores", yTrue.size(), scores.size()); !status)
        return status.error();
    if (auto status = Detail::checkFinite("the scores", scores); !status)
        return status.error();
    return Detail::classIndices("y_true (0 or 1 in a binary curve)", yTrue, 2);
}

Eigen::VectorXd toVector(const std::vector<double> &values)
{
    return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

/// numpy.trapz(y, x) for x non-decreasing, as sklearn.metrics.auc computes it.
double trapezoid(const Eigen::VectorXd &x, const Eigen::VectorXd &y)
{
    double area = 0.0;
    for (Eigen::Index i = 0; i + 1 < x.size(); ++i)
        area += (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
    return area;
}

RocCurve rocOf(const std::vector<int> &positive, const Eigen::VectorXd &scores, bool dropIntermediate)
{
    ClfCurve curve = binaryClfCurve(positive, scores);
    if (dropIntermediate && curve.fps.size() > 2) {
        ClfCurve kept;
        const size_t last = curve.fps.size() - 1;
        for (size_t i = 0; i <= last; ++i) {
            const auto bends = [i](const std::vector<double> &v) { return v[i + 1] - 2.0 * v[i] + v[i - 1] != 0.0; };
            if (i == 0 || i == last || bends(curve.fps) || bends(curve.tps)) {
                kept.fps.push_back(curve.fps[i]);
                kept.tps.push_back(curve.tps[i]);
                kept.thresholds.push_back(curve.thresholds[i]);
            }
        }
        curve = std::move(kept);
    }
    curve.fps.insert(curve.fps.begin(), 0.0);
    curve.tps.insert(curve.tps.begin(), 0.0);
    curve.thresholds.insert(curve.thresholds.begin(), curve.thresholds.front() + 1.0);

    const auto rates = [](const std::vector<double> &counts) {
        const double total = counts.back();
        if (total <= 0.0)
            return Eigen::VectorXd::Constant(
                static_cast<Eigen::Index>(counts.size()), std::numeric_limits<double>::quiet_NaN())
                .eval();
        return (toVector(counts) / total).eval();
    };
    return {rates(curve.fps), rates(curve.tps), toVector(curve.thresholds)};
}

Base::Result<double> binaryAuc(const std::vector<int> &positive, const Eigen::VectorXd &scores)
{
    const auto positives = std::count(positive.begin(), positive.end(), 1);
    if (positives == 0 || positives == static_cast<std::ptrdiff_t>(positive.size()))
        return Base::Error(QStringLiteral("ROC AUC is undefined when y_true holds only one class"));
    const RocCurve curve = rocOf(positive, scores, true);
    return trapezoid(curve.fpr, curve.tpr);
}

} // namespace

Base::Result<RocCurve> rocCurve(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores, bool dropIntermediate)
{
    const auto positive = binaryTargets(yTrue, scores);
    if (!positive)
        return positive.error();
    return rocOf(positive.value(), scores, dropIntermediate);
}

Base::Result<PrecisionRecallCurve> precisionRecallCurve(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores)
{
    const auto positive = binaryTargets(yTrue, scores);
    if (!positive)
        return positive.error();
    const ClfCurve curve = binaryClfCurve(positive.value(), scores);
    const auto points = static_cast<Eigen::Index>(curve.tps.size());
    PrecisionRecallCurve result;
    result.precision.resize(points + 1);
    result.recall.resize(points + 1);
    result.thresholds.resize(points);
    const double positives = curve.tps.back();
    for (Eigen::Index i = 0; i < points; ++i) {
        const auto from = static_cast<size_t>(points - 1 - i);
        const double predicted = curve.tps[from] + curve.fps[from];
        result.precision[i] = predicted != 0.0 ? curve.tps[from] / predicted : 0.0;
        result.recall[i] = positives == 0.0 ? 1.0 : curve.tps[from] / positives;
        result.thresholds[i] = curve.thresholds[from];
    }
    result.precision[points] = 1.0;
    result.recall[points] = 0.0;
    return result;
}

Base::Result<double> rocAuc(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores)
{
    const auto positive = binaryTargets(yTrue, scores);
    if (!positive)
        return positive.error();
    return binaryAuc(positive.value(), scores);
}

Base::Result<double> rocAucOvr(const Eigen::VectorXd &yTrue, const Eigen::MatrixXd &probabilities)
{
    if (yTrue.size() == 0)
        return Base::Error(QStringLiteral("y_true is empty: metrics need at least one row"));
    if (auto status = Detail::checkProbabilities(probabilities, yTrue.size()); !status)
        return status.error();
    const auto classCount = static_cast<int>(probabilities.cols());
    const auto classes = Detail::classIndices("y_true", yTrue, classCount);
    if (!classes)
        return classes.error();
    if (classCount == 2)
        return binaryAuc(classes.value(), probabilities.col(1));

    for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
        const double sum = probabilities.row(i).sum();
        if (std::abs(1.0 - sum) > 1e-8 + 1e-5 * std::abs(sum))
            return Base::Error(QStringLiteral("probabilities at row %1 sum to %2: one-vs-rest ROC AUC needs rows that "
                                              "sum to 1")
                                   .arg(i)
                                   .arg(sum, 0, 'g', 17));
    }
    double sum = 0.0;
    std::vector<int> positive(classes->size());
    for (int c = 0; c < classCount; ++c) {
        std::transform(classes->begin(), classes->end(), positive.begin(), [c](int y) { return y == c ? 1 : 0; });
        if (std::find(positive.begin(), positive.end(), 1) == positive.end())
            return Base::Error(
                QStringLiteral("class %1 does not occur in y_true: one-vs-rest ROC AUC needs every one of "
                               "the %2 classes")
                    .arg(c)
                    .arg(classCount));
        const auto area = binaryAuc(positive, probabilities.col(c));
        if (!area)
            return area.error();
        sum += area.value();
    }
    return sum / classCount;
}

Base::Result<double> averagePrecision(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &scores)
{
    const auto curve = precisionRecallCurve(yTrue, scores);
    if (!curve)
        return curve.error();
    double sum = 0.0;
    for (Eigen::Index i = 0; i + 1 < curve->recall.size(); ++i)
        sum += (curve->recall[i + 1] - curve->recall[i]) * curve->precision[i];
    return -sum;
}

} // namespace Tandem::Eval
