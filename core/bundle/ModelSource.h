// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/bundle/Bundle.h"
#include "core/bundle/Scorer.h"

#include <QString>

#include <memory>
#include <optional>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Bundle {

/// Which model scores data: a `.tandem` bundle file, or a finished run of a
/// workspace. Runs keep no fitted model, so a run's model is fitted again as
/// `tandem-cli export` fits it (exportRun with FitScope::AllRows: every row with a
/// target, the run's seed): the model of the run's exported bundle, bit for bit.
/// The CLI (`drift --model`) and the Drift view name models this way.
struct ModelSource {
    QString bundlePath;
    QString workspacePath;
    std::optional<qint64> runId;

    static ModelSource bundleFile(const QString &path);
    static ModelSource run(const QString &workspacePath, qint64 runId);
    /// As a command line gives it: an existing file is a bundle; otherwise a whole
    /// number is a run id of `workspacePath` (an error when that is empty); anything
    /// else is a bundle path (whose absence loadModel reports).
    static Base::Result<ModelSource> fromArgument(const QString &bundleOrRunId, const QString &workspacePath);

    bool isRun() const { return runId.has_value(); }
    /// "bundle model.tandem" or "run 7 of /path/ws", for messages.
    QString describe() const;
};

/// Loads the model: Bundle::load of the file, or exportRun of the run over its
/// workspace opened read-only (`threads` for the fit; progress: reading the run's
/// data, fitting, profiling). Errors are theirs: a missing file or one that is no
/// bundle, a folder that is no workspace, an unknown run, a run that is not done,
/// a run whose data file changed since (its fingerprint).
Base::Result<std::shared_ptr<const Bundle>> loadModel(
    const ModelSource &source, int threads, const Base::Progress &progress);

/// Scores every row of `data` with `model` (Scorer::score; schema errors name the
/// column and the row as a record number of `source`).
Base::Result<Scores> scoreDataset(const std::shared_ptr<const Bundle> &model, const Data::Dataset &data,
    const QString &source, const ScoreOptions &options = {});

} // namespace Tandem::Bundle
