// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neighbors/KNeighbors.h"

#include <QDataStream>

namespace Tandem::Learn {

KNeighbors::KNeighbors(Kind kind) : m_kind(kind)
{
    initParams();
}

QString KNeighbors::id() const
{
    return m_kind == Kind::Classifier ? QStringLiteral("knn") : QStringLiteral("knn_reg");
}

Task KNeighbors::task() const
{
    return m_kind == Kind::Classifier ? Task::Classification : Task::Regression;
}

QList<ParamSpec> KNeighbors::params() const
{
    return {
        ParamSpec::integer(QStringLiteral("n_neighbors"), 5, 1, std::numeric_limits<double>::infinity(),
            QStringLiteral("Number of nearest training rows that vote")),
        ParamSpec::choice(QStringLiteral("weights"), QStringLiteral("uniform"),
            {QStringLiteral("uniform"), QStringLiteral("distance")},
            QStringLiteral("Equal votes, or votes weighted by 1 / distance")),
        ParamSpec::choice(QStringLiteral("metric"), QStringLiteral("euclidean"),
            {QStringLiteral("euclidean"), QStringLiteral("manhattan")},
            QStringLiteral("Distance between rows: straight line or sum of absolute differences")),
    };
}

DistanceMetric KNeighbors::metric() const
{
    return paramChoice(QStringLiteral("metric")) == QLatin1String("manhattan") ? DistanceMetric::Manhattan
                                                                               : DistanceMetric::Euclidean;
}

Base::Status KNeighbors::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    const qint64 k = paramInt(QStringLiteral("n_neighbors"));
    if (k > X.rows())
        return Base::Error(
            QStringLiteral("n_neighbors is %1 but there are only %2 training rows").arg(k).arg(X.rows()));
    m_search.setData(X, metric());
    m_targets = y;
    m_threads = std::max(1, context.threads);
    context.progress().report(1.0, QStringLiteral("Stored the training rows"));
    return {};
}

Base::Result<Neighbors> KNeighbors::kneighbors(const Matrix &X) const
{
    if (!isFitted())
        return Base::Error(QStringLiteral("%1 is not fitted yet").arg(id()));
    return m_search.search(X, Eigen::Index(paramInt(QStringLiteral("n_neighbors"))), m_threads, m_predictProgress);
}

Matrix KNeighbors::weights(const Matrix &distances) const
{
    if (paramChoice(QStringLiteral("weights")) != QLatin1String("distance"))
        return Matrix::Ones(distances.rows(), distances.cols());
    Matrix w = distances.cwiseInverse();
    for (Eigen::Index i = 0; i < w.rows(); ++i) {
        // A query on top of training rows (1/d infinite): those rows decide alone,
        // with weight 1 each (scikit-learn's rule).
        if ((w.row(i).array() == std::numeric_limits<double>::infinity()).any())
            w.row(i) = (w.row(i).array() == std::numeric_limits<double>::infinity()).cast<double>();
    }
    return w;
}

Base::Result<Matrix> KNeighbors::voteShares(const Matrix &X) const
{
    auto found = kneighbors(X);
    if (!found.ok())
        return found.error();
    const Neighbors &neighbors = found.value();
    const Matrix w = weights(neighbors.distances);
    Matrix votes = Matrix::Zero(X.rows(), classCount());
    for (Eigen::Index i = 0; i < votes.rows(); ++i) {
        for (Eigen::Index j = 0; j < w.cols(); ++j)
            votes(i, Eigen::Index(m_targets[neighbors.indices(i, j)])) += w(i, j);
        const double total = votes.row(i).sum();
        if (total != 0.0)
            votes.row(i) /= total;
    }
    return votes;
}

Base::Result<Vector> KNeighbors::predictImpl(const Matrix &X) const
{
    if (m_kind == Kind::Classifier) {
        auto shares = voteShares(X);
        if (!shares.ok())
            return shares.error();
        Vector classes(X.rows());
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            Eigen::Index best = 0;
            shares.value().row(i).maxCoeff(&best);
            classes[i] = double(best);
        }
        return classes;
    }
    auto found = kneighbors(X);
    if (!found.ok())
        return found.error();
    const Neighbors &neighbors = found.value();
    const Matrix w = weights(neighbors.distances);
    Vector predictions(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        double sum = 0.0, weightSum = 0.0;
        for (Eigen::Index j = 0; j < w.cols(); ++j) {
            sum += m_targets[neighbors.indices(i, j)] * w(i, j);
            weightSum += w(i, j);
        }
        predictions[i] = sum / weightSum;
    }
    return predictions;
}

Base::Result<Matrix> KNeighbors::predictProbaImpl(const Matrix &X) const
{
    if (m_kind != Kind::Classifier)
        return Estimator::predictProbaImpl(X);
    return voteShares(X);
}

void KNeighbors::writeState(QDataStream &out) const
{
    writeMatrix(out, m_search.points());
    writeVector(out, m_targets);
}

Base::Status KNeighbors::readState(QDataStream &in)
{
    Matrix points;
    if (const Base::Status status = readMatrix(in, points); !status.ok())
        return status;
    if (const Base::Status status = readVector(in, m_targets); !status.ok())
        return status;
    if (m_targets.size() != points.cols() || qint64(points.cols()) < paramInt(QStringLiteral("n_neighbors")))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (knn sizes)"));
    m_search.setData(points.transpose(), metric());
    return {};
}

Base::Status KNeighbors::checkLoadedState(Eigen::Index featureCount, int classCount) const
{
    if (m_search.points().rows() != featureCount)
        return inconsistentState(QStringLiteral("the training rows' width"));
    // Fit only ever stores finite rows and targets; the search relies on it.
    if (!m_search.points().allFinite() || !m_targets.allFinite())
        return inconsistentState(QStringLiteral("a training value"));
    if (m_kind == Kind::Classifier) {
        for (Eigen::Index i = 0; i < m_targets.size(); ++i) {
            const double target = m_targets[i];
            if (!(target >= 0.0 && target < double(classCount)) || target != std::floor(target))
                return inconsistentState(QStringLiteral("a training row's class"));
        }
    }
    return {};
}

} // namespace Tandem::Learn
