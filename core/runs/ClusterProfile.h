// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Tandem::Runs {

/// How runs are handed to a Slurm cluster (SlurmExecutor): where, with what
/// resources per task, and how the cluster is reached. Every value ends up in a
/// Slurm command, so validate() holds each to what that command accepts and to the
/// characters of ShellWords; nothing else is ever passed. See docs/CLUSTER.md.
struct ClusterProfile {
    /// What settings and menus call it ("hpc"); not passed to Slurm.
    QString name;
    /// `sbatch --partition`; empty: the cluster's default partition.
    QString partition;
    /// `sbatch --time`, in Slurm's forms (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM,
    /// D-HH:MM:SS, UNLIMITED); empty: the partition's default.
    QString timeLimit;
    /// `sbatch --cpus-per-task`; a task's fits use this many threads.
    int cpusPerTask = 1;
    /// `sbatch --mem` (memory per node, one task per node here): digits with an
    /// optional K, M, G or T; empty: the partition's default.
    QString memory;
    /// The `%P` of `--array=0-N%P`: at most this many tasks of a batch at once; 0: no limit.
    int maxParallel = 0;
    /// Further `sbatch` options, each one word in the `--option=value` form
    /// (`--account=ml`, `--qos=short`, `--gres=gpu:1`). The options Tandem sets
    /// itself (array, output, error, job name, working directory, parsable, wrap)
    /// are refused.
    QStringList extraSbatchArguments;
    /// A login node to run every Slurm command on through `ssh HOST` (key-based,
    /// BatchMode); empty: the commands run on this machine.
    QString sshHost;
    /// The `tandem-cli` the tasks run, as the nodes see it.
    QString tandemCli = QStringLiteral("tandem-cli");
    /// How often the queue is asked about the tasks.
    int pollIntervalSeconds = 5;
    /// How long a task that has left the queue may take to show its result file
    /// (shared storage can show a new file late) before it counts as failed.
    int resultWaitSeconds = 60;

    /// The first value a Slurm command would not take, or a character outside
    /// ShellWords' set, as an error naming the setting.
    Base::Status validate() const;

    /// Keys: name, partition, time, cpus_per_task, mem, max_parallel, sbatch_args,
    /// ssh_host, tandem_cli, poll_seconds, result_wait_seconds.
    QJsonObject toJson() const;
    /// Missing keys keep their defaults; a value of the wrong type is an error
    /// naming the key. The result is not validated.
    static Base::Result<ClusterProfile> fromJson(const QJsonObject &json);

    friend bool operator==(const ClusterProfile &, const ClusterProfile &) = default;
};

} // namespace Tandem::Runs
