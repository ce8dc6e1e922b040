// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <QtGlobal>

#include <memory>

namespace Tandem::Learn::Neural {

/// Settings of the stochastic solvers (scikit-learn's MLP names in comments).
struct OptimizerOptions {
    enum class Solver : quint8 { Adam, Sgd };
    enum class Schedule : quint8 { Constant, InverseScaling, Adaptive };

    Solver solver = Solver::Adam;
    double learningRate = 0.001; ///< learning_rate_init
    Schedule schedule = Schedule::Constant; ///< learning_rate (sgd only)
    double powerT = 0.5; ///< power_t (inverse scaling)
    double momentum = 0.9; ///< sgd
    bool nesterov = true; ///< nesterovs_momentum
    double beta1 = 0.9; ///< adam
    double beta2 = 0.999;
    double epsilon = 1e-8;
};

/// Updates parameters from gradients, one mini-batch at a time, with exactly
/// scikit-learn's update rules (same operations in the same order).
class Optimizer
{
public:
    virtual ~Optimizer() = default;

    /// parameters += the step for this gradient.
    virtual void update(Eigen::VectorXd &parameters, const Eigen::VectorXd &gradient) = 0;
    /// After each epoch, with the number of samples seen so far (inverse scaling).
    virtual void epochEnded(qint64) { }
    /// The loss stopped improving: true to stop, false after lowering the learning
    /// rate (sgd's adaptive schedule) to go on.
    virtual bool stopOnNoImprovement() { return true; }

    static std::unique_ptr<Optimizer> create(const OptimizerOptions &options, Eigen::Index parameterCount);
};

/// Stochastic gradient descent with (Nesterov) momentum.
class SgdOptimizer final : public Optimizer
{
public:
    SgdOptimizer(const OptimizerOptions &options, Eigen::Index parameterCount);
    void update(Eigen::VectorXd &parameters, const Eigen::VectorXd &gradient) override;
    void epochEnded(qint64 samplesSeen) override;
    bool stopOnNoImprovement() override;

private:
    OptimizerOptions m_options;
    double m_learningRate;
    Eigen::VectorXd m_velocity;
};

/// Adam (Kingma and Ba, 2014) with scikit-learn's bias correction folded into the rate.
class AdamOptimizer final : public Optimizer
{
public:
    AdamOptimizer(const OptimizerOptions &options, Eigen::Index parameterCount);
    void update(Eigen::VectorXd &parameters, const Eigen::VectorXd &gradient) override;

private:
    OptimizerOptions m_options;
    qint64 m_step = 0;
    Eigen::VectorXd m_first;
    Eigen::VectorXd m_second;
};

} // namespace Tandem::Learn::Neural
