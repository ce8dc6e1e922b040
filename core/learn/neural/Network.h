// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/neural/Activation.h"

#include <Eigen/Core>

#include <vector>

class QDataStream;

namespace Tandem::Base {
class SeededRandom;
}

namespace Tandem::Learn::Neural {

/// The output layer and the loss that goes with it (scikit-learn's out_activation_
/// and loss): softmax with cross-entropy (K > 2 classes), one logistic unit with
/// binary cross-entropy (2 classes), identity with half the squared error.
enum class Output : quint8 { Softmax, Logistic, Identity };

/// A fully connected feed-forward network: layer l maps units[l] inputs to
/// units[l + 1] outputs by a · W_l + b_l, followed by the hidden activation
/// (the output function after the last layer). All weights and biases live in
/// one flat vector (per layer W_l column-major, then b_l), so that optimisers
/// and gradients are plain vector arithmetic.
class Network
{
public:
    using WeightsView = Eigen::Map<Eigen::MatrixXd>;
    using ConstWeightsView = Eigen::Map<const Eigen::MatrixXd>;
    using BiasView = Eigen::Map<Eigen::VectorXd>;
    using ConstBiasView = Eigen::Map<const Eigen::VectorXd>;

    Network() = default;
    /// units: inputs, each hidden layer's size, outputs (at least two entries).
    /// The parameters start at zero.
    Network(std::vector<Eigen::Index> units, Activation hidden, Output output);

    const std::vector<Eigen::Index> &units() const { return m_units; }
    int layerCount() const { return int(m_units.size()) - 1; }
    Eigen::Index inputCount() const { return m_units.front(); }
    Eigen::Index outputCount() const { return m_units.back(); }
    Activation hidden() const { return m_hidden; }
    Output output() const { return m_output; }

    Eigen::VectorXd &parameters() { return m_parameters; }
    const Eigen::VectorXd &parameters() const { return m_parameters; }
    Eigen::Index parameterCount() const { return m_parameters.size(); }

    /// Layer `layer`'s part of any vector laid out like parameters() (the
    /// parameters themselves, a gradient, an optimiser's moments).
    WeightsView weights(Eigen::VectorXd &flat, int layer) const;
    ConstWeightsView weights(const Eigen::VectorXd &flat, int layer) const;
    BiasView biases(Eigen::VectorXd &flat, int layer) const;
    ConstBiasView biases(const Eigen::VectorXd &flat, int layer) const;
    ConstWeightsView weights(int layer) const { return weights(m_parameters, layer); }
    ConstBiasView biases(int layer) const { return biases(m_parameters, layer); }

    /// Glorot-uniform weights and biases as scikit-learn draws them:
    /// U(-r, r) with r = sqrt(6 / (fan_in + fan_out)), 2 instead of 6 for the
    /// logistic activation.
    void initialize(Base::SeededRandom &random);

    /// Σ ||W_l||² over the weights (the biases are not penalised).
    double weightSquaredNorm() const;

    /// The outputs (probabilities or values), rows × outputCount(), computed in
    /// chunks of rows so that the hidden activations of a large X never fill memory.
    Eigen::MatrixXd forward(const Eigen::Ref<const Eigen::MatrixXd, 0, Eigen::OuterStride<>> &X) const;
    /// What the outputs predict: class indices (the most probable class; the
    /// logistic unit above 0.5) or values.
    Eigen::VectorXd decide(const Eigen::MatrixXd &outputs) const;

    void write(QDataStream &out) const;
    /// Reads what write() wrote, checking that the parts fit together.
    Base::Status read(QDataStream &in);

private:
    void layout();

    std::vector<Eigen::Index> m_units;
    std::vector<Eigen::Index> m_offsets; ///< where each layer's W starts in the flat vector
    Activation m_hidden = Activation::Relu;
    Output m_output = Output::Identity;
    Eigen::VectorXd m_parameters;
};

} // namespace Tandem::Learn::Neural
