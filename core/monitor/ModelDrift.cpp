// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/monitor/ModelDrift.h"

#include "core/bundle/Bundle.h"
#include "core/bundle/ModelSource.h"
#include "core/data/Dataset.h"
#include "core/drift/DriftReport.h"
#include "core/drift/PredictionDrift.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace Tandem::Monitor {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool isNumber(Data::ColumnType type)
{
    return type == Data::ColumnType::Numeric || type == Data::ColumnType::Integer || type == Data::ColumnType::Boolean;
}

Base::Result<const Data::Column *> targetColumn(const Data::Dataset &data, const QString &target, const QString &name)
{
    const qsizetype index = data.indexOf(target);
    if (index < 0)
        return Base::Error(QStringLiteral("There is no target column '%1' in %2").arg(target, name));
    return &data.column(index);
}

/// The metric a run measured by cross-validation, when `reference` is the data the
/// model was fitted on (its predictions there would flatter it); NaN otherwise.
double crossValidatedLevel(
    const Bundle::BundleManifest &manifest, const Data::Dataset &reference, const QString &metric)
{
    if (manifest.datasetFingerprint.isEmpty() || reference.fingerprint() != manifest.datasetFingerprint)
        return nan;
    return manifest.metrics.value(metric, nan);
}

} // namespace

Base::Result<Bundle::Scores> scoreWithProbabilities(const std::shared_ptr<const Bundle::Bundle> &model,
    const Data::Dataset &data, const QString &dataName, bool allowUnknownCategories)
{
    Bundle::ScoreOptions options;
    options.allowUnknownCategories = allowUnknownCategories;
    options.probabilities = model->manifest().task == Learn::Task::Classification;
    auto scores = Bundle::scoreDataset(model, data, dataName, options);
    if (scores.ok() || !options.probabilities)
        return scores;
    // A classifier without probabilities is scored without them; a schema error
    // is the same either way and comes back from this second call.
    options.probabilities = false;
    return Bundle::scoreDataset(model, data, dataName, options);
}

QString referenceLevelName(ReferenceLevel level)
{
    return level == ReferenceLevel::CrossValidation ? QStringLiteral("cross_validation")
                                                    : QStringLiteral("reference_predictions");
}

QStringList classEncoding(const Bundle::Bundle &model, std::span<const Data::Column *const> truths)
{
    if (model.manifest().task != Learn::Task::Classification)
        return {};
    QStringList classes = model.manifest().classes;
    const QSet<QString> known(classes.cbegin(), classes.cend());
    QSet<QString> unknown;
    for (const Data::Column *truth : truths) {
        for (qint64 row = 0; row < truth->size(); ++row) {
            if (truth->isMissing(row))
                continue;
            if (QString label = truth->toString(row); !known.contains(label))
                unknown.insert(std::move(label));
        }
    }
    QStringList extra(unknown.cbegin(), unknown.cend());
    std::sort(extra.begin(), extra.end());
    return classes + extra;
}

Base::Result<Drift::LabelledPredictions> labelledScores(
    const Bundle::Bundle &model, const Bundle::Scores &scores, const Data::Column &truth, const QStringList &classes)
{
    const qint64 rows = scores.rowCount();
    if (truth.size() != rows)
        return Base::Error(QStringLiteral("The target column '%1' has %2 rows for %3 predictions")
                               .arg(truth.name())
                               .arg(truth.size())
                               .arg(rows));
    Drift::LabelledPredictions labelled;
    labelled.truth.resize(rows);
    labelled.predicted = scores.predicted;
    if (model.manifest().task == Learn::Task::Regression) {
        if (!isNumber(truth.type()))
            return Base::Error(QStringLiteral("The target column '%1' is %2: a regression model's truth must be "
                                              "numbers")
                                   .arg(truth.name(), Data::columnTypeName(truth.type())));
        for (qint64 row = 0; row < rows; ++row)
            labelled.truth[row] = truth.isMissing(row) ? nan : truth.toDouble(row);
        return labelled;
    }
    QHash<QString, int> index;
    for (int i = 0; i < classes.size(); ++i)
        index.insert(classes.at(i), i);
    for (qint64 row = 0; row < rows; ++row)
        labelled.truth[row] = truth.isMissing(row) ? nan : double(index.value(truth.toString(row), -1));
    if (std::any_of(labelled.truth.cbegin(), labelled.truth.cend(), [](double t) { return t < 0.0; }))
        return Base::Error(
            QStringLiteral("The target column '%1' has labels outside the class encoding given").arg(truth.name()));
    labelled.classCount = int(classes.size());
    // The model's classes come first in the encoding: its probabilities widen with
    // zeros for the labels it does not know.
    if (scores.probabilities.cols() > 0) {
        labelled.probabilities = Eigen::MatrixXd::Zero(rows, labelled.classCount);
        labelled.probabilities.leftCols(scores.probabilities.cols()) = scores.probabilities;
    }
    return labelled;
}

Base::Result<std::vector<double>> orderValues(const Data::Dataset &data, const QString &name)
{
    const qsizetype index = data.indexOf(name);
    if (index < 0)
        return Base::Error(QStringLiteral("There is no order column '%1'").arg(name));
    const Data::Column &column = data.column(index);
    if (Drift::roleOf(column.type()) != Drift::FeatureKind::Numeric)
        return Base::Error(QStringLiteral("The order column '%1' is %2: it must hold numbers or datetimes")
                               .arg(name, Data::columnTypeName(column.type())));
    std::vector<double> order(std::size_t(column.size()));
    for (qint64 row = 0; row < column.size(); ++row)
        order[std::size_t(row)] = column.isMissing(row) ? nan : column.toDouble(row);
    return order;
}

