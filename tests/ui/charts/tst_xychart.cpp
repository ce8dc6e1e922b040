// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartTestData.h"
#include "ChartTestSupport.h"
#include "ui/charts/ValueText.h"
#include "ui/charts/XYChart.h"

#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

using namespace Tandem::Ui;
using namespace Tandem::Ui::ChartTestSupport;

namespace {

/// The chart's visible window, for comparisons.
struct Window {
    std::pair<double, double> x, y;
};

Window window(const XYChart &chart)
{
    return {chart.xRange(), chart.yRange()};
}

bool near(double a, double b, double tolerance)
{
    return std::abs(a - b) <= tolerance;
}

} // namespace

class TestXYChart : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<XYChart> shown(XYChartData data, QSize size = QSize(800, 500))
    {
        auto chart = std::make_unique<XYChart>();
        chart->setData(std::move(data));
        chart->resize(size);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            return nullptr;
        chart->refreshNow();
        return chart;
    }

    static XYChartData oneSeries(XYSeries series)
    {
        XYChartData data;
        data.title = QStringLiteral("test");
        data.xTitle = QStringLiteral("step");
        data.yTitle = QStringLiteral("loss");
        data.series << std::move(series);
        return data;
    }

private Q_SLOTS:
    void millionPointsStayBoundedAndDetailAppearsOnZoom()
    {
        const XYSeries signal = ChartTestData::longSignal(1000000);
        const double spike = *std::max_element(signal.y.begin(), signal.y.end());
        auto chart = shown(oneSeries(signal));
        QVERIFY(chart);
        const int columns = int(chart->view()->chart()->plotArea().width());
        QVERIFY(columns > 500);
        QVERIFY2(chart->drawnPointCount(0) <= 4 * columns, qPrintable(QString::number(chart->drawnPointCount(0))));
        QVERIFY(chart->drawnPointCount(0) > columns);
        // The spike (the maximum) is drawn.
        auto *line = qobject_cast<QLineSeries *>(chart->view()->chart()->series().first());
        QVERIFY(line);
        bool spikeDrawn = false;
        for (const QPointF &p : line->points())
            spikeDrawn = spikeDrawn || p.y() == spike;
        QVERIFY(spikeDrawn);

        // Zoom in until about 400 points are visible: every one of them is drawn.
        auto *xAxis = qobject_cast<QValueAxis *>(chart->view()->chart()->axes(Qt::Horizontal).first());
        xAxis->setRange(300000.5, 300400.5);
        chart->refreshNow();
        const auto [x0, x1] = chart->xRange();
        qsizetype inside = 0;
        for (double x : signal.x)
            inside += x >= x0 && x <= x1;
        QVERIFY(inside > 100 && inside < 1000);
        // Every point inside plus one neighbour on each side.
        QCOMPARE(chart->drawnPointCount(0), inside + 2);
    }

    void lttbIsBoundedToo()
    {
        auto chart = shown(oneSeries(ChartTestData::longSignal(200000)));
        QVERIFY(chart);
        chart->setDownsampling(XYChart::Downsampling::Lttb);
        const int columns = int(chart->view()->chart()->plotArea().width());
        QVERIFY(chart->drawnPointCount(0) <= 2 * columns);
        QVERIFY(chart->drawnPointCount(0) >= 2 * columns - 2);
    }

    void wheelZoomsAroundThePointerAndResetRestores()
    {
        auto chart = shown(oneSeries(ChartTestData::longSignal(10000)));
        QVERIFY(chart);
        InteractiveChartView *view = chart->view();
        const Window home = window(*chart);
        const QPoint pointer = plotCentre(view) + QPoint(-120, 40);
        const QPointF before = valueAt(view, pointer);

        wheel(view, pointer, 2);
        const Window zoomed = window(*chart);
        const double width = home.x.second - home.x.first;
        QVERIFY(near(zoomed.x.second - zoomed.x.first, width * 0.64, width * 1e-6));
        // The value under the pointer stays under it, give or take the few pixels by
        // which Qt Charts moves the plot when the tick labels change width.
        const QPointF after = valueAt(view, pointer);
        const double pixels = 5.0 / view->chart()->plotArea().width();
        QVERIFY(near(after.x(), before.x(), (zoomed.x.second - zoomed.x.first) * pixels));
        QVERIFY(near(after.y(), before.y(), (zoomed.y.second - zoomed.y.first) * pixels * 2));
        QVERIFY(view->isZoomed());

        // Shift: x only.
        wheel(view, pointer, 1, Qt::ShiftModifier);
        QVERIFY(chart->xRange().second - chart->xRange().first < zoomed.x.second - zoomed.x.first);
        QCOMPARE(chart->yRange(), zoomed.y);

        chart->resetView();
        QCOMPARE(window(*chart).x, home.x);
        QCOMPARE(window(*chart).y, home.y);
        QVERIFY(!view->isZoomed());

        // Wheel towards the user zooms out.
        wheel(view, pointer, -1);
        QVERIFY(chart->xRange().second - chart->xRange().first > width);
        // Double-click and the Home key reset too.
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, pointer);
        QCOMPARE(window(*chart).x, home.x);
        wheel(view, pointer, 3);
        QVERIFY(view->isZoomed());
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Home);
        QCOMPARE(window(*chart).x, home.x);
        QCOMPARE(window(*chart).y, home.y);
    }

    void rubberBandZoomsToTheRectangle()
    {
        auto chart = shown(oneSeries(ChartTestData::longSignal(10000)));
        QVERIFY(chart);
        InteractiveChartView *view = chart->view();
        const Window home = window(*chart);
        const QPoint from = plotCentre(view) - QPoint(150, 80), to = plotCentre(view) + QPoint(100, 60);
        const QPointF topLeft = valueAt(view, from), bottomRight = valueAt(view, to);

        // A click (a drag of a pixel or two) does not zoom.
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view->viewport(), from + QPoint(2, 2));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, from + QPoint(2, 2));
        QCOMPARE(window(*chart).x, home.x);

        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(view->viewport(), (from + to) / 2);
        QTest::mouseMove(view->viewport(), to);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
        const double pixel = (home.x.second - home.x.first) / view->chart()->plotArea().width();
        QVERIFY2(
            near(chart->xRange().first, topLeft.x(), 2 * pixel), qPrintable(QString::number(chart->xRange().first)));
        QVERIFY(near(chart->xRange().second, bottomRight.x(), 2 * pixel));
        const double yPixel = (home.y.second - home.y.first) / view->chart()->plotArea().height();
        QVERIFY(near(chart->yRange().first, bottomRight.y(), 2 * yPixel));
        QVERIFY(near(chart->yRange().second, topLeft.y(), 2 * yPixel));
    }

    void middleDragAndPanModePan()
    {
        auto chart = shown(oneSeries(ChartTestData::longSignal(10000)));
        QVERIFY(chart);
        InteractiveChartView *view = chart->view();
        const Window home = window(*chart);
        const double pixel = (home.x.second - home.x.first) / view->chart()->plotArea().width();
        const QPoint start = plotCentre(view);

        QTest::mousePress(view->viewport(), Qt::MiddleButton, {}, start);
        QTest::mouseMove(view->viewport(), start + QPoint(50, 0));
        QTest::mouseRelease(view->viewport(), Qt::MiddleButton, {}, start + QPoint(50, 0));
        // Content follows the pointer: dragging right shows smaller x.
        QVERIFY(near(chart->xRange().first, home.x.first - 50 * pixel, pixel));
        QVERIFY(near(chart->xRange().second - chart->xRange().first, home.x.second - home.x.first, pixel * 1e-3));

        chart->resetView();
        chart->setPanMode(true);
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        QTest::mouseMove(view->viewport(), start + QPoint(-30, 0));
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, start + QPoint(-30, 0));
        QVERIFY(near(chart->xRange().first, home.x.first + 30 * pixel, pixel));
        chart->resetView();
        QCOMPARE(window(*chart).x, home.x);
    }

    void legendClickHidesAndShowsASeries()
    {
        XYChartData data = oneSeries(ChartTestData::longSignal(5000));
        data.series << ChartTestData::learningCurves(1, 4000).first();
        auto chart = shown(data);
        QVERIFY(chart);
        const QList<QLegendMarker *> markers = chart->view()->chart()->legend()->markers();
        QLegendMarker *first = nullptr;
        for (QLegendMarker *marker : markers) {
            if (marker->label() == QStringLiteral("signal"))
                first = marker;
        }
        QVERIFY(first);
        QVERIFY(chart->drawnPointCount(0) > 0);
        Q_EMIT first->clicked();
        QVERIFY(!chart->isSeriesShown(0));
        QVERIFY(!first->series()->isVisible());
        QCOMPARE(chart->drawnPointCount(0), 0);
        QVERIFY(first->isVisible()); // the entry stays, dimmed, to be clicked back
        QVERIFY(first->labelBrush().color().alphaF() < 0.5);
        QVERIFY(chart->isSeriesShown(1));
        Q_EMIT first->clicked();
        QVERIFY(chart->isSeriesShown(0));
        QVERIFY(chart->drawnPointCount(0) > 0);
        QCOMPARE(first->labelBrush().color().alphaF(), 1.0);
    }

    void hoverNamesTheSeriesAndTheExactValue()
    {
        XYSeries series;
        series.name = QStringLiteral("run 7");
        series.runId = 7;
        for (int i = 0; i < 20; ++i) {
            series.x.push_back(i);
            series.y.push_back(0.1 + i * 0.0123456789);
        }
        auto chart = shown(oneSeries(series));
        QVERIFY(chart);
        InteractiveChartView *view = chart->view();
        QLineSeries *line = qobject_cast<QLineSeries *>(view->chart()->series().first());
        const QPoint at = viewportPosition(view, QPointF(12, series.y[12]), line);
        QTest::mouseMove(view->viewport(), at + QPoint(3, -2));
        QCOMPARE(chart->lastHoverText(),
            QStringLiteral("run 7\nstep: %1\nloss: %2").arg(exactValueText(12), exactValueText(series.y[12])));
        QTest::mouseMove(view->viewport(), viewportPosition(view, QPointF(12, 0.9), line));
        QVERIFY(chart->lastHoverText().isEmpty());
    }

    void scattersTurnIntoADensityAndBack()
    {
        XYSeries cloud = ChartTestData::blobs(200000);
        cloud.x.push_back(9.0); // a lone point, far out
        cloud.y.push_back(7.0);
        XYChartData data = oneSeries(cloud);
        auto chart = shown(data);
        QVERIFY(chart);
        InteractiveChartView *view = chart->view();
        QVERIFY(chart->drawsDensity(0));
        QCOMPARE(chart->drawnPointCount(0), 0);

        // Hover finds the lone point through the density grid.
        QTest::mouseMove(view->viewport(), viewportPosition(view, QPointF(9.0, 7.0)) + QPoint(2, 1));
        QVERIFY2(chart->lastHoverText().contains(QStringLiteral("step: %1").arg(exactValueText(9.0))),
            qPrintable(chart->lastHoverText()));

        // Zoomed in to the edge of a blob, a few hundred points: plain markers, exactly those inside.
        QChart *plot = view->chart();
        plot->zoomIn(QRectF(plot->mapToPosition(QPointF(-2.8, 0.5)), plot->mapToPosition(QPointF(-2.3, -0.5))));
        chart->refreshNow();
        const auto [x0, x1] = chart->xRange();
        const auto [y0, y1] = chart->yRange();
        qsizetype inside = 0;
        for (std::size_t i = 0; i < cloud.x.size(); ++i)
            inside += cloud.x[i] >= x0 && cloud.x[i] <= x1 && cloud.y[i] >= y0 && cloud.y[i] <= y1;
        QVERIFY(inside > 0 && inside <= XYChart::plainScatterLimit);
        QVERIFY(!chart->drawsDensity(0));
        QCOMPARE(chart->drawnPointCount(0), inside);
        chart->resetView();
        chart->refreshNow();
        QVERIFY(chart->drawsDensity(0));
    }

    void logAxesLeaveOutNonPositiveValues()
    {
        XYSeries series;
        series.name = QStringLiteral("curve");
        series.style = XYSeries::Style::Line;
        for (double x : {-1.0, 0.0, 1e-3, 1e-2, 1e-1, 1.0, 10.0}) {
            series.x.push_back(x);
            series.y.push_back(x > 0 ? std::log10(x) + 4 : 1.0);
        }
        XYChartData data = oneSeries(series);
        data.logX = true;
        auto chart = shown(data);
        QVERIFY(chart);
        QVERIFY(qobject_cast<QLogValueAxis *>(chart->view()->chart()->axes(Qt::Horizontal).first()));
        QCOMPARE(chart->drawnPointCount(0), 5);
        QVERIFY(chart->xRange().first > 0.0);
        QVERIFY(chart->xRange().first <= 1e-3);
        wheel(chart->view(), plotCentre(chart->view()), -3);
        QVERIFY(chart->xRange().first > 0.0);
    }

    void manyDecadesAreLabelledEveryFewDecades()
    {
        // p-values from 1 down to 1e-45: a label per decade would not fit, so the
        // log axis labels every fifth or tenth one and drops its minor ticks.
        XYSeries series;
        series.name = QStringLiteral("p-value");
        for (int i = 0; i <= 45; ++i) {
            series.x.push_back(i);
            series.y.push_back(std::pow(10.0, -i));
        }
        XYChartData data = oneSeries(series);
        data.logY = true;
        auto chart = shown(data);
        QVERIFY(chart);
        auto *axis = qobject_cast<QLogValueAxis *>(chart->view()->chart()->axes(Qt::Vertical).first());
        QVERIFY(axis);
        QVERIFY(axis->base() >= 1e5);
        QCOMPARE(axis->minorTickCount(), 0);
        const double decades = std::log10(axis->max()) - std::log10(axis->min());
        QVERIFY(decades / std::log10(axis->base()) <= chart->view()->chart()->plotArea().height() / 24.0);
        // Zoomed in to a few decades, every decade has its label again.
        data.series.first().y = {1.0, 0.1, 0.01, 0.001};
        data.series.first().x = {0.0, 1.0, 2.0, 3.0};
        chart->setData(data);
        chart->refreshNow();
        axis = qobject_cast<QLogValueAxis *>(chart->view()->chart()->axes(Qt::Vertical).first());
        QCOMPARE(axis->base(), 10.0);
        QCOMPARE(axis->minorTickCount(), 8);
    }

    void gapsBreakTheLineUnderOneLegendEntry()
    {
        XYSeries other;
        other.name = QStringLiteral("other");
        other.x = {0.0, 29.0};
        other.y = {0.0, 1.0};
        XYSeries series;
        series.name = QStringLiteral("with gaps");
        for (int i = 0; i < 30; ++i) {
            series.x.push_back(i);
            series.y.push_back(i == 10 || i == 20 || i == 21 ? std::nan("") : i * 0.1);
        }
        XYChartData data = oneSeries(series);
        data.series << other;
        auto chart = shown(data);
        QVERIFY(chart);
        QList<QAbstractSeries *> parts;
        for (QAbstractSeries *part : chart->view()->chart()->series()) {
            if (part->name() == series.name)
                parts << part;
        }
        QCOMPARE(parts.size(), 3);
        QCOMPARE(qobject_cast<QLineSeries *>(parts[0])->count(), 10);
        QCOMPARE(qobject_cast<QLineSeries *>(parts[1])->count(), 9);
        QCOMPARE(qobject_cast<QLineSeries *>(parts[2])->count(), 8);
        // The legend lays its entries out on the next pass of the event loop.
        const auto listed = [&]() {
            int visible = 0;
            for (QLegendMarker *marker : chart->view()->chart()->legend()->markers())
                visible += marker->isVisible();
            return visible;
        };
        QTRY_COMPARE(listed(), 2);
    }

    void decreasingSeriesAreReversedNotShuffled()
    {
        // A precision-recall curve comes with recall falling; steps keep their order.
        XYSeries pr;
        pr.name = QStringLiteral("PR");
        pr.x = {1.0, 1.0, 0.5, 0.5, 0.0};
        pr.y = {0.5, 0.6, 0.6, 0.8, 1.0};
        auto chart = shown(oneSeries(pr));
        QVERIFY(chart);
        QCOMPARE(chart->data().series.first().x, (std::vector<double> {0.0, 0.5, 0.5, 1.0, 1.0}));
        QCOMPARE(chart->data().series.first().y, (std::vector<double> {1.0, 0.8, 0.6, 0.6, 0.5}));
    }
};

QTEST_MAIN(TestXYChart)
#include "tst_xychart.moc"
