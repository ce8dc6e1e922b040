// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/HeatmapWidget.h"
#include "ui/charts/ParallelCoordinatesWidget.h"
#include "ui/charts/StripBoxChart.h"
#include "ui/charts/XYChart.h"

#include <cmath>
#include <random>

namespace Tandem::Ui::ChartTestData {

/// Learning curves of `runs` runs, `epochs` steps each: loss falling with noise.
inline QList<XYSeries> learningCurves(int runs, int epochs, unsigned seed = 1)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> noise(0.0, 0.02);
    QList<XYSeries> series;
    for (int r = 0; r < runs; ++r) {
        XYSeries s;
        s.name = QStringLiteral("run %1").arg(r + 1);
        s.runId = r + 1;
        for (int e = 1; e <= epochs; ++e) {
            s.x.push_back(e);
            s.y.push_back(0.2 + 0.8 * std::exp(-e / (5.0 + 3.0 * r)) + noise(random));
        }
        series.append(std::move(s));
    }
    return series;
}

/// A long noisy signal of `n` points (x = 0, 1, ...), a spike at n / 3.
inline XYSeries longSignal(std::size_t n, unsigned seed = 2)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    XYSeries s;
    s.name = QStringLiteral("signal");
    s.runId = 1;
    s.x.resize(n);
    s.y.resize(n);
    double level = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        level += 0.01 * noise(random);
        s.x[i] = double(i);
        s.y[i] = std::sin(double(i) * 2e-5) + level + 0.1 * noise(random);
    }
    s.y[n / 3] += 10.0;
    return s;
}

/// `n` points of two Gaussian blobs.
inline XYSeries blobs(std::size_t n, unsigned seed = 3)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    XYSeries s;
    s.name = QStringLiteral("predictions");
    s.runId = 2;
    s.style = XYSeries::Style::Points;
    for (std::size_t i = 0; i < n; ++i) {
        const bool second = i % 3 == 0;
        s.x.push_back((second ? 3.0 : 0.0) + noise(random));
        s.y.push_back((second ? 2.0 : 0.0) + (second ? 0.5 : 1.0) * noise(random));
    }
    return s;
}

/// Mean accuracy ± sd of five runs, one bar each.
inline BarChartData metricPerRun()
{
    BarChartData data;
    data.title = QStringLiteral("Accuracy by run");
    data.categoryTitle = QStringLiteral("run");
    data.valueTitle = QStringLiteral("accuracy");
    data.errorName = QStringLiteral("mean ± sd");
    const double means[] = {0.912, 0.887, 0.934, 0.901, 0.858};
    const double sds[] = {0.012, 0.021, 0.008, 0.015, 0.03};
    for (int r = 0; r < 5; ++r) {
        const QString name = QStringLiteral("logreg C=%1").arg(std::pow(10.0, r - 2));
        data.categories << name;
        BarSeriesData series;
        series.name = name;
        series.runId = 11 + r;
        for (int c = 0; c < 5; ++c) {
            series.values << (c == r ? means[r] : std::nan(""));
            series.lower << (c == r ? means[r] - sds[r] : std::nan(""));
            series.upper << (c == r ? means[r] + sds[r] : std::nan(""));
        }
        data.series << series;
    }
    return data;
}

/// Feature importances of three runs side by side, with error bars.
inline BarChartData importances()
{
    BarChartData data;
    data.title = QStringLiteral("Permutation importance");
    data.categoryTitle = QStringLiteral("feature");
    data.valueTitle = QStringLiteral("accuracy drop");
    data.errorName = QStringLiteral("mean ± sd");
    data.categories = {QStringLiteral("checking_status"), QStringLiteral("duration"), QStringLiteral("credit_history"),
        QStringLiteral("purpose"), QStringLiteral("credit_amount"), QStringLiteral("age")};
    for (int r = 0; r < 3; ++r) {
        BarSeriesData series;
        series.name = QStringLiteral("run %1").arg(21 + r);
        series.runId = 21 + r;
        for (int c = 0; c < data.categories.size(); ++c) {
            const double value = 0.08 / (c + 1) + 0.01 * r - (c == 5 ? 0.02 : 0.0);
            series.values << value;
            series.lower << value - 0.006;
            series.upper << value + 0.006;
        }
        data.series << series;
    }
    return data;
}

/// Per-fold accuracy of four runs (ten folds each).
inline StripChartData foldScores()
{
    StripChartData data;
    data.title = QStringLiteral("Accuracy per fold");
    data.groupTitle = QStringLiteral("run");
    data.valueTitle = QStringLiteral("accuracy");
    std::mt19937 random(5);
    std::normal_distribution<double> noise(0.0, 1.0);
    const double means[] = {0.91, 0.89, 0.93, 0.86};
    for (int r = 0; r < 4; ++r) {
        StripGroup group;
        group.name = QStringLiteral("run %1").arg(31 + r);
        group.runId = 31 + r;
        for (int k = 0; k < 10; ++k) {
            group.values << means[r] + 0.012 * (r + 1) * noise(random);
            group.pointLabels << QStringLiteral("fold %1").arg(k + 1);
        }
        data.groups << group;
    }
    data.groups[3].values[4] = 0.70; // an outlier
    return data;
}

/// A 10-class confusion matrix, long labels.
inline HeatmapData confusion()
{
    HeatmapData data;
    data.title = QStringLiteral("Confusion matrix");
    data.rowTitle = QStringLiteral("True class");
    data.columnTitle = QStringLiteral("Predicted class");
    data.rowLabels = {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
        QStringLiteral("Dress"), QStringLiteral("Coat"), QStringLiteral("Sandal"), QStringLiteral("Shirt"),
        QStringLiteral("Sneaker"), QStringLiteral("Bag"), QStringLiteral("Ankle boot")};
    data.columnLabels = data.rowLabels;
    std::mt19937 random(6);
    std::uniform_int_distribution<int> confusion(0, 40);
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c)
            data.values.push_back(
                r == c ? 850 + 10 * r : (std::abs(r - c) <= 2 ? confusion(random) : confusion(random) / 8));
    return data;
}

/// A sweep of `runs` runs over C (log), penalty (categorical), max_iter and the accuracy.
inline ParallelCoordinatesData sweep(int runs)
{
    ParallelCoordinatesData data;
    data.title = QStringLiteral("Sweep");
    std::mt19937 random(7);
    std::uniform_real_distribution<double> exponent(-4.0, 2.0);
    ParallelAxis c {QStringLiteral("C"), true, {}, {}};
    ParallelAxis penalty {QStringLiteral("penalty"), false,
        {QStringLiteral("l1"), QStringLiteral("l2"), QStringLiteral("elasticnet")}, {}};
    ParallelAxis iterations {QStringLiteral("max_iter"), false, {}, {}};
    ParallelAxis accuracy {QStringLiteral("accuracy"), false, {}, {}};
    for (int r = 0; r < runs; ++r) {
        data.runIds << 101 + r;
        data.runNames << QStringLiteral("logreg #%1").arg(r + 1);
        const double e = exponent(random);
        c.values.push_back(std::pow(10.0, e));
        penalty.values.push_back(r % 3);
        iterations.values.push_back(100 * (1 + r % 5));
        accuracy.values.push_back(0.93 - 0.01 * (e - 0.5) * (e - 0.5) - 0.01 * (r % 3));
    }
    data.axes = {c, penalty, iterations, accuracy};
    return data;
}

} // namespace Tandem::Ui::ChartTestData
