// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/eval/FoldResults.h"
#include "core/eval/MetricSet.h"
#include "core/learn/Estimator.h"
#include "core/learn/FitContext.h"
#include "core/learn/ParamSpec.h"
#include "core/learn/Task.h"
#include "core/learn/preprocess/PipelineSpec.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Eval {

/// How a model is evaluated: one holdout split, or (repeated) k-fold
/// cross-validation. Classification splits are stratified unless told otherwise,
/// as scikit-learn's cross_val_score does for classifiers (StratifiedKFold) and
/// train_test_split(stratify=y) for a holdout.
struct EvaluationSpec {
    enum class Method : quint8 { KFold, Holdout };
    Method method = Method::KFold;
    /// KFold: the number of folds k, >= 2.
    int folds = 5;
    /// KFold: run the k folds this many times, each with a fresh shuffle (needs shuffle).
    int repeats = 1;
    /// Holdout: the share of rows held out for testing, in (0, 1).
    double holdoutFraction = 0.25;
    /// Shuffle before cutting (a stratified holdout always shuffles). Without
    /// shuffling, k-fold splits are scikit-learn's own.
    bool shuffle = true;
    /// Empty: stratified for classification, plain for regression.
    std::optional<bool> stratify;
    /// Seeds the split and every fit (FitContext::seed).
    quint64 seed = 0;
    /// The thread budget of each fit (FitContext::threads); results do not depend on it.
    int threads = 1;
    /// > 0: after each fit, the permutation importance of every input column on the
    /// fold's test rows, shuffled this many times (FoldOutcome::permutationImportance).
    int importanceRepeats = 0;
    /// Evaluates only folds [firstFold, endFold) of the split (indices into the whole
    /// list of folds, repeats included; endFold < 0: to the last). The split does not
    /// depend on the range, so evaluating [0, 2) and then [2, 5) gives exactly the
    /// folds of one full evaluation: successive halving spends folds this way.
    /// EvaluationResult::folds then holds the range's folds, in order.
    int firstFold = 0;
    int endFold = -1;
    /// Receives each fit's per-step metrics (Learn::FitContext::stepSink) with the
    /// index of its fold in the split (as firstFold counts), so that a caller can keep learning
    /// curves per fold. Called on the thread of the fit (a family may call it from its
    /// own workers); may be empty. Not part of what is evaluated: results never depend on it.
    std::function<void(int fold, const Learn::StepReport &report)> stepSink;
};

/// What a model said about the test rows of one fold, kept for curves
/// (ROC, precision-recall, calibration) and residual plots.
struct FoldPredictions {
    /// Dataset row indices, ascending.
    std::vector<qint64> rows;
    /// True and predicted targets: values, or class indices into EvaluationResult::classes.
    Learn::Vector truth;
    Learn::Vector predicted;
    /// Classification: rows × K class probabilities; empty for regression.
    Learn::Matrix probabilities;
};

/// One fold of an evaluation.
struct FoldOutcome {
    int repeat = 0;
    int index = 0;
    qint64 trainRows = 0;
    qint64 testRows = 0;
    /// The task's MetricSet (classificationMetrics / regressionMetrics), in its order.
    MetricList metrics;
    FoldPredictions predictions;
    /// Wall-clock seconds of the pipeline and estimator fit (not of prediction).
    double fitSeconds = 0.0;
    /// With EvaluationSpec::importanceRepeats: per input column (name), the mean
    /// drop of the task's headline metric (accuracy, r2) when it is shuffled.
    MetricList permutationImportance;
    /// Families that have them (Estimator::featureImportances): per model feature
    /// (Pipeline::featureNames), the impurity-based importance.
    MetricList impurityImportance;
};

/// The outcome of crossValidate().
struct EvaluationResult {
    QString modelId;
    /// Every hyperparameter value the model ran with, typed (defaults filled in).
    Learn::ParamValues params;
    Learn::Task task = Learn::Task::Classification;
    /// Classification: the class labels of every row (the index order of predictions).
    QStringList classes;
    /// Rows evaluated, and rows left out because their target is missing.
    qint64 rows = 0;
    qint64 droppedRows = 0;
    /// Whether the folds kept the class proportions.
    bool stratified = false;
    QList<FoldOutcome> folds;
    /// The same metrics per fold, for summaries (mean, std, confidence interval).
    FoldResults metrics;
    /// The split's warnings (a class with fewer rows than folds) and the pipeline's notes.
    QStringList warnings;
};

/// Evaluates model `modelId` with `params` on `dataset`, preprocessed by `pipeline`
/// (whose task must be the model's and whose target names the column to predict).
///
/// Rows with a missing target are left out first (EvaluationResult::droppedRows).
/// For each fold, a fresh Learn::Pipeline is fitted on the training rows only and
/// transforms both parts (nothing of the test rows leaks into the preprocessing),
/// then a fresh estimator from the Registry is fitted with FitContext {seed,
/// threads, classCount = the number of classes over all evaluated rows, so that a
/// class absent from a fold keeps its index; categoryCounts of the pipeline}. Test rows are predicted (and, for
/// classifiers, their probabilities) and scored with the task's MetricSet.
///
/// Progress is one monotone bar over the folds ("Fold 2/5"). A stop request ends
/// the evaluation with Learn::FitContext::stoppedMessage() as its error. The same
/// seed gives the same folds and metrics on any thread count.
///
/// Errors: unknown model or parameter, out-of-range values, a model whose task
/// is not the pipeline's, a target column that does not exist, a regression on a
/// non-numeric target, a classification of a target that looks continuous
/// (fractional numbers, or more than maxClassesForNumericTarget distinct numbers),
/// an impossible split, and any fit or prediction failure (naming the fold).
Base::Result<EvaluationResult> crossValidate(const Data::Dataset &dataset, const Learn::PipelineSpec &pipeline,
    const QString &modelId, const Learn::ParamValues &params, const EvaluationSpec &spec,
    const Base::Progress &progress);

/// A numeric (or integer) target with more distinct values than this is refused
/// for classification: it is almost certainly a quantity to regress.
constexpr qsizetype maxClassesForNumericTarget = 100;

/// "5-fold stratified cross-validation, shuffled (seed 0)", "holdout of 25% ...": for logs and the CLI.
QString describe(const EvaluationSpec &spec, bool stratified);

} // namespace Tandem::Eval
