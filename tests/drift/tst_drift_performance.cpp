// SPDX-License-Identifier: GPL-3.0-or-later
// Performance drift: a metric per window of current rows against its reference level.
#include "core/drift/PerformanceDrift.h"

#include <QTest>

#include <cmath>

using namespace Tandem::Drift;

namespace {

Eigen::VectorXd vector(std::initializer_list<double> values)
{
    Eigen::VectorXd v(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (const double value : values)
        v[i++] = value;
    return v;
}

/// Classification with 2 classes: 10 reference rows, 9 right (accuracy 0.9).
LabelledPredictions referenceClasses()
{
    LabelledPredictions p;
    p.classCount = 2;
    p.truth = vector({0, 1, 1, 0, 1, 0, 0, 1, 1, 0});
    p.predicted = vector({0, 1, 1, 0, 1, 0, 0, 1, 0, 0});
    return p;
}

/// 12 current rows given out of order: by `order` the windows of 4 rows are right
/// 4/4, 3/4 and 2/4. One row has no label (NaN) and one no order value.
struct CurrentClasses {
    LabelledPredictions predictions;
    std::vector<double> order;
};

CurrentClasses currentClasses()
{
    CurrentClasses c;
    c.predictions.classCount = 2;
    // Rows listed by order value 1..12, then shuffled by the permutation below.
    const double truth[] = {0, 1, 0, 1, /**/ 1, 1, 0, 0, /**/ 0, 1, 1, 0};
    const double predicted[] = {0, 1, 0, 1, /**/ 1, 1, 0, 1, /**/ 1, 1, 0, 0};
    const int permutation[] = {7, 2, 11, 0, 5, 9, 1, 3, 10, 4, 6, 8};
    const int rows = 14;
    c.predictions.truth.resize(rows);
    c.predictions.predicted.resize(rows);
    c.order.resize(rows);
    for (int i = 0; i < 12; ++i) {
        const int at = permutation[i];
        c.predictions.truth[at] = truth[i];
        c.predictions.predicted[at] = predicted[i];
        c.order[std::size_t(at)] = double(i + 1);
    }
    c.predictions.truth[12] = std::nan(""); // no label yet
    c.predictions.predicted[12] = 1;
    c.order[12] = 2.5;
    c.predictions.truth[13] = 1; // no order value
    c.predictions.predicted[13] = 0;
    c.order[13] = std::nan("");
    return c;
}

} // namespace

class TestDriftPerformance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accuracyByRowWindows()
    {
        const CurrentClasses current = currentClasses();
        PerformanceOptions options;
        options.windows.rows = 4;
        const auto drift = performanceDrift(referenceClasses(), current.predictions, current.order, options);
        QVERIFY2(drift.ok(), qPrintable(drift.error().message));
        QCOMPARE(drift->metric, QStringLiteral("accuracy"));
        QVERIFY(drift->greaterIsBetter);
        QCOMPARE(drift->reference, 0.9);
        QCOMPARE(drift->alertLevel, 0.9 - 0.1 * 0.9);
        QCOMPARE(drift->windows.size(), std::size_t(3));
        const double expected[] = {1.0, 0.75, 0.5};
        for (int w = 0; w < 3; ++w) {
            QCOMPARE(drift->windows[std::size_t(w)].rows, qint64(4));
            QCOMPARE(drift->windows[std::size_t(w)].value, expected[w]);
            QCOMPARE(drift->windows[std::size_t(w)].start, double(4 * w + 1));
            QCOMPARE(drift->windows[std::size_t(w)].end, double(4 * w + 4));
            QCOMPARE(drift->windows[std::size_t(w)].alert, w > 0);
        }
        QCOMPARE(drift->alertCount(), qsizetype(2));

