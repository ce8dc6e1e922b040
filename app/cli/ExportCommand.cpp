// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ExportCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/StderrProgress.h"
#include "core/bundle/Export.h"
#include "core/bundle/ReproducibilityCheck.h"
#include "core/data/Dataset.h"
#include "core/data/DatasetReader.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QThread>

namespace Tandem::Cli {
namespace {

const QString workspaceOption = QStringLiteral("workspace");
const QString outOption = QStringLiteral("out");
const QString noRefitOption = QStringLiteral("no-refit");
const QString dataOption = QStringLiteral("data");
const QString checkOption = QStringLiteral("check");
const QString threadsOption = QStringLiteral("threads");

/// --threads, or one per core.
std::optional<int> threadsOf(const QCommandLineParser &parser)
{
    if (!parser.isSet(threadsOption))
        return std::max(1, QThread::idealThreadCount());
    bool ok = false;
    const int threads = QLocale::c().toInt(parser.value(threadsOption), &ok);
    if (!ok || threads < 1)
        return std::nullopt;
    return threads;
}

} // namespace

QStringList ExportCommand::synopsis() const
{
    return {QStringLiteral("export RUN_ID --workspace DIR --out FILE.tandem [--no-refit] [--data FILE] [--threads N]"),
        QStringLiteral("export --check BUNDLE DATA [--threads N]")};
}

QString ExportCommand::details() const
{
    return QStringLiteral("Packages the model of run RUN_ID of the workspace DIR as one file, FILE.tandem: the fitted\n"
                          "preprocessing and model, the input schema (columns, types, categories), class labels, the\n"
                          "run's spec, the training data's fingerprint and profile (the drift reference), the run's\n"
                          "metrics, the Tandem version, the time, and a SHA-256 checksum (see docs/BUNDLE.md).\n"
                          "\n"
                          "The model is fitted again on every row of the run's data (read from the path in its spec,\n"
                          "or --data FILE, which must have the fingerprint the run recorded) with the run's seed: the\n"
                          "model to deploy, its quality estimated by the run's evaluation. --no-refit exports the\n"
                          "model the run evaluated instead, fitted on the training part of its holdout split; a\n"
                          "cross-validated run fitted one model per fold and none is the run's, so it is refused.\n"
                          "Only a finished (done) run can be exported. Progress goes to stderr; the file is written\n"
                          "atomically (the old file or the whole new one).\n"
                          "\n"
                          "--check BUNDLE DATA rebuilds the bundle from its spec on DATA and compares: the data's\n"
                          "fingerprint with the training data's, each recorded metric with the evaluation run again,\n"
                          "and the refitted model with the bundled one, byte for byte. It prints one line per check\n"
                          "(\"match\" or \"MISMATCH\", what the bundle says, what DATA gave) and exits 0 when all\n"
                          "match, 1 otherwise.\n");
}

void ExportCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(
        QStringList {workspaceOption}, QStringLiteral("The workspace holding the run."), QStringLiteral("DIR")));
    parser.addOption(
        QCommandLineOption(QStringList {outOption}, QStringLiteral("The bundle to write."), QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringList {noRefitOption},
        QStringLiteral("Export the model the run evaluated (holdout runs) instead of refitting on all rows.")));
    parser.addOption(QCommandLineOption(QStringList {dataOption},
        QStringLiteral("Read the training data from FILE instead of the spec's path."), QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(
        QStringList {checkOption}, QStringLiteral("Check that BUNDLE rebuilds from its spec on DATA.")));
    parser.addOption(QCommandLineOption(QStringList {threadsOption},
        QStringLiteral("Threads for fitting (default: one per core; the model does not depend on it)."),
        QStringLiteral("N")));
    parser.addPositionalArgument(
        QStringLiteral("RUN_ID"), QStringLiteral("The run to export (or, with --check: BUNDLE DATA)."));
}

int ExportCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    if (!threadsOf(parser))
        return output.usageError(
            QStringLiteral("invalid --threads '%1': expected a whole number >= 1").arg(parser.value(threadsOption)));
    return parser.isSet(checkOption) ? check(parser, output) : exportRun(parser, output);
}

