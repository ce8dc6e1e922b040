// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/linear/CoordinateDescent.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace Tandem::Learn {
namespace {

/// The duality gap of the elastic-net problem at w with residual R = y - Xw
/// (scikit-learn's formula: the dual point is R rescaled into the dual-feasible set).
double dualityGap(const Matrix &X, const Vector &y, const Vector &w, const Vector &R, double l1, double l2)
{
    const Vector XtA = X.transpose() * R - l2 * w;
    const double dualNorm = XtA.lpNorm<Eigen::Infinity>();
    const double rNorm2 = R.squaredNorm();
    double scale = 1.0;
    double gap = rNorm2;
    if (dualNorm > l1) {
        scale = l1 / dualNorm;
        gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
    }
    gap += l1 * w.lpNorm<1>() - scale * R.dot(y) + 0.5 * l2 * (1.0 + scale * scale) * w.squaredNorm();
    return gap;
}

} // namespace

Base::Result<CoordinateDescentReport> enetCoordinateDescent(
    const Matrix &X, const Vector &y, Vector &w, const CoordinateDescentOptions &options, const FitContext &context)
{
    const Eigen::Index p = X.cols();
    const Vector squaredNorms = X.colwise().squaredNorm().transpose();
    Vector R = y - X * w;
    CoordinateDescentReport report;
    report.gapTolerance = options.tolerance * y.squaredNorm();
    std::mt19937_64 random(options.seed);
    std::uniform_int_distribution<Eigen::Index> pick(0, std::max<Eigen::Index>(p - 1, 0));
    const QString stage = QStringLiteral("Coordinate descent");

    for (int sweep = 0; sweep < options.maxIterations; ++sweep) {
        double wMax = 0.0, dwMax = 0.0;
        for (Eigen::Index step = 0; step < p; ++step) {
            if (context.stopRequested())
                return Base::Error(FitContext::stoppedMessage());
            const Eigen::Index j = options.randomSelection ? pick(random) : step;
            if (squaredNorms[j] == 0.0)
                continue;
            const double old = w[j];
            if (old != 0.0)
                R.noalias() += old * X.col(j);
            const double rho = X.col(j).dot(R);
            w[j] = std::copysign(std::max(std::abs(rho) - options.l1, 0.0), rho) / (squaredNorms[j] + options.l2);
            if (w[j] != 0.0)
                R.noalias() -= w[j] * X.col(j);
            dwMax = std::max(dwMax, std::abs(w[j] - old));
            wMax = std::max(wMax, std::abs(w[j]));
        }
        report.iterations = sweep + 1;
        const bool check = wMax == 0.0 || dwMax / wMax < options.tolerance || sweep == options.maxIterations - 1;
        if (check || context.stepSink) {
            report.dualityGap = dualityGap(X, y, w, R, options.l1, options.l2);
            context.reportStep(report.iterations, QStringLiteral("duality_gap"), report.dualityGap);
        }
        context.progress().report(double(report.iterations) / double(options.maxIterations), stage);
        if (check && report.dualityGap < report.gapTolerance) {
            report.converged = true;
            break;
        }
    }
    return report;
}

} // namespace Tandem::Learn
