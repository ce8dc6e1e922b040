// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/data/TableSorter.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Tandem;

class TestTableSorter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headerClicksSortAndReverse()
    {
        Data::DatasetBuilder builder;
        builder.addColumn(Data::Column::integer(QStringLiteral("n"), {3, 1, 2}));
        builder.addColumn(Data::Column::text(
            QStringLiteral("name"), QStringList {QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
        auto dataset = builder.build();
        QVERIFY(dataset.ok());

        Runs::JobQueue jobs(1);
        Ui::DatasetTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDataset(dataset.value());
        QTableView view;
        view.setModel(&model);
        Ui::TableSorter sorter(&jobs, &model, view.horizontalHeader());
        QSignalSpy sorted(&sorter, &Ui::TableSorter::sorted);
        auto column = [&model](int c) {
            QStringList values;
            for (int r = 0; r < model.rowCount(); ++r)
                values << model.index(r, c).data().toString();
            return values;
        };

        Q_EMIT view.horizontalHeader()->sectionClicked(0);
        QTRY_COMPARE(sorted.count(), 1);
        QCOMPARE(column(0), (QStringList {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
        QCOMPARE(column(1), (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QVERIFY(view.horizontalHeader()->isSortIndicatorShown());

        Q_EMIT view.horizontalHeader()->sectionClicked(0); // again: reversed
        QTRY_COMPARE(sorted.count(), 2);
        QCOMPARE(column(0), (QStringList {QStringLiteral("3"), QStringLiteral("2"), QStringLiteral("1")}));
        QCOMPARE(view.horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);

        sorter.showFileOrder();
        QCOMPARE(column(0), (QStringList {QStringLiteral("3"), QStringLiteral("1"), QStringLiteral("2")}));
        QVERIFY(!view.horizontalHeader()->isSortIndicatorShown());
        QCOMPARE(sorted.last().at(0).toInt(), -1);
    }
};

QTEST_MAIN(TestTableSorter)
#include "tst_tablesorter.moc"
