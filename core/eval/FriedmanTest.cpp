// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/FriedmanTest.h"

#include "core/eval/Statistics.h"
#include "core/eval/StudentizedRange.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

namespace Tandem::Eval {
namespace {

/// The standard error of a difference of average ranks: sqrt(k (k+1) / (6 N)).
double rankStandardError(Eigen::Index models, int datasets)
{
    const auto k = double(models);
    return std::sqrt(k * (k + 1.0) / (6.0 * double(datasets)));
}

} // namespace

Eigen::MatrixXd rankWithinRows(const Eigen::MatrixXd &scores, bool greaterIsBetter)
{
    Eigen::MatrixXd ranks = Eigen::MatrixXd::Constant(scores.rows(), scores.cols(), std::nan(""));
    std::vector<Eigen::Index> order;
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        order.clear();
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            if (!std::isnan(scores(i, j)))
                order.push_back(j);
        }
        const auto better = [&](Eigen::Index a, Eigen::Index b) {
            return greaterIsBetter ? scores(i, a) > scores(i, b) : scores(i, a) < scores(i, b);
        };
        std::stable_sort(order.begin(), order.end(), better);
        // Each run of equal scores shares the mean of positions first + 1 .. last + 1.
        for (size_t first = 0; first < order.size();) {
            size_t last = first;
            while (last + 1 < order.size() && scores(i, order[last + 1]) == scores(i, order[first]))
                ++last;
            const double rank = 0.5 * double(first + last) + 1.0;
            for (size_t p = first; p <= last; ++p)
                ranks(i, order[p]) = rank;
            first = last + 1;
        }
    }
    return ranks;
}

Base::Result<FriedmanResult> friedmanTest(const Eigen::MatrixXd &scores, bool greaterIsBetter)
{
    if (scores.rows() < 2 || scores.cols() < 2)
        return Base::Error(QStringLiteral("Friedman's test needs at least 2 datasets and 2 models, got %1 and %2")
                               .arg(scores.rows())
                               .arg(scores.cols()));
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            if (!std::isfinite(scores(i, j)))
                return Base::Error(
                    QStringLiteral("Friedman's test needs a score of every model on every dataset: model %1 has none "
                                   "on dataset %2")
                        .arg(j + 1)
                        .arg(i + 1));
        }
    }
    const Eigen::MatrixXd ranks = rankWithinRows(scores, greaterIsBetter);
    const auto n = double(scores.rows());
    const auto k = double(scores.cols());

    // Σ (t³ - t) over the tied groups of each row.
    double ties = 0.0;
    for (Eigen::Index i = 0; i < ranks.rows(); ++i) {
        std::vector<double> row(ranks.row(i).begin(), ranks.row(i).end());
        std::sort(row.begin(), row.end());
        for (size_t first = 0; first < row.size();) {
            size_t last = first;
            while (last + 1 < row.size() && row[last + 1] == row[first])
                ++last;
            const auto t = double(last - first + 1);
            ties += t * t * t - t;
            first = last + 1;
        }
    }

    FriedmanResult result;
    result.datasets = int(scores.rows());
    result.models = int(scores.cols());
    const Eigen::VectorXd rankSums = ranks.colwise().sum().transpose();
    result.averageRanks = rankSums / n;
    const double correction = 1.0 - ties / (n * k * (k * k - 1.0));
    if (correction <= 0.0) { // every row ties every model
        result.chiSquare = 0.0;
        result.chiSquarePValue = 1.0;
        result.imanDavenport = 0.0;
        result.imanDavenportPValue = 1.0;
        return result;
    }
    result.chiSquare
        = std::max(0.0, (12.0 / (n * k * (k + 1.0)) * rankSums.squaredNorm() - 3.0 * n * (k + 1.0)) / correction);
    result.chiSquarePValue = chiSquareSf(result.chiSquare, k - 1.0);
    const double denominator = n * (k - 1.0) - result.chiSquare;
    if (denominator <= 1e-12 * n * (k - 1.0)) {
        result.imanDavenport = std::numeric_limits<double>::infinity();
        result.imanDavenportPValue = 0.0;
    } else {
        result.imanDavenport = (n - 1.0) * result.chiSquare / denominator;
        result.imanDavenportPValue = fDistributionSf(result.imanDavenport, k - 1.0, (k - 1.0) * (n - 1.0));
    }
    return result;
}

Base::Result<NemenyiResult> nemenyiTest(const Eigen::VectorXd &averageRanks, int datasets, double alpha)
{
    const Eigen::Index k = averageRanks.size();
    if (k < 2)
        return Base::Error(QStringLiteral("the Nemenyi test needs at least 2 models, got %1").arg(k));
    if (datasets < 1)
        return Base::Error(QStringLiteral("the Nemenyi test needs at least 1 dataset, got %1").arg(datasets));
    if (!(alpha > 0.0 && alpha < 1.0))
        return Base::Error(QStringLiteral("the significance level must be between 0 and 1, got %1").arg(alpha));
    if (!averageRanks.allFinite())
        return Base::Error(QStringLiteral("the Nemenyi test needs the average rank of every model"));

    NemenyiResult result;
    result.alpha = alpha;
    result.datasets = datasets;
    result.averageRanks = averageRanks;
    const double standardError = rankStandardError(k, datasets);
    result.qAlpha = studentizedRangeQuantile(1.0 - alpha, int(k)) / std::numbers::sqrt2;
    result.criticalDifference = result.qAlpha * standardError;
    result.pValues = Eigen::MatrixXd::Ones(k, k);
    for (Eigen::Index i = 0; i < k; ++i) {
        for (Eigen::Index j = i + 1; j < k; ++j) {
            const double q = std::abs(averageRanks[i] - averageRanks[j]) / standardError * std::numbers::sqrt2;
            result.pValues(i, j) = result.pValues(j, i) = studentizedRangeSf(q, int(k));
        }
    }

    // Models in rank order; from each, the furthest model within CD. A run that ends
    // where the previous one ended lies inside it.
    std::vector<int> order(static_cast<size_t>(k));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return averageRanks[a] < averageRanks[b]; });
    size_t previousEnd = 0;
    for (size_t first = 0; first < order.size(); ++first) {
        size_t last = first;
        while (last + 1 < order.size()
            && averageRanks[order[last + 1]] - averageRanks[order[first]] <= result.criticalDifference)
            ++last;
        if (last > first && last > previousEnd)
            result.groups.append(QList<int>(order.begin() + qsizetype(first), order.begin() + qsizetype(last) + 1));
        previousEnd = std::max(previousEnd, last);
    }
    return result;
}

} // namespace Tandem::Eval
