// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/RegressionMetrics.h"

#include "core/eval/Validation.h"

#include <cmath>
#include <limits>

namespace Tandem::Eval {

namespace {

/// The residuals y - ŷ of checked inputs, or why the inputs are refused.
Base::Result<Eigen::ArrayXd> residuals(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    if (auto status = Detail::checkRows("y_pred", yTrue.size(), yPred.size()); !status)
        return status.error();
    if (auto status = Detail::checkFinite("y_true", yTrue); !status)
        return status.error();
    if (auto status = Detail::checkFinite("y_pred", yPred); !status)
        return status.error();
    return (yTrue - yPred).array().eval();
}

/// `metric` of the residuals, or why the inputs are refused.
template<typename F>
Base::Result<double> fromResiduals(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, F metric)
{
    const auto r = residuals(yTrue, yPred);
    if (!r)
        return r.error();
    return metric(r.value());
}

/// scikit-learn's _assemble_r2_explained_variance with force_finite=True.
double oneMinusRatio(double numerator, double denominator)
{
    if (numerator == 0.0)
        return 1.0;
    if (denominator == 0.0)
        return 0.0;
    return 1.0 - numerator / denominator;
}

} // namespace

Base::Result<double> meanSquaredError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    return fromResiduals(yTrue, yPred, [](const Eigen::ArrayXd &r) { return r.square().mean(); });
}

Base::Result<double> rootMeanSquaredError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    return fromResiduals(yTrue, yPred, [](const Eigen::ArrayXd &r) { return std::sqrt(r.square().mean()); });
}

Base::Result<double> meanAbsoluteError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    return fromResiduals(yTrue, yPred, [](const Eigen::ArrayXd &r) { return r.abs().mean(); });
}

Base::Result<double> r2Score(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    return fromResiduals(yTrue, yPred, [&yTrue](const Eigen::ArrayXd &r) {
        return oneMinusRatio(r.square().sum(), (yTrue.array() - yTrue.mean()).square().sum());
    });
}

Base::Result<double> meanAbsolutePercentageError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    return fromResiduals(yTrue, yPred, [&yTrue](const Eigen::ArrayXd &r) {
        const double eps = std::numeric_limits<double>::epsilon();
        return (r.abs() / yTrue.array().abs().max(eps)).mean();
    });
}

Base::Result<double> explainedVarianceScore(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    return fromResiduals(yTrue, yPred, [&yTrue](const Eigen::ArrayXd &r) {
        return oneMinusRatio((r - r.mean()).square().mean(), (yTrue.array() - yTrue.mean()).square().mean());
    });
}

Base::Result<double> maxError(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    return fromResiduals(yTrue, yPred, [](const Eigen::ArrayXd &r) { return r.abs().maxCoeff(); });
}

} // namespace Tandem::Eval
