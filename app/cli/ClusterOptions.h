// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/ClusterProfile.h"

#include <optional>

class QCommandLineParser;

namespace Tandem::Runs {
class SlurmExecutor;
}

namespace Tandem::Cli {

class CliOutput;

/// The options that send a command's runs to a Slurm cluster: `--executor
/// local|slurm`, and the ClusterProfile's settings `--partition P`, `--time T`,
/// `--cpus N`, `--mem M`, `--max-parallel N`, `--sbatch-arg X` (repeatable), `--ssh
/// HOST`, `--tandem-cli PATH`, `--poll-interval S`, `--result-wait S`.
namespace ClusterOptions {

void configure(QCommandLineParser &parser);

/// The profile the options describe, validated; nullopt for `--executor local` (the
/// default). An error names the option; a cluster option with the local executor
/// is an error too. `--tandem-cli` defaults to this very program when the commands
/// run here (the cluster's nodes then need it at the same path), to `tandem-cli` on
/// the PATH with `--ssh`.
Base::Result<std::optional<Runs::ClusterProfile>> profile(const QCommandLineParser &parser);

/// Progress lines on stderr while `executor` works: the job array once submitted,
/// each task's Slurm state as it changes, and retried command failures as warnings.
void reportProgress(Runs::SlurmExecutor &executor, CliOutput &output);

} // namespace ClusterOptions

} // namespace Tandem::Cli
