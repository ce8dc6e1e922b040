// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/bayes/NaiveBayes.h"

#include <cmath>
#include <limits>

namespace Tandem::Learn {

Base::Result<Matrix> NaiveBayes::jointLogLikelihood(const Matrix &X) const
{
    if (!isFitted())
        return Base::Error(QStringLiteral("%1 is not fitted yet").arg(id()));
    if (X.cols() != featureCount())
        return Base::Error(
            QStringLiteral("%1 was fitted on %2 features, got %3").arg(id()).arg(featureCount()).arg(X.cols()));
    return jointLogLikelihoodImpl(X);
}

Base::Result<Vector> NaiveBayes::predictImpl(const Matrix &X) const
{
    auto jll = jointLogLikelihoodImpl(X);
    if (!jll.ok())
        return jll.error();
    const Matrix &scores = jll.value();
    Vector classes(scores.rows());
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
        Eigen::Index best = 0;
        scores.row(i).maxCoeff(&best); // the first maximum, as numpy's argmax
        classes[i] = double(best);
    }
    return classes;
}

Base::Result<Matrix> NaiveBayes::predictProbaImpl(const Matrix &X) const
{
    auto jll = jointLogLikelihoodImpl(X);
    if (!jll.ok())
        return jll.error();
    Matrix proba = std::move(jll).value();
    for (Eigen::Index i = 0; i < proba.rows(); ++i) {
        // scipy.special.logsumexp: max + log(sum(exp(a - max))), then exp(jll - that).
        const double top = proba.row(i).maxCoeff();
        if (!std::isfinite(top))
            return Base::Error(QStringLiteral("%1: no class has a finite likelihood for row %2").arg(id()).arg(i + 1));
        const double logNormaliser = std::log((proba.row(i).array() - top).exp().sum()) + top;
        proba.row(i) = (proba.row(i).array() - logNormaliser).exp();
    }
    return proba;
}

} // namespace Tandem::Learn