        // Equal windows by count, another metric, an absolute alert level.
        options.windows.rows = 0;
        options.windows.count = 2;
        options.metric = QStringLiteral("balanced_accuracy");
        options.alertLevel = 0.5;
        const auto halves = performanceDrift(referenceClasses(), current.predictions, current.order, options);
        QVERIFY(halves.ok());
        QCOMPARE(halves->windows.size(), std::size_t(2));
        QCOMPARE(halves->windows[0].rows, qint64(6));
        // Rows 1-6: truth 0 1 0 1 1 1, all right but none wrong: 1.0; rows 7-12:
        // truth 0 0 0 1 1 0, predicted 0 1 1 1 0 0: recall 2/4 and 1/2, mean 0.5.
        QCOMPARE(halves->windows[0].value, 1.0);
        QCOMPARE(halves->windows[1].value, 0.5);
        QCOMPARE(halves->alertLevel, 0.5);
        QCOMPARE(halves->alertCount(), qsizetype(0));
    }

    void rmseByTimeWindows()
    {
        LabelledPredictions reference;
        reference.truth = vector({1, 2, 3, 4});
        reference.predicted = vector({1.5, 2, 2.5, 4}); // rmse sqrt(0.125)
        LabelledPredictions current;
        current.truth = vector({1, 2, 3, 4, 5, 6});
        current.predicted = vector({1, 2.5, 3, 7, 5, 4});
        // Two days of milliseconds: rows at 0 h, 5 h, 23 h (day 1), 30 h, 40 h (day 2), 75 h (day 4).
        const double hour = 3600000.0;
        const std::vector<double> order = {0, 5 * hour, 23 * hour, 30 * hour, 40 * hour, 75 * hour};
        PerformanceOptions options;
        options.windows.kind = WindowSpec::Kind::Time;
        options.windows.width = 24 * hour;
        const auto drift = performanceDrift(reference, current, order, options);
        QVERIFY2(drift.ok(), qPrintable(drift.error().message));
        QCOMPARE(drift->metric, QStringLiteral("rmse"));
        QVERIFY(!drift->greaterIsBetter);
        QCOMPARE(drift->reference, std::sqrt(0.125));
        QCOMPARE(drift->alertLevel, std::sqrt(0.125) * 1.1);
        QCOMPARE(drift->windows.size(), std::size_t(3)); // day 3 is empty
        QCOMPARE(drift->windows[0].rows, qint64(3));
        QCOMPARE(drift->windows[0].value, std::sqrt(0.25 / 3.0));
        QVERIFY(!drift->windows[0].alert);
        QCOMPARE(drift->windows[1].value, std::sqrt(9.0 / 2.0));
        QVERIFY(drift->windows[1].alert);
        QCOMPARE(drift->windows[2].start, 75 * hour);
        QCOMPARE(drift->windows[2].value, 2.0);
    }

    void errors()
    {
        const CurrentClasses current = currentClasses();
        PerformanceOptions options;
        options.metric = QStringLiteral("rmse");
        auto drift = performanceDrift(referenceClasses(), current.predictions, current.order, options);
        QVERIFY(!drift.ok());
        QVERIFY2(drift.error().message.startsWith(
                     QStringLiteral("Unknown metric 'rmse' for these predictions; one of: accuracy")),
            qPrintable(drift.error().message));

        drift = performanceDrift(referenceClasses(), current.predictions, std::vector<double>(3, 1.0));
        QCOMPARE(drift.error().message, QStringLiteral("The order column has 3 values for 14 current rows"));

        LabelledPredictions regression;
        regression.truth = vector({1, 2});
        regression.predicted = vector({1, 2});
        drift = performanceDrift(referenceClasses(), regression, std::vector<double>(2, 1.0));
        QCOMPARE(drift.error().message,
            QStringLiteral("The reference and current predictions are not of the same task (2 and 0 classes)"));

        options = {};
        options.windows.kind = WindowSpec::Kind::Time;
        drift = performanceDrift(referenceClasses(), current.predictions, current.order, options);
        QCOMPARE(drift.error().message, QStringLiteral("The performance windows need a positive size"));
    }
};

QTEST_APPLESS_MAIN(TestDriftPerformance)
#include "tst_drift_performance.moc"
