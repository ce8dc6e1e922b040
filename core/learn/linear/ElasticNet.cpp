// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/linear/ElasticNet.h"

#include "core/learn/linear/CenteredData.h"
#include "core/learn/linear/CoordinateDescent.h"

#include <QDataStream>

#include <new>

namespace Tandem::Learn {

ElasticNet::ElasticNet(Kind kind) : m_kind(kind)
{
    initParams();
}

QString ElasticNet::id() const
{
    return m_kind == Kind::Lasso ? QStringLiteral("lasso") : QStringLiteral("elasticnet");
}

QList<ParamSpec> ElasticNet::params() const
{
    const double inf = std::numeric_limits<double>::infinity();
    QList<ParamSpec> specs {
        ParamSpec::real(QStringLiteral("alpha"), 1.0, 0.0, inf,
            QStringLiteral("Penalty strength: larger sets more coefficients to zero"), false, true),
        ParamSpec::boolean(
            QStringLiteral("fit_intercept"), true, QStringLiteral("Fit an unpenalised intercept (centres X and y)")),
        ParamSpec::integer(
            QStringLiteral("max_iter"), 1000, 1, 1e9, QStringLiteral("Maximum coordinate-descent sweeps")),
        ParamSpec::real(QStringLiteral("tol"), 1e-4, 0.0, inf,
            QStringLiteral("Stop when the duality gap is below tol times the sum of squares of y"), false, true),
        ParamSpec::choice(QStringLiteral("selection"), QStringLiteral("cyclic"),
            {QStringLiteral("cyclic"), QStringLiteral("random")},
            QStringLiteral("Update the coefficients in turn, or in a random order drawn from the seed")),
    };
    if (m_kind == Kind::ElasticNet)
        specs.insert(1,
            ParamSpec::real(QStringLiteral("l1_ratio"), 0.5, 0.0, 1.0,
                QStringLiteral("Mix of the penalties: 1 is the lasso (L1), 0 is ridge (L2)")));
    return specs;
}

Base::Status ElasticNet::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    const bool intercept = paramBool(QStringLiteral("fit_intercept"));
    const double alpha = paramDouble(QStringLiteral("alpha"));
    const double l1Ratio = m_kind == Kind::Lasso ? 1.0 : paramDouble(QStringLiteral("l1_ratio"));
    const auto n = double(X.rows());

    CoordinateDescentOptions options;
    // scikit-learn's scaling: the (1/2n) objective times n.
    options.l1 = alpha * l1Ratio * n;
    options.l2 = alpha * (1.0 - l1Ratio) * n;
    options.maxIterations = int(std::min<qint64>(paramInt(QStringLiteral("max_iter")), INT_MAX));
    options.tolerance = paramDouble(QStringLiteral("tol"));
    options.randomSelection = paramChoice(QStringLiteral("selection")) == QLatin1String("random");
    options.seed = context.seed;

    try {
        const CenteredData centered = CenteredData::from(X, y, intercept);
        Vector w = Vector::Zero(X.cols());
        auto solved = enetCoordinateDescent(centered.X, centered.y, w, options, context);
        if (!solved.ok())
            return solved.error();
        if (!w.allFinite())
            return Base::Error(QStringLiteral("%1: the solution is not finite (features with huge values?)").arg(id()));
        m_coefficients = std::move(w);
        m_intercept = centered.intercept(m_coefficients);
        m_iterations = solved->iterations;
        m_converged = solved->converged;
    } catch (const std::bad_alloc &) {
        return Base::Error(
            QStringLiteral("%1: not enough memory for %2 × %3 values").arg(id()).arg(X.rows()).arg(X.cols()));
    }
    context.progress().report(1.0, QStringLiteral("Solved"));
    return {};
}

Base::Result<Vector> ElasticNet::predictImpl(const Matrix &X) const
{
    return Vector((X * m_coefficients).array() + m_intercept);
}

void ElasticNet::writeState(QDataStream &out) const
{
    writeVector(out, m_coefficients);
    out << m_intercept << qint32(m_iterations) << m_converged;
}

Base::Status ElasticNet::readState(QDataStream &in)
{
    if (const Base::Status status = readVector(in, m_coefficients); !status.ok())
        return status;
    qint32 iterations = 0;
    in >> m_intercept >> iterations >> m_converged;
    m_iterations = iterations;
    return {};
}

Base::Status ElasticNet::checkLoadedState(Eigen::Index featureCount, int) const
{
    if (m_coefficients.size() != featureCount)
        return inconsistentState(QStringLiteral("the coefficient count"));
    return {};
}

} // namespace Tandem::Learn
