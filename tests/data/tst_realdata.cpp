// SPDX-License-Identifier: GPL-3.0-or-later
// Real data shipped by Debian, read through the format dispatch: scikit-learn's
// CSVs (python3-sklearn). Weka's ARFF examples and Fashion-MNIST are checked in
// tst_arffreader and tst_idxreader. Reference values from numpy.loadtxt.
#include "core/data/DatasetReader.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace Tandem::Data;

namespace {

QString sklearn(const char *name)
{
    return QStringLiteral("/usr/lib/python3/dist-packages/sklearn/datasets/data/") + QString::fromLatin1(name);
}

#define REQUIRE_SKLEARN(path)                                                                                          \
    do {                                                                                                               \
        if (!QFile::exists(path))                                                                                      \
            QSKIP(qPrintable(                                                                                          \
                QStringLiteral("%1 is missing: install the Debian package \"python3-sklearn\"").arg(path)));           \
    } while (false)

double columnSum(const Column &column)
{
    double sum = 0;
    for (qint64 r = 0; r < column.size(); ++r)
        sum += column.toDouble(r);
    return sum;
}

} // namespace

class TestRealData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void digits()
    {
        const QString path = sklearn("digits.csv.gz");
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 1797);
        QCOMPARE(ds.columnCount(), 65);
        QVERIFY(!loaded->report.hasHeader);
        QVERIFY(loaded->report.gzip);
        double total = 0;
        for (const Column &c : ds.columns()) {
            QCOMPARE(c.type(), ColumnType::Integer);
            total += columnSum(c);
        }
        QCOMPARE(total, 569788.0);
        QCOMPARE(ds.column(2).integerValues()[0], 5);
        QCOMPARE(ds.column(64).integerValues()[1796], 8);
        QList<qint64> classes(10, 0);
        for (const qint64 v : ds.column(64).integerValues())
            ++classes[qsizetype(v)];
        QCOMPARE(classes, QList<qint64>({178, 182, 177, 183, 181, 182, 181, 179, 174, 180}));
    }

    void diabetesTarget()
    {
        const QString path = sklearn("diabetes_target.csv.gz");
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->rowCount(), 442);
        QCOMPARE(loaded->dataset->columnCount(), 1);
        QCOMPARE(loaded->dataset->column(0).type(), ColumnType::Numeric);
        QCOMPARE(columnSum(loaded->dataset->column(0)), 67243.0);
        QCOMPARE(loaded->dataset->column(0).numericValues()[0], 151.0);
        QCOMPARE(loaded->dataset->column(0).numericValues()[441], 57.0);
    }

    // iris.csv starts with scikit-learn's count line "150,4,setosa,versicolor,virginica".
    // It has as many fields as the rows, and its text cells stand above numeric
    // columns, so it is taken as the header: the values load exactly (150 x 5), the
    // names are the count line's cells.
    void irisCountLineIsHeader()
    {
        const QString path = sklearn("iris.csv");
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 150);
        QCOMPARE(ds.columnCount(), 5);
        QVERIFY(loaded->report.hasHeader);
        QCOMPARE(ds.columnNames(),
            QStringList({QStringLiteral("150"), QStringLiteral("4"), QStringLiteral("setosa"),
                QStringLiteral("versicolor"), QStringLiteral("virginica")}));
        const double sums[5] = {876.5, 458.6, 563.7, 179.9, 150.0};
        for (qsizetype c = 0; c < 5; ++c)
            QVERIFY(std::abs(columnSum(ds.column(c)) - sums[c]) < 1e-9 * sums[c]);
        QCOMPARE(ds.column(4).type(), ColumnType::Integer);
    }

    // breast_cancer.csv and wine_data.csv: the count line has fewer fields than
    // the rows, so the file is refused naming line 2, not loaded short.
    void countLineShorterThanRows_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("breast_cancer") << sklearn("breast_cancer.csv")
                                       << QStringLiteral("Line 2 has 31 fields, but the first row (line 1) has 4");
        QTest::newRow("wine_data") << sklearn("wine_data.csv")
                                   << QStringLiteral("Line 2 has 14 fields, but the first row (line 1) has 5");
    }

    void countLineShorterThanRows()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().line, 2);
        QCOMPARE(loaded.error().message, message);
    }

    // boston_house_prices.csv: a count line padded to 14 fields, then the real
    // header on line 2. The CSV reader takes line 1 as data, meets the names on
    // line 2 and turns every column to text, with a TypeFallback warning naming
    // line 2 for each: loaded, but visibly wrong rather than silently.
    void bostonNamesOnLineTwo()
    {
        const QString path = sklearn("boston_house_prices.csv");
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->columnCount(), 14);
        const LoadReport &report = loaded->report;
        QVERIFY(report.warningCount(LoadWarning::Kind::TypeFallback) > 0);
        QCOMPARE(report.firstWarning(LoadWarning::Kind::TypeFallback)->line, 2);
        QCOMPARE(loaded->dataset->column(0).toString(1), QStringLiteral("CRIM"));
    }

    // linnerud_*.csv and diabetes_data_raw.csv.gz separate fields with spaces,
    // which the delimiter sniffer (, ; tab |) does not consider: today each loads
    // as ONE text column with no warning. That is a silent misload; the CSV reader
    // should sniff runs of spaces too (or warn). Marked as an expected failure
    // until it does; the test then passes unmarked and the marks go.
    void spaceSeparated_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<qsizetype>("columns");
        QTest::addColumn<double>("firstColumnSum");
        QTest::newRow("linnerud_exercise") << sklearn("linnerud_exercise.csv") << qint64(20) << qsizetype(3) << 189.0;
        QTest::newRow("diabetes_data_raw")
            << sklearn("diabetes_data_raw.csv.gz") << qint64(442) << qsizetype(10) << 21445.0;
    }

    void spaceSeparated()
    {
        QFETCH(QString, path);
        QFETCH(qint64, rows);
        QFETCH(qsizetype, columns);
        QFETCH(double, firstColumnSum);
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const bool warned = !loaded->report.warnings.isEmpty();
        if (!warned) {
            QEXPECT_FAIL("", "CSV delimiter sniffing ignores space-separated files (see the comment)", Abort);
        }
        QVERIFY(warned || loaded->dataset->columnCount() == columns);
        if (loaded->dataset->columnCount() == columns) {
            QCOMPARE(loaded->dataset->rowCount(), rows);
            QCOMPARE(columnSum(loaded->dataset->column(0)), firstColumnSum);
        }
    }
};

QTEST_GUILESS_MAIN(TestRealData)
#include "tst_realdata.moc"
