// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/linear/LinearRegression.h"

#include "core/learn/linear/CenteredData.h"

#include <Eigen/Cholesky>
#include <Eigen/QR>

#include <QDataStream>

namespace Tandem::Learn {

LinearRegression::LinearRegression(Kind kind) : m_kind(kind)
{
    initParams();
}

QString LinearRegression::id() const
{
    return m_kind == Kind::Ridge ? QStringLiteral("ridge") : QStringLiteral("linreg");
}

QList<ParamSpec> LinearRegression::params() const
{
    QList<ParamSpec> specs {ParamSpec::boolean(
        QStringLiteral("fit_intercept"), true, QStringLiteral("Fit an unpenalised intercept (centres X and y)"))};
    if (m_kind == Kind::Ridge)
        specs.prepend(ParamSpec::real(QStringLiteral("alpha"), 1.0, 0.0, std::numeric_limits<double>::infinity(),
            QStringLiteral("L2 penalty strength: larger shrinks the coefficients more"), true, true));
    return specs;
}

Base::Status LinearRegression::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    const bool intercept = paramBool(QStringLiteral("fit_intercept"));
    const double alpha = m_kind == Kind::Ridge ? paramDouble(QStringLiteral("alpha")) : 0.0;
    const CenteredData centered = CenteredData::from(X, y, intercept);
    const Matrix &Xc = centered.X;
    const Vector &yc = centered.y;
    context.progress().report(0.2, QStringLiteral("Solving"));
    if (context.stopRequested())
        return Base::Error(FitContext::stoppedMessage());

    if (alpha > 0.0) {
        // (XᵀX + αI) is symmetric positive definite for α > 0: Cholesky is exact and fast.
        Matrix gram = Xc.transpose() * Xc;
        gram.diagonal().array() += alpha;
        const Eigen::LLT<Matrix> llt(gram);
        if (llt.info() != Eigen::Success)
            return Base::Error(QStringLiteral("ridge: the regularised system could not be solved"));
        m_coefficients = llt.solve(Xc.transpose() * yc);
    } else {
        // Minimum-norm least squares, stable for rank-deficient X.
        const Eigen::CompleteOrthogonalDecomposition<Matrix> cod(Xc);
        if (cod.info() != Eigen::Success)
            return Base::Error(QStringLiteral("linreg: the least-squares problem could not be solved"));
        m_coefficients = cod.solve(yc);
    }
    if (!m_coefficients.allFinite())
        return Base::Error(QStringLiteral("%1: the solution is not finite (features with huge values?)").arg(id()));
    m_intercept = centered.intercept(m_coefficients);
    context.progress().report(1.0, QStringLiteral("Solved"));
    return {};
}

Base::Result<Vector> LinearRegression::predictImpl(const Matrix &X) const
{
    return Vector((X * m_coefficients).array() + m_intercept);
}

void LinearRegression::writeState(QDataStream &out) const
{
    writeVector(out, m_coefficients);
    out << m_intercept;
}

Base::Status LinearRegression::readState(QDataStream &in)
{
    if (const Base::Status status = readVector(in, m_coefficients); !status.ok())
        return status;
    in >> m_intercept;
    return {};
}

Base::Status LinearRegression::checkLoadedState(Eigen::Index featureCount, int) const
{
    if (m_coefficients.size() != featureCount)
        return inconsistentState(QStringLiteral("the coefficient count"));
    return {};
}

} // namespace Tandem::Learn
