// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/monitor/Retrain.h"
#include "core/store/RunStatus.h"

#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

class QTextStream;

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Cli {

class CliOutput;

/// The headless retrain of `tandem-cli drift --retrain SPEC.json|RUN_ID --workspace
/// DIR [--retrain-data current|both]`: when the gate trips, the spec (or the run's)
/// is run on the current data through Monitor::prepareRetrain and launchRetrain,
/// and the command waits for it with progress on stderr.
class DriftRetrain
{
public:
    /// Reads the spec file or finds the run in the workspace (created for a spec,
    /// opened for a run id) before the drift is computed, so that a wrong argument
    /// fails at once. ExitSuccess, or ExitFailure with the error printed.
    int prepare(const QString &specOrRunId, const QString &workspaceDir, Monitor::RetrainData data, CliOutput &output);

    /// Retrains on `currentPath` and waits until its runs have ended. ExitSuccess
    /// when the new run is done; ExitFailure (the error printed) when it could not
    /// be started or did not finish done; ExitInterrupted after Ctrl-C.
    int run(const QString &currentPath, CliOutput &output);

    bool hasRun() const { return m_launch.has_value(); }
    /// {run_id, status, error, original_run_id, original_on_current_run_id,
    /// experiment_id, data, dataset}; null before run().
    QJsonValue json() const;
    /// The lines of the text report.
    void printText(QTextStream &out) const;

private:
    std::shared_ptr<Store::Workspace> m_workspace;
    std::optional<Monitor::RetrainSource> m_source;
    Monitor::RetrainData m_data = Monitor::RetrainData::CurrentOnly;
    std::optional<Monitor::RetrainLaunch> m_launch;
    Store::RunStatus m_status = Store::RunStatus::Queued;
    QString m_error;
};

} // namespace Tandem::Cli
