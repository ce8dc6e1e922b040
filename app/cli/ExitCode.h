// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Tandem::Cli {

/// What `tandem-cli` returns to the shell. The values are part of the CLI's
/// contract (scripts test them) and are listed in `tandem-cli help`.
enum ExitCode : int {
    /// The command did what was asked.
    ExitSuccess = 0,
    /// The command ran but failed; the reason is on stderr.
    ExitFailure = 1,
    /// The command line was wrong: unknown command or option, missing argument.
    ExitUsage = 2,
    /// `drift`: the data drifted beyond the allowed share of features (--fail-share),
    /// so that CI and cron jobs can gate on it.
    ExitDriftDetected = 3,
    /// The user interrupted the command (Ctrl-C, SIGTERM): 128 + SIGINT, as shells report it.
    ExitInterrupted = 130,
};

} // namespace Tandem::Cli