int ExportCommand::exportRun(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return output.usageError(QStringLiteral("missing argument RUN_ID"));
    if (arguments.size() > 1)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(1)));
    bool ok = false;
    const qint64 runId = QLocale::c().toLongLong(arguments.first(), &ok);
    if (!ok || runId < 1)
        return output.usageError(QStringLiteral("invalid run id '%1'").arg(arguments.first()));
    if (parser.value(workspaceOption).isEmpty())
        return output.usageError(QStringLiteral("missing option --workspace"));
    if (parser.value(outOption).isEmpty())
        return output.usageError(QStringLiteral("missing option --out"));

    const auto workspace = Store::Workspace::open(parser.value(workspaceOption), Store::Workspace::Access::ReadOnly);
    if (!workspace.ok())
        return output.failure(workspace.error());

    Bundle::ExportOptions options;
    options.scope = parser.isSet(noRefitOption) ? Bundle::FitScope::HoldoutTraining : Bundle::FitScope::AllRows;
    options.dataPath = parser.value(dataOption);
    options.threads = *threadsOf(parser);
    StderrProgress sink(output.err(), name());
    auto bundle = Bundle::exportRun(workspace.value()->store(), runId, options, Base::Progress(sink));
    if (!bundle.ok())
        return output.failure(bundle.error());
    const QString path = QDir(QDir::currentPath()).absoluteFilePath(parser.value(outOption));
    if (const Base::Status saved = bundle.value().save(path); !saved.ok())
        return output.failure(saved.error());

    const Bundle::BundleManifest &manifest = bundle.value().manifest();
    QStringList inputs;
    for (const Bundle::InputColumn &column : manifest.inputs.columns())
        inputs << column.name;
    QTextStream &out = output.out();
    out << QStringLiteral("run %1 exported to %2\n").arg(runId).arg(QDir::toNativeSeparators(path));
    out << QStringLiteral("  %1 %2 (%3), fitted on %4 rows (%5)\n")
               .arg(QStringLiteral("model"), -10)
               .arg(manifest.modelId, manifest.modelName)
               .arg(manifest.fitRows)
               .arg(manifest.fitScope == Bundle::FitScope::AllRows ? QStringLiteral("all rows")
                                                                   : QStringLiteral("the holdout's training part"));
    out << QStringLiteral("  %1 %2\n").arg(QStringLiteral("inputs"), -10).arg(inputs.join(QStringLiteral(", ")));
    out << QStringLiteral("  %1 %2%3\n")
               .arg(QStringLiteral("target"), -10)
               .arg(manifest.target,
                   manifest.classes.isEmpty() ? QString()
                                              : QStringLiteral(" (%1 classes)").arg(manifest.classes.size()));
    out << QStringLiteral("  %1 %2\n").arg(QStringLiteral("data"), -10).arg(manifest.datasetFingerprint);
    return ExitSuccess;
}

int ExportCommand::check(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() < 2)
        return output.usageError(arguments.isEmpty() ? QStringLiteral("missing arguments BUNDLE DATA")
                                                     : QStringLiteral("missing argument DATA"));
    if (arguments.size() > 2)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(2)));
    for (const QString &option : {workspaceOption, outOption, noRefitOption, dataOption}) {
        if (parser.isSet(option))
            return output.usageError(QStringLiteral("--check takes no --%1").arg(option));
    }
    auto bundle = Bundle::Bundle::load(arguments.at(0));
    if (!bundle.ok())
        return output.failure(bundle.error());
    StderrProgress sink(output.err(), name());
    const Base::Progress progress(sink);
    auto data = Data::DatasetReader::read(arguments.at(1), {}, progress.subrange(0.0, 0.1));
    if (!data.ok())
        return output.failure(data.error());
    auto report
        = Bundle::checkBundle(bundle.value(), *data.value().dataset, *threadsOf(parser), progress.subrange(0.1, 1.0));
    if (!report.ok()) {
        Base::Error error = report.error();
        if (error.file.isEmpty())
            error.file = arguments.at(1);
        return output.failure(error);
    }
    QTextStream &out = output.out();
    qsizetype mismatches = 0;
    for (const Bundle::CheckItem &item : report.value().items) {
        if (item.matched) {
            out << QStringLiteral("match     %1  %2\n").arg(item.name, -28).arg(item.found);
        } else {
            ++mismatches;
            out << QStringLiteral("MISMATCH  %1  bundle %2, now %3\n")
                       .arg(item.name, -28)
                       .arg(item.expected, item.found);
        }
    }
    if (mismatches == 0) {
        out << QStringLiteral("reproduced: all %1 checks match\n").arg(report.value().items.size());
        return ExitSuccess;
    }
    out << QStringLiteral("not reproduced: %1 of %2 checks differ\n").arg(mismatches).arg(report.value().items.size());
    return output.failure(
        Base::Error(QStringLiteral("the bundle does not rebuild from this data: %1 check(s) differ").arg(mismatches),
            arguments.at(1)));
}

} // namespace Tandem::Cli
