// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/bayes/NaiveBayes.h"

namespace Tandem::Learn {

/// Gaussian naive Bayes (`gnb`), as scikit-learn's GaussianNB: per class, the
/// mean (theta_) and the population variance (var_) of every feature, plus
/// epsilon = var_smoothing × the largest variance of a feature over all rows,
/// added to every variance for stability. Priors are the class frequencies
/// (scikit-learn's `priors=None`; fixed priors are not offered).
///
/// One difference: when every feature is constant, scikit-learn's epsilon is 0
/// and its variances are 0 (NaN likelihoods); here epsilon is then var_smoothing
/// itself, so the model still predicts (the class priors decide).
class GaussianNB final : public NaiveBayes
{
public:
    GaussianNB();

    QString id() const override { return QStringLiteral("gnb"); }
    QList<ParamSpec> params() const override;

    /// K × p per-class feature means and variances (epsilon included), as
    /// scikit-learn's theta_ and var_.
    const Matrix &theta() const { return m_theta; }
    const Matrix &variance() const { return m_variance; }
    /// K class priors (class_prior_), K class counts (class_count_) and epsilon_.
    const Vector &classPrior() const { return m_classPrior; }
    const Vector &classCount() const { return m_classCount; }
    double epsilon() const { return m_epsilon; }

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Matrix> jointLogLikelihoodImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    Matrix m_theta;
    Matrix m_variance;
    Vector m_classPrior;
    Vector m_classCount;
    double m_epsilon = 0.0;
};

} // namespace Tandem::Learn
