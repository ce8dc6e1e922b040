// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/FitContext.h"
#include "core/learn/neural/Network.h"
#include "core/learn/neural/Optimizers.h"

#include <Eigen/Core>

namespace Tandem::Base {
class SeededRandom;
}

namespace Tandem::Learn::Neural {

/// Settings of mini-batch training (scikit-learn's MLP names in comments).
struct TrainingOptions {
    OptimizerOptions optimizer;
    double alpha = 1e-4; ///< L2 penalty
    Eigen::Index batchSize = 200; ///< clipped to the training rows ("auto" = min(200, n))
    int maxEpochs = 200; ///< max_iter
    bool shuffle = true;
    double tol = 1e-4;
    int noChangeEpochs = 10; ///< n_iter_no_change
    bool earlyStopping = false;
    double validationFraction = 0.1;
};

/// What a training run did: scikit-learn's n_iter_, loss_ and whether it stopped
/// on its own rule before max_iter.
struct TrainingSummary {
    int epochs = 0;
    double loss = 0.0;
    bool converged = false;
};

/// Trains a network by mini-batch SGD or Adam the way scikit-learn's
/// _fit_stochastic does: each epoch shuffles the rows (the permutation carried
/// over from the last epoch), steps through mini-batches, and records the mean
/// batch loss. It stops once the training loss (or, with early stopping, the
/// validation score: accuracy or R² on a held-out, class-stratified fraction)
/// has not improved by tol for more than n_iter_no_change epochs, or after
/// max_iter epochs; early stopping keeps the weights of the best validation score.
///
/// Reports "train_loss" and, with early stopping, "validation_score" per epoch
/// (epochs count from 1), and progress below 1.0 (the caller reports the end).
/// Polls the stop request before every mini-batch.
class Trainer
{
public:
    Trainer(const TrainingOptions &options, FitContext &context);

    /// y: class indices (Softmax and Logistic outputs) or values.
    Base::Result<TrainingSummary> train(
        Network &network, const Eigen::MatrixXd &X, const Eigen::VectorXd &y, Base::SeededRandom &random);

private:
    struct Split {
        std::vector<Eigen::Index> training;
        std::vector<Eigen::Index> validation;
    };
    Base::Result<Split> split(const Network &network, const Eigen::VectorXd &y, Base::SeededRandom &random) const;
    /// Accuracy (classifiers) or R² of the network on the validation rows.
    Base::Result<double> validationScore(
        const Network &network, const Eigen::MatrixXd &X, const Eigen::VectorXd &y) const;

    TrainingOptions m_options;
    FitContext &m_context;
};

} // namespace Tandem::Learn::Neural
