// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"

namespace Tandem::Learn {

/// Least squares with an optional L2 penalty, in closed form:
///  - `linreg`: ordinary least squares, the minimum-norm solution (as
///    scikit-learn's LinearRegression / numpy.linalg.lstsq), so collinear or
///    rank-deficient X is fine;
///  - `ridge`: minimises ||y - Xw - b||² + alpha ||w||² (scikit-learn's Ridge);
///    the intercept is not penalised.
/// With fit_intercept, X and y are centred first and b is recovered from the means.
class LinearRegression final : public Estimator
{
public:
    enum class Kind { OrdinaryLeastSquares, Ridge };
    explicit LinearRegression(Kind kind);

    QString id() const override;
    Task task() const override { return Task::Regression; }
    QList<ParamSpec> params() const override;

    const Vector &coefficients() const { return m_coefficients; }
    double intercept() const { return m_intercept; }

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
};

} // namespace Tandem::Learn
