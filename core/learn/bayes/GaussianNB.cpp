// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/bayes/GaussianNB.h"

#include <QDataStream>

#include <cmath>
#include <numbers>

namespace Tandem::Learn {
namespace {

/// Two-pass mean and population variance of the rows `rows` of X, per column
/// (numpy's mean and var with ddof=0).
void meanAndVariance(
    const Matrix &X, const std::vector<Eigen::Index> &rows, Eigen::RowVectorXd &mean, Eigen::RowVectorXd &variance)
{
    mean.resize(X.cols());
    variance.resize(X.cols());
    const double count = double(rows.size());
    for (Eigen::Index f = 0; f < X.cols(); ++f) {
        double sum = 0.0;
        for (const Eigen::Index r : rows)
            sum += X(r, f);
        const double m = sum / count;
        double squares = 0.0;
        for (const Eigen::Index r : rows)
            squares += (X(r, f) - m) * (X(r, f) - m);
        mean[f] = m;
        variance[f] = squares / count;
    }
}

} // namespace

GaussianNB::GaussianNB()
{
    initParams();
}

QList<ParamSpec> GaussianNB::params() const
{
    return {ParamSpec::real(QStringLiteral("var_smoothing"), 1e-9, 0.0, std::numeric_limits<double>::infinity(),
        QStringLiteral("Added to every variance, as a fraction of the largest feature variance"), true, true)};
}

Base::Status GaussianNB::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    const int classes = context.classCount;
    const Eigen::Index features = X.cols();
    std::vector<std::vector<Eigen::Index>> members(static_cast<std::size_t>(classes));
    for (Eigen::Index i = 0; i < y.size(); ++i)
        members[std::size_t(y[i])].push_back(i);

    std::vector<Eigen::Index> all(std::size_t(X.rows()));
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        all[std::size_t(i)] = i;
    Eigen::RowVectorXd mean, variance;
    meanAndVariance(X, all, mean, variance);
    const double largest = features > 0 ? variance.maxCoeff() : 0.0;
    const double smoothing = paramDouble(QStringLiteral("var_smoothing"));
    m_epsilon = largest > 0.0 ? smoothing * largest : smoothing;

    m_theta = Matrix::Zero(classes, features);
    m_variance = Matrix::Zero(classes, features);
    m_classCount = Vector::Zero(classes);
    for (int c = 0; c < classes; ++c) {
        if (context.stopRequested())
            return Base::Error(FitContext::stoppedMessage());
        const auto &rows = members[std::size_t(c)];
        m_classCount[c] = double(rows.size());
        if (!rows.empty()) {
            meanAndVariance(X, rows, mean, variance);
            m_theta.row(c) = mean;
            m_variance.row(c) = variance;
        }
        context.progress().report(double(c + 1) / classes, QStringLiteral("Class statistics"));
    }
    m_variance.array() += m_epsilon;
    if (!(m_variance.array() > 0.0).all())
        return Base::Error(QStringLiteral("gnb: a variance is zero; set var_smoothing > 0"));
    m_classPrior = m_classCount / m_classCount.sum();
    return {};
}

Base::Result<Matrix> GaussianNB::jointLogLikelihoodImpl(const Matrix &X) const
{
    const Eigen::Index classes = m_theta.rows();
    Matrix jll(X.rows(), classes);
    for (Eigen::Index c = 0; c < classes; ++c) {
        // scikit-learn: log prior - 0.5 sum log(2 pi var) - 0.5 sum (x - theta)^2 / var
        const double logPrior = std::log(m_classPrior[c]);
        const double normaliser = -0.5 * (2.0 * std::numbers::pi * m_variance.row(c).array()).log().sum();
        const Eigen::ArrayXd distance
            = ((X.rowwise() - m_theta.row(c)).array().square().rowwise() / m_variance.row(c).array()).rowwise().sum();
        jll.col(c) = (logPrior + (normaliser - 0.5 * distance)).matrix();
    }
    return jll;
}

void GaussianNB::writeState(QDataStream &out) const
{
    writeMatrix(out, m_theta);
    writeMatrix(out, m_variance);
    writeVector(out, m_classPrior);
    writeVector(out, m_classCount);
    out << m_epsilon;
}

Base::Status GaussianNB::readState(QDataStream &in)
{
    for (Matrix *matrix : {&m_theta, &m_variance}) {
        if (const Base::Status status = readMatrix(in, *matrix); !status.ok())
            return status;
    }
    for (Vector *vector : {&m_classPrior, &m_classCount}) {
        if (const Base::Status status = readVector(in, *vector); !status.ok())
            return status;
    }
    in >> m_epsilon;
    if (m_variance.rows() != m_theta.rows() || m_variance.cols() != m_theta.cols()
        || m_classPrior.size() != m_theta.rows() || m_classCount.size() != m_theta.rows())
        return Base::Error(QStringLiteral("the model file is truncated or damaged (gnb sizes)"));
    return {};
}

Base::Status GaussianNB::checkLoadedState(Eigen::Index featureCount, int classCount) const
{
    if (m_theta.rows() != classCount || m_theta.cols() != featureCount)
        return inconsistentState(QStringLiteral("the class means"));
    return {};
}

} // namespace Tandem::Learn
