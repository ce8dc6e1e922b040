// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/optim/Lbfgs.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace Tandem::Learn::Optim {
namespace {

using Vec = Eigen::VectorXd;

constexpr double sufficientDecrease = 1e-4; // c1
constexpr double curvature = 0.9; // c2, the usual choice for quasi-Newton directions

/// The last `memory` correction pairs (s, y) and the two-loop recursion over them.
class History
{
public:
    History(Eigen::Index dimension, int memory) : m_s(dimension, memory), m_y(dimension, memory), m_rho(memory) { }

    /// Keeps the pair when it has positive curvature (s·y > 0), which keeps the
    /// implied inverse Hessian positive definite; otherwise skips it.
    void push(const Vec &s, const Vec &y)
    {
        const double sy = s.dot(y);
        const double yy = y.squaredNorm();
        if (!(sy > std::numeric_limits<double>::epsilon() * yy) || !std::isfinite(sy))
            return;
        const int slot = (m_first + m_count) % int(m_rho.size());
        if (m_count < int(m_rho.size()))
            ++m_count;
        else
            m_first = (m_first + 1) % int(m_rho.size());
        m_s.col(slot) = s;
        m_y.col(slot) = y;
        m_rho[slot] = 1.0 / sy;
        m_gamma = sy / yy;
    }

    void clear() { m_count = m_first = 0; }

    /// d = -H g, H the L-BFGS inverse Hessian approximation (scaled identity H0 = γI).
    void direction(const Vec &g, Vec &d)
    {
        d = g;
        const int m = int(m_rho.size());
        m_alpha.resize(m);
        for (int k = m_count - 1; k >= 0; --k) {
            const int i = (m_first + k) % m;
            m_alpha[i] = m_rho[i] * m_s.col(i).dot(d);
            d.noalias() -= m_alpha[i] * m_y.col(i);
        }
        if (m_count > 0)
            d *= m_gamma;
        for (int k = 0; k < m_count; ++k) {
            const int i = (m_first + k) % m;
            const double beta = m_rho[i] * m_y.col(i).dot(d);
            d.noalias() += (m_alpha[i] - beta) * m_s.col(i);
        }
        d = -d;
    }

    bool empty() const { return m_count == 0; }

private:
    Eigen::MatrixXd m_s, m_y;
    Vec m_rho, m_alpha;
    double m_gamma = 1.0;
    int m_first = 0;
    int m_count = 0;
};

/// One evaluated point along the search line.
struct Trial {
    double step = 0.0;
    double value = 0.0;
    double slope = 0.0; ///< d/dstep f(x + step d)
    bool finite() const { return std::isfinite(value) && std::isfinite(slope); }
};

/// The minimiser of the cubic through two points with their slopes, kept inside
/// [lo + 0.1 w, hi - 0.1 w] of the bracket (the midpoint when the cubic is unusable).
double interpolate(const Trial &a, const Trial &b)
{
    const double lo = std::min(a.step, b.step), hi = std::max(a.step, b.step);
    const double margin = 0.1 * (hi - lo);
    double step = 0.5 * (lo + hi);
    if (a.finite() && b.finite()) {
        const double d1 = a.slope + b.slope - 3.0 * (a.value - b.value) / (a.step - b.step);
        const double radicand = d1 * d1 - a.slope * b.slope;
        if (radicand >= 0.0) {
            const double d2 = std::copysign(std::sqrt(radicand), b.step - a.step);
            const double candidate = b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2.0 * d2);
            if (std::isfinite(candidate))
                step = candidate;
        }
    }
    return std::clamp(step, lo + margin, hi - margin);
}

class Minimizer
{
public:
    Minimizer(const Objective &objective, Vec &x, const LbfgsOptions &options)
        : m_objective(objective)
        , m_x(x)
        , m_options(options)
        , m_owlqn(options.l1Weights.size() > 0)
        , m_history(x.size(), std::max(1, options.memory))
    { }

