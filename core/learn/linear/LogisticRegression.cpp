// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/linear/LogisticRegression.h"

#include "core/learn/LogisticFunctions.h"

#include "core/learn/optim/Lbfgs.h"
#include "core/learn/optim/RowBlocks.h"

#include <Eigen/Core>

#include <QDataStream>

#include <algorithm>

#include <cmath>
#include <new>
#include <vector>

namespace Tandem::Learn {
namespace {

/// Row-wise softmax of scores, in place (the largest score subtracted first).
void softmaxRows(Matrix &scores)
{
    const Vector rowMax = scores.rowwise().maxCoeff();
    scores = (scores.colwise() - rowMax).array().exp();
    const Vector rowSum = scores.rowwise().sum();
    scores.array().colwise() /= rowSum.array();
}

/// Σ_i s_i · log_loss_i and its gradient with respect to the coefficients
/// (p × m, column-major) followed by the m intercepts when fitted; m = 1 for the
/// binary sigmoid model, K for the softmax. Summed over RowBlocks in block order.
class LogLoss
{
public:
    LogLoss(const Matrix &X, const std::vector<int> &labels, const Vector &weights, Eigen::Index columns,
        bool intercept, const FitContext &context)
        : m_X(X)
        , m_labels(labels)
        , m_weights(weights)
        , m_columns(columns)
        , m_intercept(intercept)
        , m_context(context)
        , m_blocks(X.rows(), X.cols() * columns * 2 + 8 * columns)
        , m_dimension(X.cols() * columns + (intercept ? columns : 0))
        , m_partial(m_dimension + 1, m_blocks.count())
    { }

    Eigen::Index dimension() const { return m_dimension; }

    Base::Result<double> operator()(const Vector &x, Vector &gradient)
    {
        const bool finished = Optim::forEachBlock(
            m_context.threads, m_blocks.count(), [&](Eigen::Index block) { computeBlock(x, block); },
            [this] { return m_context.stopRequested(); });
        if (!finished)
            return Base::Error(FitContext::stoppedMessage());
        gradient.setZero(m_dimension);
        double loss = 0.0;
        for (Eigen::Index block = 0; block < m_blocks.count(); ++block) {
            gradient += m_partial.col(block).head(m_dimension);
            loss += m_partial(m_dimension, block);
        }
        return loss;
    }

private:
    void computeBlock(const Vector &x, Eigen::Index block)
    {
        const Eigen::Index p = m_X.cols(), begin = m_blocks.begin(block), rows = m_blocks.size(block);
        const auto Xb = m_X.middleRows(begin, rows);
        const Eigen::Map<const Matrix> W(x.data(), p, m_columns);
        double *out = m_partial.col(block).data();
        Eigen::Map<Matrix> gradientW(out, p, m_columns);
        double loss = 0.0;
        if (m_columns == 1) {
            Vector z = Xb * W.col(0);
            if (m_intercept)
                z.array() += x[p];
            for (Eigen::Index i = 0; i < rows; ++i) {
                const double s = m_weights.size() > 0 ? m_weights[begin + i] : 1.0;
                const double yi = m_labels[std::size_t(begin + i)];
                loss += s * (softplus(z[i]) - yi * z[i]);
                z[i] = s * (sigmoid(z[i]) - yi);
            }
            gradientW.col(0).noalias() = Xb.transpose() * z;
            if (m_intercept)
                out[p] = z.sum();
        } else {
            Matrix Z = Xb * W;
            if (m_intercept)
                Z.rowwise() += x.tail(m_columns).transpose();
            const Vector rowMax = Z.rowwise().maxCoeff();
            for (Eigen::Index i = 0; i < rows; ++i)
                loss -= (m_weights.size() > 0 ? m_weights[begin + i] : 1.0)
                    * (Z(i, m_labels[std::size_t(begin + i)]) - rowMax[i]);
            Z = (Z.colwise() - rowMax).array().exp();
            const Vector rowSum = Z.rowwise().sum();
            for (Eigen::Index i = 0; i < rows; ++i) {
                const double s = m_weights.size() > 0 ? m_weights[begin + i] : 1.0;
                loss += s * std::log(rowSum[i]);
                Z.row(i) *= s / rowSum[i];
                Z(i, m_labels[std::size_t(begin + i)]) -= s;
            }
            gradientW.noalias() = Xb.transpose() * Z;
            if (m_intercept)
                Eigen::Map<Vector>(out + p * m_columns, m_columns) = Z.colwise().sum().transpose();
        }
        out[m_dimension] = loss;
    }

