// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartTestData.h"
#include "ChartTestSupport.h"
#include "ui/charts/ChartExport.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/RunColors.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QLegend>
#include <QLegendMarker>

using namespace Tandem::Ui;
using namespace Tandem::Ui::ChartTestSupport;

class TestErrorBarChart : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ErrorBarChart> shown(BarChartData data)
    {
        auto chart = std::make_unique<ErrorBarChart>();
        chart->setData(std::move(data));
        chart->resize(760, 480);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            return nullptr;
        QCoreApplication::processEvents();
        return chart;
    }

    static QAbstractBarSeries *barsOf(ErrorBarChart &chart)
    {
        return qobject_cast<QAbstractBarSeries *>(chart.view()->chart()->series().first());
    }

    /// The colour drawn (as exported) halfway up the bar whose error bar is `line`.
    static QColor colourInside(ErrorBarChart &chart, const QLineF &line, double value)
    {
        const QImage image = ChartExport::renderImage(chart, 1.0);
        // The view fills the chart widget, and the chart its view: chart coordinates are pixels.
        const QPointF middle = chart.view()->chart()->mapToPosition(QPointF(0, value / 2), barsOf(chart));
        // Beside the error bar's own line, which may cross a short bar.
        return image.pixelColor(QPoint(int(line.p1().x()) + 4, int(middle.y())));
    }

    /// Checks that the error bars of `data` end at their values and sit on their bars.
    void checkErrorBars(ErrorBarChart &chart, const BarChartData &data)
    {
        for (int s = 0; s < data.series.size(); ++s) {
            for (int c = 0; c < data.categories.size(); ++c) {
                const QLineF line = chart.errorBarLine(s, c);
                if (!std::isfinite(data.series[s].values.value(c)))
                    continue;
                QVERIFY(!line.isNull());
                if (!chart.view()->chart()->plotArea().contains(
                        QPointF(line.p1().x(), chart.view()->chart()->plotArea().center().y())))
                    continue; // zoomed out of sight
                const QPointF top = chart.view()->chart()->mapToValue(line.p1(), barsOf(chart));
                const QPointF bottom = chart.view()->chart()->mapToValue(line.p2(), barsOf(chart));
                QVERIFY(std::abs(top.y() - data.series[s].upper[c]) < 1e-9);
                QVERIFY(std::abs(bottom.y() - data.series[s].lower[c]) < 1e-9);
                // The pixel under the error bar, halfway up, is the bar's own colour.
                const QColor expected = RunColors::forRun(data.series[s].runId, chart.palette());
                const QColor drawn = colourInside(chart, line, data.series[s].values[c]);
                QVERIFY2(std::abs(drawn.red() - expected.red()) + std::abs(drawn.green() - expected.green())
                            + std::abs(drawn.blue() - expected.blue())
                        < 40,
                    qPrintable(QStringLiteral("series %1 category %2: %3 instead of %4")
                                   .arg(s)
                                   .arg(c)
                                   .arg(drawn.name(), expected.name())));
            }
        }
    }

private Q_SLOTS:
    void singleBarsCarryTheirErrorBarsThroughZoom()
    {
        const BarChartData data = ChartTestData::metricPerRun();
        auto chart = shown(data);
        QVERIFY(chart);
        QVERIFY(chart->drawsSingleBars());
        checkErrorBars(*chart, data);
        const QLineF before = chart->errorBarLine(2, 2);
        wheel(chart->view(), plotCentre(chart->view()), 2);
        QCoreApplication::processEvents();
        QVERIFY(chart->errorBarLine(2, 2) != before);
        checkErrorBars(*chart, data);
        chart->resetView();
        QCoreApplication::processEvents();
        QCOMPARE(chart->errorBarLine(2, 2), before);
    }

    void groupedBarsCarryTheirErrorBars()
    {
        const BarChartData data = ChartTestData::importances();
        auto chart = shown(data);
        QVERIFY(chart);
        QVERIFY(!chart->drawsSingleBars());
        checkErrorBars(*chart, data);
        // The axis reaches the ends of the error bars, below zero too.
        QVERIFY(chart->valueRange().first < data.series[0].lower[5]);
        QVERIFY(chart->valueRange().second > data.series[2].upper[0]);
    }

    void legendHidesARunsBarsAndErrorBars()
    {
        const BarChartData data = ChartTestData::importances();
        auto chart = shown(data);
        QVERIFY(chart);
        QLegendMarker *marker = chart->view()->chart()->legend()->markers().at(1);
        QCOMPARE(marker->label(), data.series[1].name);
        Q_EMIT marker->clicked();
        QVERIFY(!chart->isSeriesShown(1));
        QBarSet *set = barsOf(*chart)->barSets().at(1);
        for (int c = 0; c < set->count(); ++c)
            QCOMPARE(set->at(c), 0.0);
        QVERIFY(marker->isVisible());
        // Its error bars are no longer drawn; hovering its slot finds nothing.
        const QPoint slot = viewportPosition(chart->view(), QPointF(0.0, data.series[1].values[0] / 2), barsOf(*chart));
        QTest::mouseMove(chart->view()->viewport(), slot);
        QVERIFY(chart->lastHoverText().isEmpty());
        Q_EMIT marker->clicked();
        QCOMPARE(set->at(0), data.series[1].values[0]);
        QTest::mouseMove(chart->view()->viewport(), slot + QPoint(1, 0));
        QVERIFY2(chart->lastHoverText().startsWith(data.series[1].name), qPrintable(chart->lastHoverText()));
    }

    void hoverNamesRunCategoryValueAndInterval()
    {
        const BarChartData data = ChartTestData::metricPerRun();
        auto chart = shown(data);
        QVERIFY(chart);
        const QPoint onBar = viewportPosition(chart->view(), QPointF(3.1, 0.5), barsOf(*chart));
        QTest::mouseMove(chart->view()->viewport(), onBar);
        QCOMPARE(chart->lastHoverText(),
            QStringLiteral("%1\n%2: 0.901\nmean ± sd: 0.886 to 0.916").arg(data.series[3].name, data.categories[3]));
    }

    void tableListsEveryBar()
    {
        auto chart = shown(ChartTestData::importances());
        QVERIFY(chart);
        const PlotTable table = chart->plottedTable();
        QCOMPARE(table.rowCount(), 18);
        QCOMPARE(table.columnCount(), 5);
        QCOMPARE(table.displayText(7, 0), QStringLiteral("duration"));
        QCOMPARE(table.displayText(7, 1), QStringLiteral("run 22"));
        QCOMPARE(table.number(7, 2), 0.05);
    }
};

QTEST_MAIN(TestErrorBarChart)
#include "tst_errorbarchart.moc"