    Base::Result<LbfgsReport> run(const IterationCallback &callback)
    {
        if (m_owlqn && m_options.l1Weights.size() != m_x.size())
            return Base::Error(QStringLiteral("OWL-QN needs one L1 weight per variable"));
        m_g.resize(m_x.size());
        auto first = evaluate(m_x, m_g);
        if (!first.ok())
            return first.error();
        m_value = first.value();
        if (!std::isfinite(m_value) || !m_g.allFinite())
            return Base::Error(QStringLiteral("the objective is not finite at the starting point"));
        updatePseudoGradient();
        m_report.value = m_value;
        m_report.gradientMax = m_pg.lpNorm<Eigen::Infinity>();
        if (m_report.gradientMax <= m_options.gradientTolerance) {
            m_report.outcome = LbfgsReport::Outcome::GradientSmall;
            return m_report;
        }
        for (int iteration = 1; iteration <= m_options.maxIterations; ++iteration) {
            m_history.direction(m_pg, m_d);
            if (m_owlqn) {
                for (Eigen::Index j = 0; j < m_d.size(); ++j) {
                    if (m_d[j] * m_pg[j] >= 0.0)
                        m_d[j] = 0.0;
                }
            }
            if (!(m_d.dot(m_pg) < 0.0)) {
                // Not a descent direction (rounding in the history): restart from steepest descent.
                m_history.clear();
                m_d = -m_pg;
            }
            const double initialStep = m_history.empty() ? std::min(1.0, 1.0 / m_d.norm()) : 1.0;
            const double previous = m_value;
            auto searched = m_owlqn ? projectedBacktracking(initialStep) : strongWolfe(initialStep);
            if (!searched.ok())
                return searched.error();
            if (!searched.value()) {
                m_report.outcome = LbfgsReport::Outcome::LineSearchFailed;
                return m_report;
            }
            m_report.iterations = iteration;
            m_report.value = m_value;
            m_report.gradientMax = m_pg.lpNorm<Eigen::Infinity>();
            if (callback && !callback(iteration, m_x, m_value))
                return Base::Error(m_options.stopMessage);
            if (m_report.gradientMax <= m_options.gradientTolerance) {
                m_report.outcome = LbfgsReport::Outcome::GradientSmall;
                return m_report;
            }
            const double scale = std::max({std::abs(previous), std::abs(m_value), 1.0});
            if (previous - m_value <= m_options.relativeDecreaseTolerance * scale) {
                m_report.outcome = LbfgsReport::Outcome::DecreaseSmall;
                return m_report;
            }
        }
        m_report.outcome = LbfgsReport::Outcome::MaxIterations;
        return m_report;
    }

private:
    /// f (plus the L1 term under OWL-QN) at `point`, its smooth gradient into `gradient`.
    Base::Result<double> evaluate(const Vec &point, Vec &gradient)
    {
        ++m_report.evaluations;
        auto value = m_objective(point, gradient);
        if (!value.ok() || !m_owlqn)
            return value;
        return value.value() + m_options.l1Weights.dot(point.cwiseAbs());
    }

    /// Under OWL-QN, the steepest-descent direction's negative of f + Σ λ_j |x_j|
    /// (the minimum-norm subgradient); the gradient itself otherwise.
    void updatePseudoGradient()
    {
        if (!m_owlqn) {
            m_pg = m_g;
            return;
        }
        m_pg.resize(m_g.size());
        for (Eigen::Index j = 0; j < m_g.size(); ++j) {
            const double lambda = m_options.l1Weights[j];
            const double g = m_g[j];
            if (m_x[j] > 0.0)
                m_pg[j] = g + lambda;
            else if (m_x[j] < 0.0)
                m_pg[j] = g - lambda;
            else if (g + lambda < 0.0)
                m_pg[j] = g + lambda;
            else if (g - lambda > 0.0)
                m_pg[j] = g - lambda;
            else
                m_pg[j] = 0.0;
        }
    }

    void accept(const Vec &gradient, double value)
    {
        m_history.push(m_trialX - m_x, gradient - m_g);
        m_x = m_trialX;
        m_g = gradient;
        m_value = value;
        updatePseudoGradient();
    }

    /// Evaluates x + step d into m_trialX / m_trialG and returns the point with its slope.
    Base::Result<Trial> probe(double step)
    {
        m_trialX = m_x + step * m_d;
        auto value = evaluate(m_trialX, m_trialG);
        if (!value.ok())
            return value.error();
        Trial trial {step, value.value(), m_trialG.dot(m_d)};
        if (!trial.finite())
            trial.value = std::numeric_limits<double>::infinity();
        return trial;
    }

