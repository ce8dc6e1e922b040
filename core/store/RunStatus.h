// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Tandem::Store {

/// Where a run stands. Queued → Running → one of Done, Failed, Cancelled;
/// Interrupted when the process running (or queueing) it ended before it finished.
enum class RunStatus { Queued, Running, Done, Failed, Cancelled, Interrupted };

/// The stored and printed name: "queued", "running", "done", "failed", "cancelled", "interrupted".
QString runStatusName(RunStatus status);
std::optional<RunStatus> runStatusFromName(const QString &name);
/// True for the statuses a run never leaves (all but Queued and Running).
bool isFinal(RunStatus status);

} // namespace Tandem::Store
