// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/ModelFit.h"

#include "core/data/Dataset.h"
#include "core/eval/Splits.h"
#include "core/learn/FitContext.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"

namespace Tandem::Bundle {
namespace {

/// The training rows (dataset indices) of the spec's holdout split over `rows`,
/// cut exactly as Eval::crossValidate cuts it (makeSplit there): stratified by
/// the class indices unless the spec says otherwise, always shuffled when
/// stratified.
Base::Result<std::vector<qint64>> holdoutTrainingRows(const Runs::RunSpec &spec, const std::vector<qint64> &rows,
    const Learn::Pipeline &whole, const Data::Dataset &dataset)
{
    const Eval::EvaluationSpec &evaluation = spec.evaluation;
    const bool classify = whole.task() == Learn::Task::Classification;
    const bool stratified = evaluation.stratify.value_or(classify);
    Eval::HoldoutOptions options;
    options.testFraction = evaluation.holdoutFraction;
    options.shuffle = evaluation.shuffle || stratified;
    options.seed = evaluation.seed;
    Base::Result<Eval::SplitPlan> plan = Base::Error(QString());
    if (stratified) {
        auto classes = whole.encodeTarget(dataset, rows);
        if (!classes.ok())
            return classes.error();
        plan = Eval::stratifiedHoldoutSplit(classes.value(), options);
    } else {
        plan = Eval::holdoutSplit(qint64(rows.size()), options);
    }
    if (!plan.ok())
        return plan.error();
    std::vector<qint64> train;
    train.reserve(plan.value().folds.front().train.size());
    for (const qint64 index : plan.value().folds.front().train)
        train.push_back(rows[std::size_t(index)]);
    return train;
}

} // namespace

Base::Result<FittedModel> fitModel(const Data::Dataset &dataset, const Runs::RunSpec &spec, FitScope scope, int threads,
    const Base::Progress &progress)
{
    const Learn::ModelInfo *info = spec.model();
    if (!info)
        return Base::Error(QStringLiteral("unknown model %1").arg(spec.modelId));
    if (scope == FitScope::HoldoutTraining && spec.evaluation.method != Eval::EvaluationSpec::Method::Holdout)
        return Base::Error(QStringLiteral("the run was evaluated by %1-fold cross-validation: each fold fitted a model "
                                          "of its own and none of them is the run's model; fit it on all the rows "
                                          "instead")
                               .arg(spec.evaluation.folds));
    const Learn::PipelineSpec pipelineSpec = spec.pipelineSpec();
    if (dataset.indexOf(pipelineSpec.target) < 0)
        return Base::Error(QStringLiteral("target column %1 not found (the columns are: %2)")
                               .arg(pipelineSpec.target, dataset.columnNames().join(QStringLiteral(", "))));

    FittedModel fitted;
    fitted.scope = scope;
    const std::vector<qint64> rows
        = Learn::Pipeline::rowsWithTarget(dataset, Learn::Pipeline::allRows(dataset), pipelineSpec.target);
    fitted.droppedRows = dataset.rowCount() - qint64(rows.size());
    if (rows.empty())
        return Base::Error(QStringLiteral("target %1 is missing in every row").arg(pipelineSpec.target));
    progress.report(0.0, QStringLiteral("Preparing the data"));

    // Fitted on every row with a target: the pipeline of an AllRows fit, and the
    // class list (and split classes) of a holdout one, as in crossValidate.
    Learn::Pipeline whole;
    if (const Base::Status status = whole.fit(dataset, rows, pipelineSpec); !status.ok())
        return status.error();
    const bool classify = whole.task() == Learn::Task::Classification;
    std::vector<qint64> fitRows = rows;
    if (scope == FitScope::HoldoutTraining) {
        auto train = holdoutTrainingRows(spec, rows, whole, dataset);
        if (!train.ok())
            return train.error();
        fitRows = std::move(train).value();
        Learn::PipelineSpec trainSpec = pipelineSpec;
        trainSpec.classes = whole.classes();
        if (const Base::Status status = fitted.pipeline.fit(dataset, fitRows, trainSpec); !status.ok())
            return status.error();
    } else {
        fitted.pipeline = std::move(whole);
    }
    fitted.fitRows = qint64(fitRows.size());

    auto X = fitted.pipeline.transform(dataset, fitRows);
    if (!X.ok())
        return X.error();
    auto y = fitted.pipeline.encodeTarget(dataset, fitRows);
    if (!y.ok())
        return y.error();
    auto estimator = Learn::Registry::instance().create(spec.modelId, spec.params);
    if (!estimator.ok())
        return estimator.error();
    Learn::FitContext context(progress.subrange(0.1, 1.0));
    context.seed = spec.evaluation.seed;
    context.threads = std::max(1, threads);
    context.classCount = classify ? fitted.pipeline.classCount() : 0;
    context.categoryCounts = fitted.pipeline.categoryCounts();
    progress.report(0.1, QStringLiteral("Fitting %1").arg(info->displayName));
    if (const Base::Status status = estimator.value()->fit(X.value(), y.value(), context); !status.ok())
        return status.error();
    fitted.model = std::shared_ptr<const Learn::Estimator>(std::move(estimator).value());
    progress.report(1.0, QStringLiteral("Fitted"));
    return fitted;
}

} // namespace Tandem::Bundle
