// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/RowOrder.h"
#include "tests/support/RecordingSink.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace Tandem;
using namespace Tandem::Data;
using Tandem::Testing::RecordingSink;

namespace {
std::vector<qint64> order(const Column &column, SortDirection direction)
{
    Base::NullProgressSink sink;
    auto result = sortedRowOrder(column, direction, Base::Progress(sink));
    return result.ok() ? result.value() : std::vector<qint64> {};
}
} // namespace

class TestRowOrder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numbersWithMissingLastAndStable()
    {
        MissingMask missing;
        missing.setMissing(1);
        // rows:                                   0    1    2    3    4    5
        const Column column = Column::numeric(QStringLiteral("x"), {3.0, 0.0, 1.0, 3.0, NAN, -2.0}, missing);
        QCOMPARE(order(column, SortDirection::Ascending), (std::vector<qint64> {5, 2, 0, 3, 1, 4}));
        // Descending: larger first, equal values still in file order, missing (and NaN) still last.
        QCOMPARE(order(column, SortDirection::Descending), (std::vector<qint64> {0, 3, 2, 5, 1, 4}));
    }

    void categoriesSortByTextNotCode()
    {
        // Codes 0 = "zebra", 1 = "apple": by text, apple rows come first.
        const Column column = Column::categorical(
            QStringLiteral("c"), {0, 1, 0, 1}, {QStringLiteral("zebra"), QStringLiteral("apple")});
        QCOMPARE(order(column, SortDirection::Ascending), (std::vector<qint64> {1, 3, 0, 2}));
    }

    void textSortsByCodePoints()
    {
        const Column column = Column::text(QStringLiteral("t"),
            QStringList {QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("é"), QStringLiteral("a")});
        QCOMPARE(order(column, SortDirection::Ascending), (std::vector<qint64> {1, 3, 0, 2}));
    }

    void manyRowsMatchAStableSortAcrossChunks()
    {
        // More rows than one chunk, with many ties, so merging must keep stability.
        std::mt19937_64 random(42);
        std::vector<qint64> values(700'000);
        for (auto &v : values)
            v = qint64(random() % 1000);
        const Column column = Column::integer(QStringLiteral("i"), values);
        std::vector<qint64> expected(values.size());
        std::iota(expected.begin(), expected.end(), qint64(0));
        std::stable_sort(expected.begin(), expected.end(),
            [&values](qint64 a, qint64 b) { return values[std::size_t(a)] < values[std::size_t(b)]; });
        QVERIFY(order(column, SortDirection::Ascending) == expected);
    }

    void stopEndsTheSortEarly()
    {
        std::vector<double> values(1'000'000);
        std::iota(values.rbegin(), values.rend(), 0.0);
        const Column column = Column::numeric(QStringLiteral("x"), values);
        RecordingSink sink(RecordingSink::Stop::AfterReports, 2);
        const auto result = sortedRowOrder(column, SortDirection::Ascending, Base::Progress(sink));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message, sortCancelledMessage());
    }
};

QTEST_GUILESS_MAIN(TestRowOrder)
#include "tst_roworder.moc"
