// SPDX-License-Identifier: GPL-3.0-or-later
// Renders every chart kind to PNG (and SVG) the way a user would see them, so
// that people can look at them: set TANDEM_CHART_GALLERY=/some/dir to keep the
// files. The test checks that each image was drawn (not blank).
#include "ChartTestData.h"
#include "ui/charts/ChartExport.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/HeatmapWidget.h"
#include "ui/charts/LineChart.h"
#include "ui/charts/ParallelCoordinatesWidget.h"
#include "ui/charts/StripBoxChart.h"
#include "ui/charts/XYChart.h"
#include "ui/shell/Theme.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using namespace Tandem::Ui;

class TestChartGallery : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_temporary;
    QDir m_folder;

    /// Shows `surface` in a panel of the given size, saves it, and checks the picture.
    void save(ChartSurface *surface, const QString &name, QSize size = QSize(720, 460))
    {
        ChartPanel panel(surface);
        panel.resize(size);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCoreApplication::processEvents();
        const QString png = m_folder.filePath(name + QStringLiteral(".png"));
        QVERIFY(panel.exportTo(png));
        QVERIFY(panel.exportTo(m_folder.filePath(name + QStringLiteral(".svg"))));
        // The panel as it is on screen, toolbar included.
        QVERIFY(panel.grab().save(m_folder.filePath(name + QStringLiteral("-panel.png"))));
        const QImage image(png);
        QCOMPARE(image.size(), surface->size() * 2);
        // Drawn: more than a handful of distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 8, qPrintable(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray keep = qgetenv("TANDEM_CHART_GALLERY");
        m_folder = QDir(keep.isEmpty() ? m_temporary.path() : QString::fromLocal8Bit(keep));
        QVERIFY(m_folder.mkpath(QStringLiteral(".")));
    }

    void lines()
    {
        auto *chart = new XYChart;
        chart->setData({QStringLiteral("Learning curves"), QStringLiteral("epoch"), QStringLiteral("validation loss"),
            false, false, ChartTestData::learningCurves(4, 30)});
        save(chart, QStringLiteral("lines"));
    }

    void millionPointLine()
    {
        auto *chart = new XYChart;
        chart->setData({QStringLiteral("A million points"), QStringLiteral("step"), QStringLiteral("value"), false,
            false, {ChartTestData::longSignal(1000000)}});
        save(chart, QStringLiteral("line-1e6"));
    }

    void scatterDensity()
    {
        auto *chart = new XYChart;
        chart->setData({QStringLiteral("Predictions"), QStringLiteral("predicted"), QStringLiteral("actual"), false,
            false, {ChartTestData::blobs(200000)}});
        save(chart, QStringLiteral("scatter-density"));
    }

    void scatterLog()
    {
        std::mt19937 random(4);
        std::uniform_real_distribution<double> exponent(-5.0, 1.0);
        XYSeries points;
        points.name = QStringLiteral("sweep");
        points.style = XYSeries::Style::Points;
        points.runId = 3;
        for (int i = 0; i < 60; ++i) {
            const double c = std::pow(10.0, exponent(random));
            points.x.push_back(c);
            points.y.push_back(0.9 - 0.02 * std::pow(std::log10(c) + 2.0, 2) + 0.005 * (i % 5));
        }
        auto *chart = new XYChart;
        chart->setData({QStringLiteral("C against accuracy"), QStringLiteral("C"), QStringLiteral("accuracy"), true,
            false, {points}});
        save(chart, QStringLiteral("scatter-log"));
    }

    void barsPerRun()
    {
        auto *chart = new ErrorBarChart;
        chart->setData(ChartTestData::metricPerRun());
        save(chart, QStringLiteral("bars-per-run"));
    }

    void barsSideBySide()
    {
        auto *chart = new ErrorBarChart;
        chart->setData(ChartTestData::importances());
        save(chart, QStringLiteral("bars-grouped"));
    }

    void stripBox()
    {
        auto *chart = new StripBoxChart;
        chart->setData(ChartTestData::foldScores());
        save(chart, QStringLiteral("strip-box"));
    }

    void heatmap()
    {
        auto *counts = new HeatmapWidget;
        counts->setData(ChartTestData::confusion());
        save(counts, QStringLiteral("heatmap-counts"), QSize(560, 460));
        auto *shares = new HeatmapWidget;
        shares->setData(ChartTestData::confusion());
        shares->setScale(HeatmapWidget::Scale::RowNormalised);
        save(shares, QStringLiteral("heatmap-normalised"), QSize(560, 460));
    }

    void parallelCoordinates()
    {
        auto *byRun = new ParallelCoordinatesWidget;
        byRun->setData(ChartTestData::sweep(12));
        save(byRun, QStringLiteral("parallel-by-run"));
        auto *byMetric = new ParallelCoordinatesWidget;
        ParallelCoordinatesData data = ChartTestData::sweep(40);
        data.colourAxis = int(data.axes.size()) - 1;
        byMetric->setData(data);
        byMetric->setBrush(0, 1e-3, 1.0);
        save(byMetric, QStringLiteral("parallel-by-metric"));
    }

    void runsViewLearningCurve()
    {
        // LineChart, the Runs view's live learning curve (not on the interactive frame).
        LineChart chart;
        QList<LineChart::Series> series;
        for (const QString &name : {QStringLiteral("train_loss"), QStringLiteral("validation_loss")}) {
            LineChart::Series s {name, {}};
            for (int step = 1; step <= 40; ++step)
                s.points << QPointF(
                    step, (name.startsWith(QLatin1String("train")) ? 0.2 : 0.3) + std::exp(-step / 8.0));
            series << s;
        }
        chart.setSeries(QStringLiteral("Learning curve"), series, QStringLiteral("step"), QStringLiteral("loss"));
        chart.resize(600, 360);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QVERIFY(chart.grab().save(m_folder.filePath(QStringLiteral("linechart.png"))));
    }

    void darkTheme()
    {
        applyTheme(ThemeMode::Dark);
        auto *lines = new XYChart;
        lines->setData({QStringLiteral("Learning curves"), QStringLiteral("epoch"), QStringLiteral("validation loss"),
            false, false, ChartTestData::learningCurves(6, 30)});
        save(lines, QStringLiteral("dark-lines"));
        auto *bars = new ErrorBarChart;
        bars->setData(ChartTestData::metricPerRun());
        save(bars, QStringLiteral("dark-bars"));
        auto *heatmap = new HeatmapWidget;
        heatmap->setData(ChartTestData::confusion());
        save(heatmap, QStringLiteral("dark-heatmap"), QSize(560, 460));
        auto *parallel = new ParallelCoordinatesWidget;
        ParallelCoordinatesData data = ChartTestData::sweep(40);
        data.colourAxis = int(data.axes.size()) - 1;
        parallel->setData(data);
        save(parallel, QStringLiteral("dark-parallel"));
        applyTheme(ThemeMode::Light);
    }
};

QTEST_MAIN(TestChartGallery)
#include "tst_chartgallery.moc"
