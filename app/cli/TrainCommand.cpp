// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/TrainCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/JsonNumber.h"
#include "app/cli/MetricFormat.h"
#include "core/data/Dataset.h"
#include "core/data/DatasetReader.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/Registry.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Tandem::Cli {
namespace {

const QString dataOption = QStringLiteral("data");
const QString targetOption = QStringLiteral("target");
const QString modelOption = QStringLiteral("model");
const QString paramOption = QStringLiteral("param");
const QString cvOption = QStringLiteral("cv");
const QString holdoutOption = QStringLiteral("holdout");
const QString repeatsOption = QStringLiteral("repeats");
const QString seedOption = QStringLiteral("seed");
const QString noShuffleOption = QStringLiteral("no-shuffle");
const QString scaleOption = QStringLiteral("scale");
const QString importanceOption = QStringLiteral("importance");
const QString jsonOption = QStringLiteral("json");

struct ScaleName {
    const char *name;
    Learn::Scaling scaling;
};

constexpr ScaleName scaleNames[] = {
    {"standard", Learn::Scaling::Standard},
    {"minmax", Learn::Scaling::MinMax},
    {"none", Learn::Scaling::None},
};

std::optional<Learn::Scaling> parseScale(const QString &text)
{
    for (const ScaleName &entry : scaleNames) {
        if (text == QLatin1String(entry.name))
            return entry.scaling;
    }
    return std::nullopt;
}

QString scaleName(Learn::Scaling scaling)
{
    for (const ScaleName &entry : scaleNames) {
        if (entry.scaling == scaling)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

/// "--param NAME=VALUE" values parsed with the model's ParamSpecs: unknown names and
/// invalid values are errors in the ParamSpec's words ("C must be > 0, got -1").
Base::Result<Learn::ParamValues> parseParams(const QList<Learn::ParamSpec> &specs, const QStringList &assignments)
{
    Learn::ParamValues values;
    for (const QString &assignment : assignments) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals < 0)
            return Base::Error(QStringLiteral("invalid --param '%1': expected NAME=VALUE").arg(assignment));
        const QString key = assignment.left(equals).trimmed();
        const auto spec
            = std::find_if(specs.cbegin(), specs.cend(), [&key](const Learn::ParamSpec &s) { return s.name == key; });
        if (spec == specs.cend()) {
            auto unknown = Learn::validateValues(specs, Learn::ParamValues {{key, QVariant()}});
            return unknown.ok() ? Base::Error(QStringLiteral("unknown parameter %1").arg(key)) : unknown.error();
        }
        auto value = spec->parse(assignment.mid(equals + 1));
        if (!value.ok())
            return value.error();
        values.insert(key, value.value());
    }
    return values;
}

/// Per feature over the folds: mean and std of each fold's importance (accuracy or
/// R² drop when shuffled, or the impurity share), largest mean first.
QList<Eval::MetricSummary> importanceSummaries(
    const Eval::EvaluationResult &result, Eval::MetricList Eval::FoldOutcome::*importance)
{
    Eval::FoldResults perFold;
    for (const Eval::FoldOutcome &fold : result.folds) {
        if (!perFold.addFold(fold.*importance).ok())
            return {}; // a feature named twice: cannot happen with the pipeline's names
    }
    QList<Eval::MetricSummary> summaries = perFold.summaries();
    std::stable_sort(summaries.begin(), summaries.end(),
        [](const Eval::MetricSummary &a, const Eval::MetricSummary &b) { return a.mean > b.mean; });
    return summaries;
}

QJsonArray importanceJson(const QList<Eval::MetricSummary> &summaries)
{
    QJsonArray array;
    for (const Eval::MetricSummary &summary : summaries)
        array.append(QJsonObject {{QStringLiteral("feature"), summary.name},
            {QStringLiteral("mean"), jsonNumber(summary.mean)}, {QStringLiteral("std"), jsonNumber(summary.std)}});
    return array;
}

void printImportance(const QString &title, const QList<Eval::MetricSummary> &summaries, QTextStream &out)
{
    if (summaries.isEmpty())
        return;
    out << '\n' << title << '\n';
    for (const Eval::MetricSummary &summary : summaries)
        out << QStringLiteral("  %1  %2 ± %3\n")
                   .arg(summary.name, -24)
                   .arg(formatMetric(summary.mean), formatMetric(summary.std));
}

void printJson(
    const Eval::EvaluationResult &result, const Eval::EvaluationSpec &spec, Learn::Scaling scaling, CliOutput &output)
{
    QJsonArray folds;
    for (const Eval::FoldOutcome &fold : result.folds)
        folds.append(metricsJson(fold.metrics));
    QJsonObject stds;
    QJsonObject ciLow;
    QJsonObject ciHigh;
    for (const Eval::MetricSummary &summary : result.metrics.summaries()) {
        stds.insert(summary.name, jsonNumber(summary.std));
        ciLow.insert(summary.name, jsonNumber(summary.ciLow));
        ciHigh.insert(summary.name, jsonNumber(summary.ciHigh));
    }
    QJsonObject object {
        {QStringLiteral("model"), result.modelId},
        {QStringLiteral("params"), QJsonObject::fromVariantMap(result.params)},
        {QStringLiteral("task"), Learn::taskName(result.task)},
        {QStringLiteral("evaluation"), Eval::describe(spec, result.stratified)},
        {QStringLiteral("scale"), scaleName(scaling)},
        {QStringLiteral("rows"), result.rows},
        {QStringLiteral("dropped_rows"), result.droppedRows},
        {QStringLiteral("folds"), folds},
        {QStringLiteral("mean"), metricsJson(result.metrics.means())},
        {QStringLiteral("std"), stds},
        {QStringLiteral("ci95_low"), ciLow},
        {QStringLiteral("ci95_high"), ciHigh},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings)},
    };
    if (result.task == Learn::Task::Classification)
        object.insert(QStringLiteral("classes"), QJsonArray::fromStringList(result.classes));
    if (const auto permutation = importanceSummaries(result, &Eval::FoldOutcome::permutationImportance);
        !permutation.isEmpty())
        object.insert(QStringLiteral("permutation_importance"), importanceJson(permutation));
    if (const auto impurity = importanceSummaries(result, &Eval::FoldOutcome::impurityImportance); !impurity.isEmpty())
        object.insert(QStringLiteral("impurity_importance"), importanceJson(impurity));
    output.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

