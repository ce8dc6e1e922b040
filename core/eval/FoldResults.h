// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/eval/MetricSet.h"

#include <QList>
#include <QStringList>

#include <limits>

namespace Tandem::Eval {

/// One metric over the folds of a run: its mean, its spread and a Student-t
/// confidence interval for the mean, the usual summary of cross-validation.
struct MetricSummary {
    QString name;
    /// Folds with a finite value; NaN folds (an undefined ROC AUC) are left out.
    qsizetype count = 0;
    double mean = std::numeric_limits<double>::quiet_NaN();
    /// Sample standard deviation (ddof = 1, numpy.std(..., ddof=1)); NaN below 2 values.
    double std = std::numeric_limits<double>::quiet_NaN();
    /// mean ± t((1 + confidence) / 2, count - 1) · std / sqrt(count), as
    /// scipy.stats.t.interval(confidence, count - 1, loc=mean, scale=sem); NaN below 2 values.
    double ciLow = std::numeric_limits<double>::quiet_NaN();
    double ciHigh = std::numeric_limits<double>::quiet_NaN();
};

/// The summary of `values` under `name`; non-finite values are left out.
/// `confidence` in (0, 1), else the interval is NaN.
MetricSummary summarize(const QString &name, const QList<double> &values, double confidence = 0.95);

/// The metrics of each fold of a run, kept whole for later statistics (summaries
/// here; paired comparisons between runs later). Folds are kept in the order
/// added, which is the order of the split's folds.
class FoldResults
{
public:
    /// Appends one fold's metrics. A name given twice in one fold is an Error.
    Base::Status addFold(const MetricList &metrics);

    qsizetype foldCount() const { return m_folds.size(); }
    const QList<MetricList> &folds() const { return m_folds; }

    /// Every metric name, in the order first seen.
    QStringList metricNames() const;

    /// The metric's value in each fold; NaN for a fold that lacks it.
    QList<double> values(const QString &name) const;

    MetricSummary summary(const QString &name, double confidence = 0.95) const;
    /// One summary per metric, in metricNames() order.
    QList<MetricSummary> summaries(double confidence = 0.95) const;
    /// The means as a metric list (the "mean" object of `tandem-cli train --json`).
    MetricList means() const;

private:
    QList<MetricList> m_folds;
};

} // namespace Tandem::Eval
