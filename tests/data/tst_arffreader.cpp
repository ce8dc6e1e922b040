// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/ArffReader.h"
#include "tests/data/ReaderTestSupport.h"
#include "tests/support/RecordingSink.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace Tandem::Data;
using Tandem::Base::NullProgressSink;
using Tandem::Base::Progress;
using Tandem::Testing::RecordingSink;

namespace {

QString fixture(const char *name)
{
    return Tandem::TestSupport::dataFixture("arff", name);
}

QString wekaExample(const char *name)
{
    return QStringLiteral("/usr/share/doc/weka/examples/") + QString::fromLatin1(name);
}

Tandem::Base::Result<LoadedDataset> readBytes(const QByteArray &bytes, const CsvOptions &text = {})
{
    NullProgressSink sink;
    return ArffReader::readBytes(bytes, QStringLiteral("test.arff"), text, {}, Progress(sink));
}

QStringList row(const Dataset &ds, qint64 r)
{
    QStringList cells;
    for (qsizetype c = 0; c < ds.columnCount(); ++c)
        cells << (ds.column(c).isMissing(r) ? QStringLiteral("?") : ds.column(c).toString(r));
    return cells;
}

} // namespace

class TestArffReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mixedTypes()
    {
        const auto loaded = ArffReader::read(fixture("mixed.arff"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 4);
        QCOMPARE(ds.columnNames(),
            QStringList({QStringLiteral("id"), QStringLiteral("real value"), QStringLiteral("colour"),
                QStringLiteral("note"), QStringLiteral("day"), QStringLiteral("stamp"), QStringLiteral("big"),
                QStringLiteral("__weight__")}));
        QCOMPARE(ds.column(0).type(), ColumnType::Integer);
        QCOMPARE(ds.column(1).type(), ColumnType::Numeric);
        QCOMPARE(ds.column(2).type(), ColumnType::Categorical);
        QCOMPARE(ds.column(3).type(), ColumnType::Text);
        QCOMPARE(ds.column(4).type(), ColumnType::DateTime);
        QCOMPARE(ds.column(5).type(), ColumnType::DateTime);
        QCOMPARE(ds.column(6).type(), ColumnType::Numeric); // an integer attribute holding 8.5
        QCOMPARE(ds.column(7).type(), ColumnType::Numeric);
        // The declared order, with the category that never occurs.
        QCOMPARE(ds.column(2).categories(),
            QStringList({QStringLiteral("red"), QStringLiteral("light blue"), QStringLiteral("dark green"),
                QStringLiteral("unused")}));
        QCOMPARE(row(ds, 0),
            QStringList({QStringLiteral("1"), QStringLiteral("1.5"), QStringLiteral("red"),
                QStringLiteral("hello, world"), QStringLiteral("2020-02-29"), QStringLiteral("2001-04-03T12:12:12Z"),
                QStringLiteral("7"), QStringLiteral("1")}));
        QCOMPARE(row(ds, 1),
            QStringList({QStringLiteral("2"), QStringLiteral("-2250"), QStringLiteral("light blue"),
                QStringLiteral("tab\there"), QStringLiteral("1999-12-31"), QStringLiteral("1970-01-01"),
                QStringLiteral("8.5"), QStringLiteral("1")}));
        QCOMPARE(row(ds, 2),
            QStringList({QStringLiteral("3"), QStringLiteral("?"), QStringLiteral("dark green"), QStringLiteral("it's"),
                QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("0.5")}));
        QCOMPARE(row(ds, 3),
            QStringList({QStringLiteral("4"), QStringLiteral("0.1"), QStringLiteral("?"), QStringLiteral("?"),
                QStringLiteral("2000-01-01"), QStringLiteral("2000-01-01T23:59:59Z"), QStringLiteral("-9"),
                QStringLiteral("1")}));
        QCOMPARE(ds.column(5).dateTimeValues()[0], 986299932000); // 2001-04-03T12:12:12Z
        const LoadReport &report = loaded->report;
        QCOMPARE(report.rows, 4);
        QCOMPARE(report.columns, 8);
        QCOMPARE(report.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(report.columnReports.size(), 8);
        QCOMPARE(report.columnReports[6].typeChangedFrom, QStringLiteral("integer"));
        QCOMPARE(report.columnReports[2].distinct, 4);
        QCOMPARE(report.columnReports[1].missing, 1);
    }

    void gzipMatchesPlain()
    {
        const auto plain = ArffReader::read(fixture("mixed.arff"));
        const auto gz = ArffReader::read(fixture("mixed.arff.gz"));
        QVERIFY2(gz.ok(), qPrintable(gz.error().toString()));
        QVERIFY(gz->report.gzip);
        QCOMPARE(gz->dataset->fingerprint(), plain->dataset->fingerprint());
    }

    void sparseRows()
    {
        const auto loaded = ArffReader::read(fixture("sparse.arff"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 5);
        QCOMPARE(ds.columnCount(), 6);
        // Omitted values are 0: the first declared category for nominals, "" for strings.
        QCOMPARE(row(ds, 0),
            QStringList({QStringLiteral("1.5"), QStringLiteral("x"), QStringLiteral("text"), QStringLiteral("0"),
                QStringLiteral("yes"), QStringLiteral("1")}));
        QCOMPARE(row(ds, 1),
            QStringList({QStringLiteral("0"), QStringLiteral("z"), QString(), QStringLiteral("0"), QStringLiteral("no"),
                QStringLiteral("1")}));
        QCOMPARE(row(ds, 2),
            QStringList({QStringLiteral("0"), QStringLiteral("x"), QString(), QStringLiteral("0"), QStringLiteral("no"),
                QStringLiteral("1")}));
        QCOMPARE(row(ds, 3),
            QStringList({QStringLiteral("0"), QStringLiteral("x"), QString(), QStringLiteral("?"), QStringLiteral("no"),
                QStringLiteral("2")}));
        QCOMPARE(row(ds, 4),
            QStringList({QStringLiteral("-1"), QStringLiteral("y"), QString(), QStringLiteral("0"),
                QStringLiteral("no"), QStringLiteral("1")}));
        QVERIFY(!ds.column(2).isMissing(1));
    }

    void weightColumnNameAvoidsAttributes()
    {
        const auto loaded = readBytes("@relation r\n@attribute __weight__ numeric\n@data\n1 {3}\n2\n");
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->columnNames(),
            QStringList({QStringLiteral("__weight__"), QStringLiteral("__weight___2")}));
        QCOMPARE(loaded->dataset->column(1).numericValues()[0], 3.0);
        QCOMPARE(loaded->dataset->column(1).numericValues()[1], 1.0);
        // No weight anywhere: no weight column.
        const auto plain = readBytes("@relation r\n@attribute a numeric\n@data\n1\n2\n");
        QVERIFY(plain.ok());
        QCOMPARE(plain->dataset->columnCount(), 1);
    }

    void encodings()
    {
        const QByteArray body = "@relation r\n@attribute name string\n@attribute c {caf\xC3\xA9, b}\n@data\n"
                                "'na\xC3\xAFve',caf\xC3\xA9\n";
        const auto bom = readBytes("\xEF\xBB\xBF" + body);
        QVERIFY2(bom.ok(), qPrintable(bom.error().toString()));
        QCOMPARE(bom->report.encoding, QStringLiteral("UTF-8 (BOM)"));
        QCOMPARE(bom->dataset->column(0).toString(0), QStringLiteral("na\u00EFve"));
        QCOMPARE(bom->dataset->column(1).toString(0), QStringLiteral("caf\u00E9"));
        // Latin-1 bytes: decoded as Windows-1252 with a warning naming the line.
        QByteArray latin1 = body;
        latin1.replace("\xC3\xA9", "\xE9").replace("\xC3\xAF", "\xEF");
        const auto fallback = readBytes(latin1);
        QVERIFY2(fallback.ok(), qPrintable(fallback.error().toString()));
        QCOMPARE(fallback->report.encoding, QStringLiteral("Windows-1252 (fallback)"));
        QCOMPARE(fallback->report.warningCount(LoadWarning::Kind::Encoding), 1);
        QCOMPARE(fallback->report.warnings.front().line, 3);
        QCOMPARE(fallback->dataset->column(1).toString(0), QStringLiteral("caf\u00E9"));
        CsvOptions refuse;
        refuse.invalidUtf8 = CsvOptions::InvalidUtf8::Refuse;
        const auto refused = readBytes(latin1, refuse);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().line, 3);
    }

    void crlfAndCrLines()
    {
        const auto crlf = readBytes("@relation r\r\n@attribute a {x,y}\r\n@data\r\nx\r\nz\r\n");
        QVERIFY(!crlf.ok());
        QCOMPARE(crlf.error().line, 5);
        const auto cr = readBytes("@relation r\r@attribute a {x,y}\r@data\rx\ry\r");
        QVERIFY2(cr.ok(), qPrintable(cr.error().toString()));
        QCOMPARE(cr->dataset->rowCount(), 2);
    }

    void negativeZeroInAnIntegerAttributeKeepsItsSign()
    {
        // As an int64, -0 would be 0 once 8.5 promoted the column: it is read as -0.0 from the start.
        const auto loaded = readBytes("@relation r\n@attribute b integer\n@data\n-0\n8.5\n");
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Column &b = loaded->dataset->column(0);
        QCOMPARE(b.type(), ColumnType::Numeric);
        QVERIFY(std::signbit(b.numericValues()[0]));
        QCOMPARE(b.numericValues()[1], 8.5);
    }

    void numbers()
    {
        const auto loaded = readBytes("@relation r\n@attribute a numeric\n@attribute b integer\n@data\n"
                                      "1e400,9223372036854775807\n4.9e-324,-9223372036854775808\nNaN,1\n1e-400,0\n");
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Column &a = loaded->dataset->column(0);
        const Column &b = loaded->dataset->column(1);
        QCOMPARE(b.type(), ColumnType::Integer);
        QCOMPARE(b.integerValues()[0], std::numeric_limits<qint64>::max());
        QCOMPARE(b.integerValues()[1], std::numeric_limits<qint64>::min());
        QVERIFY(a.isMissing(0)); // out of range
        QCOMPARE(a.numericValues()[1], 4.9e-324); // subnormal kept
        QVERIFY(a.isMissing(2)); // NaN
        QCOMPARE(a.numericValues()[3], 0.0); // underflow
        const LoadReport &report = loaded->report;
        QCOMPARE(report.warningCount(LoadWarning::Kind::OutOfRange), 1);
        QCOMPARE(report.firstWarning(LoadWarning::Kind::OutOfRange)->line, 5);
        QCOMPARE(report.firstWarning(LoadWarning::Kind::OutOfRange)->column, 1);
        QCOMPARE(report.warningCount(LoadWarning::Kind::NotANumber), 1);
        QCOMPARE(report.warningCount(LoadWarning::Kind::Underflow), 1);
        CsvOptions refuse;
        refuse.outOfRange = CsvOptions::OutOfRange::Refuse;
        const auto refused = readBytes("@relation r\n@attribute a numeric\n@data\n1\n-1e400\n", refuse);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().line, 5);
    }

    void dates_data()
    {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected"); // empty: no match
        auto add = [](const char *tag, const char *pattern, const char *value, const char *expected) {
            QTest::newRow(tag) << QByteArray(pattern) << QByteArray(value) << QString::fromLatin1(expected);
        };
        add("default", "", "2001-04-03T12:12:12", "2001-04-03T12:12:12Z");
        add("date only", "yyyy-MM-dd", "2001-04-03", "2001-04-03");
        add("lenient digits", "yyyy-MM-dd", "2001-4-3", "2001-04-03");
        add("european", "\"dd/MM/yyyy HH:mm\"", "'03/04/2001 07:05'", "2001-04-03T07:05:00Z");
        add("millis and zone", "\"yyyy-MM-dd HH:mm:ss.SSS Z\"", "'2001-04-03 12:12:12.250 +0200'",
            "2001-04-03T10:12:12.250Z");
        add("month name, am/pm", "\"MMM d, yyyy h:mm a\"", "'Apr 3, 2001 1:05 PM'", "2001-04-03T13:05:00Z");
        add("full month name", "\"d MMMM yyyy\"", "'3 april 2001'", "2001-04-03");
        add("12 am", "\"yyyy-MM-dd hh:mm a\"", "'2001-04-03 12:30 AM'", "2001-04-03T00:30:00Z");
        add("rfc 1123", "\"EEE, d MMM yyyy HH:mm:ss z\"", "'Tue, 3 Apr 2001 12:00:00 GMT'", "2001-04-03T12:00:00Z");
        add("abutting", "yyyyMMddHHmm", "200104031205", "2001-04-03T12:05:00Z");
        add("iso zone", "yyyy-MM-dd'T'HH:mm:ssXXX", "2001-04-03T12:00:00+05:30", "2001-04-03T06:30:00Z");
        add("iso zone Z", "yyyy-MM-dd'T'HH:mm:ssX", "2001-04-03T12:00:00Z", "2001-04-03T12:00:00Z");
        add("two-digit year 49", "yy-MM-dd", "49-01-01", "2049-01-01");
        add("two-digit year 50", "yy-MM-dd", "50-01-01", "1950-01-01");
        add("quote literal", "\"yyyy-MM-dd 'at' HH'h'\"", "'2001-04-03 at 07h'", "2001-04-03T07:00:00Z");
        add("before 1970", "yyyy-MM-dd", "1969-12-31", "1969-12-31");
        add("30 February", "yyyy-MM-dd", "2001-02-30", "");
        add("29 February 1900", "yyyy-MM-dd", "1900-02-29", "");
        add("hour 24", "\"yyyy-MM-dd HH:mm\"", "'2001-04-03 24:00'", "");
        add("trailing text", "yyyy-MM-dd", "2001-04-03x", "");
        add("wrong literal", "yyyy-MM-dd", "2001/04/03", "");
        add("year 9999", "yyyy-MM-dd", "9999-12-31", "9999-12-31");
        // Found by fuzz_arff: its milliseconds overflowed a 64-bit integer.
        add("year beyond 9999", "yyyy-MM-dd", "116768038207-01-01", "");
    }

    void dates()
    {
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        const QByteArray text = "@relation r\n@attribute d date " + pattern + "\n@data\n" + value + "\n";
        const auto loaded = readBytes(text);
        if (expected.isEmpty()) {
            QVERIFY(!loaded.ok());
            QCOMPARE(loaded.error().line, 4);
            QCOMPARE(loaded.error().column, 1);
            QVERIFY2(loaded.error().message.contains(QStringLiteral("does not match the date format")),
                qPrintable(loaded.error().message));
            return;
        }
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->column(0).toString(0), expected);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<qint64>("column");
        QTest::addColumn<QString>("message");
        const QByteArray head = "@relation r\n@attribute a numeric\n@attribute b {x, 'y z'}\n@data\n";
        auto add = [](const char *tag, const QByteArray &bytes, qint64 line, qint64 column, const char *message) {
            QTest::newRow(tag) << bytes << line << column << QString::fromUtf8(message);
        };
        add("undeclared nominal", head + "1,x\n2,'y z'\n3,y\n", 7, 2,
            "\"y\" is not a declared value of attribute 2 \"b\" (line 3 declares {\"x\", \"y z\"})");
        add("too few values", head + "1,x\n2\n", 6, 2, "Line 6 has 1 values, but the header declares 2 attributes");
        add("too many values", head + "1,x,3\n", 5, 3, "Line 5 has 3 values, but the header declares 2 attributes");
        add("unterminated quote in data", head + "1,x\n2,'y z\n", 6, -1,
            "the quote opened at character 3 is not closed on its line");
        add("unterminated quote in header", "@relation r\n@attribute 'a numeric\n@data\n", 2, 12,
            "the quote opened at character 12 is not closed on its line");
        add("missing @data", "@relation r\n@attribute a numeric\n\n% end\n", 4, -1,
            "The header never reaches @data (the file ends at line 4)");
        add("bad number", head + "1,x\n1.2.3,x\n", 6, 1, "\"1.2.3\" is not a number (attribute 1 \"a\" is numeric)");
        add("sparse index out of range", head + "{0 1, 2 x}\n", 5, -1,
            "sparse index 2 is out of range: the header declares 2 attributes (indices 0 to 1)");
        add("sparse indices not ascending", head + "{1 x, 0 1}\n", 5, 1, "sparse index 0 follows index 1");
        add("sparse without brace", head + "{0 1, 1 x\n", 5, -1, "the sparse row has no closing '}'");
        add("sparse index without value", head + "{0}\n", 5, 1, "sparse index 0 has no value");
        add("binary garbage", QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), -1, -1,
            "This is not a text file: byte offset 8 is a NUL byte");
        add("csv, not arff", "a,b\n1,2\n", 1, 1, "this is not an ARFF file: it should start with @relation");
        add("empty", "", -1, -1, "The file is empty");
        add("comments only", "% nothing\n\n", -1, -1, "This is not an ARFF file: it has no @relation line");
        add("relational", "@relation r\n@attribute bag relational\n@attribute x numeric\n@end bag\n@data\n", 2, 16,
            "attribute \"bag\" is relational (multi-instance data), which Tandem does not read");
        add("unknown type", "@relation r\n@attribute a number\n@data\n", 2, 14,
            "attribute \"a\" has the unknown type \"number\"");
        add("duplicate attribute", "@relation r\n@attribute a numeric\n@attribute a string\n@data\n", 3, 12,
            "attribute name \"a\" is declared twice");
        add("duplicate nominal value", "@relation r\n@attribute a {x, y, x}\n@data\n", 2, 21,
            "attribute \"a\" declares the value \"x\" twice");
        add("nominal without brace", "@relation r\n@attribute a {x, y\n@data\n", 2, 19,
            "the value list of attribute \"a\" has no closing '}' on its line");
        add("bad date pattern", "@relation r\n@attribute d date 'yyyy-DDD'\n@data\n", 2, 19,
            "the date pattern letter 'D' is not supported");
        add("bad weight", head + "1,x,{heavy}\n", 5, 3, "the instance weight \"heavy\" is not a finite number >= 0");
        add("negative weight", head + "1,x,{-1}\n", 5, 3, "the instance weight \"-1\" is not a finite number >= 0");
        add("text after the row", head + "1,x,{2} 5\n", 5, 3, "unexpected text after the row");
        add("data before attributes", "@relation r\n@data\n1\n", 2, 1, "@data before any @attribute");
        add("unknown keyword", "@relation r\n@atribute a numeric\n@data\n", 2, 1,
            "expected @attribute or @data, found \"@atribute a numeric\"");
        add("gzip truncated", QByteArray::fromHex("1f8b0800000000000003734e2c4a4b53"), -1, -1,
            "The gzip data is truncated");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, line);
        QFETCH(qint64, column);
        QFETCH(QString, message);
        const auto loaded = readBytes(bytes);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(message, Qt::CaseInsensitive), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded.error().line, line);
        QCOMPARE(loaded.error().column, column);
        QCOMPARE(loaded.error().file, QStringLiteral("test.arff"));
        if (line > 0) // the message names the line too, for readers of the bare message
            QVERIFY2(loaded.error().message.contains(QString::number(line)), qPrintable(loaded.error().message));
    }

    void maxRows()
    {
        CsvOptions text;
        text.maxRows = 2;
        const auto loaded = ArffReader::read(fixture("mixed.arff"), text, {}, [] {
            static NullProgressSink sink;
            return Progress(sink);
        }());
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->dataset->rowCount(), 2);
    }

    void cancel()
    {
        QByteArray big = "@relation r\n@attribute a numeric\n@attribute b string\n@data\n";
        for (int i = 0; i < 200000; ++i)
            big += QByteArray::number(i) + ",'some text here'\n";
        RecordingSink sink(RecordingSink::Stop::AfterReports, 3);
        const auto loaded = ArffReader::readBytes(big, QStringLiteral("big.arff"), {}, {}, Progress(sink));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().message, ArffReader::cancelledMessage());
    }

    void missingFile()
    {
        const auto loaded = ArffReader::read(fixture("no-such-file.arff"));
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().message.startsWith(QStringLiteral("Cannot open the file")));
    }

    // Weka's own examples (Debian package "weka"); reference values from
    // scipy.io.arff.loadarff, and for the string data from the file's text.
    void wekaExamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<qsizetype>("columns");
        QTest::addColumn<qint64>("checkRow");
        QTest::addColumn<QStringList>("values"); // cells of checkRow for the first columns ("?" missing)
        auto add = [](const char *file, qint64 rows, qsizetype columns, qint64 checkRow, const QStringList &values) {
            QTest::newRow(file) << wekaExample(file) << rows << columns << checkRow << values;
        };
        add("iris.arff", 150, 5, 149,
            {QStringLiteral("5.9"), QStringLiteral("3"), QStringLiteral("5.1"), QStringLiteral("1.8"),
                QStringLiteral("Iris-virginica")});
        add("weather.nominal.arff", 14, 5, 0,
            {QStringLiteral("sunny"), QStringLiteral("hot"), QStringLiteral("high"), QStringLiteral("FALSE"),
                QStringLiteral("no")});
        add("labor.arff", 57, 17, 0,
            {QStringLiteral("1"), QStringLiteral("5"), QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("?"),
                QStringLiteral("40"), QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("2"),
                QStringLiteral("?"), QStringLiteral("11"), QStringLiteral("average")});
        add("credit-g.arff", 1000, 21, 999, {QStringLiteral("0<=X<200"), QStringLiteral("45")});
        add("diabetes.arff", 768, 9, 767,
            {QStringLiteral("1"), QStringLiteral("93"), QStringLiteral("70"), QStringLiteral("31"), QStringLiteral("0"),
                QStringLiteral("30.4"), QStringLiteral("0.315"), QStringLiteral("23"),
                QStringLiteral("tested_negative")});
        add("cpu.arff", 209, 7, 0,
            {QStringLiteral("125"), QStringLiteral("256"), QStringLiteral("6000"), QStringLiteral("256"),
                QStringLiteral("16"), QStringLiteral("128"), QStringLiteral("198")});
        add("vote.arff", 435, 17, 0,
            {QStringLiteral("n"), QStringLiteral("y"), QStringLiteral("n"), QStringLiteral("y"), QStringLiteral("y"),
                QStringLiteral("y"), QStringLiteral("n"), QStringLiteral("n"), QStringLiteral("n"), QStringLiteral("y"),
                QStringLiteral("?")});
        add("supermarket.arff", 4627, 217, 0, {QStringLiteral("?")});
        add("ionosphere.arff", 351, 35, 0, {QStringLiteral("1"), QStringLiteral("0")});
        add("segment-challenge.arff", 1500, 20, 0, {});
        add("soybean.arff", 683, 36, 0, {});
        add("contact-lenses.arff", 24, 5, 0, {});
        add("glass.arff", 214, 10, 0, {});
        add("breast-cancer.arff", 286, 10, 0, {});
        add("unbalanced.arff", 856, 33, 0, {});
        add("ReutersCorn-train.arff", 1554, 2, 1553, {});
        add("ReutersGrain-test.arff", 604, 2, 0, {});
    }

    void wekaExamples()
    {
        QFETCH(QString, file);
        QFETCH(qint64, rows);
        QFETCH(qsizetype, columns);
        QFETCH(qint64, checkRow);
        QFETCH(QStringList, values);
        if (!QFile::exists(file))
            QSKIP(qPrintable(QStringLiteral("%1 is missing: install the Debian package \"weka\"").arg(file)));
        const auto loaded = ArffReader::read(file);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->rowCount(), rows);
        QCOMPARE(loaded->dataset->columnCount(), columns);
        QCOMPARE(row(*loaded->dataset, checkRow).mid(0, values.size()), values);
    }

    void wekaDetails()
    {
        if (!QFile::exists(wekaExample("labor.arff")))
            QSKIP("Weka's examples are missing: install the Debian package \"weka\"");
        // labor.arff: missing counts per column, as scipy.io.arff counts them.
        const auto labor = ArffReader::read(wekaExample("labor.arff"));
        QVERIFY(labor.ok());
        const QList<qint64> missing = {1, 1, 11, 42, 20, 6, 30, 48, 26, 35, 4, 6, 29, 20, 27, 20, 0};
        for (qsizetype c = 0; c < labor->dataset->columnCount(); ++c)
            QCOMPARE(labor->dataset->column(c).missingCount(), missing[c]);
        // credit-g: the declared category order, and a numeric spot value.
        const auto credit = ArffReader::read(wekaExample("credit-g.arff"));
        QVERIFY(credit.ok());
        QCOMPARE(credit->dataset->column(0).categories(),
            QStringList({QStringLiteral("<0"), QStringLiteral("0<=X<200"), QStringLiteral(">=200"),
                QStringLiteral("no checking")}));
        QCOMPARE(credit->dataset->column(4).numericValues()[0], 1169.0);
        // supermarket: 3580 of 4627 missing in the first column, the rest "t".
        const auto market = ArffReader::read(wekaExample("supermarket.arff"));
        QVERIFY(market.ok());
        QCOMPARE(market->dataset->column(0).missingCount(), 3580);
        QCOMPARE(
            market->dataset->column(216).categories(), QStringList({QStringLiteral("low"), QStringLiteral("high")}));
        // soybean declares " same-lst-sev-yrs" with a space after the comma: Weka's tokenizer drops it.
        const auto soybean = ArffReader::read(wekaExample("soybean.arff"));
        QVERIFY(soybean.ok());
        const qsizetype crop = soybean->dataset->indexOf(u"crop-hist");
        QVERIFY(crop >= 0);
        QCOMPARE(soybean->dataset->column(crop).categories().last(), QStringLiteral("same-lst-sev-yrs"));
        // Reuters: a string attribute with \n escapes; first and last text lengths from the file.
        const auto reuters = ArffReader::read(wekaExample("ReutersCorn-train.arff"));
        QVERIFY(reuters.ok());
        const Column &text = reuters->dataset->column(0);
        QCOMPARE(text.type(), ColumnType::Text);
        QCOMPARE(qint64(text.utf8(0).size()), 2883);
        QCOMPARE(qint64(text.utf8(1553).size()), 407);
        QVERIFY(text.toString(0).startsWith(
            QStringLiteral("BAHIA COCOA REVIEW Showers continued throughout the week in\nthe Bahia")));
        const Column &cls = reuters->dataset->column(1);
        qint64 ones = 0;
        for (const qint32 code : cls.codes())
            ones += code == 1 ? 1 : 0;
        QCOMPARE(ones, 45);
    }
};

QTEST_GUILESS_MAIN(TestArffReader)
#include "tst_arffreader.moc"
