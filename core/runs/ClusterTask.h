// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/runs/TaskResult.h"

#include <QString>

namespace Tandem::Runs {

/// Carries out task `index` of the cluster plan at `planPath` the way a node does
/// (`tandem-cli run PLAN --task-index I --workspace DIR`), without opening the
/// workspace's store: reads the run's spec and data (the fingerprint checked),
/// cross-validates it with `threads` per fit exactly as a local run does
/// (evaluateSpec, runRecordsOf: the same metrics for the same spec), writes its
/// artifacts into `<workspacePath>/artifacts/<run-id>/` and then its TaskResult to
/// `results/<index>.json` beside the plan, atomically.
///
/// A run that fails (unreadable spec or data, a fit error) or is stopped (`progress`
/// asked to stop: Slurm's scancel sends SIGTERM) still writes a result, failed with
/// the error's text or cancelled, and returns it. Errors (no result written): the
/// plan cannot be read, `index` is not one of its tasks, or the result file cannot
/// be written.
Base::Result<TaskResult> runClusterTask(
    const QString &planPath, int index, const QString &workspacePath, int threads, const Base::Progress &progress);

} // namespace Tandem::Runs
