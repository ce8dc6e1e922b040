// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/SweepSpec.h"

#include <QList>

namespace Tandem::Runs {

/// One rung of successive halving.
struct HalvingRung {
    /// Configurations evaluated in this rung.
    int candidates = 0;
    /// Folds each candidate has been evaluated on by the end of the rung: the first
    /// `folds` folds of the split, counted across rungs (a candidate of rung 1 adds
    /// folds [rung 0's folds, rung 1's folds) to those it already has).
    int folds = 0;
    /// Candidates that go on to the next rung; in the last rung, all of them.
    int keep = 0;

    friend bool operator==(const HalvingRung &, const HalvingRung &) = default;
};

/// The schedule of a successive-halving sweep and the rule that picks who continues.
/// Pure logic: the runner evaluates, this says what to evaluate next.
///
/// Rung 0 scores every configuration on `minFolds` folds. After each rung, the best
/// ceil(candidates / factor) continue, and the folds grow to about factor times as
/// many (at least one more), capped at the split's total. Once one candidate is
/// left, or the folds reach the total, a last rung evaluates the remaining
/// candidates on every fold, so that the winners carry a full cross-validation.
///
/// Example: 27 configurations, factor 3, minFolds 1, 5 folds: rungs {27, 1, keep 9},
/// {9, 3, keep 3}, {3, 5, keep 3}: 51 fold fits instead of 135.
class HalvingPlan
{
public:
    /// Errors: no configurations, `totalFolds` < 2, minFolds not below totalFolds, factor <= 1.
    static Base::Result<HalvingPlan> make(const HalvingSpec &spec, int configurations, int totalFolds);

    const QList<HalvingRung> &rungs() const { return m_rungs; }
    int totalFolds() const { return m_totalFolds; }
    /// The fold fits the whole plan takes (each candidate's new folds, summed over rungs).
    qint64 totalFits() const;

    /// The candidates of rung `rung` that continue, in ascending order, given each
    /// candidate's score (the mean of the rung's metric over its folds so far).
    ///
    /// The best keep() candidates go on; `greaterIsBetter` says which way is best
    /// (Eval::greaterIsBetter of the metric). Equal scores rank by the lower
    /// configuration index, so the outcome never depends on the order candidates
    /// finished in. A NaN score (the configuration failed) never continues. Fewer
    /// candidates than planned (some failed outright and were left out) is fine:
    /// at most keep() of them continue. In the last rung every scored candidate
    /// "continues" (there is nothing after it).
    /// Errors: a rung out of range, `candidates` and `scores` of different sizes.
    Base::Result<QList<int>> survivors(
        int rung, const QList<int> &candidates, const QList<double> &scores, bool greaterIsBetter) const;

private:
    QList<HalvingRung> m_rungs;
    int m_totalFolds = 0;
};

} // namespace Tandem::Runs
