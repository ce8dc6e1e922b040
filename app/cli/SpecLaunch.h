// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/RunLauncher.h"
#include "core/runs/RunSpec.h"
#include "core/store/RunRecord.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

class QCommandLineParser;

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Cli {

class CliOutput;

/// What `run` and `sweep` share: reading SPEC.json, its data (or `--data`'s) and the
/// workspace, then running the spec's runs on a job queue and waiting for them.
class SpecLaunch
{
public:
    /// Declares SPEC, `--workspace DIR` and `--data FILE`.
    static void configure(QCommandLineParser &parser);

    /// Reads the command line: a usage error (ExitUsage) for a missing or extra
    /// argument or option, a failure (ExitFailure) for a spec, data file or workspace
    /// that cannot be used (the error names the file and the field). ExitSuccess
    /// when everything is ready. `allowSweep` false refuses a spec with a sweep (`run`).
    int prepare(const QCommandLineParser &parser, CliOutput &output, bool allowSweep);

    const Runs::RunSpec &spec() const { return m_spec; }
    /// The workspace, once prepared.
    const std::shared_ptr<Store::Workspace> &workspace() const { return m_workspace; }

    /// Narrows the spec to its `index`-th run (Runs::planRuns order), kept in the
    /// experiment the whole sweep would use. ExitFailure when there is no such run.
    int selectRun(int index, CliOutput &output);

    /// Called on this thread as each run ends, with the run as stored then: the
    /// `ended`-th of `total`.
    using Finished = std::function<void(const Store::RunRecord &run, qsizetype ended, qsizetype total)>;

    /// Runs every run of the spec, `concurrency` at a time (0: one per core), and
    /// returns them as stored once all have ended, in run order; the launch's notes
    /// go to stderr. ExitFailure in `exitCode` when they could not be started or read back.
    ///
    /// Ctrl-C (SIGINT, SIGTERM; Ctrl-Break on Windows) while they run cancels them
    /// (InterruptSignal): running runs stop and end cancelled, queued ones end cancelled
    /// without starting, stderr says how many were done, and `exitCode` is
    /// ExitInterrupted. A second Ctrl-C ends the process at once.
    QList<Store::RunRecord> runAll(int concurrency, const Finished &onFinished, CliOutput &output, int &exitCode);
    /// The same on `executor` (a SlurmExecutor of this workspace): Ctrl-C cancels
    /// through Executor::cancelAll.
    QList<Store::RunRecord> runAll(
        Runs::Executor &executor, const Finished &onFinished, CliOutput &output, int &exitCode);

private:
    Runs::RunSpec m_spec;
    std::shared_ptr<const Data::Dataset> m_dataset;
    std::shared_ptr<Store::Workspace> m_workspace;
};

/// The line a run that has ended is reported with on stderr, once its end is stored:
/// "[3/12] run 7 done (accuracy 0.9832): C=0.1, penalty=l2" (the `ended`-th of `total`;
/// a done run's headline metric as stored; a failed run's error in parentheses at the end).
QString runProgressLine(const Store::RunRecord &run, qsizetype ended, qsizetype total);

} // namespace Tandem::Cli