    /// Nocedal and Wright's line search (algorithm 3.5 with zoom, 3.6). Returns
    /// false when no step met the conditions within the allowed evaluations and
    /// none lowered f: x is then left where it was.
    Base::Result<bool> strongWolfe(double step)
    {
        const Trial origin {0.0, m_value, m_d.dot(m_g)};
        Trial previous = origin;
        Trial lo, hi;
        bool zooming = false;
        int evaluations = 0;
        Trial best = origin;
        Vec bestX, bestG;
        auto remember = [&](const Trial &trial) {
            if (trial.value < best.value) {
                best = trial;
                bestX = m_trialX;
                bestG = m_trialG;
            }
        };
        auto armijo = [&](const Trial &trial) {
            return trial.value <= origin.value + sufficientDecrease * trial.step * origin.slope;
        };
        while (evaluations < m_options.maxLineSearchSteps) {
            if (zooming)
                step = interpolate(lo, hi);
            auto probed = probe(step);
            if (!probed.ok())
                return probed.error();
            ++evaluations;
            const Trial trial = probed.value();
            if (armijo(trial))
                remember(trial);
            if (!zooming) {
                if (!armijo(trial) || (evaluations > 1 && trial.value >= previous.value)) {
                    lo = previous;
                    hi = trial;
                    zooming = true;
                    continue;
                }
                if (std::abs(trial.slope) <= -curvature * origin.slope) {
                    accept(m_trialG, trial.value);
                    return true;
                }
                if (trial.slope >= 0.0) {
                    lo = trial;
                    hi = previous;
                    zooming = true;
                    continue;
                }
                previous = trial;
                step *= 2.0;
                continue;
            }
            if (!armijo(trial) || trial.value >= lo.value) {
                hi = trial;
            } else {
                if (std::abs(trial.slope) <= -curvature * origin.slope) {
                    accept(m_trialG, trial.value);
                    return true;
                }
                if (trial.slope * (hi.step - lo.step) >= 0.0)
                    hi = lo;
                lo = trial;
            }
            if (std::abs(hi.step - lo.step) <= std::numeric_limits<double>::epsilon() * std::max(1.0, lo.step))
                break;
        }
        if (best.step > 0.0) {
            // Sufficient decrease without the curvature condition: still progress.
            m_trialX = bestX;
            accept(bestG, best.value);
            return true;
        }
        return false;
    }

    /// OWL-QN's line search: halve the step until the point, projected onto the
    /// orthant chosen at x, decreases f + L1 enough along the pseudo-gradient.
    Base::Result<bool> projectedBacktracking(double step)
    {
        const Vec &lambda = m_options.l1Weights;
        Vec orthant(m_x.size());
        for (Eigen::Index j = 0; j < m_x.size(); ++j)
            orthant[j] = m_x[j] != 0.0 ? std::copysign(1.0, m_x[j]) : (m_pg[j] > 0.0 ? -1.0 : 1.0);
        for (int evaluations = 0; evaluations < m_options.maxLineSearchSteps; ++evaluations, step *= 0.5) {
            m_trialX = m_x + step * m_d;
            for (Eigen::Index j = 0; j < m_x.size(); ++j) {
                if (lambda[j] > 0.0 && m_trialX[j] * orthant[j] <= 0.0)
                    m_trialX[j] = 0.0;
            }
            auto value = evaluate(m_trialX, m_trialG);
            if (!value.ok())
                return value.error();
            const double decrease = m_pg.dot(m_trialX - m_x);
            if (std::isfinite(value.value()) && value.value() <= m_value + sufficientDecrease * decrease) {
                accept(m_trialG, value.value());
                return true;
            }
        }
        return false;
    }

    const Objective &m_objective;
    Vec &m_x;
    const LbfgsOptions &m_options;
    const bool m_owlqn;
    History m_history;
    Vec m_g, m_pg, m_d, m_trialX, m_trialG;
    double m_value = 0.0;
    LbfgsReport m_report;
};

} // namespace

Base::Result<LbfgsReport> minimize(
    const Objective &objective, Eigen::VectorXd &x, const LbfgsOptions &options, const IterationCallback &callback)
{
    Minimizer minimizer(objective, x, options);
    return minimizer.run(callback);
}

} // namespace Tandem::Learn::Optim
