// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/BundleScoring.h"

#include "core/bundle/Bundle.h"
#include "core/bundle/Scorer.h"
#include "core/data/DatasetReader.h"
#include "ui/models/ModelFolders.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <memory>

namespace Tandem::Ui {
namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("Tandem::Ui::BundleScoring", text);
}

Base::Status score(const ScoringRequest &request, ScoringOutcome &outcome, const Base::Progress &progress)
{
    if (Data::DatasetReader::detectFormat(request.dataPath) != Data::FileFormat::Csv)
        return Base::Error(translated("scoring reads delimited text (CSV, TSV, ...) with a header; this file is not"),
            request.dataPath);
    auto bundle = Bundle::Bundle::load(request.bundlePath);
    if (!bundle.ok())
        return bundle.error();
    Bundle::CsvScoreOptions options;
    options.csv = request.csv;
    options.keepInputColumns = true;
    options.score.probabilities
        = request.probabilities && bundle.value().manifest().task == Learn::Task::Classification;
    options.score.allowUnknownCategories = request.allowUnknownCategories;
    const Bundle::Scorer scorer(std::make_shared<const Bundle::Bundle>(std::move(bundle).value()));

    const QString folder = QFileInfo(request.outPath).absolutePath();
    if (!QDir().mkpath(folder))
        return Base::Error(translated("cannot create the folder"), folder);
    QSaveFile out(request.outPath);
    if (!out.open(QIODevice::WriteOnly))
        return Base::Error(translated("cannot write: %1").arg(out.errorString()), request.outPath);
    auto summary = Bundle::scoreCsv(scorer, request.dataPath, out, options, progress);
    if (!summary.ok()) {
        out.cancelWriting();
        return summary.error();
    }
    if (!out.commit())
        return Base::Error(translated("cannot write: %1").arg(out.errorString()), request.outPath);
    outcome.summary = summary.value();
    return {};
}

} // namespace

QString defaultScoredPath(const QString &workspacePath, const QString &dataPath, const QString &bundlePath)
{
    const QString base = safeFileName(QFileInfo(dataPath).completeBaseName(), QStringLiteral("data")) + QLatin1Char('-')
        + safeFileName(QFileInfo(bundlePath).completeBaseName(), QStringLiteral("model"));
    return unusedFilePath(scoredFolder(workspacePath), base, QStringLiteral(".csv"));
}

Runs::JobId startScoring(Runs::JobQueue &jobs, const ScoringRequest &request,
    std::function<void(const Runs::JobInfo &, const ScoringOutcome &)> finished)
{
    auto outcome = std::make_shared<ScoringOutcome>();
    const QString title = translated("Scoring %1 with %2")
                              .arg(QFileInfo(request.dataPath).fileName(), QFileInfo(request.bundlePath).fileName());
    return jobs.submit(
        title,
        [request, outcome](const Base::Progress &progress) -> Base::Status {
            const Base::Status status = score(request, *outcome, progress);
            if (!status.ok())
                outcome->error = status.error();
            return status;
        },
        [outcome, finished = std::move(finished)](const Runs::JobInfo &info) {
            if (finished)
                finished(info, *outcome);
        });
}

} // namespace Tandem::Ui
