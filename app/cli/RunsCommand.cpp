// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RunsCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/MetricFormat.h"
#include "app/cli/PendingClusterResults.h"
#include "app/cli/RunRecordFormat.h"
#include "core/runs/CsvText.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <cmath>
#include <map>
#include <set>

namespace Tandem::Cli {
namespace {

namespace CsvText = Runs::CsvText;

const QString workspaceOption = QStringLiteral("workspace");
const QString jsonOption = QStringLiteral("json");
const QString csvOption = QStringLiteral("csv");

QString jsonScalarText(const QJsonValue &value)
{
    if (value.isDouble())
        return CsvText::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return value.toString();
}

void printJson(const QJsonValue &value, CliOutput &output)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    output.out() << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

void listText(const QList<Store::RunRecord> &runs, CliOutput &output)
{
    QTextStream &out = output.out();
    out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
               .arg(QStringLiteral("run"), 6)
               .arg(QStringLiteral("status"), -11)
               .arg(QStringLiteral("model"), -12)
               .arg(QStringLiteral("score"), -17)
               .arg(QStringLiteral("experiment"), -24)
               .arg(QStringLiteral("name"));
    for (const Store::RunRecord &run : runs) {
        const QString score = QStringLiteral("%1 %2").arg(runHeadlineMetric(run), formatMetric(runHeadlineValue(run)));
        out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                   .arg(run.id, 6)
                   .arg(Store::runStatusName(run.status), -11)
                   .arg(runModel(run), -12)
                   .arg(score, -17)
                   .arg(run.experimentName, -24)
                   .arg(run.name);
    }
}

/// One row per run, every parameter and metric a column of its own.
void listCsv(const QList<Store::RunRecord> &runs, CliOutput &output)
{
    std::set<QString> params;
    std::set<QString> metrics;
    for (const Store::RunRecord &run : runs) {
        for (const QString &key : run.params.keys())
            params.insert(key);
        for (const QString &key : run.metrics.keys())
            metrics.insert(key);
    }
    QStringList header {QStringLiteral("id"), QStringLiteral("status"), QStringLiteral("experiment"),
        QStringLiteral("name"), QStringLiteral("model"), QStringLiteral("duration_ms"), QStringLiteral("error")};
    for (const QString &name : params)
        header << CsvText::field(QStringLiteral("param.") + name);
    for (const QString &name : metrics)
        header << CsvText::field(QStringLiteral("metric.") + name);
    output.out() << header.join(QLatin1Char(',')) << '\n';
    for (const Store::RunRecord &run : runs) {
        QStringList row {QString::number(run.id), Store::runStatusName(run.status), CsvText::field(run.experimentName),
            CsvText::field(run.name), CsvText::field(runModel(run)),
            run.durationMs ? QString::number(*run.durationMs) : QString(), CsvText::field(run.error)};
        for (const QString &name : params)
            row << CsvText::field(jsonScalarText(run.params.value(name)));
        for (const QString &name : metrics)
            row << (run.metrics.contains(name) ? CsvText::number(run.metrics.value(name)) : QString());
        output.out() << row.join(QLatin1Char(',')) << '\n';
    }
}

void showText(const Store::RunDetails &details, const QString &artifactsDir, CliOutput &output)
{
    const Store::RunRecord &run = details.run;
    QTextStream &out = output.out();
    out << QStringLiteral("run %1: %2\n").arg(run.id).arg(run.name);
    const auto field = [&out](const QString &name, const QString &value) {
        if (!value.isEmpty())
            out << QStringLiteral("  %1 %2\n").arg(name, -12).arg(value);
    };
    field(QStringLiteral("status"), Store::runStatusName(run.status));
    field(QStringLiteral("error"), run.error);
    field(QStringLiteral("experiment"), run.experimentName);
    field(QStringLiteral("model"), runModel(run));
    field(QStringLiteral("params"), paramsText(run.params.toVariantMap()));
    field(QStringLiteral("seed"), run.seed ? QString::number(*run.seed) : QString());
    field(QStringLiteral("created"), run.createdAt.toString(Qt::ISODate));
    field(QStringLiteral("duration"),
        run.durationMs ? QStringLiteral("%1 s").arg(double(*run.durationMs) / 1000.0, 0, 'f', 3) : QString());
    field(QStringLiteral("host"), run.host);
    field(QStringLiteral("version"), run.appVersion);
    field(QStringLiteral("tags"), run.tags.join(QStringLiteral(", ")));

    // Metrics by name: each fold's value, then the mean over the folds.
    std::map<QString, std::map<int, double>> perFold;
    int folds = 0;
    for (const Store::MetricPoint &point : details.metrics) {
        if (point.fold && !point.step) {
            perFold[point.name][*point.fold] = point.value;
            folds = std::max(folds, *point.fold + 1);
        }
    }
    // A run stopped part-way has fold values and no mean: the mean column stays empty.
    QStringList names = run.metrics.keys();
    for (const auto &[name, values] : perFold) {
        if (!run.metrics.contains(name))
            names.append(name);
    }
    names.sort();
    if (!names.isEmpty()) {
        QString header = QStringLiteral("\n  %1").arg(QStringLiteral("metric"), -20);
        for (int f = 0; f < folds; ++f)
            header += QStringLiteral("%1").arg(QStringLiteral("fold %1").arg(f + 1), 9);
        out << header << QStringLiteral("%1\n").arg(QStringLiteral("mean"), 9);
        for (const QString &name : std::as_const(names)) {
            QString line = QStringLiteral("  %1").arg(name, -20);
            const auto found = perFold.find(name);
            for (int f = 0; f < folds; ++f) {
                const bool has = found != perFold.end() && found->second.count(f) > 0;
                line += QStringLiteral("%1").arg(has ? formatMetric(found->second.at(f)) : QString(), 9);
            }
            if (const auto mean = run.metrics.constFind(name); mean != run.metrics.constEnd())
                line += QStringLiteral("%1").arg(formatMetric(*mean), 9);
            out << line << QLatin1Char('\n');
        }
    }
    if (!details.artifacts.isEmpty()) {
        out << QStringLiteral("\n  artifacts in %1:\n").arg(artifactsDir);
        for (const QString &name : details.artifacts)
            out << QStringLiteral("    %1\n").arg(name);
    }
    for (const Store::RunNote &note : details.notes)
        out << QStringLiteral("\n  note (%1): %2\n").arg(note.createdAt.toString(Qt::ISODate), note.text);
    out << QStringLiteral("\n  spec:\n") << QString::fromUtf8(QJsonDocument(run.spec).toJson(QJsonDocument::Indented));
}

/// Every metric value of every run, one per line (a long table for pandas or R).
void exportCsv(const QList<Store::RunDetails> &runs, CliOutput &output)
{
    output.out() << QStringLiteral("run_id,experiment,name,model,status,metric,fold,step,value\n");
    for (const Store::RunDetails &details : runs) {
        const Store::RunRecord &run = details.run;
        const QString prefix = QStringList {QString::number(run.id), CsvText::field(run.experimentName),
            CsvText::field(run.name), CsvText::field(runModel(run)), Store::runStatusName(run.status)}
                                   .join(QLatin1Char(','));
        for (const Store::MetricPoint &point : details.metrics)
            output.out() << prefix << ',' << CsvText::field(point.name) << ','
                         << (point.fold ? QString::number(*point.fold) : QString()) << ','
                         << (point.step ? QString::number(*point.step) : QString()) << ','
                         << CsvText::number(point.value) << '\n';
    }
}

} // namespace

QStringList RunsCommand::synopsis() const
{
    return {QStringLiteral("runs list --workspace DIR [--json|--csv]"),
        QStringLiteral("runs show ID --workspace DIR [--json]"),
        QStringLiteral("runs export --workspace DIR [--json|--csv]")};
}

QString RunsCommand::details() const
{
    return QStringLiteral("Actions:\n"
                          "  list    One line per run, oldest first: id, status (queued, running, done, failed,\n"
                          "          cancelled, interrupted), model, headline metric (accuracy or r2), experiment\n"
                          "          and name. --json: an array of objects with id, name, experiment, status,\n"
                          "          executor (local or slurm), model, params, metrics (means over the folds),\n"
                          "          error, seed, created_at, started_at,\n"
                          "          ended_at, duration_ms, tags. --csv: one row per run, a column per parameter\n"
                          "          (param.NAME) and metric (metric.NAME).\n"
                          "  show    One run in full: what list says plus host, app version, the metrics of\n"
                          "          every fold, artifacts, notes and the spec. --json adds spec, host,\n"
                          "          app_version, folds, steps ({name, fold, step, value}), artifacts_dir,\n"
                          "          artifacts, notes to list's object.\n"
                          "  export  Every run in full: --json (the default) an array of show's objects; --csv\n"
                          "          every metric value, one per line: run_id, experiment, name, model, status,\n"
                          "          metric, fold, step, value (fold and step empty for means and final values).\n"
                          "\n"
                          "Opening the workspace marks the runs of processes that ended mid-run as interrupted.\n");
}

void RunsCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(
        QStringList {workspaceOption}, QStringLiteral("The workspace folder."), QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringList {jsonOption}, QStringLiteral("Print JSON.")));
    parser.addOption(QCommandLineOption(QStringList {csvOption}, QStringLiteral("Print CSV (list and export).")));
    parser.addPositionalArgument(
        QStringLiteral("ACTION"), QStringLiteral("'list', 'show' or 'export' (see Actions above)."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The run to show."), QStringLiteral("[ID]"));
}

int RunsCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return output.usageError(QStringLiteral("missing action: 'list', 'show' or 'export'"));
    const QString action = arguments.first();
    const bool show = action == QLatin1String("show");
    if (!show && action != QLatin1String("list") && action != QLatin1String("export"))
        return output.usageError(
            QStringLiteral("unknown action '%1' (expected 'list', 'show' or 'export')").arg(action));
    const qsizetype expected = show ? 2 : 1;
    if (arguments.size() < expected)
        return output.usageError(QStringLiteral("missing argument ID"));
    if (arguments.size() > expected)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(expected)));
    if (parser.value(workspaceOption).isEmpty())
        return output.usageError(QStringLiteral("missing option --workspace"));
    if (parser.isSet(jsonOption) && parser.isSet(csvOption))
        return output.usageError(QStringLiteral("--json and --csv exclude each other"));
    if (show && parser.isSet(csvOption))
        return output.usageError(QStringLiteral("runs show has no --csv"));
    qint64 id = 0;
    if (show) {
        bool ok = false;
        id = QLocale::c().toLongLong(arguments.at(1), &ok);
        if (!ok || id < 1)
            return output.usageError(QStringLiteral("invalid run id '%1'").arg(arguments.at(1)));
    }

    const auto workspace = Store::Workspace::open(parser.value(workspaceOption));
    if (!workspace.ok())
        return output.failure(workspace.error());
    if (!workspace.value()->readOnlyNotice().isEmpty())
        output.err() << QStringLiteral("note: ") << workspace.value()->readOnlyNotice() << '\n';
    // Results of cluster tasks whose submitting process ended come in first, so that
    // their runs read done rather than interrupted (cheap when there are none).
    if (!workspace.value()->isReadOnly()) {
        const auto imported = importPendingClusterResults(workspace.value()->store(), output);
        if (!imported.ok())
            return output.failure(imported.error());
        if (!imported.value().importedRunIds.isEmpty())
            output.err() << QStringLiteral("note: imported %1 that finished while no Tandem followed them\n")
                                .arg(importedResultsText(imported.value()));
    }
    const Store::ExperimentStore &store = workspace.value()->store();

    if (show) {
        const auto details = store.run(id);
        if (!details.ok())
            return output.failure(details.error());
        if (parser.isSet(jsonOption))
            printJson(runDetailsJson(details.value(), store.artifactDir(id)), output);
        else
            showText(details.value(), store.artifactDir(id), output);
        return ExitSuccess;
    }

    auto runs = store.runs();
    if (!runs.ok())
        return output.failure(runs.error());
    // Oldest first, as ids grow: the order runs were made in, stable for scripts.
    QList<Store::RunRecord> records = runs.value();
    std::sort(records.begin(), records.end(),
        [](const Store::RunRecord &a, const Store::RunRecord &b) { return a.id < b.id; });

    if (action == QLatin1String("list")) {
        if (parser.isSet(jsonOption)) {
            QJsonArray array;
            for (const Store::RunRecord &run : std::as_const(records))
                array.append(runSummaryJson(run));
            printJson(array, output);
        } else if (parser.isSet(csvOption)) {
            listCsv(records, output);
        } else {
            listText(records, output);
        }
        return ExitSuccess;
    }

    QList<Store::RunDetails> all;
    for (const Store::RunRecord &run : std::as_const(records)) {
        auto details = store.run(run.id);
        if (!details.ok())
            return output.failure(details.error());
        all.append(details.value());
    }
    if (parser.isSet(csvOption)) {
        exportCsv(all, output);
    } else {
        QJsonArray array;
        for (const Store::RunDetails &details : std::as_const(all))
            array.append(runDetailsJson(details, store.artifactDir(details.run.id)));
        printJson(array, output);
    }
    return ExitSuccess;
}

} // namespace Tandem::Cli
