// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/bundle/Bundle.h"
#include "core/bundle/ModelFit.h"

#include <QMap>
#include <QString>

#include <optional>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Runs {
struct RunSpec;
}

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Bundle {

struct ExportOptions {
    /// AllRows refits on every row (the default); HoldoutTraining exports the
    /// model a holdout run evaluated (`--no-refit`), refused for k-fold runs.
    FitScope scope = FitScope::AllRows;
    /// Read the training data from here instead of the run spec's path (it must
    /// have the fingerprint the run recorded).
    QString dataPath;
    /// Threads for the fit; the model does not depend on them.
    int threads = 1;
};

/// Where a bundle comes from, for its manifest.
struct BundleOrigin {
    std::optional<qint64> runId;
    QString runName;
    QString experiment;
    QString workspace;
    QString datasetPath;
    /// The run's mean metrics and how it was evaluated.
    QMap<QString, double> metrics;
    QString evaluation;
};

/// Exports run `runId` of `store` as a bundle: reads the run's spec and its data
/// (checked against the fingerprint the run recorded), fits the model (fitModel,
/// the run's seed), profiles the training data (the drift reference) and records
/// the run's mean metrics and provenance. Only a finished (done) run can be
/// exported. Progress: reading, fitting, profiling; a stop request ends it with
/// the fit's stopped message.
Base::Result<Bundle> exportRun(
    const Store::ExperimentStore &store, qint64 runId, const ExportOptions &options, const Base::Progress &progress);

/// The bundle of a model fitted on `dataset` for `spec`, with the manifest filled
/// from them and from `origin` (creation time now, this app's version).
Base::Result<Bundle> makeBundle(const Data::Dataset &dataset, const Runs::RunSpec &spec, FittedModel fitted,
    const BundleOrigin &origin, const Base::Progress &progress);

} // namespace Tandem::Bundle
