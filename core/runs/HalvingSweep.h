// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/RunLauncher.h"

#include <memory>

namespace Tandem::Runs {

/// Successive halving of a sweep's queued runs (SweepSpec::halving, HalvingPlan):
/// rung by rung, each candidate is submitted to `queue` as one job (with its share of
/// the thread budget, JobContext::threads) that evaluates
/// the rung's new folds (evaluateFolds; the first marks the run running). When every
/// job of a rung has ended, the candidates are ranked by the mean of the halving
/// metric over their folds so far (HalvingPlan::survivors: ties by configuration
/// index, so the order jobs ended in never matters); the others are completed as
/// done on the folds they have, tagged haltingTag, and the survivors go on. After the
/// last rung the survivors carry a full cross-validation and are completed.
///
/// A candidate whose job fails ends failed and leaves the race; one that is
/// cancelled ends cancelled, and so do all candidates left (the sweep was stopped).
/// `runs` must be queued and in configuration order; `onFinished` is called as each
/// run ends, on the queue's thread. Errors (nothing submitted): those of
/// HalvingPlan::make (holdout evaluation, min_folds not below the folds).
Base::Status startHalving(const std::shared_ptr<const Store::Workspace> &workspace, JobQueue &queue,
    const RunSpec &spec, const std::shared_ptr<const Data::Dataset> &dataset, QList<LaunchedRun> &runs,
    RunFinished onFinished);

/// The tag of a run that successive halving stopped before its last fold.
inline const QString haltingTag = QStringLiteral("halving-stopped");

} // namespace Tandem::Runs
