// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neural/BatchGradient.h"

#include "core/learn/FitContext.h"
#include "core/learn/optim/RowBlocks.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Tandem::Learn::Neural {
namespace {

/// Below this many multiply-adds a batch is one block: threads would cost more than they save.
constexpr Eigen::Index minParallelWork = Eigen::Index(1) << 18;
/// Blocks of fewer rows make the matrix products inefficient.
constexpr Eigen::Index minBlockRows = 48;
constexpr Eigen::Index maxBlocks = 8;
/// Large batches get more blocks, each short enough (tens of milliseconds) for the stop
/// request, polled between blocks, to be seen in time.
constexpr Eigen::Index maxBlockRows = 1024;

/// Probabilities are clipped to [ε, 1 - ε] before the logarithm, as scikit-learn's log loss.
double clipped(double p)
{
    constexpr double eps = std::numeric_limits<double>::epsilon();
    return std::clamp(p, eps, 1.0 - eps);
}

} // namespace

BatchGradient::BatchGradient(const Network &network, double alpha, int threads)
    : m_alpha(alpha), m_threads(std::max(threads, 1))
{
    for (int layer = 0; layer < network.layerCount(); ++layer)
        m_workPerRow += 3 * network.units()[std::size_t(layer)] * network.units()[std::size_t(layer) + 1];
}

Eigen::Index BatchGradient::blockCount(Eigen::Index rows) const
{
    if (rows * m_workPerRow < minParallelWork)
        return 1;
    return std::max(
        std::clamp<Eigen::Index>(rows / minBlockRows, 1, maxBlocks), (rows + maxBlockRows - 1) / maxBlockRows);
}

Base::Result<double> BatchGradient::compute(const Network &network, const Rows &X,
    const Eigen::Ref<const Eigen::VectorXd> &y, Eigen::VectorXd &gradient, const std::function<bool()> &stopRequested)
{
    const Eigen::Index rows = X.rows();
    const Eigen::Index count = blockCount(rows);
    if (Eigen::Index(m_blocks.size()) < count)
        m_blocks.resize(std::size_t(count));
    const auto begin = [&](Eigen::Index block) { return block * rows / count; };
    const bool finished = Optim::forEachBlock(
        m_threads, count,
        [&](Eigen::Index block) {
            const Eigen::Index first = begin(block), size = begin(block + 1) - first;
            computeBlock(network, X.middleRows(first, size), y.segment(first, size), m_blocks[std::size_t(block)]);
        },
        stopRequested);
    if (!finished)
        return Base::Error(FitContext::stoppedMessage());

    gradient = m_blocks.front().gradient;
    double loss = m_blocks.front().loss;
    for (Eigen::Index block = 1; block < count; ++block) {
        gradient += m_blocks[std::size_t(block)].gradient;
        loss += m_blocks[std::size_t(block)].loss;
    }
    // scikit-learn's order: (Aᵀ·δ + alpha · W) / n for the weights, mean δ for the biases.
    const double n = double(rows);
    for (int layer = 0; layer < network.layerCount(); ++layer) {
        auto W = network.weights(gradient, layer);
        W = (W + m_alpha * network.weights(layer)) / n;
        network.biases(gradient, layer) /= n;
    }
    return loss / n + (0.5 * m_alpha) * network.weightSquaredNorm() / n;
}

void BatchGradient::computeBlock(
    const Network &network, const Rows &X, const Eigen::Ref<const Eigen::VectorXd> &y, Block &block)
{
    const int layers = network.layerCount();
    const auto last = std::size_t(layers - 1);
    block.activations.resize(std::size_t(layers));
    block.deltas.resize(std::size_t(layers));
    block.gradient.resize(network.parameterCount());

    // Forward: activations[l] = f(input_l · W_l + b_l), input_0 = X.
    const auto input
        = [&](int layer) -> Rows { return layer == 0 ? X : Rows(block.activations[std::size_t(layer) - 1]); };
    for (int layer = 0; layer < layers; ++layer) {
        Eigen::MatrixXd &a = block.activations[std::size_t(layer)];
        a.noalias() = input(layer) * network.weights(layer);
        a.rowwise() += network.biases(layer).transpose();
        if (layer + 1 < layers)
            activate(network.hidden(), a);
    }

    // The output function, the loss and the output delta (prediction - target).
    Eigen::MatrixXd &out = block.activations[last];
    Eigen::MatrixXd &delta = block.deltas[last];
    double loss = 0.0;
    switch (network.output()) {
    case Output::Softmax:
        softmaxRowsInPlace(out);
        delta = out;
        for (Eigen::Index i = 0; i < out.rows(); ++i) {
            const auto k = Eigen::Index(y[i]);
            loss -= std::log(clipped(out(i, k)));
            delta(i, k) -= 1.0;
        }
        break;
    case Output::Logistic:
        logisticInPlace(out);
        delta = out.col(0) - y;
        for (Eigen::Index i = 0; i < out.rows(); ++i)
            loss -= y[i] == 1.0 ? std::log(clipped(out(i, 0))) : std::log(1.0 - clipped(out(i, 0)));
        break;
    case Output::Identity:
        delta = out.col(0) - y;
        loss = 0.5 * delta.squaredNorm();
        break;
    }
    block.loss = loss;

    // Backward: the gradient sums of layer l, then the delta of the layer below.
    for (int layer = layers - 1; layer >= 0; --layer) {
        const Eigen::MatrixXd &d = block.deltas[std::size_t(layer)];
        network.weights(block.gradient, layer).noalias() = input(layer).transpose() * d;
        network.biases(block.gradient, layer) = d.colwise().sum().transpose();
        if (layer > 0) {
            Eigen::MatrixXd &below = block.deltas[std::size_t(layer) - 1];
            below.noalias() = d * network.weights(layer).transpose();
            multiplyByDerivative(network.hidden(), block.activations[std::size_t(layer) - 1], below);
        }
    }
}

} // namespace Tandem::Learn::Neural
