// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/bayes/CategoricalNB.h"

#include <QDataStream>

#include <cmath>

namespace Tandem::Learn {
namespace {

/// scikit-learn 1.2 clips alpha to this unless force_alpha is set.
constexpr double smallestAlpha = 1e-10;

/// Every cell must be a category index: a non-negative integer (at most `largest`).
Base::Status checkCategories(const Matrix &X, double largest)
{
    for (Eigen::Index f = 0; f < X.cols(); ++f) {
        for (Eigen::Index r = 0; r < X.rows(); ++r) {
            const double v = X(r, f);
            if (v < 0.0 || v != std::floor(v) || v > largest)
                return Base::Error(QStringLiteral("cnb takes category indices 0, 1, 2, ...%1 (an ordinal encoding), "
                                                  "found %2 at row %3, column %4")
                                       .arg(largest < std::numeric_limits<double>::infinity()
                                               ? QStringLiteral(" up to %1").arg(qint64(largest))
                                               : QString())
                                       .arg(v)
                                       .arg(r + 1)
                                       .arg(f + 1));
        }
    }
    return {};
}

} // namespace

CategoricalNB::CategoricalNB()
{
    initParams();
}

QList<ParamSpec> CategoricalNB::params() const
{
    return {
        ParamSpec::real(QStringLiteral("alpha"), 1.0, 0.0, std::numeric_limits<double>::infinity(),
            QStringLiteral("Additive (Laplace/Lidstone) smoothing of the category counts"), true, true),
        ParamSpec::boolean(
            QStringLiteral("fit_prior"), true, QStringLiteral("Learn class priors from the data (else uniform)")),
        ParamSpec::integer(QStringLiteral("min_categories"), 0, 0, double(maxCategoryIndex + 1),
            QStringLiteral("Least number of categories per feature (0: as many as seen)")),
    };
}

Base::Status CategoricalNB::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    if (const Base::Status status = checkCategories(X, double(maxCategoryIndex)); !status.ok())
        return status;
    const int classes = context.classCount;
    const Eigen::Index minCategories = Eigen::Index(paramInt(QStringLiteral("min_categories")));
    m_classCount = Vector::Zero(classes);
    for (Eigen::Index r = 0; r < y.size(); ++r)
        m_classCount[Eigen::Index(y[r])] += 1.0;
    m_categoryCount.assign(std::size_t(X.cols()), Matrix());
    for (Eigen::Index f = 0; f < X.cols(); ++f) {
        if (context.stopRequested())
            return Base::Error(FitContext::stoppedMessage());
        const Eigen::Index categories = std::max(Eigen::Index(X.col(f).maxCoeff()) + 1, minCategories);
        Matrix &counts = m_categoryCount[std::size_t(f)];
        counts = Matrix::Zero(classes, categories);
        for (Eigen::Index r = 0; r < X.rows(); ++r)
            counts(Eigen::Index(y[r]), Eigen::Index(X(r, f))) += 1.0;
        context.progress().report(double(f + 1) / double(X.cols()), QStringLiteral("Counting categories"));
    }
    updateLogProbabilities();
    return {};
}

void CategoricalNB::updateLogProbabilities()
{
    const double alpha = std::max(paramDouble(QStringLiteral("alpha")), smallestAlpha);
    const std::size_t features = m_categoryCount.size();
    m_featureLogProb.assign(features, Matrix());
    m_unseenLogProb.assign(features, Vector());
    for (std::size_t f = 0; f < features; ++f) {
        const Matrix smoothed = m_categoryCount[f].array() + alpha;
        const Vector logTotal = smoothed.rowwise().sum().array().log();
        m_featureLogProb[f] = smoothed.array().log().colwise() - logTotal.array();
        m_unseenLogProb[f] = std::log(alpha) - logTotal.array();
    }
    const Eigen::Index classes = m_classCount.size();
    if (paramBool(QStringLiteral("fit_prior")))
        m_classLogPrior = m_classCount.array().log() - std::log(m_classCount.sum());
    else
        m_classLogPrior = Vector::Constant(classes, -std::log(double(classes)));
}

Base::Result<Matrix> CategoricalNB::jointLogLikelihoodImpl(const Matrix &X) const
{
    if (const Base::Status status = checkCategories(X, std::numeric_limits<double>::infinity()); !status.ok())
        return status.error();
    const Eigen::Index classes = m_classCount.size();
    Matrix jll = Matrix::Zero(X.rows(), classes);
    for (Eigen::Index f = 0; f < X.cols(); ++f) {
        const Matrix &logProb = m_featureLogProb[std::size_t(f)];
        for (Eigen::Index r = 0; r < X.rows(); ++r) {
            const double v = X(r, f);
            if (v < double(logProb.cols()))
                jll.row(r) += logProb.col(Eigen::Index(v)).transpose();
            else
                jll.row(r) += m_unseenLogProb[std::size_t(f)].transpose();
        }
    }
    jll.rowwise() += m_classLogPrior.transpose();
    return jll;
}

void CategoricalNB::writeState(QDataStream &out) const
{
    writeVector(out, m_classCount);
    out << qint64(m_categoryCount.size());
    for (const Matrix &counts : m_categoryCount)
        writeMatrix(out, counts);
}

Base::Status CategoricalNB::readState(QDataStream &in)
{
    if (const Base::Status status = readVector(in, m_classCount); !status.ok())
        return status;
    qint64 features = 0;
    in >> features;
    // Each feature's counts take at least a matrix's two sizes.
    if (in.status() != QDataStream::Ok || features < 0 || features > (qint64(1) << 24)
        || !BinaryFormat::holds(in, features, 16))
        return Base::Error(QStringLiteral("the model file is truncated or damaged (cnb features)"));
    m_categoryCount.assign(std::size_t(features), Matrix());
    for (Matrix &counts : m_categoryCount) {
        if (const Base::Status status = readMatrix(in, counts); !status.ok())
            return status;
        if (counts.rows() != m_classCount.size())
            return Base::Error(QStringLiteral("the model file is truncated or damaged (cnb counts)"));
    }
    updateLogProbabilities();
    return {};
}

Base::Status CategoricalNB::checkLoadedState(Eigen::Index featureCount, int classCount) const
{
    if (Eigen::Index(m_categoryCount.size()) != featureCount || m_classCount.size() != classCount)
        return inconsistentState(QStringLiteral("the category counts"));
    return {};
}

} // namespace Tandem::Learn
