// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/ClassificationMetrics.h"

#include "core/eval/Validation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Eval {

namespace {

/// True positives, predicted and true counts per label (scikit-learn's tp_sum,
/// pred_sum, true_sum).
struct LabelCounts {
    Eigen::ArrayXd truePositives;
    Eigen::ArrayXd predicted;
    Eigen::ArrayXd actual;
};

LabelCounts countsOf(const CountMatrix &counts, bool presentOnly)
{
    const Eigen::Index k = counts.rows();
    std::vector<Eigen::Index> labels;
    for (Eigen::Index c = 0; c < k; ++c) {
        if (!presentOnly || counts.row(c).sum() > 0 || counts.col(c).sum() > 0)
            labels.push_back(c);
    }
    LabelCounts result;
    const auto size = static_cast<Eigen::Index>(labels.size());
    result.truePositives.resize(size);
    result.predicted.resize(size);
    result.actual.resize(size);
    for (Eigen::Index i = 0; i < size; ++i) {
        const Eigen::Index c = labels[static_cast<size_t>(i)];
        result.truePositives[i] = static_cast<double>(counts(c, c));
        result.predicted[i] = static_cast<double>(counts.col(c).sum());
        result.actual[i] = static_cast<double>(counts.row(c).sum());
    }
    return result;
}

/// scikit-learn's _prf_divide: the ratio, or the zero_division value where the
/// denominator is zero.
Eigen::ArrayXd divide(const Eigen::ArrayXd &numerator, const Eigen::ArrayXd &denominator, ZeroDivision zeroDivision)
{
    const double fallback = zeroDivision == ZeroDivision::One ? 1.0 : 0.0;
    Eigen::ArrayXd result(numerator.size());
    for (Eigen::Index i = 0; i < numerator.size(); ++i)
        result[i] = denominator[i] == 0.0 ? fallback : numerator[i] / denominator[i];
    return result;
}

PerClassScores scoresOf(const LabelCounts &counts, ZeroDivision zeroDivision)
{
    PerClassScores scores;
    const Eigen::ArrayXd precision = divide(counts.truePositives, counts.predicted, zeroDivision);
    const Eigen::ArrayXd recall = divide(counts.truePositives, counts.actual, zeroDivision);
    Eigen::ArrayXd f1(precision.size());
    for (Eigen::Index i = 0; i < precision.size(); ++i) {
        double denominator = precision[i] + recall[i];
        if (denominator == 0.0)
            denominator = 1.0;
        f1[i] = 2.0 * precision[i] * recall[i] / denominator;
    }
    scores.precision = precision.matrix();
    scores.recall = recall.matrix();
    scores.f1 = f1.matrix();
    scores.support = counts.actual.matrix();
    return scores;
}

double mean(const Eigen::VectorXd &values)
{
    return values.size() == 0 ? std::numeric_limits<double>::quiet_NaN() : values.mean();
}

/// Shared front of the vector forms: the confusion matrix, or why there is none.
template<typename F>
auto fromVectors(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses, F metric)
    -> Base::Result<decltype(metric(CountMatrix()))>
{
    auto counts = confusionMatrix(yTrue, yPred, numClasses);
    if (!counts)
        return counts.error();
    return metric(counts.value());
}

Base::Result<std::vector<int>> checkedTargets(const Eigen::VectorXd &yTrue, const Eigen::MatrixXd &probabilities)
{
    if (yTrue.size() == 0)
        return Base::Error(QStringLiteral("y_true is empty: metrics need at least one row"));
    if (auto status = Detail::checkProbabilities(probabilities, yTrue.size()); !status)
        return status.error();
    return Detail::classIndices("y_true", yTrue, static_cast<int>(probabilities.cols()));
}

} // namespace

