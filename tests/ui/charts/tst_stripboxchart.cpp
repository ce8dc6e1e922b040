// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartTestData.h"
#include "ChartTestSupport.h"
#include "ui/charts/StripBoxChart.h"
#include "ui/charts/ValueText.h"

#include <QLegend>
#include <QLegendMarker>
#include <QScatterSeries>

using namespace Tandem::Ui;
using namespace Tandem::Ui::ChartTestSupport;

class TestStripBoxChart : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<StripBoxChart> shown(StripChartData data)
    {
        auto chart = std::make_unique<StripBoxChart>();
        chart->setData(std::move(data));
        chart->resize(760, 480);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            return nullptr;
        QCoreApplication::processEvents();
        return chart;
    }

private Q_SLOTS:
    void boxesSpanTheQuartiles()
    {
        StripChartData data;
        data.title = QStringLiteral("folds");
        data.groups << StripGroup {QStringLiteral("run 1"), 1, {1, 2, 3, 4}, {}};
        data.groups << StripGroup {QStringLiteral("run 2"), 2, {2, 3, 4, 5, 100}, {}};
        auto chart = shown(data);
        QVERIFY(chart);
        QCOMPARE(chart->groupCount(), 2);
        QChart *plot = chart->view()->chart();
        auto *points = qobject_cast<QScatterSeries *>(plot->series().first());
        const QRectF box = chart->boxRect(0);
        // numpy.quantile([1, 2, 3, 4], [.25, .75]) = 1.75, 3.25
        QVERIFY(std::abs(plot->mapToValue(box.topLeft(), points).y() - 3.25) < 1e-9);
        QVERIFY(std::abs(plot->mapToValue(box.bottomLeft(), points).y() - 1.75) < 1e-9);
        QVERIFY(std::abs(plot->mapToValue(box.center(), points).x() - 0.0) < 1e-9);
        // Every value is a point, outliers included.
        QCOMPARE(qobject_cast<QScatterSeries *>(plot->series().at(1))->count(), 5);
        QVERIFY(chart->valueRange().second > 100.0);
        // The box follows zoom.
        wheel(chart->view(), plotCentre(chart->view()), 2);
        QCoreApplication::processEvents();
        QVERIFY(std::abs(plot->mapToValue(chart->boxRect(0).topLeft(), points).y() - 3.25) < 1e-9);
    }

    void hoverNamesTheFoldOrTheBox()
    {
        StripChartData data = ChartTestData::foldScores();
        auto chart = shown(data);
        QVERIFY(chart);
        QChart *plot = chart->view()->chart();
        auto *points = qobject_cast<QScatterSeries *>(plot->series().at(3));
        // The outlier of run 34 (fold 5) lies alone below its box.
        const QPointF outlier = points->points().at(4);
        QCOMPARE(outlier.y(), 0.70);
        QTest::mouseMove(chart->view()->viewport(), viewportPosition(chart->view(), outlier, points) + QPoint(2, 2));
        QCOMPARE(chart->lastHoverText(), QStringLiteral("run 34\nfold 5: %1").arg(exactValueText(0.70)));

        // Inside a box, clear of the points: its numbers.
        StripChartData spread;
        spread.groups << StripGroup {QStringLiteral("wide"), 1, {0, 10, 20, 30, 40}, {}};
        chart->setData(spread);
        QCoreApplication::processEvents();
        const QPoint inside = viewportPosition(chart->view(), QPointF(0.2, 15.0), plot->series().first());
        QTest::mouseMove(chart->view()->viewport(), inside);
        QCOMPARE(chart->lastHoverText(),
            QStringLiteral("wide\nmedian: 20\nquartiles: 10 to 30\nwhiskers: 0 to 40\nmean: 20 (n = 5)"));
    }

    void legendHidesPointsAndBox()
    {
        auto chart = shown(ChartTestData::foldScores());
        QVERIFY(chart);
        QLegendMarker *marker = chart->view()->chart()->legend()->markers().at(2);
        Q_EMIT marker->clicked();
        QVERIFY(!chart->isGroupShown(2));
        QVERIFY(chart->boxRect(2).isEmpty());
        QVERIFY(!chart->boxRect(1).isEmpty());
        Q_EMIT marker->clicked();
        QVERIFY(!chart->boxRect(2).isEmpty());
    }

    void tableHasAValuePerFold()
    {
        auto chart = shown(ChartTestData::foldScores());
        QVERIFY(chart);
        const PlotTable table = chart->plottedTable();
        QCOMPARE(table.rowCount(), 40);
        QCOMPARE(table.displayText(34, 0), QStringLiteral("run 34"));
        QCOMPARE(table.displayText(34, 1), QStringLiteral("fold 5"));
        QCOMPARE(table.number(34, 2), 0.70);
    }
};

QTEST_MAIN(TestStripBoxChart)
#include "tst_stripboxchart.moc"