void printText(const Eval::EvaluationResult &result, const Eval::EvaluationSpec &spec, Learn::Scaling scaling,
    const QString &file, const QString &target, CliOutput &output)
{
    QTextStream &out = output.out();
    const Learn::ModelInfo *info = Learn::Registry::instance().find(result.modelId);
    out << QStringLiteral("%1 (%2) on %3, target %4: %5 rows")
               .arg(result.modelId, info ? info->displayName : QString(), file, target)
               .arg(result.rows);
    if (result.task == Learn::Task::Classification)
        out << QStringLiteral(", %1 classes").arg(result.classes.size());
    out << '\n';
    if (result.droppedRows > 0)
        out << QStringLiteral("%1 rows with a missing target left out\n").arg(result.droppedRows);
    out << Eval::describe(spec, result.stratified) << QStringLiteral("; %1 scaling\n").arg(scaleName(scaling));
    out << QStringLiteral("parameters: ") << paramsText(result.params) << "\n\n";

    const qsizetype foldCount = result.folds.size();
    const bool summarise = foldCount >= 2;
    QString header = QStringLiteral("%1").arg(QStringLiteral("metric"), -20);
    for (qsizetype f = 0; f < foldCount; ++f)
        header
            += QStringLiteral("%1").arg(summarise ? QStringLiteral("fold %1").arg(f + 1) : QStringLiteral("test"), 9);
    if (summarise)
        header += QStringLiteral("  %1  %2").arg(QStringLiteral("mean ± std"), -17).arg(QStringLiteral("95% interval"));
    out << header << '\n';
    for (const Eval::MetricSummary &summary : result.metrics.summaries()) {
        QString line = QStringLiteral("%1").arg(summary.name, -20);
        for (const double value : result.metrics.values(summary.name))
            line += QStringLiteral("%1").arg(formatMetric(value), 9);
        if (summarise) {
            line += QStringLiteral("  %1  [%2, %3]")
                        .arg(QStringLiteral("%1 ± %2").arg(formatMetric(summary.mean), formatMetric(summary.std)), -17)
                        .arg(formatMetric(summary.ciLow), formatMetric(summary.ciHigh));
        }
        out << line << '\n';
    }
    const QString headline = headlineMetric(result.task);
    printImportance(QStringLiteral("permutation importance (drop in %1 on the test rows when the column is "
                                   "shuffled, mean ± std over folds):")
                        .arg(headline),
        importanceSummaries(result, &Eval::FoldOutcome::permutationImportance), out);
    printImportance(QStringLiteral("impurity importance (share of the impurity decrease, mean ± std over folds):"),
        importanceSummaries(result, &Eval::FoldOutcome::impurityImportance), out);
    for (const QString &warning : result.warnings)
        out << QStringLiteral("note: ") << warning << '\n';
}

} // namespace