Base::Result<ModelDrift> modelDrift(const std::shared_ptr<const Bundle::Bundle> &model, const Data::Dataset &reference,
    const QString &referenceName, const Data::Dataset &current, const QString &currentName,
    const ModelDriftOptions &options, const Base::Progress &progress)
{
    const Bundle::BundleManifest &manifest = model->manifest();
    const bool classification = manifest.task == Learn::Task::Classification;
    const Data::Column *truths[2] = {nullptr, nullptr};
    if (!options.target.isEmpty()) {
        for (const auto &[data, name, slot] :
            {std::tuple {&reference, referenceName, &truths[0]}, std::tuple {&current, currentName, &truths[1]}}) {
            auto column = targetColumn(*data, options.target, name);
            if (!column.ok())
                return column.error();
            *slot = column.value();
        }
    }
    if (!options.currentOrder.empty() && qint64(options.currentOrder.size()) != current.rowCount())
        return Base::Error(QStringLiteral("The order has %1 values for %2 current rows")
                               .arg(options.currentOrder.size())
                               .arg(current.rowCount()));

    progress.report(0.0, QStringLiteral("Scoring %1").arg(referenceName));
    auto referenceScores = scoreWithProbabilities(model, reference, referenceName, options.allowUnknownCategories);
    if (!referenceScores.ok())
        return referenceScores.error();
    if (progress.stopRequested())
        return Base::Error(Drift::DriftReport::cancelledMessage());
    progress.report(0.45, QStringLiteral("Scoring %1").arg(currentName));
    auto currentScores = scoreWithProbabilities(model, current, currentName, options.allowUnknownCategories);
    if (!currentScores.ok())
        return currentScores.error();
    progress.report(0.9, QStringLiteral("Comparing the predictions"));

    ModelDrift drift;
    const Bundle::Scores &ref = referenceScores.value();
    const Bundle::Scores &cur = currentScores.value();
    auto prediction = classification
        ? Drift::predictionDrift(ref.labels, cur.labels, options.prediction)
        : Drift::predictionDrift(std::span<const double>(ref.predicted.data(), std::size_t(ref.predicted.size())),
            std::span<const double>(cur.predicted.data(), std::size_t(cur.predicted.size())), options.prediction);
    if (!prediction.ok())
        return prediction.error();
    drift.prediction = std::move(prediction).value();
    if (classification && manifest.classes.size() == 2 && ref.probabilities.cols() == 2
        && cur.probabilities.cols() == 2) {
        const Eigen::VectorXd referencePositive = ref.probabilities.col(1);
        const Eigen::VectorXd currentPositive = cur.probabilities.col(1);
        auto probability = Drift::predictionDrift(
            std::span<const double>(referencePositive.data(), std::size_t(referencePositive.size())),
            std::span<const double>(currentPositive.data(), std::size_t(currentPositive.size())), options.prediction,
            QStringLiteral("proba_") + manifest.classes.at(1));
        if (!probability.ok())
            return probability.error();
        drift.probability = std::move(probability).value();
    }

    if (options.target.isEmpty()) {
        progress.report(1.0, QString());
        return drift;
    }
    drift.classes = classEncoding(*model, truths);
    auto referenceLabelled = labelledScores(*model, ref, *truths[0], drift.classes);
    if (!referenceLabelled.ok())
        return referenceLabelled.error();
    auto currentLabelled = labelledScores(*model, cur, *truths[1], drift.classes);
    if (!currentLabelled.ok())
        return currentLabelled.error();
    std::vector<double> rowOrder;
    if (options.currentOrder.empty()) {
        rowOrder.resize(std::size_t(current.rowCount()));
        for (std::size_t row = 0; row < rowOrder.size(); ++row)
            rowOrder[row] = double(row + 1);
    }
    const std::span<const double> order = options.currentOrder.empty() ? std::span<const double>(rowOrder)
                                                                       : std::span<const double>(options.currentOrder);
    auto performance
        = Drift::performanceDrift(referenceLabelled.value(), currentLabelled.value(), order, options.performance);
    if (!performance.ok())
        return performance.error();
    const double level = crossValidatedLevel(manifest, reference, performance->metric);
    if (std::isfinite(level)) {
        // The windows are held against the cross-validated level instead: the same
        // alert rule (PerformanceOptions) applied to that level.
        Drift::PerformanceOptions againstLevel = options.performance;
        againstLevel.metric = performance->metric;
        if (std::isnan(againstLevel.alertLevel)) {
            const double margin = options.performance.relativeDrop * std::abs(level);
            againstLevel.alertLevel = performance->greaterIsBetter ? level - margin : level + margin;
        }
        performance = Drift::performanceDrift(referenceLabelled.value(), currentLabelled.value(), order, againstLevel);
        if (!performance.ok())
            return performance.error();
        performance.value().reference = level;
        drift.referenceLevel = ReferenceLevel::CrossValidation;
    }
    drift.performance = std::move(performance).value();
    progress.report(1.0, QString());
    return drift;
}

} // namespace Tandem::Monitor
