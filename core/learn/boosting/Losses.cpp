// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/boosting/Losses.h"

#include "core/learn/LogisticFunctions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Learn::Boosting {
namespace {

constexpr double epsilon = std::numeric_limits<double>::epsilon();

/// Row i's K scores (strided by n) as softmax probabilities in p; returns log Σ e^z.
double softmax(const double *raw, Eigen::Index n, Eigen::Index i, int classes, double *p)
{
    double largest = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < classes; ++k)
        largest = std::max(largest, raw[k * n + i]);
    double sum = 0.0;
    for (int k = 0; k < classes; ++k) {
        p[k] = std::exp(raw[k * n + i] - largest);
        sum += p[k];
    }
    for (int k = 0; k < classes; ++k)
        p[k] /= sum;
    return largest + std::log(sum);
}

} // namespace

Loss::Loss(Kind kind, int classCount) : m_kind(kind), m_classCount(std::max(classCount, 1)) { }

std::vector<double> Loss::baseline(const Eigen::VectorXd &y) const
{
    const double n = double(std::max<Eigen::Index>(y.size(), 1));
    switch (m_kind) {
    case Kind::SquaredError: return {y.mean()};
    case Kind::BinaryLogistic: {
        const double p = std::clamp(y.sum() / n, epsilon, 1.0 - epsilon);
        return {std::log(p / (1.0 - p))};
    }
    case Kind::Softmax: {
        std::vector<double> counts(size_t(m_classCount), 0.0);
        for (Eigen::Index i = 0; i < y.size(); ++i)
            counts[size_t(y[i])] += 1.0;
        std::vector<double> logPriors(counts.size());
        double mean = 0.0;
        for (size_t k = 0; k < counts.size(); ++k) {
            logPriors[k] = std::log(std::clamp(counts[k] / n, epsilon, 1.0 - epsilon));
            mean += logPriors[k] / double(counts.size());
        }
        for (double &value : logPriors)
            value -= mean;
        return logPriors;
    }
    }
    return {};
}

double Loss::gradients(const double *raw, const Eigen::VectorXd &y, Eigen::Index begin, Eigen::Index end,
    GradientPair *pairs, bool sumLoss) const
{
    const Eigen::Index n = y.size();
    double total = 0.0;
    switch (m_kind) {
    case Kind::SquaredError:
        for (Eigen::Index i = begin; i < end; ++i) {
            const double residual = raw[i] - y[i];
            pairs[i] = {float(residual), 1.0f};
            total += 0.5 * residual * residual;
        }
        break;
    case Kind::BinaryLogistic:
        for (Eigen::Index i = begin; i < end; ++i) {
            // One exponential for both the sigmoid and the loss.
            const double z = raw[i];
            const double e = std::exp(-std::abs(z));
            const double p = z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            pairs[i] = {float(p - y[i]), float(p * (1.0 - p))};
            if (sumLoss)
                total += std::max(z, 0.0) + std::log1p(e) - y[i] * z;
        }
        break;
    case Kind::Softmax: {
        std::vector<double> p(static_cast<size_t>(m_classCount));
        for (Eigen::Index i = begin; i < end; ++i) {
            const int label = int(y[i]);
            const double logSum = softmax(raw, n, i, m_classCount, p.data());
            if (sumLoss)
                total += logSum - raw[label * n + i];
            for (int k = 0; k < m_classCount; ++k)
                pairs[k * n + i] = {float(p[k] - (k == label ? 1.0 : 0.0)), float(p[k] * (1.0 - p[k]))};
        }
        break;
    }
    }
    return total;
}

double Loss::loss(const double *raw, const Eigen::VectorXd &y, Eigen::Index begin, Eigen::Index end) const
{
    const Eigen::Index n = y.size();
    double total = 0.0;
    switch (m_kind) {
    case Kind::SquaredError:
        for (Eigen::Index i = begin; i < end; ++i)
            total += 0.5 * (raw[i] - y[i]) * (raw[i] - y[i]);
        break;
    case Kind::BinaryLogistic:
        for (Eigen::Index i = begin; i < end; ++i)
            total += softplus(raw[i]) - y[i] * raw[i];
        break;
    case Kind::Softmax: {
        std::vector<double> p(static_cast<size_t>(m_classCount));
        for (Eigen::Index i = begin; i < end; ++i)
            total += softmax(raw, n, i, m_classCount, p.data()) - raw[int(y[i]) * n + i];
        break;
    }
    }
    return total;
}

void Loss::probabilities(const double *scores, double *out) const
{
    if (m_kind == Kind::BinaryLogistic) {
        out[1] = sigmoid(scores[0]);
        out[0] = 1.0 - out[1];
    } else if (m_kind == Kind::Softmax) {
        softmax(scores, 1, 0, m_classCount, out);
    } else {
        out[0] = scores[0];
    }
}

} // namespace Tandem::Learn::Boosting
