// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <thread>

using namespace Tandem::Data;

namespace {
MissingMask maskOf(std::initializer_list<qint64> rows)
{
    MissingMask mask;
    for (const qint64 row : rows)
        mask.setMissing(row);
    return mask;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The six-type dataset whose fingerprint was computed independently (Python
/// hashlib over the canonical encoding documented in Dataset.cpp).
std::shared_ptr<const Dataset> referenceDataset(bool reverseCategories = false)
{
    DatasetBuilder builder;
    builder.addColumn(Column::numeric(QStringLiteral("x"), {1.5, kNaN, -0.0}, maskOf({1})));
    builder.addColumn(Column::integer(QStringLiteral("n"), {7, -2, 0}, maskOf({2})));
    builder.addColumn(Column::boolean(QStringLiteral("b"), {1, 0, 1}));
    if (reverseCategories) {
        builder.addColumn(Column::categorical(
            QStringLiteral("c"), {1, 0, -1}, {QStringLiteral("hi"), QStringLiteral("lo")}, maskOf({2})));
    } else {
        builder.addColumn(Column::categorical(
            QStringLiteral("c"), {0, 1, -1}, {QStringLiteral("lo"), QStringLiteral("hi")}, maskOf({2})));
    }
    builder.addColumn(
        Column::text(QStringLiteral("t"), QStringList {QStringLiteral("a"), QString(), QStringLiteral("é")}));
    builder.addColumn(Column::dateTime(QStringLiteral("d"), {0, 86'400'000, 0}, maskOf({2})));
    auto built = builder.build();
    return built ? built.value() : nullptr;
}
} // namespace

class TestDataset : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missingMaskIsALazyBitmap()
    {
        MissingMask mask;
        QVERIFY(!mask.any());
        QVERIFY(mask.words().empty());
        QVERIFY(!mask.isMissing(1'000'000));
        mask.setMissing(0);
        mask.setMissing(64);
        mask.setMissing(64);
        mask.setMissing(130);
        QCOMPARE(mask.count(), 3);
        QCOMPARE(mask.words().size(), std::size_t(3));
        QCOMPARE(mask.words()[0], quint64(1));
        QCOMPARE(mask.words()[1], quint64(1));
        QCOMPARE(mask.words()[2], quint64(1) << 2);
        QVERIFY(mask.isMissing(130));
        QVERIFY(!mask.isMissing(129));
        QCOMPARE(mask.extent(), 131);
    }

    void columnsExposeTypedStorage()
    {
        auto ds = referenceDataset();
        QVERIFY(ds);
        QCOMPARE(ds->rowCount(), 3);
        QCOMPARE(ds->columnCount(), 6);
        QCOMPARE(ds->columnNames(),
            (QStringList {QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("b"), QStringLiteral("c"),
                QStringLiteral("t"), QStringLiteral("d")}));
        QCOMPARE(ds->indexOf(u"t"), 4);
        QCOMPARE(ds->indexOf(u"nope"), -1);
        const Column &x = ds->column(0);
        QCOMPARE(x.type(), ColumnType::Numeric);
        QCOMPARE(x.numericValues().size(), std::size_t(3));
        QVERIFY(x.integerValues().empty());
        QVERIFY(x.isMissing(1));
        QVERIFY(std::isnan(x.toDouble(1)));
        QCOMPARE(x.toString(0), QStringLiteral("1.5"));
        QCOMPARE(x.toString(1), QString());
        QCOMPARE(ds->column(1).integerValues()[1], qint64(-2));
        QCOMPARE(ds->column(2).toString(1), QStringLiteral("false"));
        QCOMPARE(ds->column(3).toString(1), QStringLiteral("hi"));
        QCOMPARE(ds->column(3).utf8(0), std::string_view("lo"));
        QCOMPARE(ds->column(4).toString(2), QStringLiteral("é"));
        QCOMPARE(ds->column(5).toString(1), QStringLiteral("1970-01-02")); // midnight: the date alone
        QCOMPARE(ds->column(5).toDouble(1), 86'400'000.0);
        QVERIFY(ds->column(5).integerValues().empty());
        QCOMPARE(columnTypeName(ColumnType::Categorical), QStringLiteral("categorical"));
    }

    void dateTimesShowAsShortAsExact_data()
    {
        QTest::addColumn<qint64>("msecs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("midnight") << qint64(86'400'000) << QStringLiteral("1970-01-02");
        QTest::newRow("before 1970") << qint64(-86'400'000) << QStringLiteral("1969-12-31");
        QTest::newRow("seconds") << qint64(86'400'000 + 3'600'000) << QStringLiteral("1970-01-02T01:00:00Z");
        QTest::newRow("milliseconds") << qint64(1'234) << QStringLiteral("1970-01-01T00:00:01.234Z");
        QTest::newRow("negative with time") << qint64(-1'000) << QStringLiteral("1969-12-31T23:59:59Z");
    }
    void dateTimesShowAsShortAsExact()
    {
        QFETCH(qint64, msecs);
        QFETCH(QString, expected);
        const Column column = Column::dateTime(QStringLiteral("t"), {msecs});
        QCOMPARE(column.toString(0), expected);
    }

    void builderRefusesInconsistentColumns_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("length") << 0 << QStringLiteral("has 2 rows");
        QTest::newRow("duplicate name") << 1 << QStringLiteral("used by an earlier column");
        QTest::newRow("blank name") << 2 << QStringLiteral("has no name");
        QTest::newRow("code out of range") << 3 << QStringLiteral("outside the 1 categories");
        QTest::newRow("mask past end") << 4 << QStringLiteral("missing mask");
    }
    void builderRefusesInconsistentColumns()
    {
        QFETCH(int, which);
        QFETCH(QString, fragment);
        DatasetBuilder builder;
        builder.addColumn(Column::numeric(QStringLiteral("a"), {1, 2, 3}));
        switch (which) {
        case 0: builder.addColumn(Column::numeric(QStringLiteral("b"), {1, 2})); break;
        case 1: builder.addColumn(Column::numeric(QStringLiteral("a"), {1, 2, 3})); break;
        case 2: builder.addColumn(Column::numeric(QString(), {1, 2, 3})); break;
        case 3: builder.addColumn(Column::categorical(QStringLiteral("c"), {0, 1, 0}, {QStringLiteral("only")})); break;
        case 4: builder.addColumn(Column::numeric(QStringLiteral("m"), {1, 2, 3}, maskOf({5}))); break;
        }
        auto built = builder.build();
        QVERIFY(!built.ok());
        QVERIFY2(built.error().message.contains(fragment), qPrintable(built.error().message));
    }

    void fingerprintMatchesTheDocumentedEncoding()
    {
        auto ds = referenceDataset();
        QVERIFY(ds);
        // sha256 of the canonical bytes, computed with Python's hashlib from the spec.
        QCOMPARE(ds->fingerprint(), QStringLiteral("b2f5fa7986443cab6b83e7ea2d2958ebe505a3a4539e3a325fe30a0b2fb798a8"));
    }

    void fingerprintIgnoresCategoryOrder()
    {
        QCOMPARE(referenceDataset(true)->fingerprint(), referenceDataset(false)->fingerprint());
    }

    void fingerprintChangesWithContent_data()
    {
        QTest::addColumn<int>("change");
        QTest::newRow("value") << 0;
        QTest::newRow("missing instead of value") << 1;
        QTest::newRow("name") << 2;
        QTest::newRow("type") << 3;
        QTest::newRow("negative zero") << 4;
    }
    void fingerprintChangesWithContent()
    {
        QFETCH(int, change);
        auto make = [](int variant) {
            DatasetBuilder builder;
            std::vector<double> values {1.0, 2.0, 0.0};
            MissingMask mask;
            QString name = QStringLiteral("v");
            switch (variant) {
            case 0: values[1] = 2.0000000000000004; break;
            case 1: mask.setMissing(1); break;
            case 2: name = QStringLiteral("w"); break;
            case 4: values[2] = -0.0; break;
            default: break;
            }
            if (variant == 3)
                builder.addColumn(Column::integer(name, {1, 2, 0}));
            else
                builder.addColumn(Column::numeric(name, values, mask));
            return builder.build().value();
        };
        QVERIFY(make(-1)->fingerprint() != make(change)->fingerprint());
        QCOMPARE(make(-1)->fingerprint(), make(-1)->fingerprint());
    }

    void fingerprintIsComputedOnceAcrossThreads()
    {
        std::vector<double> values(200'000);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = double(i) * 0.5;
        DatasetBuilder builder;
        builder.addColumn(Column::numeric(QStringLiteral("v"), std::move(values)));
        const std::shared_ptr<const Dataset> ds = builder.build().value();
        QString results[4];
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] { results[t] = ds->fingerprint(); });
        for (auto &thread : threads)
            thread.join();
        for (const QString &r : results)
            QCOMPARE(r, results[0]);
        QCOMPARE(results[0].size(), 64);
    }

    void memoryIsCloseToRawSize()
    {
        const std::size_t n = 1'000'000;
        DatasetBuilder builder;
        builder.addColumn(Column::numeric(QStringLiteral("v"), std::vector<double>(n, 1.0)));
        builder.addColumn(Column::categorical(QStringLiteral("c"), std::vector<qint32>(n, 0), {QStringLiteral("k")}));
        const auto ds = builder.build().value();
        const qint64 raw = qint64(n) * (8 + 4);
        QVERIFY2(
            ds->memoryBytes() >= raw && ds->memoryBytes() < raw + 4096, qPrintable(QString::number(ds->memoryBytes())));
    }

    void emptyTextColumnIsValid()
    {
        DatasetBuilder builder;
        builder.addColumn(Column::text(QStringLiteral("t"), QStringList()));
        auto built = builder.build();
        QVERIFY2(built.ok(), qPrintable(built.error().message));
        QCOMPARE(built.value()->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
