// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Estimator.h"
#include "core/learn/neural/Network.h"

#include <optional>

namespace Tandem::Learn {

/// The multilayer perceptron, scikit-learn's MLPClassifier ("mlp") and
/// MLPRegressor ("mlp_reg") with their parameters and defaults: fully connected
/// hidden layers (hidden_layer_sizes, activation), trained by mini-batch Adam or
/// SGD on cross-entropy (softmax for K > 2 classes, one logistic unit for two) or
/// half the squared error, plus alpha/2 · Σ ||W||² / batch rows. Weights start
/// Glorot-uniform, drawn from FitContext::seed; stopping follows scikit-learn
/// (see Neural::Trainer). Computes in double precision, as scikit-learn does on
/// float64 input, so that its reference updates are matched to rounding.
class MultilayerPerceptron final : public Estimator
{
public:
    enum class Kind : quint8 { Classifier, Regressor };
    explicit MultilayerPerceptron(Kind kind);

    QString id() const override;
    Task task() const override;
    QList<ParamSpec> params() const override;

    /// The fitted network (scikit-learn's coefs_ and intercepts_).
    const Neural::Network &network() const { return m_network; }
    /// Epochs of the last fit (n_iter_), its last training loss (loss_), and
    /// whether it stopped on its own before max_iter.
    int epochs() const { return m_epochs; }
    double loss() const { return m_loss; }
    bool converged() const { return m_converged; }

    /// The next fit starts from these weights instead of random ones (they must
    /// fit the data's shape and the parameters): for warm starts and for tests
    /// that replay scikit-learn from given weights.
    void setInitialNetwork(Neural::Network network) { m_initial = std::move(network); }

protected:
    Base::Status fitImpl(const Matrix &X, const Vector &y, FitContext &context) override;
    Base::Result<Vector> predictImpl(const Matrix &X) const override;
    Base::Result<Matrix> predictProbaImpl(const Matrix &X) const override;
    void writeState(QDataStream &out) const override;
    Base::Status readState(QDataStream &in) override;
    Base::Status checkLoadedState(Eigen::Index featureCount, int classCount) const override;

private:
    /// The untrained network these parameters give for p features and K classes.
    Base::Result<Neural::Network> architecture(Eigen::Index features, int classes) const;
    /// The network's outputs for X (probabilities or values).
    Base::Result<Matrix> outputs(const Matrix &X) const;

    Kind m_kind;
    Neural::Network m_network;
    std::optional<Neural::Network> m_initial;
    int m_epochs = 0;
    double m_loss = 0.0;
    bool m_converged = false;
};

} // namespace Tandem::Learn
