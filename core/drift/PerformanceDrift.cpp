// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/drift/PerformanceDrift.h"

#include "core/drift/Windows.h"
#include "core/eval/MetricSet.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Tandem::Drift {
namespace {

/// The labelled rows among `rows`, gathered.
LabelledPredictions gather(const LabelledPredictions &all, const std::vector<Eigen::Index> &rows)
{
    LabelledPredictions part;
    part.classCount = all.classCount;
    const auto n = Eigen::Index(rows.size());
    part.truth.resize(n);
    part.predicted.resize(n);
    const bool withProbabilities = all.probabilities.cols() > 0;
    if (withProbabilities)
        part.probabilities.resize(n, all.probabilities.cols());
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index row = rows[std::size_t(i)];
        part.truth[i] = all.truth[row];
        part.predicted[i] = all.predicted[row];
        if (withProbabilities)
            part.probabilities.row(i) = all.probabilities.row(row);
    }
    return part;
}

std::vector<Eigen::Index> labelledRows(const LabelledPredictions &predictions)
{
    std::vector<Eigen::Index> rows;
    for (Eigen::Index row = 0; row < predictions.size(); ++row) {
        if (!std::isnan(predictions.truth[row]))
            rows.push_back(row);
    }
    return rows;
}

Base::Result<Eval::MetricList> metricsOf(const LabelledPredictions &p)
{
    if (p.isClassification())
        return Eval::classificationMetrics(p.truth, p.predicted, p.classCount, p.probabilities);
    return Eval::regressionMetrics(p.truth, p.predicted);
}

Base::Status checkShape(const LabelledPredictions &p, const char *side)
{
    const bool probabilitiesFit
        = p.probabilities.cols() == 0 || (p.probabilities.rows() == p.size() && p.probabilities.cols() == p.classCount);
    if (p.predicted.size() != p.size() || !probabilitiesFit) {
        return Base::Error(QStringLiteral("The %1 predictions do not match their %2 labelled rows")
                               .arg(QLatin1String(side))
                               .arg(p.size()));
    }
    return {};
}

} // namespace

qsizetype PerformanceDrift::alertCount() const
{
    return std::count_if(windows.cbegin(), windows.cend(), [](const PerformanceWindow &w) { return w.alert; });
}

Base::Result<PerformanceDrift> performanceDrift(const LabelledPredictions &reference,
    const LabelledPredictions &current, std::span<const double> currentOrder, const PerformanceOptions &options)
{
    if (reference.classCount != current.classCount) {
        return Base::Error(QStringLiteral("The reference and current predictions are not of the same task "
                                          "(%1 and %2 classes)")
                               .arg(reference.classCount)
                               .arg(current.classCount));
    }
    if (const Base::Status ok = checkShape(reference, "reference"); !ok)
        return ok.error();
    if (const Base::Status ok = checkShape(current, "current"); !ok)
        return ok.error();
    if (qint64(currentOrder.size()) != qint64(current.size())) {
        return Base::Error(QStringLiteral("The order column has %1 values for %2 current rows")
                               .arg(currentOrder.size())
                               .arg(current.size()));
    }
    const WindowSpec &spec = options.windows;
    if (!isValidWindowSpec(spec))
        return Base::Error(QStringLiteral("The performance windows need a positive size"));

    PerformanceDrift drift;
    drift.metric = options.metric.isEmpty()
        ? (reference.isClassification() ? QStringLiteral("accuracy") : QStringLiteral("rmse"))
        : options.metric;
    drift.greaterIsBetter = Eval::greaterIsBetter(drift.metric);

    const std::vector<Eigen::Index> referenceRows = labelledRows(reference);
    if (referenceRows.empty())
        return Base::Error(QStringLiteral("The reference data has no labelled rows"));
    const auto referenceMetrics = metricsOf(gather(reference, referenceRows));
    if (!referenceMetrics.ok())
        return Base::Error(QStringLiteral("The reference predictions: %1").arg(referenceMetrics.error().message));
    const auto found = std::find_if(referenceMetrics->cbegin(), referenceMetrics->cend(),
        [&drift](const Eval::Metric &m) { return m.name == drift.metric; });
    if (found == referenceMetrics->cend()) {
        QStringList names;
        for (const Eval::Metric &m : referenceMetrics.value())
            names << m.name;
        return Base::Error(QStringLiteral("Unknown metric '%1' for these predictions; one of: %2")
                               .arg(drift.metric, names.join(QStringLiteral(", "))));
    }
    drift.reference = found->value;
    drift.alertLevel = !std::isnan(options.alertLevel) ? options.alertLevel
        : drift.greaterIsBetter ? drift.reference - options.relativeDrop * std::abs(drift.reference)
                                : drift.reference + options.relativeDrop * std::abs(drift.reference);

    std::vector<Eigen::Index> ordered;
    for (const Eigen::Index row : labelledRows(current)) {
        if (!std::isnan(currentOrder[std::size_t(row)]))
            ordered.push_back(row);
    }
    if (ordered.empty())
        return Base::Error(QStringLiteral("The current data has no labelled rows with an order value"));
    std::stable_sort(ordered.begin(), ordered.end(), [&currentOrder](Eigen::Index a, Eigen::Index b) {
        return currentOrder[std::size_t(a)] < currentOrder[std::size_t(b)];
    });

    std::vector<double> sortedOrder(ordered.size());
    for (std::size_t i = 0; i < ordered.size(); ++i)
        sortedOrder[i] = currentOrder[std::size_t(ordered[i])];
    for (const auto &[begin, end] : cutWindows(sortedOrder, spec)) {
        const std::vector<Eigen::Index> rows(
            ordered.begin() + std::ptrdiff_t(begin), ordered.begin() + std::ptrdiff_t(end));
        PerformanceWindow window;
        window.start = currentOrder[std::size_t(rows.front())];
        window.end = currentOrder[std::size_t(rows.back())];
        window.rows = qint64(rows.size());
        const auto metrics = metricsOf(gather(current, rows));
        if (!metrics.ok())
            return Base::Error(QStringLiteral("The current predictions: %1").arg(metrics.error().message));
        for (const Eval::Metric &m : metrics.value()) {
            if (m.name == drift.metric)
                window.value = m.value;
        }
        window.alert = !std::isnan(window.value)
            && (drift.greaterIsBetter ? window.value < drift.alertLevel : window.value > drift.alertLevel);
        drift.windows.push_back(window);
    }
    return drift;
}

} // namespace Tandem::Drift
