// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ParallelCoordinatesWidget.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tandem::Ui;

class TestParallelCoordinates : public QObject
{
    Q_OBJECT
private:
    /// Five runs over C (log), a kernel (categorical) and accuracy.
    static ParallelCoordinatesData sweep()
    {
        ParallelCoordinatesData data;
        data.title = QStringLiteral("sweep");
        data.runIds = {11, 12, 13, 14, 15};
        data.runNames
            = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")};
        data.axes << ParallelAxis {QStringLiteral("C"), true, {}, {0.001, 0.01, 0.1, 1.0, 10.0}};
        data.axes << ParallelAxis {
            QStringLiteral("kernel"), false, {QStringLiteral("linear"), QStringLiteral("rbf")}, {0, 1, 1, 0, 1}};
        data.axes << ParallelAxis {QStringLiteral("accuracy"), false, {}, {0.80, 0.85, 0.90, 0.88, std::nan("")}};
        return data;
    }

    /// Drags along `axis` from `from` to `to` (values), as a user brushes.
    static void drag(ParallelCoordinatesWidget &widget, int axis, double from, double to)
    {
        const QPoint start = widget.axisPoint(axis, from).toPoint(), end = widget.axisPoint(axis, to).toPoint();
        QTest::mousePress(&widget, Qt::LeftButton, {}, start);
        QTest::mouseMove(&widget, (start + end) / 2);
        QTest::mouseMove(&widget, end);
        QTest::mouseRelease(&widget, Qt::LeftButton, {}, end);
    }

private Q_SLOTS:
    void brushingSelectsRunsOnEveryBrushedAxis()
    {
        ParallelCoordinatesWidget widget;
        widget.setData(sweep());
        widget.resize(700, 420);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy selection(&widget, &ParallelCoordinatesWidget::selectionChanged);
        QCOMPARE(widget.selectedRunIds(), (QList<qint64> {11, 12, 13, 14, 15}));

        // C from about 0.005 to 2 (log axis): runs 12, 13, 14.
        drag(widget, 0, 0.005, 2.0);
        QCOMPARE(selection.count(), 1);
        QCOMPARE(selection.last().first().value<QList<qint64>>(), (QList<qint64> {12, 13, 14}));
        const auto brush = widget.brush(0);
        QVERIFY(brush && brush->first > 0.001 && brush->first < 0.01 && brush->second > 1.0 && brush->second < 10.0);

        // And kernel rbf (drawn over the upper half of its axis): 12, 13.
        drag(widget, 1, 0.6, 1.0);
        QCOMPARE(widget.selectedRunIds(), (QList<qint64> {12, 13}));
        // A missing value never passes a brush.
        drag(widget, 2, 0.79, 0.95);
        QCOMPARE(widget.selectedRunIds(), (QList<qint64> {12, 13}));

        // A click on an axis clears its brush.
        QTest::mouseClick(&widget, Qt::LeftButton, {}, widget.axisPoint(1, 0.5).toPoint());
        QVERIFY(!widget.brush(1));
        QCOMPARE(widget.selectedRunIds(), (QList<qint64> {12, 13, 14}));
        // Reset clears them all.
        widget.resetView();
        QCOMPARE(widget.selectedRunIds(), (QList<qint64> {11, 12, 13, 14, 15}));
        QCOMPARE(selection.last().first().value<QList<qint64>>(), (QList<qint64> {11, 12, 13, 14, 15}));

        // The table marks what the brushes select.
        widget.setBrush(2, 0.84, 0.89);
        const PlotTable table = widget.plottedTable();
        QCOMPARE(table.rowCount(), 5);
        QCOMPARE(table.columnName(3), QStringLiteral("kernel"));
        QCOMPARE(table.displayText(1, 3), QStringLiteral("rbf"));
        QCOMPARE(table.displayText(1, 5), QStringLiteral("yes"));
        QCOMPARE(table.displayText(2, 5), QStringLiteral("no"));
    }

    void hoverNamesTheRunAndItsValues()
    {
        ParallelCoordinatesWidget widget;
        widget.setData(sweep());
        widget.resize(700, 420);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        // Halfway between the first two axes on run 11's line.
        const QPointF a = widget.axisPoint(0, 0.001), b = widget.axisPoint(1, 0);
        QTest::mouseMove(&widget, ((a + b) / 2).toPoint());
        QCOMPARE(widget.lastHoverText(), QStringLiteral("a (run 11)\nC: 0.001\nkernel: linear\naccuracy: 0.8"));
    }
};

QTEST_MAIN(TestParallelCoordinates)
#include "tst_parallelcoordinates.moc"