    const Matrix &m_X;
    const std::vector<int> &m_labels;
    const Vector &m_weights;
    const Eigen::Index m_columns;
    const bool m_intercept;
    const FitContext &m_context;
    const Optim::RowBlocks m_blocks;
    const Eigen::Index m_dimension;
    Matrix m_partial; ///< one column per block: the gradient, then the loss
};

} // namespace

LogisticRegression::LogisticRegression()
{
    initParams();
}

QList<ParamSpec> LogisticRegression::params() const
{
    const double inf = std::numeric_limits<double>::infinity();
    return {
        ParamSpec::real(QStringLiteral("C"), 1.0, 0.0, inf,
            QStringLiteral("Inverse penalty strength: smaller C shrinks the coefficients more"), false, true),
        ParamSpec::choice(QStringLiteral("penalty"), QStringLiteral("l2"),
            {QStringLiteral("l2"), QStringLiteral("l1"), QStringLiteral("none")},
            QStringLiteral("l2 (L-BFGS), l1 (OWL-QN: sparse coefficients) or none")),
        ParamSpec::boolean(QStringLiteral("fit_intercept"), true, QStringLiteral("Fit unpenalised intercepts")),
        ParamSpec::integer(QStringLiteral("max_iter"), 100, 1, 1e9, QStringLiteral("Maximum optimiser iterations")),
        ParamSpec::real(QStringLiteral("tol"), 1e-4, 0.0, inf,
            QStringLiteral("Stop when no gradient entry exceeds tol"), false, true),
        ParamSpec::choice(QStringLiteral("class_weight"), QStringLiteral("none"),
            {QStringLiteral("none"), QStringLiteral("balanced")},
            QStringLiteral("balanced weighs each class inversely to its frequency")),
    };
}

Base::Status LogisticRegression::fitImpl(const Matrix &X, const Vector &y, FitContext &context)
{
    const int classes = context.classCount;
    if (classes < 2)
        return Base::Error(QStringLiteral("logreg needs at least two classes, got %1").arg(classes));
    const double C = paramDouble(QStringLiteral("C"));
    const QString penalty = paramChoice(QStringLiteral("penalty"));
    const bool intercept = paramBool(QStringLiteral("fit_intercept"));
    const Eigen::Index n = X.rows(), p = X.cols(), columns = classes == 2 ? 1 : classes;

    std::vector<int> labels(static_cast<std::size_t>(n));
    std::vector<qint64> counts(std::size_t(classes), 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        labels[std::size_t(i)] = int(y[i]);
        ++counts[std::size_t(labels[std::size_t(i)])];
    }
    const auto present = std::count_if(counts.begin(), counts.end(), [](qint64 c) { return c > 0; });
    if (present < 2)
        return Base::Error(
            QStringLiteral("y holds a single class (%1): logreg needs two classes or more").arg(labels.front()));
    Vector weights;
    double weightSum = double(n);
    if (paramChoice(QStringLiteral("class_weight")) == QLatin1String("balanced")) {
        weights.resize(n);
        for (Eigen::Index i = 0; i < n; ++i)
            weights[i] = double(n) / (double(present) * double(counts[std::size_t(labels[std::size_t(i)])]));
        weightSum = weights.sum();
    }

    Optim::LbfgsOptions options;
    options.maxIterations = int(std::min<qint64>(paramInt(QStringLiteral("max_iter")), INT_MAX));
    options.gradientTolerance = paramDouble(QStringLiteral("tol"));
    // The relative-decrease stop follows tol: at the default tol (1e-4) it is scipy's
    // default ftol, 2.22e-9, which is what scikit-learn 1.2's lbfgs stops on, so a default
    // fit does the same work as scikit-learn's; a tighter tol tightens it down to 64 ε.
    options.relativeDecreaseTolerance = std::clamp(options.gradientTolerance * 2.220446049250313e-5,
        64.0 * std::numeric_limits<double>::epsilon(), 2.220446049250313e-9);
    options.stopMessage = FitContext::stoppedMessage();
    const double l2 = penalty == QLatin1String("l2") ? 1.0 / C : 0.0;
    const double l1 = penalty == QLatin1String("l1") ? 1.0 / C : 0.0;

    try {
        LogLoss loss(X, labels, weights, columns, intercept, context);
        const Eigen::Index coefficientCount = p * columns;
        if (l1 > 0.0) {
            options.l1Weights = Vector::Zero(loss.dimension());
            options.l1Weights.head(coefficientCount).setConstant(l1);
        }
        const Optim::Objective objective = [&](const Vector &x, Vector &gradient) -> Base::Result<double> {
            auto value = loss(x, gradient);
            if (!value.ok() || l2 == 0.0)
                return value;
            gradient.head(coefficientCount) += l2 * x.head(coefficientCount);
            return value.value() + 0.5 * l2 * x.head(coefficientCount).squaredNorm();
        };
        const QString stage = QStringLiteral("Optimising");
        const auto callback = [&](int iteration, const Vector &x, double value) {
            const auto w = x.head(coefficientCount);
            const double penaltyValue = 0.5 * l2 * w.squaredNorm() + l1 * w.lpNorm<1>();
            context.reportStep(iteration, QStringLiteral("train_loss"), (value - penaltyValue) / weightSum);
            context.progress().report(double(iteration) / double(options.maxIterations), stage);
            return !context.stopRequested();
        };
        Vector x = Vector::Zero(loss.dimension());
        auto result = Optim::minimize(objective, x, options, callback);
        if (!result.ok())
            return result.error();
        if (!x.allFinite())
            return Base::Error(QStringLiteral("logreg: the coefficients are not finite (features with huge values?)"));
        m_coefficients = Eigen::Map<const Matrix>(x.data(), p, columns);
        m_intercepts = intercept ? Vector(x.tail(columns)) : Vector::Zero(columns);
        m_iterations = result->iterations;
        m_converged = result->converged();
    } catch (const std::bad_alloc &) {
        return Base::Error(QStringLiteral("logreg: not enough memory for %1 × %2 values").arg(n).arg(p));
    }
    context.progress().report(1.0, QStringLiteral("Optimised"));
    return {};
}

Matrix LogisticRegression::decision(const Matrix &X) const
{
    Matrix scores = X * m_coefficients;
    scores.rowwise() += m_intercepts.transpose();
    return scores;
}

Base::Result<Vector> LogisticRegression::predictImpl(const Matrix &X) const
{
    const Matrix scores = decision(X);
    Vector classes(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        if (scores.cols() == 1) {
            classes[i] = scores(i, 0) > 0.0 ? 1.0 : 0.0;
        } else {
            Eigen::Index best = 0;
            scores.row(i).maxCoeff(&best);
            classes[i] = double(best);
        }
    }
    return classes;
}

Base::Result<Matrix> LogisticRegression::predictProbaImpl(const Matrix &X) const
{
    Matrix scores = decision(X);
    if (scores.cols() > 1) {
        softmaxRows(scores);
        return scores;
    }
    Matrix probabilities(X.rows(), 2);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        probabilities(i, 1) = sigmoid(scores(i, 0));
        probabilities(i, 0) = 1.0 - probabilities(i, 1);
    }
    return probabilities;
}

void LogisticRegression::writeState(QDataStream &out) const
{
    writeMatrix(out, m_coefficients);
    writeVector(out, m_intercepts);
    out << qint32(m_iterations) << m_converged;
}

Base::Status LogisticRegression::readState(QDataStream &in)
{
    if (const Base::Status status = readMatrix(in, m_coefficients); !status.ok())
        return status;
    if (const Base::Status status = readVector(in, m_intercepts); !status.ok())
        return status;
    if (m_intercepts.size() != m_coefficients.cols())
        return Base::Error(QStringLiteral("the model file is truncated or damaged (intercepts)"));
    qint32 iterations = 0;
    in >> iterations >> m_converged;
    m_iterations = iterations;
    return {};
}

Base::Status LogisticRegression::checkLoadedState(Eigen::Index featureCount, int classCount) const
{
    // One column of coefficients for two classes, one per class otherwise (fitImpl).
    if (m_coefficients.rows() != featureCount || m_coefficients.cols() != (classCount == 2 ? 1 : classCount))
        return inconsistentState(QStringLiteral("the coefficient matrix"));
    return {};
}

} // namespace Tandem::Learn
