// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/BoxStats.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Tandem::Plot;

class TestBoxStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quartilesAreLinear()
    {
        // numpy.quantile([1, 2, 3, 4], [.25, .5, .75]) = 1.75, 2.5, 3.25
        const std::vector<double> values {4, 1, 3, 2};
        const BoxStats stats = boxStats(values);
        QCOMPARE(stats.count, std::int64_t(4));
        QCOMPARE(stats.lowerQuartile, 1.75);
        QCOMPARE(stats.median, 2.5);
        QCOMPARE(stats.upperQuartile, 3.25);
        QCOMPARE(stats.mean, 2.5);
        QCOMPARE(stats.lowerWhisker, 1.0);
        QCOMPARE(stats.upperWhisker, 4.0);
        QVERIFY(stats.outliers.empty());
    }

    void whiskersStopAtTukeyFences()
    {
        // Quartiles 2 and 4, IQR 2: fences at -1 and 7; 100 and -50 are outliers.
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> values {1, 2, 3, 4, 100, nan, 2, 3, 4, 5, -50, 6};
        const BoxStats stats = boxStats(values);
        QCOMPARE(stats.count, std::int64_t(11));
        QCOMPARE(stats.minimum, -50.0);
        QCOMPARE(stats.maximum, 100.0);
        QCOMPARE(stats.lowerQuartile, 2.0);
        QCOMPARE(stats.median, 3.0);
        QCOMPARE(stats.upperQuartile, 4.5);
        QCOMPARE(stats.lowerWhisker, 1.0);
        QCOMPARE(stats.upperWhisker, 6.0);
        QCOMPARE(stats.outliers, (std::vector<double> {-50, 100}));
    }

    void emptyInputIsNaN()
    {
        const BoxStats stats = boxStats(std::vector<double> {std::numeric_limits<double>::infinity()});
        QCOMPARE(stats.count, std::int64_t(0));
        QVERIFY(std::isnan(stats.median));
    }
};

QTEST_APPLESS_MAIN(TestBoxStats)
#include "tst_boxstats.moc"
