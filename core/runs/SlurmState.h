// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Tandem::Runs {

/// Where a Slurm task is in its life, from Slurm's state name.
enum class SlurmPhase {
    Pending, ///< PENDING, REQUEUED, CONFIGURING, RESIZING, REQUEUE_*...
    Running, ///< RUNNING, COMPLETING, SUSPENDED, STOPPED, SIGNALING, STAGE_OUT
    Completed, ///< COMPLETED: the script exited 0
    Failed, ///< FAILED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, BOOT_FAIL, DEADLINE, PREEMPTED, SPECIAL_EXIT, REVOKED
    Cancelled, ///< CANCELLED (sacct writes "CANCELLED by UID")
    Unknown, ///< a state this code does not know
};

/// The phase of a state name as squeue or sacct print it ("CANCELLED by 1000" too).
SlurmPhase slurmPhase(const QString &state);

/// True for Completed, Failed and Cancelled.
bool isFinal(SlurmPhase phase);

/// One array task as squeue or sacct report it.
struct SlurmTaskState {
    qint64 arrayJobId = 0;
    int taskIndex = -1;
    /// The state name without sacct's "by UID" ("FAILED", "RUNNING").
    QString state;
    /// Why it waits or failed ("Priority", "NonZeroExitCode", "TimeLimit"); empty for "None".
    QString reason;
    /// Where it runs or ran; empty while pending.
    QString nodes;
    /// "code:signal" (sacct only).
    QString exitCode;

    SlurmPhase phase() const { return slurmPhase(state); }
    /// "12345_3".
    QString id() const;
    /// "FAILED (NonZeroExitCode, exit code 1:0)": the state with what explains it.
    QString describe() const;

    friend bool operator==(const SlurmTaskState &, const SlurmTaskState &) = default;
};

/// Reads `squeue --array --format=%F|%K|%T|%r|%N` output (SlurmCommands'
/// squeueCommand): one task per line; a line for several tasks ("0-5%2", "[3-5]")
/// gives one entry each. Jobs that are not arrays ("N/A") are left out. An error
/// names the line that is not in that form.
Base::Result<QList<SlurmTaskState>> parseSqueue(const QByteArray &output);

/// Reads `sacct --parsable2 --format=JobID,State,ExitCode,Reason,NodeList` output:
/// "123_4|COMPLETED|0:0|None|node1"; job steps ("123_4.batch") are left out, a
/// pending range ("123_[5-9%2]") gives one entry per task.
Base::Result<QList<SlurmTaskState>> parseSacct(const QByteArray &output);

/// The job id `sbatch --parsable` prints ("123" or "123;cluster").
Base::Result<qint64> parseSbatchJobId(const QByteArray &output);

/// The indices of an array range as Slurm writes it: "0-5", "1,3,7-9", "[0-5%2]"
/// (brackets and the "%P" throttle are ignored). At most `limit` indices.
Base::Result<QList<int>> parseArrayIndices(const QString &text, int limit = 1000000);

} // namespace Tandem::Runs
