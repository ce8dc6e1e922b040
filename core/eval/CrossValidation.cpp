// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/CrossValidation.h"

#include "core/data/Dataset.h"
#include "core/eval/PermutationImportance.h"
#include "core/eval/Splits.h"
#include "core/learn/FitContext.h"
#include "core/learn/Registry.h"
#include "core/learn/preprocess/Pipeline.h"

#include <QElapsedTimer>

#include <cmath>
#include <utility>

namespace Tandem::Eval {
namespace {

using Learn::Task;

/// The dataset rows of `indices`, which index `rows`.
std::vector<qint64> datasetRows(const std::vector<qint64> &rows, const std::vector<qint64> &indices)
{
    std::vector<qint64> mapped;
    mapped.reserve(indices.size());
    for (const qint64 index : indices)
        mapped.push_back(rows[std::size_t(index)]);
    return mapped;
}

/// Refuses to classify a numeric target that is a quantity rather than a label.
Base::Status checkClassTarget(const Data::Dataset &dataset, const QString &target, const QStringList &classes)
{
    const Data::ColumnType type = dataset.column(dataset.indexOf(target)).type();
    if (type != Data::ColumnType::Numeric && type != Data::ColumnType::Integer)
        return {};
    if (type == Data::ColumnType::Numeric) {
        for (const QString &label : classes) {
            const double value = label.toDouble();
            if (std::isfinite(value) && value != std::floor(value))
                return Base::Error(QStringLiteral("target %1 is continuous (%2 distinct values, such as %3): "
                                                  "choose a regression model, or make the target categorical")
                                       .arg(target)
                                       .arg(classes.size())
                                       .arg(label));
        }
    }
    if (classes.size() > maxClassesForNumericTarget)
        return Base::Error(QStringLiteral("target %1 has %2 distinct numeric values, too many for classification "
                                          "(at most %3): choose a regression model, or make the target categorical")
                               .arg(target)
                               .arg(classes.size())
                               .arg(maxClassesForNumericTarget));
    return {};
}

Base::Result<SplitPlan> makeSplit(
    qint64 rows, const Learn::Vector &classes, bool stratified, const EvaluationSpec &spec)
{
    if (spec.method == EvaluationSpec::Method::Holdout) {
        if (spec.repeats != 1)
            return Base::Error(QStringLiteral("a holdout is made once: repeats must be 1, got %1").arg(spec.repeats));
        HoldoutOptions options;
        options.testFraction = spec.holdoutFraction;
        options.shuffle = spec.shuffle || stratified;
        options.seed = spec.seed;
        return stratified ? stratifiedHoldoutSplit(classes, options) : holdoutSplit(rows, options);
    }
    KFoldOptions options;
    options.folds = spec.folds;
    options.shuffle = spec.shuffle;
    options.seed = spec.seed;
    options.repeats = spec.repeats;
    return stratified ? stratifiedKFoldSplit(classes, options) : kFoldSplit(rows, options);
}

/// The feature matrix and encoded target of `rows`.
Base::Result<std::pair<Learn::Matrix, Learn::Vector>> prepare(
    const Learn::Pipeline &pipeline, const Data::Dataset &dataset, const std::vector<qint64> &rows)
{
    auto x = pipeline.transform(dataset, rows);
    if (!x.ok())
        return x.error();
    auto y = pipeline.encodeTarget(dataset, rows);
    if (!y.ok())
        return y.error();
    return std::pair {std::move(x).value(), std::move(y).value()};
}

Base::Error foldError(const Fold &fold, qsizetype foldCount, const Base::Error &error)
{
    Base::Error named = error;
    named.message = QStringLiteral("fold %1/%2: %3").arg(fold.index + 1).arg(foldCount).arg(error.message);
    return named;
}

} // namespace

Base::Result<EvaluationResult> crossValidate(const Data::Dataset &dataset, const Learn::PipelineSpec &pipeline,
    const QString &modelId, const Learn::ParamValues &params, const EvaluationSpec &spec,
    const Base::Progress &progress)
{
    const Learn::Registry &registry = Learn::Registry::instance();
    auto probe = registry.create(modelId, params);
    if (!probe.ok())
        return probe.error();
    const Task task = probe.value()->task();
    if (task != pipeline.task)
        return Base::Error(QStringLiteral("%1 is a %2 model, but the pipeline prepares a %3 target")
                               .arg(modelId, Learn::taskName(task), Learn::taskName(pipeline.task)));
    if (pipeline.target.isEmpty())
        return Base::Error(QStringLiteral("no target column given"));
    if (dataset.indexOf(pipeline.target) < 0)
        return Base::Error(QStringLiteral("target column %1 not found (the columns are: %2)")
                               .arg(pipeline.target, dataset.columnNames().join(QStringLiteral(", "))));

    EvaluationResult result;
    result.modelId = modelId;
    result.params = probe.value()->paramValues();
    result.task = task;

    const std::vector<qint64> rows
        = Learn::Pipeline::rowsWithTarget(dataset, Learn::Pipeline::allRows(dataset), pipeline.target);
    result.rows = qint64(rows.size());
    result.droppedRows = dataset.rowCount() - result.rows;
    if (rows.empty())
        return Base::Error(QStringLiteral("target %1 is missing in every row").arg(pipeline.target));

    // Fitted on every evaluated row for the class list and to report a bad spec
    // once, before any fold; the folds fit their own pipelines.
    Learn::Pipeline whole;
    if (const Base::Status status = whole.fit(dataset, rows, pipeline); !status.ok())
        return status.error();
    Learn::PipelineSpec foldSpec = pipeline;
    Learn::Vector classIndices;
    const bool classify = task == Task::Classification;
    if (classify) {
        if (const Base::Status status = checkClassTarget(dataset, pipeline.target, whole.classes()); !status.ok())
            return status.error();
        if (whole.classCount() < 2)
            return Base::Error(QStringLiteral("target %1 has a single class (%2): there is nothing to classify")
                                   .arg(pipeline.target, whole.classes().value(0)));
        result.classes = whole.classes();
        foldSpec.classes = whole.classes();
        auto encoded = whole.encodeTarget(dataset, rows);
        if (!encoded.ok())
            return encoded.error();
        classIndices = std::move(encoded).value();
    }
    result.warnings = whole.notes();

    result.stratified = spec.stratify.value_or(classify);
    if (result.stratified && !classify)
        return Base::Error(QStringLiteral("a stratified split needs classes; %1 is a regression model").arg(modelId));
    auto plan = makeSplit(result.rows, classIndices, result.stratified, spec);
    if (!plan.ok())
        return plan.error();
    result.warnings += plan.value().warnings;

    const QList<Fold> &folds = plan.value().folds;
    const qsizetype foldCount = folds.size();
    const qsizetype firstFold = spec.firstFold;
    const qsizetype endFold = spec.endFold < 0 ? foldCount : qsizetype(spec.endFold);
    if (firstFold < 0 || firstFold >= endFold || endFold > foldCount)
        return Base::Error(QStringLiteral("fold range [%1, %2) is empty or outside the split's %3 folds")
                               .arg(firstFold)
                               .arg(endFold)
                               .arg(foldCount));
    const double rangeSize = double(endFold - firstFold);
    for (qsizetype f = firstFold; f < endFold; ++f) {
        const Fold &fold = folds.at(f);
        if (progress.stopRequested())
            return Base::Error(Learn::FitContext::stoppedMessage());
        const Base::Progress foldProgress
            = progress.subrange(double(f - firstFold) / rangeSize, double(f - firstFold + 1) / rangeSize);
        foldProgress.report(0.0, QStringLiteral("Fold %1/%2").arg(f + 1).arg(foldCount));

        const std::vector<qint64> trainRows = datasetRows(rows, fold.train);
        const std::vector<qint64> testRows = datasetRows(rows, fold.test);

        QElapsedTimer timer;
        timer.start();
        Learn::Pipeline foldPipeline;
        if (const Base::Status status = foldPipeline.fit(dataset, trainRows, foldSpec); !status.ok())
            return foldError(fold, foldCount, status.error());
        auto train = prepare(foldPipeline, dataset, trainRows);
        if (!train.ok())
            return foldError(fold, foldCount, train.error());

        auto estimator = registry.create(modelId, result.params);
        if (!estimator.ok())
            return estimator.error();
        const double fitShare = spec.importanceRepeats > 0 ? 0.5 : 0.9;
        Learn::FitContext context(foldProgress.subrange(0.0, fitShare));
        context.seed = spec.seed;
        context.threads = std::max(1, spec.threads);
        context.classCount = classify ? int(result.classes.size()) : 0;
        context.categoryCounts = foldPipeline.categoryCounts();
        if (spec.stepSink) {
            context.stepSink = [&sink = spec.stepSink, f](const Learn::StepReport &report) { sink(int(f), report); };
        }
        if (const Base::Status status = estimator.value()->fit(train.value().first, train.value().second, context);
            !status.ok()) {
            if (progress.stopRequested())
                return Base::Error(Learn::FitContext::stoppedMessage());
            return foldError(fold, foldCount, status.error());
        }
        const double fitSeconds = double(timer.nsecsElapsed()) * 1e-9;
        if (progress.stopRequested())
            return Base::Error(Learn::FitContext::stoppedMessage());

        auto test = prepare(foldPipeline, dataset, testRows);
        if (!test.ok())
            return foldError(fold, foldCount, test.error());
        const Learn::Matrix &xTest = test.value().first;
        auto predicted = estimator.value()->predict(xTest);
        if (!predicted.ok())
            return foldError(fold, foldCount, predicted.error());

        FoldOutcome outcome;
        outcome.repeat = fold.repeat;
        outcome.index = fold.index;
        outcome.trainRows = qint64(trainRows.size());
        outcome.testRows = qint64(testRows.size());
        outcome.fitSeconds = fitSeconds;
        outcome.predictions.rows = testRows;
        outcome.predictions.truth = std::move(test.value().second);
        outcome.predictions.predicted = std::move(predicted).value();

        Base::Result<MetricList> metrics = MetricList();
        if (classify) {
            auto probabilities = estimator.value()->predictProba(xTest);
            if (!probabilities.ok())
                return foldError(fold, foldCount, probabilities.error());
            outcome.predictions.probabilities = std::move(probabilities).value();
            metrics = classificationMetrics(outcome.predictions.truth, outcome.predictions.predicted,
                int(result.classes.size()), outcome.predictions.probabilities);
        } else {
            metrics = regressionMetrics(outcome.predictions.truth, outcome.predictions.predicted);
        }
        if (!metrics.ok())
            return foldError(fold, foldCount, metrics.error());
        outcome.metrics = std::move(metrics).value();
        const Learn::Estimator &model = *estimator.value();
        if (const auto impurity = model.featureImportances(); impurity.ok()) {
            const QStringList names = foldPipeline.featureNames();
            for (Eigen::Index j = 0; j < impurity.value().size() && j < names.size(); ++j)
                outcome.impurityImportance.append({names.at(j), impurity.value()[j]});
        }
        if (spec.importanceRepeats > 0) {
            PermutationOptions options;
            options.repeats = spec.importanceRepeats;
            options.seed = spec.seed;
            options.threads = std::max(1, spec.threads);
            options.groups = foldPipeline.outputColumns();
            const auto importance = permutationImportance(
                model, xTest, outcome.predictions.truth, options, foldProgress.subrange(0.6, 0.95));
            if (!importance.ok()) {
                if (progress.stopRequested())
                    return Base::Error(Learn::FitContext::stoppedMessage());
                return foldError(fold, foldCount, importance.error());
            }
            for (std::size_t g = 0; g < foldPipeline.features().size(); ++g)
                outcome.permutationImportance.append(
                    {foldPipeline.features()[g].column, importance.value().mean[Eigen::Index(g)]});
        }
        if (const Base::Status status = result.metrics.addFold(outcome.metrics); !status.ok())
            return status.error();
        result.folds.append(std::move(outcome));
        foldProgress.report(1.0, QStringLiteral("Fold %1/%2").arg(f + 1).arg(foldCount));
    }
    return result;
}

QString describe(const EvaluationSpec &spec, bool stratified)
{
    const QString order = spec.shuffle || (stratified && spec.method == EvaluationSpec::Method::Holdout)
        ? QStringLiteral("shuffled (seed %1)").arg(spec.seed)
        : QStringLiteral("not shuffled");
    const QString kind = stratified ? QStringLiteral("stratified ") : QString();
    if (spec.method == EvaluationSpec::Method::Holdout)
        return QStringLiteral("%1holdout of %2% of the rows, %3")
            .arg(kind)
            .arg(spec.holdoutFraction * 100.0, 0, 'g', 4)
            .arg(order);
    const QString repeats = spec.repeats > 1 ? QStringLiteral("%1 × ").arg(spec.repeats) : QString();
    return QStringLiteral("%1%2-fold %3cross-validation, %4").arg(repeats).arg(spec.folds).arg(kind, order);
}

} // namespace Tandem::Eval
