// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/Validation.h"

#include <cmath>

namespace Tandem::Eval::Detail {

Base::Status checkRows(const char *name, Eigen::Index rows, Eigen::Index size)
{
    if (size == 0)
        return Base::Error(QStringLiteral("%1 is empty: metrics need at least one row").arg(QLatin1String(name)));
    if (rows != size)
        return Base::Error(QStringLiteral("%1 has %2 rows, expected %3 (one per row of y_true)")
                               .arg(QLatin1String(name))
                               .arg(size)
                               .arg(rows));
    return {};
}

Base::Status checkFinite(const char *name, const Eigen::VectorXd &values)
{
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            return Base::Error(QStringLiteral("%1 holds a non-finite value (%2) at row %3")
                                   .arg(QLatin1String(name))
                                   .arg(values[i])
                                   .arg(i));
    }
    return {};
}

Base::Result<std::vector<int>> classIndices(const char *name, const Eigen::VectorXd &labels, int numClasses)
{
    if (numClasses < 1)
        return Base::Error(QStringLiteral("the number of classes must be at least 1, got %1").arg(numClasses));
    std::vector<int> indices(static_cast<size_t>(labels.size()));
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        const double value = labels[i];
        if (!(value >= 0.0 && value < numClasses) || value != std::floor(value))
            return Base::Error(QStringLiteral("%1 at row %2 is %3: expected a class index 0..%4")
                                   .arg(QLatin1String(name))
                                   .arg(i)
                                   .arg(value)
                                   .arg(numClasses - 1));
        indices[static_cast<size_t>(i)] = static_cast<int>(value);
    }
    return indices;
}

Base::Status checkProbabilities(const Eigen::MatrixXd &probabilities, Eigen::Index rows)
{
    if (auto status = checkRows("the probability matrix", rows, probabilities.rows()); !status)
        return status;
    if (probabilities.cols() < 2)
        return Base::Error(QStringLiteral("the probability matrix has %1 column(s): expected one per class, at least 2")
                               .arg(probabilities.cols()));
    for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
        for (Eigen::Index k = 0; k < probabilities.cols(); ++k) {
            const double p = probabilities(i, k);
            if (!(p >= 0.0 && p <= 1.0))
                return Base::Error(QStringLiteral("probability at row %1, class %2 is %3: expected a value in [0, 1]")
                                       .arg(i)
                                       .arg(k)
                                       .arg(p));
        }
    }
    return {};
}

} // namespace Tandem::Eval::Detail
