// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"

namespace Tandem::Learn {

/// Logistic regression, binary (K = 2: one coefficient vector, the sigmoid) or
/// multinomial (K > 2: one vector per class, the softmax; scikit-learn's
/// multi_class="auto" with the lbfgs solver). It minimises scikit-learn's
/// objective
///   Σ_i s_i · log_loss_i + R(W),   s_i = class weight of y_i (1 without class_weight)
/// with R = 0.5 / C · ||W||² (penalty="l2", solved with L-BFGS: scikit-learn's
/// solver="lbfgs"), R = 1 / C · ||W||₁ (penalty="l1", solved with OWL-QN: the
/// optimum of scikit-learn's solver="saga", penalty="l1"; liblinear differs in
/// also penalising the intercept) or R = 0 (penalty="none"). The intercepts are
/// never penalised. class_weight="balanced" weighs class k by
/// n / (classes present · n_k), as scikit-learn.
///
/// Stops when max |gradient| <= tol (scipy's gtol, which scikit-learn sets to
/// tol), when an iteration lowers the objective by no more than 64 ε relative,
/// or after max_iter iterations. The loss and its gradient are summed over
/// fixed row blocks on FitContext::threads threads, in block order: the same
/// model on any thread count. Reports "train_loss" (the weighted mean log loss)
/// per iteration.
class LogisticRegression final : public Estimator
{
public:
    LogisticRegression();

    QString id() const override { return QStringLiteral("logreg"); }
    Task task() const override { return Task::Classification; }
    QList<ParamSpec> params() const override;

    /// p × 1 (binary: the coefficients of class 1) or p × K, and 1 or K intercepts,
    /// as scikit-learn's coef_ (transposed) and intercept_.
    const Matrix &coefficients() const { return m_coefficients; }
    const Vector &intercepts() const { return m_intercepts; }
    /// Iterations of the last fit (scikit-learn's n_iter_) and whether it converged.
    int iterations() const { return m_iterations; }
    bool converged() const { return m_converged; }

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Vector> predictImpl(const Matrix &X) const override;
    Base::Result<Matrix> predictProbaImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    /// X W + b: n × 1 (binary) or n × K.
    Matrix decision(const Matrix &X) const;

    Matrix m_coefficients;
    Vector m_intercepts;
    int m_iterations = 0;
    bool m_converged = false;
};

} // namespace Tandem::Learn
