// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <QString>

#include <optional>

namespace Tandem::Learn::Neural {

/// A hidden layer's activation function, as scikit-learn's MLP names them.
enum class Activation : quint8 { Identity, Logistic, Tanh, Relu };

QString activationName(Activation activation);
std::optional<Activation> activationFromName(const QString &name);

/// Applies the activation to pre-activations, in place.
void activate(Activation activation, Eigen::Ref<Eigen::MatrixXd> values);

/// delta ⊙= f'(z), with f' written in terms of the activated values a = f(z)
/// (what backpropagation keeps), as scikit-learn's inplace derivatives.
void multiplyByDerivative(Activation activation, const Eigen::MatrixXd &activated, Eigen::MatrixXd &delta);

/// The logistic function 1 / (1 + e^-z) of every value, in place (scipy's expit).
void logisticInPlace(Eigen::Ref<Eigen::MatrixXd> values);
/// Each row replaced by its softmax (its largest value subtracted first).
void softmaxRowsInPlace(Eigen::Ref<Eigen::MatrixXd> values);

} // namespace Tandem::Learn::Neural
