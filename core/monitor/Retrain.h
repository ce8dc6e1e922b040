// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/runs/JobQueue.h"
#include "core/runs/RunSpec.h"
#include "core/store/RunStatus.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Store {
class ExperimentStore;
class Workspace;
} // namespace Tandem::Store

namespace Tandem::Monitor {

/// Retraining closes the drift loop (issue 8): a model's RunSpec is run again on
/// the current data, as a new run in the same experiment, so that the Compare view
/// can set the old model against the new one.
///
/// What makes that comparison honest "on the current data": besides the new run
/// (cross-validated on its training data), the old run's model is scored on the
/// current data as a run of its own (queueExternalEvaluation: refit as `tandem-cli
/// export` fits it, every metric over the current rows with a target, tagged
/// `evaluation:external`). With RetrainData::CurrentOnly, both numbers are
/// out-of-sample measures on the current data: the old model never saw it, and
/// the new one is cross-validated on it. With ReferenceAndCurrent the new run's
/// folds also hold reference rows (its note says so). The new run is tagged
/// `retrain` and `retrain-of:<old id>`, with a note naming the data; the external
/// evaluation run is tagged `model-of:<old id>`.
///
/// Use: queueRetrain() where blocking to read the data is fine (the CLI, tests);
/// a GUI calls retrainSourceOfRun() on its thread, prepareRetrain() in a job
/// (it reads and may write data), then launchRetrain() back on its thread.

enum class RetrainData : quint8 {
    /// Train on the current data alone.
    CurrentOnly,
    /// Train on the reference (the original run's data) followed by the current
    /// rows, written as one CSV in the workspace.
    ReferenceAndCurrent,
};

/// "current", "both" (the CLI's --retrain-data values).
QString retrainDataName(RetrainData data);
std::optional<RetrainData> retrainDataFromName(const QString &name);

/// The tag of every retrain run; "retrain-of:<id>" names the run retrained.
QString retrainTag();
QString retrainOfTag(qint64 runId);

/// What is retrained: a single run's spec, and the run it came from when there is one.
struct RetrainSource {
    Runs::RunSpec spec;
    std::optional<qint64> runId;
    /// The run's name, or the spec's (its model id when it has none).
    QString name;
    /// The experiment the new run joins: the run's (empty when it had none), or
    /// Runs::experimentName(spec) for a spec.
    QString experiment;
};

/// Run `runId` of `store` (its stored spec, name and experiment). Errors: an
/// unknown run (the store's message), a spec that no longer parses.
Base::Result<RetrainSource> retrainSourceOfRun(const Store::ExperimentStore &store, qint64 runId);
/// A spec file's spec. A spec with a sweep is refused: a retrain is one run.
Base::Result<RetrainSource> retrainSourceOfSpec(const Runs::RunSpec &spec);

/// A retrain with its data read (and, for ReferenceAndCurrent, written).
struct RetrainPlan {
    RetrainSource source;
    RetrainData data = RetrainData::CurrentOnly;
    /// The new run's spec: the source's, on `trainingPath` (absolute) with that
    /// data's fingerprint, named "<name> (retrain on <file>)", in source.experiment.
    Runs::RunSpec spec;
    QString currentPath;
    std::shared_ptr<const Data::Dataset> current;
    /// What the new run trains on: currentPath, or the stacked CSV.
    QString trainingPath;
    std::shared_ptr<const Data::Dataset> training;
    /// ReferenceAndCurrent: the reference's rows, which come first in `training`.
    qint64 referenceRows = 0;
};

/// Reads the current data (and for ReferenceAndCurrent the source spec's data,
/// checked against its pinned fingerprint) and checks the spec's target and
/// features against what the new run will train on. ReferenceAndCurrent writes
/// the reference's rows then the current ones to
/// `<workspacePath>/datasets/retrain-<run id or spec name>-<yyyyMMdd-HHmmss>.csv`
/// atomically (QSaveFile), in the reference's column order, cells as
/// Data::Column::toString gives them, and reads it back. Any thread.
/// Errors: the data's (file, line), the columns of the two files differing (an
/// Error naming the first column one side lacks, or one whose type differs:
/// numeric and integer mix, as do categorical and text), the spec's checks.
Base::Result<RetrainPlan> prepareRetrain(const RetrainSource &source, const QString &workspacePath,
    const QString &currentPath, RetrainData data, const Base::Progress &progress);

/// What a retrain started.
struct RetrainLaunch {
    /// The run retrained; empty when the source was a spec file.
    std::optional<qint64> originalRunId;
    /// The new run.
    qint64 runId = 0;
    /// The old model scored on the current data (queueExternalEvaluation); only
    /// when retraining a run.
    std::optional<qint64> originalOnCurrentRunId;
    std::optional<qint64> experimentId;
    QString trainingPath;
    /// What went wrong besides the new run (the old model could not be scored,
    /// a tag or note not written), for the user.
    QStringList notes;
};

/// Called on the queue's thread once every run of the retrain has ended, with the
/// new run's status and error.
using RetrainFinished = std::function<void(const RetrainLaunch &launch, Store::RunStatus status, const QString &error)>;

/// On the workspace's thread: registers the training data with the workspace,
/// launches the new run on `queue` through Runs::launchRuns (the path every run
/// takes), tags it and notes where it came from, and, for a run's retrain, queues
/// the external evaluation of the old model on the current data in the same
/// experiment. Errors: a read-only workspace, launchRuns's and the store's.
Base::Result<RetrainLaunch> launchRetrain(const std::shared_ptr<Store::Workspace> &workspace, Runs::JobQueue &queue,
    const RetrainPlan &plan, RetrainFinished onFinished = {});

/// The whole retrain of run `runId` on `currentDataPath`, reading the data on the
/// calling thread (which must be the workspace's): retrainSourceOfRun,
/// prepareRetrain, launchRetrain.
Base::Result<RetrainLaunch> queueRetrain(const std::shared_ptr<Store::Workspace> &workspace, Runs::JobQueue &queue,
    qint64 runId, const QString &currentDataPath, RetrainData data, RetrainFinished onFinished = {});
/// The same from a spec (RunSpec::load'ed): the new run joins the spec's experiment.
Base::Result<RetrainLaunch> queueRetrain(const std::shared_ptr<Store::Workspace> &workspace, Runs::JobQueue &queue,
    const Runs::RunSpec &spec, const QString &currentDataPath, RetrainData data, RetrainFinished onFinished = {});

} // namespace Tandem::Monitor