QStringList TrainCommand::synopsis() const
{
    return {QStringLiteral(
        "train --data FILE --target COL --model ID [--param NAME=VALUE ...] [--cv K | --holdout "
        "FRACTION] [--repeats N] [--seed N] [--no-shuffle] [--scale standard|minmax|none] [--importance N] "
        "[--json]")};
}

QString TrainCommand::details() const
{
    QString text
        = QStringLiteral("Evaluates model ID on FILE (CSV/TSV or ARFF) predicting column COL, and prints the\n"
                         "metrics of every fold, their mean ± std and a 95% confidence interval (Student t).\n"
                         "Default: 5-fold cross-validation, stratified for classifiers, rows shuffled with seed 0\n"
                         "(--no-shuffle keeps the file's order, as scikit-learn's cross_val_score does).\n"
                         "Rows whose target is missing are left out. In each fold the preprocessing is learnt\n"
                         "from the training rows only: numbers get the mean for missing values, then --scale\n"
                         "(standard: z-score; minmax: onto [0, 1]; none); categories get a category 'missing'\n"
                         "and are one-hot encoded; text columns are left out. Tree models (tree, forest,\n"
                         "extratrees, gbdt and their _reg forms) default to --scale none and category codes\n"
                         "they split on directly; gbdt keeps missing numbers and learns where they go. The\n"
                         "others default to --scale standard. cnb counts category indices: give it\n"
                         "integer-coded features and --scale none.\n"
                         "\n"
                         "--json prints one object: model, params (every value, typed), task, evaluation,\n"
                         "scale, rows, dropped_rows, classes, folds (one object of metrics per fold), mean,\n"
                         "std, ci95_low, ci95_high, warnings, and permutation_importance (with --importance)\n"
                         "and impurity_importance (tree models), lists of {feature, mean, std}, largest first.\n"
                         "Metric names are scikit-learn's scorer names: accuracy, balanced_accuracy, f1_macro,\n"
                         "f1_micro, f1_weighted, precision_macro, recall_macro, roc_auc or roc_auc_ovr,\n"
                         "log_loss, brier_score; rmse, mae, r2, mape, explained_variance, max_error.\n"
                         "Undefined values are null.\n"
                         "\n"
                         "Models (--model ID) and their parameters (--param NAME=VALUE):\n");
    for (const Learn::ModelInfo &model : Learn::Registry::instance().models()) {
        text += QStringLiteral("\n  %1  %2 (%3): %4\n")
                    .arg(model.id, model.displayName, Learn::taskName(model.task), model.summary);
        for (const Learn::ParamSpec &spec : model.create()->params())
            text += QStringLiteral("      %1  %2\n%3%4\n")
                        .arg(spec.name, -16)
                        .arg(spec.help, QString(26, QLatin1Char(' ')), spec.describe());
    }
    return text;
}

void TrainCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(
        QStringList {dataOption}, QStringLiteral("The data file (CSV/TSV or ARFF)."), QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(
        QStringList {targetOption}, QStringLiteral("The column to predict."), QStringLiteral("COL")));
    parser.addOption(QCommandLineOption(
        QStringList {modelOption}, QStringLiteral("The model family (see the list below)."), QStringLiteral("ID")));
    parser.addOption(QCommandLineOption(QStringList {paramOption},
        QStringLiteral("Set a hyperparameter; may be given several times."), QStringLiteral("NAME=VALUE")));
    parser.addOption(QCommandLineOption(QStringList {cvOption},
        QStringLiteral("k-fold cross-validation with K >= 2 folds (default 5)."), QStringLiteral("K")));
    parser.addOption(QCommandLineOption(QStringList {holdoutOption},
        QStringLiteral("One holdout split instead, testing on this share of the rows, in (0, 1)."),
        QStringLiteral("FRACTION")));
    parser.addOption(QCommandLineOption(QStringList {repeatsOption},
        QStringLiteral("Repeat the k-fold cross-validation N times, reshuffled (default 1)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {seedOption},
        QStringLiteral("Seed of the shuffle and of the fits (default 0)."), QStringLiteral("N")));
    parser.addOption(
        QCommandLineOption(QStringList {noShuffleOption}, QStringLiteral("Cut the folds in the file's row order.")));
    parser.addOption(QCommandLineOption(QStringList {scaleOption},
        QStringLiteral("Scaling of numeric features: standard, minmax or none (default: none for tree models, "
                       "standard for the others)."),
        QStringLiteral("S")));
    parser.addOption(QCommandLineOption(QStringList {importanceOption},
        QStringLiteral("Permutation importance of every input column on each fold's test rows, shuffled N times."),
        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {jsonOption}, QStringLiteral("Print the results as JSON.")));
}

int TrainCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    if (!parser.positionalArguments().isEmpty())
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    for (const QString &required : {dataOption, targetOption, modelOption}) {
        if (parser.value(required).isEmpty())
            return output.usageError(QStringLiteral("missing option --%1").arg(required));
    }

    Eval::EvaluationSpec spec;
    spec.threads = std::max(1, QThread::idealThreadCount());
    const QLocale c = QLocale::c();
    bool ok = true;
    if (parser.isSet(cvOption) && parser.isSet(holdoutOption))
        return output.usageError(QStringLiteral("--cv and --holdout exclude each other"));
    if (parser.isSet(cvOption)) {
        spec.folds = c.toInt(parser.value(cvOption), &ok);
        if (!ok || spec.folds < 2)
            return output.usageError(
                QStringLiteral("invalid --cv '%1': expected a whole number of folds >= 2").arg(parser.value(cvOption)));
    }
    if (parser.isSet(holdoutOption)) {
        spec.method = Eval::EvaluationSpec::Method::Holdout;
        spec.holdoutFraction = c.toDouble(parser.value(holdoutOption), &ok);
        if (!ok || !(spec.holdoutFraction > 0.0 && spec.holdoutFraction < 1.0))
            return output.usageError(QStringLiteral("invalid --holdout '%1': expected a fraction in (0, 1)")
                                         .arg(parser.value(holdoutOption)));
    }
    if (parser.isSet(repeatsOption)) {
        spec.repeats = c.toInt(parser.value(repeatsOption), &ok);
        if (!ok || spec.repeats < 1)
            return output.usageError(QStringLiteral("invalid --repeats '%1': expected a whole number >= 1")
                                         .arg(parser.value(repeatsOption)));
    }
    if (parser.isSet(seedOption)) {
        spec.seed = c.toULongLong(parser.value(seedOption), &ok);
        if (!ok)
            return output.usageError(
                QStringLiteral("invalid --seed '%1': expected a whole number >= 0").arg(parser.value(seedOption)));
    }
    spec.shuffle = !parser.isSet(noShuffleOption);
    if (parser.isSet(importanceOption)) {
        spec.importanceRepeats = c.toInt(parser.value(importanceOption), &ok);
        if (!ok || spec.importanceRepeats < 1 || spec.importanceRepeats > 1000)
            return output.usageError(
                QStringLiteral("invalid --importance '%1': expected a number of shuffles in 1..1000")
                    .arg(parser.value(importanceOption)));
    }
    std::optional<Learn::Scaling> scalingOverride;
    if (parser.isSet(scaleOption)) {
        scalingOverride = parseScale(parser.value(scaleOption));
        if (!scalingOverride)
            return output.usageError(QStringLiteral("invalid --scale '%1': expected standard, minmax or none")
                                         .arg(parser.value(scaleOption)));
    }

    // The model and its parameters are checked before the data is read.
    const QString modelId = parser.value(modelOption);
    const Learn::Registry &registry = Learn::Registry::instance();
    const Learn::ModelInfo *model = registry.find(modelId);
    if (!model)
        return output.failure(registry.create(modelId).error());
    auto params = parseParams(model->create()->params(), parser.values(paramOption));
    if (!params.ok())
        return output.failure(params.error());
    if (auto probe = registry.create(modelId, params.value()); !probe.ok())
        return output.failure(probe.error());

    const QString path = parser.value(dataOption);
    const auto loaded = Data::DatasetReader::read(path);
    if (!loaded.ok())
        return output.failure(loaded.error());

    Learn::PipelineSpec pipeline = Learn::defaultPipeline(*model);
    pipeline.target = parser.value(targetOption);
    if (scalingOverride)
        pipeline.scaling = *scalingOverride;
    const Learn::Scaling scaling = pipeline.scaling;
    Base::NullProgressSink sink;
    const auto result
        = Eval::crossValidate(*loaded.value().dataset, pipeline, modelId, params.value(), spec, Base::Progress(sink));
    if (!result.ok()) {
        Base::Error error = result.error();
        if (error.file.isEmpty())
            error.file = path;
        return output.failure(error);
    }
    if (parser.isSet(jsonOption))
        printJson(result.value(), spec, scaling, output);
    else
        printText(result.value(), spec, scaling, QFileInfo(path).fileName(), pipeline.target, output);
    return ExitSuccess;
}

} // namespace Tandem::Cli
