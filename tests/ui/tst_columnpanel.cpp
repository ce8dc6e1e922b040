// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "ui/charts/BarChart.h"
#include "ui/data/ColumnPanel.h"
#include "ui/data/ProfileModel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QSignalSpy>
#include <QTest>

using namespace Tandem;

namespace {
/// x = 1..8, y = 2x (perfectly correlated), kind = a/b alternating.
std::shared_ptr<const Data::Dataset> smallDataset()
{
    Data::DatasetBuilder builder;
    std::vector<double> x, y;
    std::vector<qint32> kind;
    for (int i = 1; i <= 8; ++i) {
        x.push_back(i);
        y.push_back(2.0 * i);
        kind.push_back(i % 2);
    }
    builder.addColumn(Data::Column::numeric(QStringLiteral("x"), x));
    builder.addColumn(Data::Column::numeric(QStringLiteral("y"), y));
    builder.addColumn(
        Data::Column::categorical(QStringLiteral("kind"), kind, {QStringLiteral("a"), QStringLiteral("b")}));
    auto built = builder.build();
    return built.ok() ? built.value() : nullptr;
}
} // namespace

class TestColumnPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void profilesAndShowsTheSelectedColumn()
    {
        Runs::JobQueue jobs(1);
        Ui::ColumnPanel panel(&jobs);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy profiled(&panel, &Ui::ColumnPanel::profiled);
        panel.setDataset(smallDataset());
        QVERIFY(panel.isProfiling());
        QTRY_COMPARE(profiled.count(), 1);
        QCOMPARE(panel.model()->rowCount(), 3);

        // Column 0 is selected once the profile arrives: x = 1..8.
        QVERIFY2(panel.detailsText().contains(QStringLiteral("mean 4.5")), qPrintable(panel.detailsText()));
        QVERIFY(panel.detailsText().contains(QStringLiteral("median 4.5")));
        QVERIFY(panel.detailsText().contains(QStringLiteral("8 values, 0 missing, 8 distinct")));
        QCOMPARE(panel.chart()->barCount(), 20); // default histogram bins
        panel.chart()->hoverBar(0);
        QVERIFY2(panel.chart()->lastHoverText().startsWith(QStringLiteral("[1, ")),
            qPrintable(panel.chart()->lastHoverText()));
        QVERIFY(panel.chart()->lastHoverText().endsWith(QStringLiteral(": 1 rows")));

        // A categorical column charts its most frequent values.
        panel.selectColumn(2);
        QCOMPARE(panel.chart()->barCount(), 2);
        panel.chart()->hoverBar(0);
        QCOMPARE(panel.chart()->lastHoverText(), QStringLiteral("a: 4 rows"));
        QCOMPARE(
            panel.model()->index(2).data(Ui::ProfileModel::TypeNameRole).toString(), QStringLiteral("categorical"));
    }

    void targetAddsAssociations()
    {
        Runs::JobQueue jobs(1);
        Ui::ColumnPanel panel(&jobs);
        QSignalSpy profiled(&panel, &Ui::ColumnPanel::profiled);
        panel.setDataset(smallDataset());
        QTRY_COMPARE(profiled.count(), 1);
        QVERIFY(!panel.model()->index(0).data(Ui::ProfileModel::AssociationRole).isValid());
        panel.setTarget(QStringLiteral("y"));
        QTRY_COMPARE(profiled.count(), 2);
        QCOMPARE(panel.model()->index(0).data(Ui::ProfileModel::AssociationRole).toDouble(), 1.0); // Pearson r
        QVERIFY2(
            panel.detailsText().contains(QStringLiteral("pearson with y: 1.000")), qPrintable(panel.detailsText()));
    }

    void anotherDatasetSupersedesARunningProfile()
    {
        Runs::JobQueue jobs(1);
        Ui::ColumnPanel panel(&jobs);
        QSignalSpy profiled(&panel, &Ui::ColumnPanel::profiled);
        panel.setDataset(smallDataset());
        panel.setDataset(smallDataset()); // another dataset object: the first profile is dropped
        QTRY_COMPARE(profiled.count(), 1);
        QTest::qWait(50);
        QCOMPARE(profiled.count(), 1);
        panel.setDataset(nullptr);
        QCOMPARE(panel.model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestColumnPanel)
#include "tst_columnpanel.moc"
