// SPDX-License-Identifier: GPL-3.0-or-later
// Chart benchmark (issue 7, "a chart of 1,000,000 points opens in under a second and
// zooms smoothly"): an XYChart in a ChartPanel, painted into a pixmap (QWidget::grab)
// after each step.
//
// - line: 1,000,000 points; the time from handing over the data to the first
//   painted frame, then each of N wheel steps (zoom in around a point; the chart
//   re-downsamples the visible range from the full data) until painted;
// - scatter: 1,000,000 points drawn as a density (counts per 2×2-pixel cell),
//   opened and zoomed the same way;
// - the core step alone: min/max per pixel column over all points.
// Prints median and max per case as text and JSON.
//
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_charts [--points N] [--steps N] [--verbose]
#include "core/plot/Downsample.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/InteractiveChartView.h"
#include "ui/charts/XYChart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPixmap>
#include <QTextStream>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <random>

using namespace Tandem;

namespace {

struct Timings {
    double openMs = 0;
    std::vector<double> stepsMs;
    qsizetype drawnPoints = 0;

    double median() const
    {
        std::vector<double> sorted = stepsMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.empty() ? 0.0 : sorted[sorted.size() / 2];
    }
    double max() const { return stepsMs.empty() ? 0.0 : *std::max_element(stepsMs.begin(), stepsMs.end()); }
};

double milliseconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

Ui::XYSeries walk(std::size_t n)
{
    std::mt19937_64 random(11);
    std::normal_distribution<double> normal;
    Ui::XYSeries series;
    series.name = QStringLiteral("signal");
    series.runId = 1;
    series.x.resize(n);
    series.y.resize(n);
    double level = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        level += 0.01 * normal(random);
        series.x[i] = double(i);
        series.y[i] = level + 0.1 * normal(random);
    }
    return series;
}

Ui::XYSeries cloud(std::size_t n)
{
    std::mt19937_64 random(12);
    std::normal_distribution<double> normal;
    Ui::XYSeries series;
    series.name = QStringLiteral("predictions");
    series.runId = 2;
    series.style = Ui::XYSeries::Style::Points;
    series.x.resize(n);
    series.y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        series.x[i] = normal(random);
        series.y[i] = 0.5 * series.x[i] + normal(random);
    }
    return series;
}

/// Opens `series` in a panel, paints it, then zooms `steps` wheel notches around a
/// point left of the centre, painting after each.
Timings run(Ui::XYSeries series, int steps)
{
    Timings timings;
    QElapsedTimer timer;
    timer.start();
    auto *chart = new Ui::XYChart;
    Ui::ChartPanel panel(chart);
    panel.resize(1200, 700);
    Ui::XYChartData data;
    data.title = QStringLiteral("benchmark");
    data.xTitle = QStringLiteral("x");
    data.yTitle = QStringLiteral("y");
    data.series << std::move(series);
    chart->setData(std::move(data));
    panel.show();
    QCoreApplication::processEvents(); // layout, then the coalesced downsampling pass
    QPixmap frame = panel.grab(); // the first painted frame
    timings.openMs = milliseconds(timer);
    timings.drawnPoints = chart->drawnPointCount(0);

    Ui::InteractiveChartView *view = chart->view();
    const QPointF at = view->mapFromScene(view->chart()->mapToScene(view->chart()->plotArea().center()))
        - QPointF(view->chart()->plotArea().width() * 0.2, 0);
    for (int step = 0; step < steps; ++step) {
        timer.restart();
        QWheelEvent wheel(at, view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QCoreApplication::processEvents();
        frame = panel.grab();
        timings.stepsMs.push_back(milliseconds(timer));
    }
    return timings;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    std::size_t points = 1'000'000;
    int steps = 20;
    const QStringList args = QApplication::arguments();
    if (const auto at = args.indexOf(QStringLiteral("--points")); at >= 0 && at + 1 < args.size())
        points = std::max<std::size_t>(1000, args.at(at + 1).toULongLong());
    if (const auto at = args.indexOf(QStringLiteral("--steps")); at >= 0 && at + 1 < args.size())
        steps = std::max(1, args.at(at + 1).toInt());

    const bool verbose = args.contains(QStringLiteral("--verbose"));
    QTextStream out(stdout);
    QStringList json;
    const auto report = [&](const QString &name, const Timings &t) {
        out << QStringLiteral("%1 open %2 ms; %3 zoom steps: median %4 ms, max %5 ms; %6 points drawn at open\n")
                   .arg(name, -34)
                   .arg(t.openMs, 0, 'f', 1)
                   .arg(t.stepsMs.size())
                   .arg(t.median(), 0, 'f', 1)
                   .arg(t.max(), 0, 'f', 1)
                   .arg(t.drawnPoints);
        if (verbose) {
            QStringList each;
            for (double ms : t.stepsMs)
                each << QString::number(ms, 'f', 1);
            out << "  steps (ms): " << each.join(QStringLiteral(" ")) << "\n";
        }
        json << QStringLiteral("{\"case\":\"%1\",\"points\":%2,\"open_ms\":%3,\"steps\":%4,\"step_median_ms\":%5,"
                               "\"step_max_ms\":%6}")
                    .arg(name)
                    .arg(points)
                    .arg(t.openMs)
                    .arg(t.stepsMs.size())
                    .arg(t.median())
                    .arg(t.max());
    };
    out.flush();

    // Warm up fonts, styles and Qt Charts once, so the first case is not charged for them.
    run(walk(1000), 1);

    report(QStringLiteral("line, %1 points").arg(points), run(walk(points), steps));
    report(QStringLiteral("scatter (density), %1 points").arg(points), run(cloud(points), steps));

    // The core step alone, for scale.
    const Ui::XYSeries series = walk(points);
    std::vector<double> times;
    for (int i = 0; i < 10; ++i) {
        QElapsedTimer timer;
        timer.start();
        const Plot::IndexList kept
            = Plot::minMaxPerColumn(series.x, series.y, {0, std::int64_t(points)}, {0.0, double(points - 1), 1100});
        times.push_back(milliseconds(timer));
        if (kept.empty())
            return 1;
    }
    std::sort(times.begin(), times.end());
    out << QStringLiteral("min/max per column alone (%1 points, 1100 columns): median %2 ms\n")
               .arg(points)
               .arg(times[times.size() / 2], 0, 'f', 1);
    out << "JSON [" << json.join(QStringLiteral(",")) << "]\n";
    return 0;
}
