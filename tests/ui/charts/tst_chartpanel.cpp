// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartTestData.h"
#include "ChartTestSupport.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/DataTableDialog.h"
#include "ui/charts/PlotTableModel.h"
#include "ui/charts/XYChart.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QTableView>
#include <QTemporaryDir>

using namespace Tandem::Ui;
using namespace Tandem::Ui::ChartTestSupport;

class TestChartPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_folder;

    /// A panel over two series: 100 000 points and 10 points with a NaN.
    std::unique_ptr<ChartPanel> panel()
    {
        XYChartData data;
        data.title = QStringLiteral("Loss, \"training\"");
        data.xTitle = QStringLiteral("step");
        data.yTitle = QStringLiteral("loss");
        data.series << ChartTestData::longSignal(100000);
        XYSeries small;
        small.name = QStringLiteral("run, with comma");
        for (int i = 0; i < 10; ++i) {
            small.x.push_back(i * 0.1);
            small.y.push_back(i == 4 ? std::nan("") : 1.0 / 3.0 + i);
        }
        data.series << small;
        auto *chart = new XYChart;
        chart->setData(std::move(data));
        auto result = std::make_unique<ChartPanel>(chart);
        result->resize(700, 450);
        result->show();
        if (!QTest::qWaitForWindowExposed(result.get()))
            return nullptr;
        return result;
    }

    static XYChart *chartOf(ChartPanel &panel) { return qobject_cast<XYChart *>(panel.surface()); }

private Q_SLOTS:
    void csvHoldsTheFullDataWhateverTheZoom()
    {
        auto p = panel();
        QVERIFY(p);
        XYChart *chart = chartOf(*p);
        wheel(chart->view(), plotCentre(chart->view()), 8); // zoomed far in: few points drawn
        chart->refreshNow();
        QVERIFY(chart->drawnPointCount(0) < 5000);

        const QString path = m_folder.filePath(QStringLiteral("data.csv"));
        QVERIFY(p->exportTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 1 + 100000 + 10 + 1); // header, rows, and the empty text after the last newline
        QCOMPARE(lines[0], QByteArray("series,step,loss"));
        const XYSeries &signal = chart->data().series[0];
        for (int row : {0, 1, 33333, 99999}) {
            const QList<QByteArray> cells = lines[row + 1].split(',');
            QCOMPARE(cells.size(), 3);
            QCOMPARE(cells[0], QByteArray("signal"));
            QCOMPARE(cells[1].toDouble(), signal.x[std::size_t(row)]);
            QCOMPARE(cells[2].toDouble(), signal.y[std::size_t(row)]); // exact: shortest form that reads back
        }
        QCOMPARE(lines[100001], QByteArray("\"run, with comma\",0,0.3333333333333333"));
        QCOMPARE(lines[100005], QByteArray("\"run, with comma\",0.4,")); // NaN is an empty cell
    }

    void imagesAreWritten()
    {
        auto p = panel();
        QVERIFY(p);
        const QString png = m_folder.filePath(QStringLiteral("chart.png"));
        const QString svg = m_folder.filePath(QStringLiteral("chart.svg"));
        QVERIFY(p->exportTo(png));
        QVERIFY(p->exportTo(svg));
        QCOMPARE(QImage(png).size(), p->surface()->size() * 2);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Loss, &quot;training&quot;") || text.contains("Loss, \"training\""));
        QString error;
        QVERIFY(!p->exportTo(m_folder.filePath(QStringLiteral("chart.txt")), &error));
        QVERIFY(error.contains(QStringLiteral(".png")));
        QVERIFY(!p->exportTo(m_folder.filePath(QStringLiteral("missing/folder/chart.png")), &error));
        QVERIFY(error.contains(QStringLiteral("missing/folder")));
    }

    void tableShowsEveryRowAndCopiesTsv()
    {
        auto p = panel();
        QVERIFY(p);
        DataTableDialog *dialog = p->showTable();
        QVERIFY(dialog);
        QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dialog->model()->rowCount(), 100010);
        QCOMPARE(dialog->model()->columnCount(), 3);
        QCOMPARE(dialog->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("step"));

        QTableView *view = dialog->view();
        view->selectionModel()->select(
            QItemSelection(dialog->model()->index(100000, 0), dialog->model()->index(100001, 2)),
            QItemSelectionModel::ClearAndSelect);
        const QString expected
            = QStringLiteral("run, with comma\t0\t0.3333333333333333\nrun, with comma\t0.1\t1.3333333333333333\n");
        QCOMPARE(dialog->selectionAsTsv(), expected);
        QApplication::clipboard()->clear();
        QApplication::setActiveWindow(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        view->setFocus();
        QTest::keySequence(view, QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(), expected);

        // Whole columns come with their header.
        view->selectionModel()->select(
            QItemSelection(dialog->model()->index(0, 1), dialog->model()->index(dialog->model()->rowCount() - 1, 1)),
            QItemSelectionModel::ClearAndSelect);
        QVERIFY(dialog->selectionAsTsv().startsWith(QStringLiteral("step\n0\n1\n2\n")));
        dialog->close();
    }

    void resetActionAndKeysRestoreTheView()
    {
        auto p = panel();
        QVERIFY(p);
        XYChart *chart = chartOf(*p);
        const auto home = chart->xRange();
        wheel(chart->view(), plotCentre(chart->view()), 3);
        QVERIFY(chart->xRange() != home);
        p->resetAction()->trigger();
        QCOMPARE(chart->xRange(), home);

        wheel(chart->view(), plotCentre(chart->view()), 3);
        chart->view()->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(p.get()));
        QTest::keyClick(chart->view(), Qt::Key_Escape);
        QCOMPARE(chart->xRange(), home);
    }

    void panSwitchIsOfferedForZoomableCharts()
    {
        auto p = panel();
        QVERIFY(p);
        QVERIFY(p->panAction()->isVisible());
        p->panAction()->setChecked(true);
        QVERIFY(chartOf(*p)->view()->panMode());
        // The chart's context menu offers the panel's actions.
        QVERIFY(p->surface()->actions().contains(p->exportCsvAction()));
        QVERIFY(p->surface()->actions().contains(p->tableAction()));
    }
};

QTEST_MAIN(TestChartPanel)
#include "tst_chartpanel.moc"
