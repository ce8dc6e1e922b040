// SPDX-License-Identifier: GPL-3.0-or-later
// Real data shipped by Debian, read through the format dispatch: scikit-learn's
// CSVs (python3-sklearn). Weka's ARFF examples and Fashion-MNIST are checked in
// tst_arffreader and tst_idxreader. Reference values from numpy.loadtxt and
// pandas.read_csv (sep=r"\s+" for the space-separated files, skiprows=1 for the
// count lines).
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
    // names are the count line's cells, and a warning names line 1 as a count line.
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
        QCOMPARE(loaded->report.warnings.size(), 1);
        QCOMPARE(loaded->report.warnings[0].kind, LoadWarning::Kind::HeaderLooksLikeData);
        QCOMPARE(loaded->report.warnings[0].line, 1);
        QVERIFY(loaded->report.warnings[0].message.contains(QStringLiteral("count line")));
    }

    // The same files with their count line skipped (CsvOptions::skipLines = 1), against
    // pandas.read_csv(path, skiprows=1, header=None): no header is detected below it,
    // every row loads, no warning.
    void countLineSkipped_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<qsizetype>("columns");
        QTest::addColumn<QList<double>>("sums"); // columns 0, 1, 2 and the last
        QTest::addColumn<double>("firstValue"); // row 0, column 0
        QTest::addColumn<qint64>("lastLabel"); // last row, last column
        QTest::newRow("iris") << sklearn("iris.csv") << qint64(150) << qsizetype(5)
                              << QList<double> {876.5, 458.6, 563.7, 150.0} << 5.1 << qint64(2);
        QTest::newRow("breast_cancer") << sklearn("breast_cancer.csv") << qint64(569) << qsizetype(31)
                                       << QList<double> {8038.429, 10975.81, 52330.38, 357.0} << 17.99 << qint64(1);
        QTest::newRow("wine_data") << sklearn("wine_data.csv") << qint64(178) << qsizetype(14)
                                   << QList<double> {2314.11, 415.87, 421.24, 167.0} << 14.23 << qint64(2);
    }

    void countLineSkipped()
    {
        QFETCH(QString, path);
        QFETCH(qint64, rows);
        QFETCH(qsizetype, columns);
        QFETCH(QList<double>, sums);
        QFETCH(double, firstValue);
        QFETCH(qint64, lastLabel);
        REQUIRE_SKLEARN(path);
        ReadOptions options;
        options.csv.skipLines = 1;
        const auto loaded = DatasetReader::read(path, options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), rows);
        QCOMPARE(ds.columnCount(), columns);
        QVERIFY(!loaded->report.hasHeader);
        QVERIFY(loaded->report.warnings.isEmpty());
        const qsizetype checked[4] = {0, 1, 2, columns - 1};
        for (qsizetype k = 0; k < 4; ++k) {
            const double sum = columnSum(ds.column(checked[k]));
            QVERIFY2(std::abs(sum - sums[k]) < 1e-9 * sums[k],
                qPrintable(QStringLiteral("column %1: %2").arg(checked[k]).arg(sum, 0, 'g', 17)));
        }
        QCOMPARE(ds.column(0).numericValues()[0], firstValue);
        QCOMPARE(ds.column(columns - 1).type(), ColumnType::Integer);
        QCOMPARE(ds.column(columns - 1).integerValues()[std::size_t(rows - 1)], lastLabel);
    }

    // breast_cancer.csv and wine_data.csv: the count line has fewer fields than
    // the rows, so the file is refused naming line 2, not loaded short; the message
    // says line 1 looks like a count line and how to skip it.
    void countLineShorterThanRows_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("breast_cancer") << sklearn("breast_cancer.csv")
                                       << QStringLiteral("Line 2 has 31 fields, but the first row (line 1) has 4 (line "
                                                         "1 looks like a count line: skip it with \"skip lines\")");
        QTest::newRow("wine_data") << sklearn("wine_data.csv")
                                   << QStringLiteral("Line 2 has 14 fields, but the first row (line 1) has 5 (line 1 "
                                                     "looks like a count line: skip it with \"skip lines\")");
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
    // header on line 2. By default the CSV reader takes line 1 as data, meets the
    // names on line 2 and turns every column to text, with a TypeFallback warning
    // naming line 2 for each and a warning naming line 1 as a count line: loaded,
    // but visibly wrong rather than silently.
    void bostonNamesOnLineTwo()
    {
        const QString path = sklearn("boston_house_prices.csv");
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->columnCount(), 14);
        const LoadReport &report = loaded->report;
        QCOMPARE(report.warnings.front().kind, LoadWarning::Kind::HeaderLooksLikeData);
        QCOMPARE(report.warnings.front().line, 1);
        QVERIFY(report.warningCount(LoadWarning::Kind::TypeFallback) > 0);
        QCOMPARE(report.firstWarning(LoadWarning::Kind::TypeFallback)->line, 2);
        QCOMPARE(loaded->dataset->column(0).toString(1), QStringLiteral("CRIM"));
    }

    // With line 1 skipped, the header on line 2 is detected and the file loads as
    // pandas.read_csv(path, skiprows=1) does: 506 x 14, the same names and types.
    void bostonWithCountLineSkipped()
    {
        const QString path = sklearn("boston_house_prices.csv");
        REQUIRE_SKLEARN(path);
        ReadOptions options;
        options.csv.skipLines = 1;
        const auto loaded = DatasetReader::read(path, options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 506);
        QCOMPARE(ds.columnCount(), 14);
        QVERIFY(loaded->report.hasHeader);
        QVERIFY(loaded->report.warnings.isEmpty());
        QCOMPARE(ds.columnNames(),
            QStringList({QStringLiteral("CRIM"), QStringLiteral("ZN"), QStringLiteral("INDUS"), QStringLiteral("CHAS"),
                QStringLiteral("NOX"), QStringLiteral("RM"), QStringLiteral("AGE"), QStringLiteral("DIS"),
                QStringLiteral("RAD"), QStringLiteral("TAX"), QStringLiteral("PTRATIO"), QStringLiteral("B"),
                QStringLiteral("LSTAT"), QStringLiteral("MEDV")}));
        for (qsizetype c = 0; c < 14; ++c) { // pandas: int64 for CHAS, RAD, TAX (ZN has decimals)
            const bool integer = c == 3 || c == 8 || c == 9;
            QCOMPARE(ds.column(c).type(), integer ? ColumnType::Integer : ColumnType::Numeric);
        }
        QVERIFY(std::abs(columnSum(ds.column(0)) - 1828.44292) < 1e-9 * 1828.44292);
        QVERIFY(std::abs(columnSum(ds.column(13)) - 11401.6) < 1e-9 * 11401.6);
        QCOMPARE(ds.column(0).numericValues()[0], 0.00632);
        QCOMPARE(ds.column(12).numericValues()[505], 7.88);
        QCOMPARE(ds.column(9).integerValues()[0], 296);
    }

    // linnerud_*.csv and diabetes_data_raw.csv.gz separate fields with runs of
    // spaces. No single byte gives them more than one field, so the sniffer takes
    // runs of whitespace, as pandas.read_csv(path, sep=r"\s+") reads them.
    void spaceSeparated_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<QStringList>("names"); // empty: no header
        QTest::addColumn<QList<double>>("sums"); // columns 0, 1, 2 and the last
        QTest::addColumn<QList<double>>("lastRow"); // its last three values
        const QList<double> none;
        QTest::newRow("linnerud_exercise")
            << sklearn("linnerud_exercise.csv") << qint64(20)
            << QStringList {QStringLiteral("Chins"), QStringLiteral("Situps"), QStringLiteral("Jumps")}
            << QList<double> {189.0, 2911.0, 1406.0, 1406.0} << QList<double> {2.0, 110.0, 43.0};
        QTest::newRow("linnerud_physiological")
            << sklearn("linnerud_physiological.csv") << qint64(20)
            << QStringList {QStringLiteral("Weight"), QStringLiteral("Waist"), QStringLiteral("Pulse")}
            << QList<double> {3572.0, 708.0, 1122.0, 1122.0} << QList<double> {138.0, 33.0, 68.0};
        QTest::newRow("diabetes_data_raw")
            << sklearn("diabetes_data_raw.csv.gz") << qint64(442) << QStringList()
            << QList<double> {21445.0, 649.0, 11658.1, 40337.0} << QList<double> {3.0, 4.5951, 92.0};
    }

    void spaceSeparated()
    {
        QFETCH(QString, path);
        QFETCH(qint64, rows);
        QFETCH(QStringList, names);
        QFETCH(QList<double>, sums);
        QFETCH(QList<double>, lastRow);
        REQUIRE_SKLEARN(path);
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        const LoadReport &report = loaded->report;
        QVERIFY(report.whitespaceDelimiter);
        QVERIFY(report.delimiterSniffed);
        QCOMPARE(report.delimiterName(), QStringLiteral("whitespace"));
        QVERIFY(report.warnings.isEmpty());
        QCOMPARE(ds.rowCount(), rows);
        QCOMPARE(ds.columnCount(), names.isEmpty() ? 10 : names.size());
        QCOMPARE(report.hasHeader, !names.isEmpty());
        if (!names.isEmpty())
            QCOMPARE(ds.columnNames(), names);
        const qsizetype last = ds.columnCount() - 1;
        const qsizetype checked[4] = {0, 1, 2, last};
        for (qsizetype k = 0; k < 4; ++k) {
            const double sum = columnSum(ds.column(checked[k]));
            QVERIFY2(std::abs(sum - sums[k]) < 1e-9 * sums[k],
                qPrintable(QStringLiteral("column %1: %2").arg(checked[k]).arg(sum, 0, 'g', 17)));
        }
        for (qsizetype k = 0; k < 3; ++k)
            QCOMPARE(ds.column(last - 2 + k).toDouble(rows - 1), lastRow[k]);
    }

    // The same files with the delimiter chosen (CsvOptions::whitespaceDelimiter):
    // nothing is sniffed, the result is the same.
    void spaceSeparatedOnRequest()
    {
        const QString path = sklearn("diabetes_data_raw.csv.gz");
        REQUIRE_SKLEARN(path);
        ReadOptions options;
        options.csv.whitespaceDelimiter = true;
        const auto loaded = DatasetReader::read(path, options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QVERIFY(!loaded->report.delimiterSniffed);
        QVERIFY(loaded->report.whitespaceDelimiter);
        QCOMPARE(loaded->dataset->rowCount(), 442);
        QCOMPARE(loaded->dataset->columnCount(), 10);
        QCOMPARE(loaded->dataset->column(2).numericValues()[441], 19.6);
        QCOMPARE(loaded->dataset->column(0).type(), ColumnType::Integer);
        QCOMPARE(loaded->dataset->column(3).type(), ColumnType::Numeric); // "101.0"
    }
};

QTEST_GUILESS_MAIN(TestRealData)
#include "tst_realdata.moc"
