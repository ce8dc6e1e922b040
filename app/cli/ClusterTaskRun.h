// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tandem::Cli {

class CliOutput;

/// `tandem-cli run PLAN --task-index I --workspace DIR` on a cluster node: carries
/// out task I of the cluster plan PLAN (Runs::runClusterTask) without opening the
/// workspace's store, with SLURM_CPUS_PER_TASK threads when Slurm sets it (else one
/// per core), progress on stderr (the task's log). SIGTERM (scancel) or Ctrl-C stops
/// it: the result is written as cancelled and the exit code is 130. Prints the run's
/// id, outcome and mean metrics; exits 1 when the run failed (its result says why)
/// or no result could be written.
int runClusterTask(const QString &planPath, int taskIndex, const QString &workspace, CliOutput &output);

} // namespace Tandem::Cli
