// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <QtGlobal>

#include <vector>

namespace Tandem::Learn::Boosting {

/// A row's first and second derivative of the loss with respect to one raw
/// score. Floats, as scikit-learn's HistGradientBoosting and LightGBM keep them:
/// histograms sum them in double.
struct GradientPair {
    float gradient = 0.0f;
    float hessian = 0.0f;
};

/// The losses of gradient boosting, as scikit-learn 1.2's HistGradientBoosting
/// defines them (its _loss module):
///   SquaredError:   half squared error (z - y)² / 2, gradient z - y, hessian 1;
///   BinaryLogistic: log(1 + e^z) - y·z, gradient p - y, hessian p(1 - p);
///   Softmax:        log Σ_k e^{z_k} - z_y, K raw scores per row (one tree per
///                   class and round), gradient p_k - [y = k], hessian p_k(1 - p_k).
///
/// Raw scores and gradient pairs are stored tree by tree: element k·n + i is row
/// i's score of tree k (K = treesPerRound()), so that each tree reads one array.
class Loss
{
public:
    enum class Kind : quint8 { SquaredError, BinaryLogistic, Softmax };

    Loss(Kind kind, int classCount);

    Kind kind() const { return m_kind; }
    /// K for the softmax, else 1.
    int treesPerRound() const { return m_kind == Kind::Softmax ? m_classCount : 1; }

    /// The raw scores before any tree, as scikit-learn's baseline: the mean
    /// (squared error), the log-odds of the prior (binary), or the log priors
    /// centred to sum 0 (softmax). Priors are clipped to [eps, 1 - eps].
    std::vector<double> baseline(const Eigen::VectorXd &y) const;

    /// Gradient pairs of rows [begin, end) at `raw` (n rows, K scores each) into
    /// `pairs`; returns the summed loss of those rows at `raw` when `sumLoss`, else
    /// 0 (the logarithms of the loss cost more than the gradients).
    double gradients(const double *raw, const Eigen::VectorXd &y, Eigen::Index begin, Eigen::Index end,
        GradientPair *pairs, bool sumLoss) const;
    /// The summed loss of rows [begin, end) at `raw`.
    double loss(const double *raw, const Eigen::VectorXd &y, Eigen::Index begin, Eigen::Index end) const;

    /// Class probabilities of one row from its K raw scores (binary: one score,
    /// two probabilities).
    void probabilities(const double *scores, double *out) const;

private:
    Kind m_kind;
    int m_classCount;
};

} // namespace Tandem::Learn::Boosting
