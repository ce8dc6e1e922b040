// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/ConfusionMatrix.h"

#include "core/eval/Validation.h"

namespace Tandem::Eval {

Base::Result<CountMatrix> confusionMatrix(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses)
{
    if (auto status = Detail::checkRows("y_pred", yTrue.size(), yPred.size()); !status)
        return status.error();
    auto trueClasses = Detail::classIndices("y_true", yTrue, numClasses);
    if (!trueClasses)
        return trueClasses.error();
    auto predictedClasses = Detail::classIndices("y_pred", yPred, numClasses);
    if (!predictedClasses)
        return predictedClasses.error();
    CountMatrix counts = CountMatrix::Zero(numClasses, numClasses);
    for (size_t i = 0; i < trueClasses->size(); ++i)
        ++counts(trueClasses.value()[i], predictedClasses.value()[i]);
    return counts;
}

Eigen::MatrixXd rowNormalized(const CountMatrix &counts)
{
    Eigen::MatrixXd shares = Eigen::MatrixXd::Zero(counts.rows(), counts.cols());
    for (Eigen::Index i = 0; i < counts.rows(); ++i) {
        const qint64 total = counts.row(i).sum();
        if (total > 0)
            shares.row(i) = counts.row(i).cast<double>() / static_cast<double>(total);
    }
    return shares;
}

} // namespace Tandem::Eval
