// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/MetricSet.h"

#include "core/eval/ClassificationMetrics.h"
#include "core/eval/ConfusionMatrix.h"
#include "core/eval/Curves.h"
#include "core/eval/RegressionMetrics.h"

#include <limits>

namespace Tandem::Eval {

Base::Result<MetricList> classificationMetrics(
    const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred, int numClasses, const Eigen::MatrixXd &probabilities)
{
    const auto counts = confusionMatrix(yTrue, yPred, numClasses);
    if (!counts)
        return counts.error();
    const PrecisionRecallF1 macro = averagedScores(counts.value(), Average::Macro);
    MetricList metrics {
        {QStringLiteral("accuracy"), accuracy(counts.value())},
        {QStringLiteral("balanced_accuracy"), balancedAccuracy(counts.value())},
        {QStringLiteral("f1_macro"), macro.f1},
        {QStringLiteral("f1_micro"), averagedScores(counts.value(), Average::Micro).f1},
        {QStringLiteral("f1_weighted"), averagedScores(counts.value(), Average::Weighted).f1},
        {QStringLiteral("precision_macro"), macro.precision},
        {QStringLiteral("recall_macro"), macro.recall},
    };
    if (probabilities.cols() == 0)
        return metrics;
    if (probabilities.cols() != numClasses)
        return Base::Error(QStringLiteral("the probability matrix has %1 columns for %2 classes")
                               .arg(probabilities.cols())
                               .arg(numClasses));

    const auto logLossValue = logLoss(yTrue, probabilities);
    if (!logLossValue)
        return logLossValue.error();
    const auto brier = brierScore(yTrue, probabilities);
    if (!brier)
        return brier.error();
    // ROC AUC is undefined (not invalid) when a class is missing from y_true.
    double aucValue = std::numeric_limits<double>::quiet_NaN();
    if ((counts->rowwise().sum().array() > 0).all()) {
        const auto auc = rocAucOvr(yTrue, probabilities);
        if (!auc)
            return auc.error();
        aucValue = auc.value();
    }
    metrics.append({numClasses == 2 ? QStringLiteral("roc_auc") : QStringLiteral("roc_auc_ovr"), aucValue});
    metrics.append({QStringLiteral("log_loss"), logLossValue.value()});
    metrics.append({QStringLiteral("brier_score"), brier.value()});
    return metrics;
}

Base::Result<MetricList> regressionMetrics(const Eigen::VectorXd &yTrue, const Eigen::VectorXd &yPred)
{
    using Function = Base::Result<double> (*)(const Eigen::VectorXd &, const Eigen::VectorXd &);
    const std::pair<QString, Function> functions[] = {
        {QStringLiteral("rmse"), &rootMeanSquaredError},
        {QStringLiteral("mae"), &meanAbsoluteError},
        {QStringLiteral("r2"), &r2Score},
        {QStringLiteral("mape"), &meanAbsolutePercentageError},
        {QStringLiteral("explained_variance"), &explainedVarianceScore},
        {QStringLiteral("max_error"), &maxError},
    };
    MetricList metrics;
    for (const auto &[name, function] : functions) {
        const auto value = function(yTrue, yPred);
        if (!value)
            return value.error();
        metrics.append({name, value.value()});
    }
    return metrics;
}

bool greaterIsBetter(const QString &metricName)
{
    static const QStringList losses {QStringLiteral("log_loss"), QStringLiteral("brier_score"), QStringLiteral("rmse"),
        QStringLiteral("mae"), QStringLiteral("mape"), QStringLiteral("max_error")};
    return !losses.contains(metricName);
}

} // namespace Tandem::Eval
