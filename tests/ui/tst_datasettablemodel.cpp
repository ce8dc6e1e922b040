// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "ui/data/CellDelegate.h"
#include "ui/data/DatasetTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Tandem;
using Ui::DatasetTableModel;

namespace {
std::shared_ptr<const Data::Dataset> sampleDataset()
{
    Data::DatasetBuilder builder;
    Data::MissingMask missing;
    missing.setMissing(1);
    builder.addColumn(Data::Column::numeric(QStringLiteral("length"), {5.1, std::nan(""), 0.1}, missing));
    builder.addColumn(Data::Column::categorical(
        QStringLiteral("species"), {0, 1, 0}, {QStringLiteral("setosa"), QStringLiteral("virginica")}));
    builder.addColumn(Data::Column::integer(QStringLiteral("count"), {3, 1, 2}));
    auto built = builder.build();
    return built.ok() ? built.value() : nullptr;
}
} // namespace

class TestDatasetTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsCellsTypesAndMissingValues()
    {
        const auto dataset = sampleDataset();
        QVERIFY(dataset);
        DatasetTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setDataset(dataset);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("5.1"));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("0.1"));
        QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("setosa"));
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("virginica"));
        QCOMPARE(model.index(1, 0).data(DatasetTableModel::MissingRole).toBool(), true);
        QCOMPARE(model.index(0, 0).data(DatasetTableModel::MissingRole).toBool(), false);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("length\nnumeric"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("species\ncategorical"));
        QCOMPARE(model.headerData(2, Qt::Horizontal, DatasetTableModel::ColumnTypeRole).toInt(),
            int(Data::ColumnType::Integer));
        QVERIFY(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QStringLiteral("1 missing")));
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("1"));
        // Numbers are right-aligned, text left-aligned.
        QVERIFY(model.index(0, 0).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
        QVERIFY(model.index(0, 1).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignLeft);
    }

    void rowOrderPermutesWithoutCopying()
    {
        DatasetTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDataset(sampleDataset());
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QVERIFY(model.setRowOrder({2, 0, 1}));
        QCOMPARE(layout.count(), 1);
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("3")); // file row number
        QVERIFY(!model.setRowOrder({0, 1})); // not a permutation of all rows
        QVERIFY(model.setRowOrder({}));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("3"));
    }

    void delegateMarksMissingCells()
    {
        DatasetTableModel model;
        model.setDataset(sampleDataset());
        // A subclass to reach the protected initStyleOption.
        struct Probe : Ui::CellDelegate {
            QStyleOptionViewItem optionFor(const QModelIndex &index) const
            {
                QStyleOptionViewItem option;
                initStyleOption(&option, index);
                return option;
            }
        } delegate;
        const QStyleOptionViewItem missing = delegate.optionFor(model.index(1, 0));
        QCOMPARE(missing.text, Ui::CellDelegate::missingText());
        QVERIFY(missing.font.italic());
        const QStyleOptionViewItem present = delegate.optionFor(model.index(0, 0));
        QCOMPARE(present.text, QStringLiteral("5.1"));
        QVERIFY(!present.font.italic());
    }
};

QTEST_MAIN(TestDatasetTableModel)
#include "tst_datasettablemodel.moc"
