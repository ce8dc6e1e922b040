// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/plot/Ticks.h"

#include <QTest>

using namespace Tandem::Plot;

class TestTicks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linear_data()
    {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<int>("maxCount");
        QTest::addColumn<std::vector<double>>("expected");
        QTest::newRow("unit") << 0.0 << 1.0 << 6 << std::vector<double> {0, 0.2, 0.4, 0.6, 0.8, 1.0};
        QTest::newRow("few") << 0.0 << 1.0 << 3 << std::vector<double> {0, 0.5, 1.0};
        QTest::newRow("offset") << 13.0 << 87.0 << 5 << std::vector<double> {20, 40, 60, 80};
        QTest::newRow("negative") << -3.0 << 3.0 << 7 << std::vector<double> {-3, -2, -1, 0, 1, 2, 3};
        QTest::newRow("reversed") << 1.0 << 0.0 << 3 << std::vector<double> {0, 0.5, 1.0};
        QTest::newRow("point") << 2.0 << 2.0 << 5 << std::vector<double> {2};
    }

    void linear()
    {
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(int, maxCount);
        QFETCH(std::vector<double>, expected);
        const std::vector<double> ticks = linearTicks(low, high, maxCount);
        QCOMPARE(ticks.size(), expected.size());
        for (std::size_t i = 0; i < ticks.size(); ++i)
            QVERIFY2(qFuzzyCompare(1.0 + ticks[i], 1.0 + expected[i]), qPrintable(QString::number(ticks[i])));
    }

    void log()
    {
        QCOMPARE(logTicks(1e-4, 1e2, 4), (std::vector<double> {1e-4, 1e-2, 1.0, 1e2}));
        QCOMPARE(logTicks(1.0, 10.0, 10), (std::vector<double> {1, 2, 5, 10}));
        QCOMPARE(logTicks(0.001, 1.0, 10), (std::vector<double> {0.001, 0.01, 0.1, 1.0}));
        QVERIFY(logTicks(0.0, 1.0, 5).empty());
    }
};

QTEST_APPLESS_MAIN(TestTicks)
#include "tst_ticks.moc"
