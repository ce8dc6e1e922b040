// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"

namespace Tandem::Learn {

/// Least squares with an L1 (and L2) penalty by coordinate descent, minimising
/// scikit-learn's objective
///   (1 / (2n)) ||y - Xw - b||² + alpha · l1_ratio · ||w||₁ + 0.5 · alpha · (1 - l1_ratio) · ||w||²
///  - `lasso`: l1_ratio = 1 (scikit-learn's Lasso);
///  - `elasticnet`: l1_ratio in [0, 1] (scikit-learn's ElasticNet).
/// With fit_intercept, X and y are centred and b recovered from the means (the
/// intercept is not penalised). The stopping rule is scikit-learn's duality-gap
/// test with the same `tol`, so a fit stops where scikit-learn's stops.
class ElasticNet final : public Estimator
{
public:
    enum class Kind { Lasso, ElasticNet };
    explicit ElasticNet(Kind kind);

    QString id() const override;
    Task task() const override { return Task::Regression; }
    QList<ParamSpec> params() const override;

    const Vector &coefficients() const { return m_coefficients; }
    double intercept() const { return m_intercept; }
    /// Sweeps of the last fit (scikit-learn's n_iter_) and whether the gap test passed.
    int iterations() const { return m_iterations; }
    bool converged() const { return m_converged; }

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Vector> predictImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    Kind m_kind;
    Vector m_coefficients;
    double m_intercept = 0.0;
    int m_iterations = 0;
    bool m_converged = false;
};

} // namespace Tandem::Learn