double accuracy(const CountMatrix &counts)
{
    const qint64 total = counts.sum();
    if (total == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(counts.diagonal().sum()) / static_cast<double>(total);
}

Base::Result<double> accuracy(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses)
{
    return fromVectors(yTrue, yPred, numClasses, [](const CountMatrix &counts) { return accuracy(counts); });
}

double balancedAccuracy(const CountMatrix &counts)
{
    double sum = 0.0;
    int classes = 0;
    for (Eigen::Index c = 0; c < counts.rows(); ++c) {
        const qint64 actual = counts.row(c).sum();
        if (actual > 0) {
            sum += static_cast<double>(counts(c, c)) / static_cast<double>(actual);
            ++classes;
        }
    }
    return classes == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / classes;
}

Base::Result<double> balancedAccuracy(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses)
{
    return fromVectors(yTrue, yPred, numClasses, [](const CountMatrix &counts) { return balancedAccuracy(counts); });
}

PerClassScores perClassScores(const CountMatrix &counts, ZeroDivision zeroDivision)
{
    return scoresOf(countsOf(counts, false), zeroDivision);
}

Base::Result<PerClassScores> perClassScores(
    const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses, ZeroDivision zeroDivision)
{
    return fromVectors(yTrue, yPred, numClasses,
        [zeroDivision](const CountMatrix &counts) { return perClassScores(counts, zeroDivision); });
}

PrecisionRecallF1 averagedScores(const CountMatrix &counts, Average average, ZeroDivision zeroDivision)
{
    LabelCounts labels = countsOf(counts, true);
    if (average == Average::Micro) {
        labels.truePositives = Eigen::ArrayXd::Constant(1, labels.truePositives.sum());
        labels.predicted = Eigen::ArrayXd::Constant(1, labels.predicted.sum());
        labels.actual = Eigen::ArrayXd::Constant(1, labels.actual.sum());
    }
    const PerClassScores scores = scoresOf(labels, zeroDivision);
    if (average != Average::Weighted)
        return {mean(scores.precision), mean(scores.recall), mean(scores.f1)};
    const double weightSum = scores.support.sum();
    if (weightSum == 0.0) {
        // No true rows at all (only reachable through an empty matrix): scikit-learn's special case.
        const double fallback = zeroDivision == ZeroDivision::One ? 1.0 : 0.0;
        if (labels.predicted.sum() == 0.0)
            return {fallback, fallback, fallback};
        return {0.0, fallback, 0.0};
    }
    return {scores.precision.dot(scores.support) / weightSum, scores.recall.dot(scores.support) / weightSum,
        scores.f1.dot(scores.support) / weightSum};
}

Base::Result<PrecisionRecallF1> averagedScores(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred,
    int numClasses, Average average, ZeroDivision zeroDivision)
{
    return fromVectors(yTrue, yPred, numClasses,
        [average, zeroDivision](const CountMatrix &counts) { return averagedScores(counts, average, zeroDivision); });
}

Base::Result<double> logLoss(const Eigen::VectorXd &yTrue, const Eigen::MatrixXd &probabilities)
{
    const auto classes = checkedTargets(yTrue, probabilities);
    if (!classes)
        return classes.error();
    constexpr double eps = std::numeric_limits<double>::epsilon();
    double total = 0.0;
    for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
        double rowSum = 0.0;
        for (Eigen::Index k = 0; k < probabilities.cols(); ++k)
            rowSum += std::clamp(probabilities(i, k), eps, 1.0 - eps);
        const double p = std::clamp(probabilities(i, classes.value()[static_cast<size_t>(i)]), eps, 1.0 - eps);
        total -= std::log(p / rowSum);
    }
    return total / static_cast<double>(probabilities.rows());
}

Base::Result<double> brierScore(const Eigen::VectorXd &yTrue, const Eigen::MatrixXd &probabilities)
{
    const auto classes = checkedTargets(yTrue, probabilities);
    if (!classes)
        return classes.error();
    const Eigen::Index n = probabilities.rows();
    double total = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const int y = classes.value()[static_cast<size_t>(i)];
        if (probabilities.cols() == 2) {
            const double diff = (y == 1 ? 1.0 : 0.0) - probabilities(i, 1);
            total += diff * diff;
            continue;
        }
        for (Eigen::Index k = 0; k < probabilities.cols(); ++k) {
            const double diff = (k == y ? 1.0 : 0.0) - probabilities(i, k);
            total += diff * diff;
        }
    }
    return total / static_cast<double>(n);
}

} // namespace Tandem::Eval
