// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/neural/Network.h"

#include <Eigen/Core>

#include <functional>
#include <vector>

namespace Tandem::Learn::Neural {

/// Rows of the data (a mini-batch): any column-major block of a matrix.
using Rows = Eigen::Ref<const Eigen::MatrixXd, 0, Eigen::OuterStride<>>;

/// The loss of a mini-batch and its gradient by backpropagation, as scikit-learn's
/// MLP _backprop computes them:
///   loss = mean loss over the rows + 0.5 · alpha · Σ ||W_l||² / rows
/// (cross-entropy against class indices, or half the squared error against values).
///
/// The rows are split into consecutive blocks fixed by the row count and the network
/// size alone; each block's gradient is computed on its own (in parallel on up to
/// `threads` threads) and the blocks are summed in order, so the result does not
/// depend on the thread count.
class BatchGradient
{
public:
    BatchGradient(const Network &network, double alpha, int threads);

    /// y: class indices (Softmax, Logistic outputs) or target values (Identity).
    /// Writes the gradient (laid out like the network's parameters) and returns the
    /// loss; a stop request (polled between blocks) returns FitContext::stoppedMessage().
    Base::Result<double> compute(const Network &network, const Rows &X, const Eigen::Ref<const Eigen::VectorXd> &y,
        Eigen::VectorXd &gradient, const std::function<bool()> &stopRequested);

    /// The number of blocks `rows` rows are split into (1 when the batch is too small
    /// to be worth threads).
    Eigen::Index blockCount(Eigen::Index rows) const;

private:
    /// One block's buffers: each layer's activations and deltas, the gradient sum.
    struct Block {
        std::vector<Eigen::MatrixXd> activations;
        std::vector<Eigen::MatrixXd> deltas;
        Eigen::VectorXd gradient;
        double loss = 0.0;
    };
    void computeBlock(const Network &network, const Rows &X, const Eigen::Ref<const Eigen::VectorXd> &y, Block &block);

    double m_alpha = 0.0;
    int m_threads = 1;
    Eigen::Index m_workPerRow = 0;
    std::vector<Block> m_blocks;
};

} // namespace Tandem::Learn::Neural
