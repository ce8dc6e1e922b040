// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neural/Activation.h"

#include <limits>

namespace Tandem::Learn::Neural {

QString activationName(Activation activation)
{
    switch (activation) {
    case Activation::Identity: return QStringLiteral("identity");
    case Activation::Logistic: return QStringLiteral("logistic");
    case Activation::Tanh: return QStringLiteral("tanh");
    case Activation::Relu: return QStringLiteral("relu");
    }
    return {};
}

std::optional<Activation> activationFromName(const QString &name)
{
    for (Activation activation : {Activation::Identity, Activation::Logistic, Activation::Tanh, Activation::Relu}) {
        if (activationName(activation) == name)
            return activation;
    }
    return std::nullopt;
}

void logisticInPlace(Eigen::Ref<Eigen::MatrixXd> values)
{
    values = (1.0 + (-values.array()).exp()).inverse().matrix();
}

void softmaxRowsInPlace(Eigen::Ref<Eigen::MatrixXd> values)
{
    const Eigen::VectorXd rowMax = values.rowwise().maxCoeff();
    values = (values.colwise() - rowMax).array().exp().matrix();
    const Eigen::VectorXd rowSum = values.rowwise().sum();
    values.array().colwise() /= rowSum.array();
}

void activate(Activation activation, Eigen::Ref<Eigen::MatrixXd> values)
{
    switch (activation) {
    case Activation::Identity: break;
    case Activation::Logistic: logisticInPlace(values); break;
    case Activation::Tanh: values = values.array().tanh().matrix(); break;
    case Activation::Relu:
        // scikit-learn clips to [0, max double]: NaN stays NaN, +inf becomes finite.
        values = values.cwiseMax(0.0).cwiseMin(std::numeric_limits<double>::max());
        break;
    }
}

void multiplyByDerivative(Activation activation, const Eigen::MatrixXd &activated, Eigen::MatrixXd &delta)
{
    switch (activation) {
    case Activation::Identity: break;
    case Activation::Logistic:
        // (delta · a) · (1 - a), in scikit-learn's order.
        delta.array() = delta.array() * activated.array() * (1.0 - activated.array());
        break;
    case Activation::Tanh: delta.array() *= 1.0 - activated.array().square(); break;
    case Activation::Relu: delta = (activated.array() == 0.0).select(0.0, delta); break;
    }
}

} // namespace Tandem::Learn::Neural
