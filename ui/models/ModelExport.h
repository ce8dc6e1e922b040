// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/bundle/BundleManifest.h"
#include "core/runs/JobQueue.h"

#include <QString>

#include <memory>

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Ui {

/// A run to export as a model bundle, and where to.
struct ModelExportRequest {
    std::shared_ptr<Store::Workspace> workspace;
    qint64 runId = 0;
    /// For the job's title.
    QString runName;
    /// The bundle file to write (its folder is made when missing).
    QString path;
    /// AllRows refits on every row; HoldoutTraining is the model a holdout run evaluated.
    Bundle::FitScope scope = Bundle::FitScope::AllRows;
};

/// Exports a run as a job on `jobs` ("Exporting run #12 …" in the Jobs dock):
/// Bundle::exportRun on a store connection of the job's own with the job's
/// threads (refitting can take as long as the run did), then Bundle::save, which
/// writes atomically. Nothing runs on the calling thread. `finished` is called on
/// the queue's thread: Done once the file is there, Failed with exportRun's or
/// save's message, or Cancelled.
Runs::JobId startModelExport(
    Runs::JobQueue &jobs, const ModelExportRequest &request, Runs::JobQueue::Completion finished);

} // namespace Tandem::Ui
