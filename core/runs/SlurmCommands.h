// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/ClusterProfile.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Tandem::Runs {

/// A program and its arguments, for QProcess::start(program, arguments): never a
/// shell string. With a profile's ssh host the program is `ssh` and the Slurm
/// command travels as one quoted command line (ShellWords) for the login node's shell.
struct SlurmCommand {
    QString program;
    QStringList arguments;

    /// As a person would type it (each word quoted), for messages.
    QString toString() const;

    friend bool operator==(const SlurmCommand &, const SlurmCommand &) = default;
};

/// One job array: task i runs `scriptPath` with SLURM_ARRAY_TASK_ID = i.
struct ArraySubmission {
    /// `--job-name`: letters, digits, '_', '.', '-', at most 64 (slurmJobName makes one).
    QString jobName;
    /// Tasks 0..taskCount-1.
    int taskCount = 0;
    /// Absolute paths, in ShellWords' characters. `logPattern` is `--output`, with
    /// `%a` for the task index.
    QString scriptPath;
    QString logPattern;
    QString workingDirectory;
};

/// `sbatch --parsable --array=0-N[%P] --job-name=… --output=… --chdir=…
/// [--partition=…] [--time=…] --cpus-per-task=… [--mem=…] [extra options] SCRIPT`,
/// after validating the profile and every value (an error names the first refused).
Base::Result<SlurmCommand> sbatchCommand(const ClusterProfile &profile, const ArraySubmission &array);

/// `squeue --noheader --array --states=all --jobs=ID,… --format=%F|%K|%T|%r|%N`: one
/// line per task (parseSqueue), finished tasks included while Slurm still keeps them.
Base::Result<SlurmCommand> squeueCommand(const ClusterProfile &profile, const QList<qint64> &arrayJobIds);

/// `sacct --noheader --parsable2 --jobs=ID,… --format=JobID,State,ExitCode,Reason,NodeList`
/// (parseSacct): the tasks Slurm's controller has forgotten.
Base::Result<SlurmCommand> sacctCommand(const ClusterProfile &profile, const QList<qint64> &arrayJobIds);

/// `sinfo --noheader --format=%P|%a|%l|%D|%T`: partition (a default one ends with
/// '*'), availability, time limit, node count and node state, one line per partition
/// and state; for a settings page's "test connection".
Base::Result<SlurmCommand> sinfoCommand(const ClusterProfile &profile);

/// `scancel ID` (the whole array) or `scancel ID_I` (one task).
Base::Result<SlurmCommand> scancelCommand(
    const ClusterProfile &profile, qint64 arrayJobId, std::optional<int> taskIndex = std::nullopt);

/// A job name for a batch titled `title`: "tandem-" and the title with every
/// character outside letters, digits, '_', '.' and '-' made '_', at most 64 characters.
QString slurmJobName(const QString &title);

} // namespace Tandem::Runs
