// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/PredictCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/StderrProgress.h"
#include "core/bundle/Bundle.h"
#include "core/bundle/CsvScoring.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QSaveFile>

#include <cstdio>
#include <memory>

namespace Tandem::Cli {
namespace {

const QString outOption = QStringLiteral("out");
const QString probaOption = QStringLiteral("proba");
const QString batchOption = QStringLiteral("batch-rows");
const QString unknownOption = QStringLiteral("allow-unknown-categories");

} // namespace

QStringList PredictCommand::synopsis() const
{
    return {QStringLiteral("predict BUNDLE DATA [--out FILE] [--proba] [--batch-rows N] [--allow-unknown-categories]")};
}

QString PredictCommand::details() const
{
    return QStringLiteral("Scores the delimited file DATA (CSV, TSV, ...; gzip read through) with the model bundle\n"
                          "BUNDLE (made by 'tandem-cli export') and writes one CSV row per row of DATA, in order:\n"
                          "'prediction' (the class label, or the value), then with --proba one 'proba_<class>'\n"
                          "column per class. Numbers are written in the shortest form that reads back exactly:\n"
                          "the predictions equal those of the same model in the workbench, bit for bit.\n"
                          "\n"
                          "DATA needs a header naming at least the model's input columns (others are ignored).\n"
                          "It is read --batch-rows rows at a time (default 10000), so memory stays bounded\n"
                          "whatever its size. Each batch is checked against the bundle's schema: a missing\n"
                          "column, a cell that is not of its column's type, or a category the model never saw\n"
                          "stops the command with an error naming the line and the column (unknown categories\n"
                          "are scored as the pipeline does, with no category set, with --allow-unknown-categories).\n"
                          "Missing cells are filled as in training.\n"
                          "\n"
                          "--out FILE is written atomically: on an error it is left as it was. Progress and a\n"
                          "summary (rows, batches) go to stderr.\n");
}

void PredictCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(QStringList {outOption},
        QStringLiteral("Write the predictions to FILE (default: stdout)."), QStringLiteral("FILE")));
    parser.addOption(
        QCommandLineOption(QStringList {probaOption}, QStringLiteral("Add the probability of every class.")));
    parser.addOption(QCommandLineOption(QStringList {batchOption},
        QStringLiteral("Rows read and scored at a time (default 10000)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(
        QStringList {unknownOption}, QStringLiteral("Score categories the model never saw instead of refusing them.")));
    parser.addPositionalArgument(QStringLiteral("BUNDLE"), QStringLiteral("The model bundle (.tandem)."));
    parser.addPositionalArgument(QStringLiteral("DATA"), QStringLiteral("The data to score (delimited text)."));
}

int PredictCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() < 2)
        return output.usageError(arguments.isEmpty() ? QStringLiteral("missing arguments BUNDLE DATA")
                                                     : QStringLiteral("missing argument DATA"));
    if (arguments.size() > 2)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(2)));
    Bundle::CsvScoreOptions options;
    if (parser.isSet(batchOption)) {
        bool ok = false;
        options.batchRows = QLocale::c().toLongLong(parser.value(batchOption), &ok);
        if (!ok || options.batchRows < 1)
            return output.usageError(QStringLiteral("invalid --batch-rows '%1': expected a whole number >= 1")
                                         .arg(parser.value(batchOption)));
    }
    options.score.probabilities = parser.isSet(probaOption);
    options.score.allowUnknownCategories = parser.isSet(unknownOption);

    auto bundle = Bundle::Bundle::load(arguments.at(0));
    if (!bundle.ok())
        return output.failure(bundle.error());
    if (options.score.probabilities && bundle.value().manifest().task != Learn::Task::Classification)
        return output.usageError(QStringLiteral("--proba needs a classification model; %1 is a regression model")
                                     .arg(bundle.value().manifest().modelId));
    const Bundle::Scorer scorer(std::make_shared<const Bundle::Bundle>(std::move(bundle).value()));

    // stdout, or FILE committed only when every row was scored.
    std::unique_ptr<QFileDevice> device;
    QSaveFile *saveFile = nullptr;
    if (parser.isSet(outOption)) {
        const QString path = QDir(QDir::currentPath()).absoluteFilePath(parser.value(outOption));
        auto file = std::make_unique<QSaveFile>(path);
        if (!file->open(QIODevice::WriteOnly))
            return output.failure(Base::Error(QStringLiteral("cannot write: %1").arg(file->errorString()), path));
        saveFile = file.get();
        device = std::move(file);
    } else {
        output.out().flush();
        auto file = std::make_unique<QFile>();
        if (!file->open(stdout, QIODevice::WriteOnly))
            return output.failure(Base::Error(QStringLiteral("cannot write to stdout: %1").arg(file->errorString())));
        device = std::move(file);
    }

    StderrProgress sink(output.err(), name());
    const auto summary = Bundle::scoreCsv(scorer, arguments.at(1), *device, options, Base::Progress(sink));
    if (!summary.ok()) {
        if (saveFile)
            saveFile->cancelWriting();
        device->flush();
        return output.failure(summary.error());
    }
    if (saveFile && !saveFile->commit())
        return output.failure(
            Base::Error(QStringLiteral("cannot write: %1").arg(saveFile->errorString()), saveFile->fileName()));
    device->flush();
    output.err() << QStringLiteral("tandem-cli predict: scored %1 rows in %2 batch(es) of at most %3 rows\n")
                        .arg(summary.value().rows)
                        .arg(summary.value().batches)
                        .arg(summary.value().largestBatchRows);
    return ExitSuccess;
}

} // namespace Tandem::Cli
