// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/DriftCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/DriftRetrain.h"
#include "app/cli/ExitCode.h"
#include "app/cli/JsonNumber.h"
#include "app/cli/StderrProgress.h"
#include "core/bundle/ModelSource.h"
#include "core/data/Dataset.h"
#include "core/data/DatasetReader.h"
#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftHtmlReport.h"
#include "core/drift/DriftReport.h"
#include "core/drift/PerformanceDrift.h"
#include "core/monitor/DriftWithModel.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Tandem::Cli {
namespace {

using Drift::FeatureDrift;

const QString jsonOption = QStringLiteral("json");
const QString targetOption = QStringLiteral("target");
const QString predictionOption = QStringLiteral("prediction");
const QString timeOption = QStringLiteral("time");
const QString columnsOption = QStringLiteral("columns");
const QString excludeOption = QStringLiteral("exclude");
const QString testOption = QStringLiteral("test");
const QString failShareOption = QStringLiteral("fail-share");
const QString taskOption = QStringLiteral("task");
const QString metricOption = QStringLiteral("metric");
const QString windowsOption = QStringLiteral("windows");
const QString threadsOption = QStringLiteral("threads");
const QString modelOption = QStringLiteral("model");
const QString workspaceOption = QStringLiteral("workspace");
const QString retrainOption = QStringLiteral("retrain");
const QString retrainDataOption = QStringLiteral("retrain-data");
const QString htmlOption = QStringLiteral("html");

/// A loaded side: its file and data.
struct Side {
    QString path;
    std::shared_ptr<const Data::Dataset> data;
};

/// What the report prints besides the analysis: the model given with --model and the retrain.
struct Extras {
    /// With --model: what it is, and where the performance's reference level comes from.
    QString modelSource;
    std::shared_ptr<const Bundle::Bundle> model;
    Monitor::ReferenceLevel referenceLevel = Monitor::ReferenceLevel::ReferencePredictions;
    const DriftRetrain *retrain = nullptr;
};

QStringList splitList(const QString &text)
{
    QStringList names = text.split(QLatin1Char(','));
    for (QString &name : names)
        name = name.trimmed();
    names.removeAll(QString());
    return names;
}

/// One --test value: [COL=]TEST[:THRESHOLD]; an empty column means every feature.
struct TestArgument {
    QString column;
    Drift::TestChoice choice;
};

std::optional<TestArgument> parseTest(const QString &text, QString &problem)
{
    TestArgument argument;
    QString rest = text;
    if (const qsizetype equals = text.lastIndexOf(QLatin1Char('=')); equals >= 0) {
        argument.column = text.left(equals).trimmed();
        rest = text.mid(equals + 1);
        if (argument.column.isEmpty()) {
            problem = QStringLiteral("no column before '='");
            return std::nullopt;
        }
    }
    QString name = rest;
    if (const qsizetype colon = rest.indexOf(QLatin1Char(':')); colon >= 0) {
        name = rest.left(colon);
        bool ok = false;
        argument.choice.threshold = rest.mid(colon + 1).toDouble(&ok);
        if (!ok || !(argument.choice.threshold >= 0.0)) {
            problem = QStringLiteral("the threshold '%1' is not a number >= 0").arg(rest.mid(colon + 1));
            return std::nullopt;
        }
    }
    argument.choice.test = Drift::driftTestFromName(name);
    if (!argument.choice.test) {
        problem = QStringLiteral("unknown test '%1': expected one of %2")
                      .arg(name, Drift::driftTestNames().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return argument;
}

Base::Status requireColumn(const Side &side, const QString &name, const QString &option)
{
    if (side.data->indexOf(name) < 0)
        return Base::Error(QStringLiteral("There is no column named '%1' (--%2) in %3").arg(name, option, side.path));
    return {};
}

// ---- JSON

QJsonObject outcomeJson(const Drift::TestOutcome &outcome)
{
    return {
        {QStringLiteral("test"), Drift::driftTestName(outcome.test)},
        {QStringLiteral("score"), jsonNumber(outcome.score)},
        {QStringLiteral("threshold"), jsonNumber(outcome.threshold)},
        {QStringLiteral("drifted"), outcome.drifted},
        {QStringLiteral("statistic"), jsonNumber(outcome.statistic)},
    };
}

QJsonArray findingsJson(const FeatureDrift &f)
{
    QJsonArray findings;
    if (f.missing.alert) {
        findings.append(QJsonObject {{QStringLiteral("kind"), QStringLiteral("missing_rate")},
            {QStringLiteral("reference_share"), jsonNumber(f.missing.referenceShare)},
            {QStringLiteral("current_share"), jsonNumber(f.missing.currentShare)},
            {QStringLiteral("threshold"), jsonNumber(f.missing.threshold)}});
    }
    if (f.newCategories.alert) {
        findings.append(QJsonObject {{QStringLiteral("kind"), QStringLiteral("new_categories")},
            {QStringLiteral("categories"), QJsonArray::fromStringList(f.newCategories.categories)},
            {QStringLiteral("current_count"), f.newCategories.currentCount},
            {QStringLiteral("current_share"), jsonNumber(f.newCategories.currentShare)}});
    }
    return findings;
}

QJsonObject featureJson(const FeatureDrift &f)
{
    QJsonObject object = outcomeJson(f.outcome);
    object.insert(QStringLiteral("name"), f.name);
    object.insert(QStringLiteral("type"), Data::columnTypeName(f.referenceType));
    object.insert(QStringLiteral("kind"), Drift::featureKindName(f.kind));
    object.insert(QStringLiteral("drifted"), f.drifted());
    object.insert(QStringLiteral("test_drifted"), f.outcome.drifted);
    object.insert(QStringLiteral("reference_values"), f.referenceValues);
    object.insert(QStringLiteral("current_values"), f.currentValues);
    object.insert(QStringLiteral("missing"),
        QJsonObject {{QStringLiteral("reference_share"), jsonNumber(f.missing.referenceShare)},
            {QStringLiteral("current_share"), jsonNumber(f.missing.currentShare)}});
    object.insert(QStringLiteral("findings"), findingsJson(f));
    return object;
}

QJsonValue orderJson(double value, bool isTime)
{
    if (isTime && std::isfinite(value))
        return QDateTime::fromMSecsSinceEpoch(std::llround(value), Qt::UTC).toString(Qt::ISODateWithMs);
    return jsonNumber(value);
}

QJsonObject performanceJson(const Drift::DriftAnalysis &analysis, const Extras &extras)
{
    const Drift::PerformanceDrift &p = *analysis.performance;
    QJsonArray windows;
    for (const Drift::PerformanceWindow &w : p.windows) {
        windows.append(QJsonObject {{QStringLiteral("start"), orderJson(w.start, analysis.orderIsTime)},
            {QStringLiteral("end"), orderJson(w.end, analysis.orderIsTime)}, {QStringLiteral("rows"), w.rows},
            {QStringLiteral("value"), jsonNumber(w.value)}, {QStringLiteral("alert"), w.alert}});
    }
    return {
        {QStringLiteral("metric"), p.metric},
        {QStringLiteral("greater_is_better"), p.greaterIsBetter},
        {QStringLiteral("order"), analysis.orderName.isEmpty() ? QJsonValue(QJsonValue::Null) : analysis.orderName},
        {QStringLiteral("reference"), jsonNumber(p.reference)},
        {QStringLiteral("reference_source"), Monitor::referenceLevelName(extras.referenceLevel)},
        {QStringLiteral("alert_level"), jsonNumber(p.alertLevel)},
        {QStringLiteral("alerts"), qint64(p.alertCount())},
        {QStringLiteral("windows"), windows},
    };
}

QJsonValue modelJson(const Extras &extras)
{
    if (!extras.model)
        return QJsonValue(QJsonValue::Null);
    const Bundle::BundleManifest &manifest = extras.model->manifest();
    return QJsonObject {{QStringLiteral("source"), extras.modelSource}, {QStringLiteral("id"), manifest.modelId},
        {QStringLiteral("task"), Learn::taskName(manifest.task)}, {QStringLiteral("target"), manifest.target},
        {QStringLiteral("classes"), QJsonArray::fromStringList(manifest.classes)}};
}

void printJson(const Drift::DriftAnalysis &analysis, const Extras &extras, CliOutput &output)
{
    const Drift::DriftReport &report = analysis.report;
    QJsonArray features;
    for (const FeatureDrift &f : report.features())
        features.append(featureJson(f));
    const auto optionalFeature = [](const std::optional<FeatureDrift> &f) {
        return f ? QJsonValue(featureJson(*f)) : QJsonValue(QJsonValue::Null);
    };
    const QJsonObject object {
        {QStringLiteral("reference"),
            QJsonObject {
                {QStringLiteral("file"), analysis.referenceName}, {QStringLiteral("rows"), report.referenceRows()}}},
        {QStringLiteral("current"),
            QJsonObject {
                {QStringLiteral("file"), analysis.currentName}, {QStringLiteral("rows"), report.currentRows()}}},
        {QStringLiteral("features"), features},
        {QStringLiteral("drifted_count"), qint64(report.driftedCount())},
        {QStringLiteral("share_drifted"), jsonNumber(report.shareDrifted())},
        {QStringLiteral("fail_share"), jsonNumber(report.driftShare())},
        {QStringLiteral("drifted"), report.drifted()},
        {QStringLiteral("target"), optionalFeature(analysis.target)},
        {QStringLiteral("prediction"), optionalFeature(analysis.prediction)},
        {QStringLiteral("prediction_probability"), optionalFeature(analysis.probability)},
        {QStringLiteral("model"), modelJson(extras)},
        {QStringLiteral("performance"),
            analysis.performance ? QJsonValue(performanceJson(analysis, extras)) : QJsonValue(QJsonValue::Null)},
    };
    QJsonObject withRetrain = object;
    withRetrain.insert(
        QStringLiteral("retrain"), extras.retrain ? extras.retrain->json() : QJsonValue(QJsonValue::Null));
    output.out() << QString::fromUtf8(QJsonDocument(withRetrain).toJson(QJsonDocument::Indented));
}

// ---- Text

QString percent(double share)
{
    return QStringLiteral("%1%").arg(100.0 * share, 0, 'f', 1);
}

QString number(double value)
{
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'g', 4);
}

QString notes(const FeatureDrift &f)
{
    QStringList parts;
    if (f.missing.alert)
        parts << QStringLiteral("missing %1 -> %2")
                     .arg(percent(f.missing.referenceShare), percent(f.missing.currentShare));
    if (f.newCategories.alert) {
        QStringList shown = f.newCategories.categories.mid(0, 5);
        if (f.newCategories.categories.size() > 5)
            shown << QStringLiteral("...");
        parts << QStringLiteral("new categories %1 (%2 of current)")
                     .arg(shown.join(QStringLiteral(", ")), percent(f.newCategories.currentShare));
    }
    if (std::isnan(f.outcome.score))
        parts << QStringLiteral("no values to compare");
    return parts.join(QStringLiteral("; "));
}

void printTable(const std::vector<const FeatureDrift *> &rows, QTextStream &out)
{
    qsizetype nameWidth = 7;
    for (const FeatureDrift *f : rows)
        nameWidth = std::max(nameWidth, f->name.size());
    const auto line = [&](const QString &name, const QString &kind, const QString &test, const QString &score,
                          const QString &threshold, const QString &drifted, const QString &note) {
        out << QStringLiteral("  %1  %2  %3  %4  %5  %6  %7")
                   .arg(name, -int(nameWidth))
                   .arg(kind, -11)
                   .arg(test, -13)
                   .arg(score, 10)
                   .arg(threshold, 9)
                   .arg(drifted, -7)
                   .arg(note)
                   .trimmed()
            << '\n';
    };
    line(QStringLiteral("feature"), QStringLiteral("kind"), QStringLiteral("test"), QStringLiteral("score"),
        QStringLiteral("threshold"), QStringLiteral("drifted"), QStringLiteral("findings"));
    for (const FeatureDrift *f : rows) {
        line(f->name, Drift::featureKindName(f->kind), Drift::driftTestName(f->outcome.test), number(f->outcome.score),
            number(f->outcome.threshold), f->drifted() ? QStringLiteral("yes") : QStringLiteral("no"), notes(*f));
    }
}

QString orderText(double value, bool isTime)
{
    if (isTime && std::isfinite(value))
        return QDateTime::fromMSecsSinceEpoch(std::llround(value), Qt::UTC).toString(Qt::ISODateWithMs);
    return QString::number(value, 'g', 12);
}

void printText(const Drift::DriftAnalysis &analysis, const Extras &extras, CliOutput &output)
{
    const Drift::DriftReport &report = analysis.report;
    QTextStream &out = output.out();
    out << QStringLiteral("Drift of %1 (%2 rows) against %3 (%4 rows), %5 features\n\n")
               .arg(analysis.currentName)
               .arg(report.currentRows())
               .arg(analysis.referenceName)
               .arg(report.referenceRows())
               .arg(report.features().size());
    std::vector<const FeatureDrift *> rows;
    for (const FeatureDrift &f : report.features())
        rows.push_back(&f);
    printTable(rows, out);
    out << QStringLiteral("\nDataset drift: %1 of %2 features drifted (%3; fail share %4): %5\n")
               .arg(report.driftedCount())
               .arg(report.features().size())
               .arg(percent(report.shareDrifted()), percent(report.driftShare()),
                   report.drifted() ? QStringLiteral("DRIFT") : QStringLiteral("no drift"));

    std::vector<const FeatureDrift *> others;
    for (const auto *side : {&analysis.target, &analysis.prediction, &analysis.probability}) {
        if (*side)
            others.push_back(&**side);
    }
    if (extras.model)
        out << QStringLiteral("\nModel: %1 (%2)\n").arg(extras.modelSource, extras.model->manifest().modelId);
    if (!others.empty()) {
        out << QStringLiteral("\nTarget and prediction drift (not counted above):\n");
        printTable(others, out);
    }
    if (analysis.performance) {
        const Drift::PerformanceDrift &p = *analysis.performance;
        out << QStringLiteral(
            "\nPerformance by window of current rows (%1, ordered by %2): reference %3%4, alert %5 %6\n")
                   .arg(p.metric, analysis.orderName.isEmpty() ? QStringLiteral("row") : analysis.orderName,
                       number(p.reference),
                       extras.referenceLevel == Monitor::ReferenceLevel::CrossValidation
                           ? QStringLiteral(" (cross-validated: REFERENCE is the model's training data)")
                           : QString(),
                       p.greaterIsBetter ? QStringLiteral("below") : QStringLiteral("above"), number(p.alertLevel));
        for (const Drift::PerformanceWindow &w : p.windows) {
            out << QStringLiteral("  %1 .. %2  %3 rows  %4%5\n")
                       .arg(orderText(w.start, analysis.orderIsTime), orderText(w.end, analysis.orderIsTime))
                       .arg(w.rows)
                       .arg(number(w.value), w.alert ? QStringLiteral("  ALERT") : QString());
        }
    }
    if (extras.retrain)
        extras.retrain->printText(out);
}

} // namespace

QStringList DriftCommand::synopsis() const
{
    return {
        QStringLiteral("drift [--json] [--columns A,B] [--exclude A,B] [--test [COL=]TEST[:THRESHOLD]]... "
                       "[--fail-share S] [--target COL] [--prediction COL] [--time COL] [--task T] "
                       "[--metric NAME] [--windows N] [--threads N] [--model BUNDLE|RUN_ID] [--workspace DIR] "
                       "[--retrain SPEC.json|RUN_ID [--retrain-data current|both]] [--html FILE] REFERENCE CURRENT")};
}

QString DriftCommand::details() const
{
    return QStringLiteral("Compares each column of CURRENT with the same column of REFERENCE (CSV/TSV or ARFF)\n"
                          "and prints the drift test, its score, the threshold and the verdict per feature, then\n"
                          "the dataset verdict: drift when at least --fail-share of the features drifted.\n"
                          "\n"
                          "Default tests (after Evidently's): with at most 1,000 reference values, Kolmogorov-\n"
                          "Smirnov (ks, p < 0.05) for numbers and chi-square (chisquare, p < 0.05) for categories;\n"
                          "with more, the Wasserstein distance over the reference's standard deviation\n"
                          "(wasserstein, >= 0.1) and the Jensen-Shannon distance (jensenshannon, >= 0.1).\n"
                          "Numeric columns with at most 5 distinct values count as categories. psi (population\n"
                          "stability index over the reference's deciles, >= 0.1) and anderson (Anderson-Darling\n"
                          "k-sample, midrank, p < 0.05, numbers only) can be chosen too. --test COL=TEST\n"
                          "sets a column's test, --test TEST every feature it fits; :THRESHOLD replaces the\n"
                          "threshold (psi:0.25). A feature also drifts when its share of missing values changes by\n"
                          "5 points or more, or when it has categories the reference lacks (findings). Text\n"
                          "columns are compared as categories.\n"
                          "\n"
                          "--target, --prediction and --time name columns left out of the features. With\n"
                          "--target, the target's drift is reported apart; with --prediction (a column of logged\n"
                          "predictions in both files) the prediction drift too, and with both the performance\n"
                          "(--metric, default accuracy or rmse) on the reference and in --windows (default 10)\n"
                          "windows of current rows in --time order (else file order); a window alerts when 10%\n"
                          "worse than the reference. --task says classification or regression (default: by the\n"
                          "target's type; numbers mean regression).\n"
                          "\n"
                          "--model scores both files with a model: a .tandem bundle, or a finished run of\n"
                          "--workspace (refit on all its rows, as 'tandem-cli export' does). Its prediction drift\n"
                          "(predicted classes as categories, regression values as numbers; for two classes also\n"
                          "the second class's probability) is reported apart, and with --target the performance\n"
                          "per window as above. When REFERENCE is the model's training data (same fingerprint)\n"
                          "the reference level is its cross-validated metric, not its score on rows it was fitted\n"
                          "on. --model and --prediction exclude each other.\n"
                          "\n"
                          "--retrain SPEC.json or RUN_ID (of --workspace, created for a spec) runs that spec again\n"
                          "when the data drifted: on CURRENT (--retrain-data current, the default) or on the\n"
                          "spec's data followed by CURRENT (both: written to DIR/datasets/retrain-*.csv), as a new\n"
                          "run in the same experiment, tagged retrain and retrain-of:ID. For a run, its model is\n"
                          "also scored on CURRENT as a run of its own (tagged evaluation:external), to compare\n"
                          "the old and new model there. The command waits for them, progress on stderr.\n"
                          "\n"
                          "--html FILE also writes the whole report as one self-contained HTML page (inline CSS\n"
                          "and SVG charts, no scripts): the verdict, the alerts, a row per feature with its\n"
                          "distributions, target and prediction drift, drift per window with --time, performance.\n"
                          "\n"
                          "--json prints one object: reference and current {file, rows}; features, each with name,\n"
                          "type, kind, test, score, threshold, drifted, test_drifted, statistic, reference_values,\n"
                          "current_values, missing {reference_share, current_share} and findings (kind\n"
                          "missing_rate or new_categories); drifted_count, share_drifted, fail_share, drifted;\n"
                          "target and prediction (as a feature, or null); performance {metric,\n"
                          "greater_is_better, order, reference, alert_level, alerts, windows [{start, end, rows,\n"
                          "value, alert}], reference_source} or null; prediction_probability (as a feature, or\n"
                          "null); model {source, id, task, target, classes} or null; retrain {run_id, status,\n"
                          "error, original_run_id, original_on_current_run_id, experiment_id, data, dataset} or\n"
                          "null. Numbers that are undefined are null.\n"
                          "\n"
                          "Exit codes: 0 no dataset drift, 3 dataset drift, 1 errors (unreadable file, a column\n"
                          "missing from CURRENT or of another type there, a test that does not fit its column, a\n"
                          "model that cannot be loaded or cannot score the data, a retrain that could not run or\n"
                          "did not finish done). With --retrain, 3 means the retrain run is done.\n");
}

void DriftCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(QStringList {jsonOption}, QStringLiteral("Print the report as JSON.")));
    parser.addOption(QCommandLineOption(QStringList {columnsOption},
        QStringLiteral("Compare only these columns (comma-separated), in this order."), QStringLiteral("A,B")));
    parser.addOption(QCommandLineOption(QStringList {excludeOption},
        QStringLiteral("Leave these columns out (comma-separated), such as ids."), QStringLiteral("A,B")));
    parser.addOption(QCommandLineOption(QStringList {testOption},
        QStringLiteral("The test of a column (COL=TEST) or of every feature it fits (TEST), optionally with a "
                       "threshold (TEST:0.2); repeatable. Tests: %1.")
            .arg(Drift::driftTestNames().join(QStringLiteral(", "))),
        QStringLiteral("[COL=]TEST[:THRESHOLD]")));
    parser.addOption(QCommandLineOption(QStringList {failShareOption},
        QStringLiteral("The dataset drifts (exit code 3) when at least this share of the features drifted "
                       "(default: 0.5)."),
        QStringLiteral("S")));
    parser.addOption(QCommandLineOption(QStringList {targetOption},
        QStringLiteral("The target column: left out of the features, its drift reported apart."),
        QStringLiteral("COL")));
    parser.addOption(QCommandLineOption(QStringList {predictionOption},
        QStringLiteral("A column of logged predictions in both files: prediction drift, and performance with "
                       "--target."),
        QStringLiteral("COL")));
    parser.addOption(QCommandLineOption(QStringList {timeOption},
        QStringLiteral("The time or order column: left out of the features, orders the performance windows."),
        QStringLiteral("COL")));
    parser.addOption(QCommandLineOption(QStringList {taskOption},
        QStringLiteral("classification or regression, for the performance (default: by the target's type)."),
        QStringLiteral("T")));
    parser.addOption(QCommandLineOption(QStringList {metricOption},
        QStringLiteral("The performance metric (default: accuracy or rmse)."), QStringLiteral("NAME")));
    parser.addOption(QCommandLineOption(QStringList {windowsOption},
        QStringLiteral("Windows of current rows for the performance (default: 10)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {threadsOption},
        QStringLiteral("Features compared at once (default: one per core)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {modelOption},
        QStringLiteral("Score both files with this model (a .tandem bundle, or a run id of --workspace): "
                       "prediction drift, and performance with --target."),
        QStringLiteral("BUNDLE|RUN_ID")));
    parser.addOption(QCommandLineOption(QStringList {workspaceOption},
        QStringLiteral("The workspace of --model's run or --retrain's runs."), QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringList {retrainOption},
        QStringLiteral("When the data drifted, run this spec (or this run's spec) again on the new data as a new "
                       "run in --workspace."),
        QStringLiteral("SPEC.json|RUN_ID")));
    parser.addOption(QCommandLineOption(QStringList {retrainDataOption},
        QStringLiteral("What --retrain trains on: current (CURRENT, the default) or both (the spec's data, then "
                       "CURRENT)."),
        QStringLiteral("current|both")));
    parser.addOption(QCommandLineOption(QStringList {htmlOption},
        QStringLiteral("Also write the report as one self-contained HTML file."), QStringLiteral("FILE")));
    parser.addPositionalArgument(QStringLiteral("REFERENCE"), QStringLiteral("The data the model was built on."));
    parser.addPositionalArgument(QStringLiteral("CURRENT"), QStringLiteral("The new data."));
}

int DriftCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() < 2)
        return output.usageError(arguments.isEmpty() ? QStringLiteral("missing arguments REFERENCE and CURRENT")
                                                     : QStringLiteral("missing argument CURRENT"));
    if (arguments.size() > 2)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(2)));

    Drift::DriftOptions options;
    if (parser.isSet(failShareOption)) {
        bool ok = false;
        options.driftShare = parser.value(failShareOption).toDouble(&ok);
        if (!ok || !(options.driftShare >= 0.0 && options.driftShare <= 1.0))
            return output.usageError(QStringLiteral("invalid --fail-share '%1': expected a number from 0 to 1")
                                         .arg(parser.value(failShareOption)));
    }
    int windows = 10;
    for (const auto &[option, target] :
        {std::pair {windowsOption, &windows}, std::pair {threadsOption, &options.threads}}) {
        if (!parser.isSet(option))
            continue;
        bool ok = false;
        *target = parser.value(option).toInt(&ok);
        if (!ok || *target < 1)
            return output.usageError(
                QStringLiteral("invalid --%1 '%2': expected a number >= 1").arg(option, parser.value(option)));
    }
    std::optional<Learn::Task> task;
    if (parser.isSet(taskOption)) {
        const QString value = parser.value(taskOption);
        if (value == QLatin1String("classification"))
            task = Learn::Task::Classification;
        else if (value == QLatin1String("regression"))
            task = Learn::Task::Regression;
        else
            return output.usageError(
                QStringLiteral("invalid --task '%1': expected classification or regression").arg(value));
    }
    std::vector<TestArgument> tests;
    for (const QString &value : parser.values(testOption)) {
        QString problem;
        const auto test = parseTest(value, problem);
        if (!test)
            return output.usageError(QStringLiteral("invalid --test '%1': %2").arg(value, problem));
        tests.push_back(*test);
    }
    if (parser.isSet(modelOption) && parser.isSet(predictionOption))
        return output.usageError(QStringLiteral("--model and --prediction both give the predictions: use one"));
    const QString workspaceDir = parser.value(workspaceOption);
    Monitor::RetrainData retrainData = Monitor::RetrainData::CurrentOnly;
    if (parser.isSet(retrainDataOption)) {
        const auto data = Monitor::retrainDataFromName(parser.value(retrainDataOption));
        if (!data)
            return output.usageError(QStringLiteral("invalid --retrain-data '%1': expected current or both")
                                         .arg(parser.value(retrainDataOption)));
        if (!parser.isSet(retrainOption))
            return output.usageError(QStringLiteral("--retrain-data needs --retrain"));
        retrainData = *data;
    }
    if (parser.isSet(retrainOption) && workspaceDir.isEmpty())
        return output.usageError(QStringLiteral("--retrain needs --workspace"));

    // A wrong retrain or model fails before any data is read.
    DriftRetrain retrain;
    if (parser.isSet(retrainOption)) {
        if (const int prepared = retrain.prepare(parser.value(retrainOption), workspaceDir, retrainData, output);
            prepared != ExitSuccess)
            return prepared;
    }
    Extras extras;
    if (parser.isSet(modelOption)) {
        auto source = Bundle::ModelSource::fromArgument(parser.value(modelOption), workspaceDir);
        if (!source.ok())
            return output.failure(source.error());
        StderrProgress sink(output.err(), name());
        Base::NullProgressSink quiet;
        // Refitting a run's model takes a while: say so; a bundle loads at once.
        auto model = Bundle::loadModel(source.value(), options.threads > 0 ? options.threads : 1,
            source->isRun() ? Base::Progress(sink) : Base::Progress(quiet));
        if (!model.ok())
            return output.failure(model.error());
        extras.model = model.value();
        extras.modelSource = source->describe();
    }

    Side reference {arguments.at(0), {}};
    Side current {arguments.at(1), {}};
    for (Side *side : {&reference, &current}) {
        const auto loaded = Data::DatasetReader::read(side->path);
        if (!loaded.ok())
            return output.failure(loaded.error());
        side->data = loaded.value().dataset;
    }

    const QString targetName = parser.value(targetOption);
    const QString predictionName = parser.value(predictionOption);
    const QString timeName = parser.value(timeOption);
    for (const auto &[name, option] : {std::pair {targetName, targetOption},
             std::pair {predictionName, predictionOption}, std::pair {timeName, timeOption}}) {
        if (name.isEmpty())
            continue;
        for (const Side *side : {&reference, &current}) {
            if (const Base::Status found = requireColumn(*side, name, option); !found)
                return output.failure(found.error());
        }
    }

    Drift::DriftAnalysisOptions analysisOptions;
    options.columns = splitList(parser.value(columnsOption));
    options.excluded = splitList(parser.value(excludeOption));
    for (const TestArgument &test : tests) {
        if (test.column.isEmpty())
            analysisOptions.everyFeature << test.choice;
        else
            options.tests.insert(test.column, test.choice);
    }
    analysisOptions.drift = options;
    analysisOptions.target = targetName;
    analysisOptions.prediction = predictionName;
    analysisOptions.order = timeName;
    analysisOptions.task = task;
    analysisOptions.metric = parser.value(metricOption);
    analysisOptions.windows.count = windows;
    analysisOptions.charts = parser.isSet(htmlOption); // the text and JSON reports draw nothing

    Base::NullProgressSink quiet;
    auto drift = Monitor::analyseDriftWithModel(*reference.data, reference.path, *current.data, current.path,
        analysisOptions, extras.model, extras.modelSource, Base::Progress(quiet));
    if (!drift.ok())
        return output.failure(drift.error());
    const Drift::DriftAnalysis &analysis = drift->analysis;
    const Drift::DriftReport &report = analysis.report;
    extras.referenceLevel = drift->referenceLevel;

    if (parser.isSet(htmlOption)) {
        if (const Base::Status written = Drift::writeDriftHtmlReport(parser.value(htmlOption), analysis); !written)
            return output.failure(written.error());
    }

    // The gate tripped: retrain before the report, which then names the new run.
    int retrained = ExitSuccess;
    if (report.drifted() && parser.isSet(retrainOption)) {
        retrained = retrain.run(current.path, output);
        extras.retrain = &retrain;
    }

    if (parser.isSet(jsonOption))
        printJson(analysis, extras, output);
    else
        printText(analysis, extras, output);
    if (retrained != ExitSuccess)
        return retrained;
    return report.drifted() ? ExitDriftDetected : ExitSuccess;
}

} // namespace Tandem::Cli
