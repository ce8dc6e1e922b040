// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Error.h"
#include "core/bundle/CsvScoring.h"
#include "core/data/CsvOptions.h"
#include "core/runs/JobQueue.h"

#include <QString>

#include <functional>
#include <optional>

namespace Tandem::Ui {

/// A dataset file to score with a bundle, and where the scored copy goes.
struct ScoringRequest {
    QString bundlePath;
    /// Delimited text (CSV, TSV, ...), read with `csv` (the Datasets view's import settings).
    QString dataPath;
    Data::CsvOptions csv;
    /// Add proba_<class> columns (classification bundles only; ignored otherwise).
    bool probabilities = true;
    bool allowUnknownCategories = false;
    /// The scored CSV: the data's columns, then the predictions.
    QString outPath;
};

/// How a scoring job ended, beyond its state.
struct ScoringOutcome {
    Bundle::CsvScoreSummary summary;
    /// Failed: the error as scoring reported it (line and column in the message).
    std::optional<Base::Error> error;
};

/// `<scored folder>/<data>-<bundle>.csv`, numbered so as not to replace a file.
QString defaultScoredPath(const QString &workspacePath, const QString &dataPath, const QString &bundlePath);

/// Scores `request.dataPath` with the bundle as a job on `jobs` ("Scoring iris.csv
/// with …" in the Jobs dock): Bundle::load, then Bundle::scoreCsv with the data's
/// columns kept, into a QSaveFile, so `outPath` holds the whole scored file or
/// nothing (its folder is made when missing). Schema errors stop it, naming the
/// line and column. `finished` is called on the queue's thread.
Runs::JobId startScoring(Runs::JobQueue &jobs, const ScoringRequest &request,
    std::function<void(const Runs::JobInfo &, const ScoringOutcome &)> finished);

} // namespace Tandem::Ui
