// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartTestData.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/InteractiveChartView.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/XYChart.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarSet>
#include <QLineSeries>
#include <QTest>

using namespace Tandem::Ui;

namespace {

double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestRunColors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stableAndDistinct()
    {
        QCOMPARE(RunColors::forRun(7, false), RunColors::forRun(7, false));
        QCOMPARE(RunColors::forRun(1, false), QColor(0x1f77b4));
        QCOMPARE(RunColors::forKey(QStringLiteral("train_loss"), true),
            RunColors::forKey(QStringLiteral("train_loss"), true));
        // Consecutive runs (a sweep) never share a colour within a round of hues.
        QSet<QRgb> seen;
        for (qint64 id = 1; id <= RunColors::hueCount; ++id)
            seen.insert(RunColors::forRun(id, false).rgb());
        QCOMPARE(seen.size(), RunColors::hueCount);
        // The next round keeps the hue but not the shade.
        QVERIFY(RunColors::forRun(1, false) != RunColors::forRun(1 + RunColors::hueCount, false));
    }

    void keysInOneChartNeverShareAColour()
    {
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        QStringList keys;
        for (int i = 0; i < RunColors::hueCount; ++i)
            keys << QStringLiteral("metric_%1").arg(i);
        const QList<QColor> colours = RunColors::forKeys(keys, light);
        QSet<QRgb> distinct;
        for (const QColor &c : colours)
            distinct.insert(c.rgb());
        QCOMPARE(distinct.size(), RunColors::hueCount);
        // The first key keeps its own colour; the same keys get the same colours again.
        QCOMPARE(colours.first(), RunColors::forKey(keys.first(), light));
        QCOMPARE(RunColors::forKeys(keys, light), colours);
    }

    void chartsRecolourForANewTheme()
    {
        XYChart lines;
        XYChartData data;
        data.series << ChartTestData::learningCurves(2, 5);
        lines.setData(data);
        QPalette dark = lines.palette();
        dark.setColor(QPalette::Base, QColor(0x1e1e21));
        dark.setColor(QPalette::Text, QColor(0xe8e8ea));
        lines.setPalette(dark);
        auto *curve = qobject_cast<QLineSeries *>(lines.view()->chart()->series().at(1));
        QCOMPARE(curve->pen().color(), RunColors::forRun(2, true));
    }

    void readableOnBothThemes()
    {
        for (qint64 id = 1; id <= 3 * RunColors::hueCount; ++id) {
            QVERIFY2(contrast(RunColors::forRun(id, false), Qt::white) >= 3.0, qPrintable(QString::number(id)));
            QVERIFY2(contrast(RunColors::forRun(id, true), QColor(0x1e1e21)) >= 3.0, qPrintable(QString::number(id)));
        }
    }

    void sameColourInEveryChart()
    {
        XYChart lines;
        XYChartData data;
        data.series << ChartTestData::learningCurves(3, 5);
        lines.setData(data);
        ErrorBarChart bars;
        bars.setData(ChartTestData::metricPerRun());
        // Run 2's learning curve and run 12's bar use RunColors, whichever chart draws them.
        auto *curve = qobject_cast<QLineSeries *>(lines.view()->chart()->series().at(1));
        QCOMPARE(curve->pen().color(), RunColors::forRun(2, lines.palette()));
        auto *barSeries = qobject_cast<QAbstractBarSeries *>(bars.view()->chart()->series().first());
        QCOMPARE(barSeries->barSets().at(1)->color(), RunColors::forRun(12, bars.palette()));
    }
};

QTEST_MAIN(TestRunColors)
#include "tst_runcolors.moc"
