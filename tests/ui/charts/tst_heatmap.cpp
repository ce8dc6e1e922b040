// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartTestData.h"
#include "ui/charts/ColorScale.h"
#include "ui/charts/HeatmapWidget.h"

#include <QTest>

using namespace Tandem::Ui;

class TestHeatmap : public QObject
{
    Q_OBJECT
private:
    static HeatmapData threeClasses()
    {
        HeatmapData data;
        data.title = QStringLiteral("Confusion");
        data.rowTitle = QStringLiteral("True");
        data.columnTitle = QStringLiteral("Predicted");
        data.rowLabels = {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("bird")};
        data.columnLabels = data.rowLabels;
        data.values = {8, 2, 0, 1, 3, 0, 0, 0, 0}; // bird never occurs
        return data;
    }

private Q_SLOTS:
    void rowNormalisedValues()
    {
        HeatmapWidget heatmap;
        heatmap.setData(threeClasses());
        QCOMPARE(heatmap.displayedValue(0, 0), 8.0);
        heatmap.setScale(HeatmapWidget::Scale::RowNormalised);
        QCOMPARE(heatmap.displayedValue(0, 0), 0.8);
        QCOMPARE(heatmap.displayedValue(0, 1), 0.2);
        QCOMPARE(heatmap.displayedValue(1, 0), 0.25);
        QCOMPARE(heatmap.displayedValue(1, 1), 0.75);
        QVERIFY(std::isnan(heatmap.displayedValue(2, 2))); // an empty row stays empty

        // The table holds what is drawn, one row per true class.
        const PlotTable table = heatmap.plottedTable();
        QCOMPARE(table.rowCount(), 3);
        QCOMPARE(table.columnCount(), 4);
        QCOMPARE(table.columnName(0), QStringLiteral("True"));
        QCOMPARE(table.columnName(2), QStringLiteral("dog"));
        QCOMPARE(table.number(1, 2), 0.75);
        QCOMPARE(table.exactText(2, 1), QString());
    }

    void hoverNamesTheCell()
    {
        HeatmapWidget heatmap;
        heatmap.setData(threeClasses());
        heatmap.resize(500, 400);
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        const QRectF cell = heatmap.cellRect(1, 0);
        QCOMPARE(heatmap.cellAt(cell.center()), (std::optional<std::pair<int, int>>({1, 0})));
        QTest::mouseMove(&heatmap, cell.center().toPoint());
        QCOMPARE(heatmap.lastHoverText(), QStringLiteral("True: dog\nPredicted: cat\ncount: 1\nshare of row: 25.0 %"));
        QTest::mouseMove(&heatmap, QPoint(2, 2));
        QVERIFY(heatmap.lastHoverText().isEmpty());
    }

    void cellTextContrastsWithItsFill()
    {
        QCOMPARE(ColorScale::textOn(QColor(0x08306b)), QColor(Qt::white));
        QCOMPARE(ColorScale::textOn(QColor(0xc6dbef)), QColor(Qt::black));
        QCOMPARE(ColorScale::textOn(QColor(0x1e1e21)), QColor(Qt::white));
        // Drawn: the full cell (deepest fill) has white text, an empty one black (light theme).
        HeatmapWidget heatmap;
        HeatmapData data = threeClasses();
        data.values = {100, 0, 0, 0, 100, 0, 0, 0, 100};
        heatmap.setData(data);
        heatmap.resize(500, 400);
        const QImage image = heatmap.grab().toImage();
        const auto darkest = [&](const QRectF &cell) {
            int lowest = 255 * 3;
            for (int y = int(cell.top()) + 2; y < int(cell.bottom()) - 2; ++y)
                for (int x = int(cell.left()) + 2; x < int(cell.right()) - 2; ++x) {
                    const QColor c = image.pixelColor(x, y);
                    lowest = std::min(lowest, c.red() + c.green() + c.blue());
                }
            return lowest;
        };
        const auto lightest = [&](const QRectF &cell) {
            int highest = 0;
            for (int y = int(cell.top()) + 2; y < int(cell.bottom()) - 2; ++y)
                for (int x = int(cell.left()) + 2; x < int(cell.right()) - 2; ++x) {
                    const QColor c = image.pixelColor(x, y);
                    highest = std::max(highest, c.red() + c.green() + c.blue());
                }
            return highest;
        };
        QVERIFY(lightest(heatmap.cellRect(0, 0)) > 600); // white "100" on deep blue
        QVERIFY(darkest(heatmap.cellRect(0, 1)) < 150); // black "0" on the pale background
    }

    void columnLabelsTurnWhenCrowded()
    {
        HeatmapWidget heatmap;
        heatmap.setData(ChartTestData::confusion());
        heatmap.resize(420, 400);
        QVERIFY(heatmap.cellRect(0, 0).height() > 0);
        // Ten long labels do not fit 420 pixels side by side: the grid leaves room below for turned labels.
        const QRectF lastCell = heatmap.cellRect(9, 9);
        QVERIFY(heatmap.height() - lastCell.bottom() > 60);
    }
};

QTEST_MAIN(TestHeatmap)
#include "tst_heatmap.moc"
