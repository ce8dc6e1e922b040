// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/FoldResults.h"

#include "core/eval/Statistics.h"

#include <QSet>

#include <cmath>

namespace Tandem::Eval {

MetricSummary summarize(const QString &name, const QList<double> &values, double confidence)
{
    MetricSummary summary;
    summary.name = name;
    QList<double> finite;
    for (double value : values) {
        if (std::isfinite(value))
            finite.append(value);
    }
    summary.count = finite.size();
    if (finite.isEmpty())
        return summary;
    double sum = 0.0;
    for (double value : finite)
        sum += value;
    const auto n = static_cast<double>(finite.size());
    summary.mean = sum / n;
    if (finite.size() < 2)
        return summary;
    double squares = 0.0;
    for (double value : finite)
        squares += (value - summary.mean) * (value - summary.mean);
    summary.std = std::sqrt(squares / (n - 1.0));
    if (confidence > 0.0 && confidence < 1.0) {
        const double halfWidth = studentTQuantile((1.0 + confidence) / 2.0, n - 1.0) * summary.std / std::sqrt(n);
        summary.ciLow = summary.mean - halfWidth;
        summary.ciHigh = summary.mean + halfWidth;
    }
    return summary;
}

Base::Status FoldResults::addFold(const MetricList &metrics)
{
    QSet<QString> seen;
    for (const Metric &metric : metrics) {
        if (seen.contains(metric.name))
            return Base::Error(
                QStringLiteral("fold %1 names the metric \"%2\" twice").arg(m_folds.size()).arg(metric.name));
        seen.insert(metric.name);
    }
    m_folds.append(metrics);
    return {};
}

QStringList FoldResults::metricNames() const
{
    QStringList names;
    for (const MetricList &fold : m_folds) {
        for (const Metric &metric : fold) {
            if (!names.contains(metric.name))
                names.append(metric.name);
        }
    }
    return names;
}

QList<double> FoldResults::values(const QString &name) const
{
    QList<double> result;
    result.reserve(m_folds.size());
    for (const MetricList &fold : m_folds) {
        double value = std::numeric_limits<double>::quiet_NaN();
        for (const Metric &metric : fold) {
            if (metric.name == name)
                value = metric.value;
        }
        result.append(value);
    }
    return result;
}

MetricSummary FoldResults::summary(const QString &name, double confidence) const
{
    return summarize(name, values(name), confidence);
}

QList<MetricSummary> FoldResults::summaries(double confidence) const
{
    QList<MetricSummary> result;
    for (const QString &name : metricNames())
        result.append(summary(name, confidence));
    return result;
}

MetricList FoldResults::means() const
{
    MetricList result;
    for (const MetricSummary &s : summaries())
        result.append({s.name, s.mean});
    return result;
}

} // namespace Tandem::Eval
