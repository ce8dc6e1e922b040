// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/neural/Optimizers.h"

#include <cmath>

namespace Tandem::Learn::Neural {

std::unique_ptr<Optimizer> Optimizer::create(const OptimizerOptions &options, Eigen::Index parameterCount)
{
    if (options.solver == OptimizerOptions::Solver::Sgd)
        return std::make_unique<SgdOptimizer>(options, parameterCount);
    return std::make_unique<AdamOptimizer>(options, parameterCount);
}

SgdOptimizer::SgdOptimizer(const OptimizerOptions &options, Eigen::Index parameterCount)
    : m_options(options), m_learningRate(options.learningRate), m_velocity(Eigen::VectorXd::Zero(parameterCount))
{ }

void SgdOptimizer::update(Eigen::VectorXd &parameters, const Eigen::VectorXd &gradient)
{
    const double momentum = m_options.momentum;
    m_velocity = momentum * m_velocity - m_learningRate * gradient;
    if (m_options.nesterov)
        parameters += momentum * m_velocity - m_learningRate * gradient;
    else
        parameters += m_velocity;
}

void SgdOptimizer::epochEnded(qint64 samplesSeen)
{
    if (m_options.schedule == OptimizerOptions::Schedule::InverseScaling)
        m_learningRate = m_options.learningRate / std::pow(double(samplesSeen + 1), m_options.powerT);
}

bool SgdOptimizer::stopOnNoImprovement()
{
    if (m_options.schedule != OptimizerOptions::Schedule::Adaptive || m_learningRate <= 1e-6)
        return true;
    m_learningRate /= 5.0;
    return false;
}

AdamOptimizer::AdamOptimizer(const OptimizerOptions &options, Eigen::Index parameterCount)
    : m_options(options)
    , m_first(Eigen::VectorXd::Zero(parameterCount))
    , m_second(Eigen::VectorXd::Zero(parameterCount))
{ }

void AdamOptimizer::update(Eigen::VectorXd &parameters, const Eigen::VectorXd &gradient)
{
    const double beta1 = m_options.beta1, beta2 = m_options.beta2;
    ++m_step;
    m_first = beta1 * m_first + (1.0 - beta1) * gradient;
    m_second = beta2 * m_second + (1.0 - beta2) * gradient.cwiseAbs2();
    const double rate = m_options.learningRate * std::sqrt(1.0 - std::pow(beta2, double(m_step)))
        / (1.0 - std::pow(beta1, double(m_step)));
    parameters.array() += (-rate * m_first.array()) / (m_second.array().sqrt() + m_options.epsilon);
}

} // namespace Tandem::Learn::Neural
