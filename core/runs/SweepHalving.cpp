// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SweepHalving.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Tandem::Runs {

Base::Result<HalvingPlan> HalvingPlan::make(const HalvingSpec &spec, int configurations, int totalFolds)
{
    if (configurations < 1)
        return Base::Error(QStringLiteral("successive halving needs at least one configuration"));
    if (totalFolds < 2)
        return Base::Error(
            QStringLiteral("successive halving needs k-fold evaluation with at least 2 folds, got %1").arg(totalFolds));
    if (spec.minFolds < 1 || spec.minFolds >= totalFolds)
        return Base::Error(QStringLiteral("sweep.halving.min_folds must be in [1, %1] (below the %2 folds of the "
                                          "evaluation), got %3")
                               .arg(totalFolds - 1)
                               .arg(totalFolds)
                               .arg(spec.minFolds));
    if (!(spec.factor > 1.0) || !std::isfinite(spec.factor))
        return Base::Error(QStringLiteral("sweep.halving.factor must be > 1, got %1").arg(spec.factor));

    HalvingPlan plan;
    plan.m_totalFolds = totalFolds;
    int candidates = configurations;
    int folds = spec.minFolds;
    for (int rung = 0;; ++rung) {
        if (candidates == 1 || folds >= totalFolds) {
            plan.m_rungs << HalvingRung {candidates, totalFolds, candidates};
            break;
        }
        const int keep = std::max(1, int(std::ceil(double(candidates) / spec.factor - 1e-9)));
        plan.m_rungs << HalvingRung {candidates, folds, keep};
        candidates = keep;
        // Fold counts follow minFolds * factor^rung, at least one more each rung.
        const double next = std::round(double(spec.minFolds) * std::pow(spec.factor, rung + 1));
        folds = int(std::min(double(totalFolds), std::max(double(folds + 1), next)));
    }
    return plan;
}

qint64 HalvingPlan::totalFits() const
{
    qint64 fits = 0;
    int previousFolds = 0;
    for (const HalvingRung &rung : m_rungs) {
        fits += qint64(rung.candidates) * (rung.folds - previousFolds);
        previousFolds = rung.folds;
    }
    return fits;
}

Base::Result<QList<int>> HalvingPlan::survivors(
    int rung, const QList<int> &candidates, const QList<double> &scores, bool greaterIsBetter) const
{
    if (rung < 0 || rung >= m_rungs.size())
        return Base::Error(
            QStringLiteral("halving rung %1 does not exist (the plan has %2)").arg(rung).arg(m_rungs.size()));
    if (candidates.size() != scores.size())
        return Base::Error(QStringLiteral("halving rung %1: %2 candidates but %3 scores")
                               .arg(rung)
                               .arg(candidates.size())
                               .arg(scores.size()));
    QList<qsizetype> order;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (!std::isnan(scores[i]))
            order << i;
    }
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        if (scores[a] != scores[b])
            return greaterIsBetter ? scores[a] > scores[b] : scores[a] < scores[b];
        return candidates[a] < candidates[b];
    });
    const qsizetype keep = std::min<qsizetype>(m_rungs[rung].keep, order.size());
    QList<int> kept;
    for (qsizetype i = 0; i < keep; ++i)
        kept << candidates[order[i]];
    std::sort(kept.begin(), kept.end());
    return kept;
}

} // namespace Tandem::Runs
