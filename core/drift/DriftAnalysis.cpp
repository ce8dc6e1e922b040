// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/DriftAnalysis.h"

#include "core/data/Dataset.h"
#include "core/drift/PredictionColumns.h"
#include "core/drift/PredictionDrift.h"

#include <utility>

namespace Tandem::Drift {
namespace {

/// The column `name` of both sides, or an Error naming its `role`.
Base::Status requireColumn(
    const Data::Dataset &reference, const Data::Dataset &current, const QString &name, const QString &role)
{
    for (const auto &[data, side] :
        {std::pair {&reference, QStringLiteral("reference")}, std::pair {&current, QStringLiteral("current")}}) {
        if (data->indexOf(name) < 0)
            return Base::Error(
                QStringLiteral("There is no column named '%1' (%2) in the %3 data").arg(name, role, side));
    }
    return {};
}

const Data::Column &columnOf(const Data::Dataset &data, const QString &name)
{
    return data.column(data.indexOf(name));
}

/// The values of the order column, one per row: numbers, or datetimes in milliseconds.
Base::Result<std::vector<double>> orderValues(const Data::Column &column)
{
    if (roleOf(column.type()) != FeatureKind::Numeric) {
        return Base::Error(QStringLiteral("The time column '%1' is %2: it must hold numbers or datetimes")
                               .arg(column.name(), Data::columnTypeName(column.type())));
    }
    std::vector<double> order(std::size_t(column.size()));
    for (qint64 row = 0; row < column.size(); ++row)
        order[std::size_t(row)] = column.isMissing(row) ? std::nan("") : column.toDouble(row);
    return order;
}

} // namespace

Base::Result<DriftAnalysis> analyseDrift(const Data::Dataset &reference, const Data::Dataset &current,
    const DriftAnalysisOptions &options, const Base::Progress &progress)
{
    const std::pair<QString, QString> roles[] = {{options.target, QStringLiteral("target")},
        {options.prediction, QStringLiteral("prediction column")}, {options.order, QStringLiteral("time column")}};
    DriftOptions driftOptions = options.drift;
    for (const auto &[name, role] : roles) {
        if (name.isEmpty())
            continue;
        if (const Base::Status found = requireColumn(reference, current, name, role); !found)
            return found.error();
        driftOptions.excluded << name;
        driftOptions.columns.removeAll(name);
    }
    if (!options.everyFeature.isEmpty()) {
        QStringList names = driftOptions.columns;
        if (names.isEmpty()) {
            for (const QString &name : reference.columnNames()) {
                if (!driftOptions.excluded.contains(name))
                    names << name;
            }
        }
        for (const QString &name : std::as_const(names)) {
            const qsizetype index = reference.indexOf(name);
            if (index < 0 || driftOptions.tests.contains(name))
                continue;
            for (const TestChoice &choice : options.everyFeature) {
                if (checkChoice(name, reference.column(index).type(), choice).ok()) {
                    driftOptions.tests.insert(name, choice);
                    break;
                }
            }
        }
    }

    const bool withWindows = !options.order.isEmpty() && options.charts;
    const double reportEnd = withWindows ? 0.4 : options.charts ? 0.85 : 1.0;
    const double sketchEnd = withWindows ? 0.5 : 1.0;
    auto report = DriftReport::compute(reference, current, driftOptions, progress.subrange(0.0, reportEnd));
    if (!report.ok())
        return report.error();

    DriftAnalysis analysis;
    analysis.report = std::move(report).value();
    if (options.charts) {
        auto sketches = sketchFeatures(reference, current, analysis.report, options.sketch, driftOptions.threads,
            progress.subrange(reportEnd, sketchEnd));
        if (!sketches.ok())
            return sketches.error();
        analysis.sketches = std::move(sketches).value();
    }

    FeatureDriftOptions sideOptions;
    sideOptions.rule = driftOptions.rule;
    sideOptions.bins = driftOptions.bins;
    sideOptions.missingShareThreshold = driftOptions.missingShareThreshold;
    if (!options.target.isEmpty()) {
        auto drift = featureDrift(columnOf(reference, options.target), columnOf(current, options.target), sideOptions);
        if (!drift.ok())
            return drift.error();
        analysis.target = std::move(drift).value();
    }
    const Data::Column *referencePredicted = nullptr, *currentPredicted = nullptr;
    if (!options.prediction.isEmpty()) {
        referencePredicted = &columnOf(reference, options.prediction);
        currentPredicted = &columnOf(current, options.prediction);
    }
    if (referencePredicted) {
        auto drift = featureDrift(*referencePredicted, *currentPredicted, sideOptions);
        if (!drift.ok())
            return drift.error();
        analysis.prediction = std::move(drift).value();
    }

    std::vector<double> order;
    if (!options.order.isEmpty()) {
        auto values = orderValues(columnOf(current, options.order));
        if (!values.ok())
            return values.error();
        order = std::move(values).value();
        analysis.orderName = options.order;
        analysis.orderIsTime = columnOf(current, options.order).type() == Data::ColumnType::DateTime;
    }

    if (!options.target.isEmpty() && referencePredicted) {
        const Data::Column &truth = columnOf(reference, options.target);
        const Learn::Task task = options.task.value_or(
            roleOf(truth.type()) == FeatureKind::Categorical ? Learn::Task::Classification : Learn::Task::Regression);
        const auto sides
            = labelledSides(truth, *referencePredicted, columnOf(current, options.target), *currentPredicted, task);
        if (!sides.ok())
            return sides.error();
        std::vector<double> rowOrder = order;
        if (rowOrder.empty()) {
            rowOrder.resize(std::size_t(current.rowCount()));
            for (std::size_t row = 0; row < rowOrder.size(); ++row)
                rowOrder[row] = double(row + 1);
        }
        PerformanceOptions performanceOptions;
        performanceOptions.metric = options.metric;
        performanceOptions.windows = options.windows;
        auto performance = performanceDrift(sides->reference, sides->current, rowOrder, performanceOptions);
        if (!performance.ok())
            return performance.error();
        analysis.performance = std::move(performance).value();
    }

    if (withWindows) {
        DriftOptions windowOptions = driftOptions;
        windowOptions.columns.clear();
        for (const FeatureDrift &f : analysis.report.features())
            windowOptions.columns << f.name;
        auto windows = windowedDrift(
            reference, current, order, options.windows, windowOptions, progress.subrange(sketchEnd, 1.0));
        if (!windows.ok())
            return windows.error();
        analysis.windows = std::move(windows).value();
    }
    progress.report(1.0, QStringLiteral("Done"));
    return analysis;
}

} // namespace Tandem::Drift
