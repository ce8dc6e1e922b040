// SPDX-License-Identifier: GPL-3.0-or-later
// CsvStream: a delimited file read a batch of rows at a time by CsvReader's own
// parser. The batches together must be the file CsvReader reads whole (same
// values, same messages), each row must know its line, and no batch may hold
// more rows than asked for, whatever the file.
#include "core/data/CsvReader.h"

#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace Tandem;
using Data::ColumnType;

namespace {

/// The cells of every row of every batch (Column::toString, "<NA>" when missing), and each row's line.
struct Streamed {
    QList<QStringList> rows;
    std::vector<qint64> lines;
    QList<Data::LoadWarning> warnings;
    qint64 batches = 0;
    qint64 largest = 0;
    QString error;
};

QStringList rowCells(const Data::Dataset &data, qint64 row)
{
    QStringList cells;
    for (const Data::Column &column : data.columns())
        cells << (column.isMissing(row) ? QStringLiteral("<NA>") : column.toString(row));
    return cells;
}

Streamed stream(std::unique_ptr<Data::CsvStream> reader, qint64 batchRows)
{
    Streamed result;
    while (!reader->atEnd()) {
        auto batch = reader->next(batchRows);
        if (!batch.ok()) {
            result.error = batch.error().toString();
            return result;
        }
        const Data::Dataset &data = *batch.value().dataset;
        if (data.rowCount() > batchRows || qint64(batch.value().lines.size()) != data.rowCount()
            || batch.value().firstRow != qint64(result.rows.size())) {
            result.error = QStringLiteral("batch %1 is inconsistent").arg(result.batches);
            return result;
        }
        for (qint64 row = 0; row < data.rowCount(); ++row)
            result.rows.append(rowCells(data, row));
        result.lines.insert(result.lines.end(), batch.value().lines.begin(), batch.value().lines.end());
        result.warnings += batch.value().warnings;
        result.largest = std::max(result.largest, data.rowCount());
    }
    result.batches = reader->batchesRead();
    if (result.largest != reader->largestBatchRows() || qint64(result.rows.size()) != reader->rowsRead())
        result.error = QStringLiteral("the stream's counters disagree with its batches");
    return result;
}

QList<QStringList> wholeRows(const Data::Dataset &data)
{
    QList<QStringList> rows;
    for (qint64 row = 0; row < data.rowCount(); ++row)
        rows.append(rowCells(data, row));
    return rows;
}

/// A file with quoted fields spanning lines, blank lines, CRLF and missing cells;
/// `lines` receives the line each data row starts on.
QByteArray trickyCsv(int rows, std::vector<qint64> &lines)
{
    QByteArray text = "id,name,score,when,flag\r\n";
    qint64 line = 2;
    for (int i = 0; i < rows; ++i) {
        if (i % 17 == 5) {
            text += "\r\n"; // a blank line
            ++line;
        }
        lines.push_back(line);
        const QByteArray name = i % 11 == 3 ? QByteArray("\"two\nlines, ") + QByteArray::number(i) + '"'
                                            : QByteArray("name") + QByteArray::number(i % 7);
        const QByteArray score = i % 13 == 0 ? QByteArray("NA") : QByteArray::number(i * 0.25 - 3, 'g', 17);
        text += QByteArray::number(i) + ',' + name + ',' + score + ",2024-01-" + QByteArray::number(1 + i % 28) + ','
            + (i % 2 ? "true" : "false") + "\r\n";
        line += i % 11 == 3 ? 2 : 1;
    }
    return text;
}

const QHash<QString, ColumnType> trickyTypes = {
    {QStringLiteral("id"), ColumnType::Numeric},
    {QStringLiteral("name"), ColumnType::Categorical},
    {QStringLiteral("score"), ColumnType::Numeric},
    {QStringLiteral("when"), ColumnType::DateTime},
    {QStringLiteral("flag"), ColumnType::Boolean},
};

} // namespace

class TestCsvStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesAreTheWholeFile_data()
    {
        QTest::addColumn<qint64>("batchRows");
        QTest::newRow("1 row") << qint64(1);
        QTest::newRow("3 rows") << qint64(3);
        QTest::newRow("64 rows") << qint64(64);
        QTest::newRow("all at once") << qint64(100000);
    }

    void batchesAreTheWholeFile()
    {
        QFETCH(qint64, batchRows);
        std::vector<qint64> expectedLines;
        const QByteArray text = trickyCsv(500, expectedLines);
        Data::CsvOptions options;
        options.columnTypes = trickyTypes;
        Base::NullProgressSink sink;
        const auto whole = Data::CsvReader::readBytes(text, QStringLiteral("t.csv"), options, Base::Progress(sink));
        QVERIFY2(whole.ok(), qPrintable(whole.error().toString()));

        auto reader = Data::CsvStream::fromBytes(text, QStringLiteral("t.csv"), options);
        QVERIFY2(reader.ok(), qPrintable(reader.error().toString()));
        QCOMPARE(reader.value()->columnNames(), whole.value().dataset->columnNames());
        QCOMPARE(reader.value()->headerLine(), qint64(1));
        const Streamed streamed = stream(std::move(reader).value(), batchRows);
        QVERIFY2(streamed.error.isEmpty(), qPrintable(streamed.error));
        QCOMPARE(streamed.rows, wholeRows(*whole.value().dataset));
        QCOMPARE(streamed.lines, expectedLines);
        QCOMPARE(streamed.largest, std::min<qint64>(batchRows, 500));
        QCOMPARE(streamed.batches, (500 + batchRows - 1) / batchRows);
        // The blank lines are reported wherever a batch boundary falls.
        qint64 blankWarnings = 0;
        for (const Data::LoadWarning &warning : streamed.warnings)
            blankWarnings += warning.kind == Data::LoadWarning::Kind::BlankLine ? 1 : 0;
        QVERIFY(blankWarnings > 0);
    }

    void aFileOnDiskAndGzipStreamAsTheyRead()
    {
        const QString plain = QStringLiteral(TANDEM_FIXTURES_DIR "/data/quoted.csv");
        const QString gzipped = QStringLiteral(TANDEM_FIXTURES_DIR "/data/quoted.csv.gz");
        for (const QString &path : {plain, gzipped}) {
            const auto whole = Data::CsvReader::read(path);
            QVERIFY2(whole.ok(), qPrintable(whole.error().toString()));
            // Inferred per batch: force the types the whole read found, so both agree.
            Data::CsvOptions options;
            for (const Data::Column &column : whole.value().dataset->columns())
                options.columnTypes.insert(column.name(), column.type());
            auto reader = Data::CsvStream::open(path, options);
            QVERIFY2(reader.ok(), qPrintable(reader.error().toString()));
            QCOMPARE(reader.value()->report().gzip, path == gzipped);
            const Streamed streamed = stream(std::move(reader).value(), 2);
            QVERIFY2(streamed.error.isEmpty(), qPrintable(streamed.error));
            QCOMPARE(streamed.rows, wholeRows(*whole.value().dataset));
            QCOMPARE(streamed.lines.front(), qint64(2));
        }
    }

    void aRowLongerThanTheWindowStillFits()
    {
        // A 3 MiB quoted field, longer than the first window (1 MiB) a batch maps.
        QByteArray text = "a,b\n1,x\n2,\"";
        text += QByteArray(3 << 20, 'y');
        text += "\"\n3,z\n";
        auto reader = Data::CsvStream::fromBytes(text, QStringLiteral("long.csv"));
        QVERIFY(reader.ok());
        const Streamed streamed = stream(std::move(reader).value(), 2);
        QVERIFY2(streamed.error.isEmpty(), qPrintable(streamed.error));
        QCOMPARE(streamed.rows.size(), 3);
        QCOMPARE(streamed.rows.at(1).at(1).size(), 3 << 20);
        QCOMPARE(streamed.lines, (std::vector<qint64> {2, 3, 4}));
    }

    void anErrorInALaterBatchNamesItsLine()
    {
        QByteArray text = "a,b\n";
        for (int i = 0; i < 600; ++i)
            text += i == 502 ? "1,2,3\n" : QByteArray::number(i) + ",x\n";
        auto reader = Data::CsvStream::fromBytes(text, QStringLiteral("ragged.csv"));
        QVERIFY(reader.ok());
        Data::CsvStream &csv = *reader.value();
        for (int batch = 0; batch < 5; ++batch)
            QVERIFY(csv.next(100).ok());
        const auto failed = csv.next(100);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().line, qint64(504));
        QCOMPARE(failed.error().file, QStringLiteral("ragged.csv"));
        QVERIFY(
            failed.error().message.startsWith(QStringLiteral("Line 504 has 3 fields, but the header (line 1) has 2")));
        QVERIFY(csv.atEnd());
        QVERIFY(!csv.next(100).ok());
    }

    void forcedTypesCanBeSetOnceTheHeaderIsKnown()
    {
        const QByteArray text = "x,label\n1.5,a\n2,b\nabc,c\n";
        auto reader = Data::CsvStream::fromBytes(text, QStringLiteral("typed.csv"));
        QVERIFY(reader.ok());
        Data::CsvStream &csv = *reader.value();
        const Base::Status unknown = csv.setColumnTypes({{QStringLiteral("y"), ColumnType::Numeric}});
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QStringLiteral("no column named \"y\"")));
        QVERIFY(csv.setColumnTypes(
                       {{QStringLiteral("x"), ColumnType::Numeric}, {QStringLiteral("label"), ColumnType::Categorical}})
                    .ok());
        const auto batch = csv.next(10);
        QVERIFY(batch.ok());
        const Data::Dataset &data = *batch.value().dataset;
        QCOMPARE(data.column(0).type(), ColumnType::Numeric);
        QCOMPARE(data.column(1).type(), ColumnType::Categorical);
        QVERIFY(data.column(0).isMissing(2));
        // The cell that is not a number is named by its line and column.
        QCOMPARE(batch.value().warnings.size(), 1);
        const Data::LoadWarning &warning = batch.value().warnings.first();
        QCOMPARE(warning.kind, Data::LoadWarning::Kind::ForcedTypeMismatch);
        QCOMPARE(warning.line, qint64(4));
        QCOMPARE(warning.column, qint64(1));
        QVERIFY(!csv.setColumnTypes({}).ok()); // too late
    }

    void aHeaderWithoutRowsGivesOneEmptyBatch()
    {
        auto reader = Data::CsvStream::fromBytes("a,b\n", QStringLiteral("empty.csv"));
        QVERIFY(reader.ok());
        QCOMPARE(reader.value()->columnNames(), (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
        const auto batch = reader.value()->next(10);
        QVERIFY(batch.ok());
        QCOMPARE(batch.value().dataset->rowCount(), qint64(0));
        QCOMPARE(batch.value().dataset->columnCount(), qsizetype(2));
        QVERIFY(reader.value()->atEnd());
    }

    void unreadableInputIsRefusedAtOpen()
    {
        QVERIFY(!Data::CsvStream::fromBytes(QByteArray(), QStringLiteral("nothing.csv")).ok());
        QVERIFY(!Data::CsvStream::open(QStringLiteral("/nonexistent/file.csv")).ok());
        const auto binary = Data::CsvStream::fromBytes(QByteArray("a,b\n\0\0\0", 7), QStringLiteral("bin.csv"));
        QVERIFY(!binary.ok());
    }
};

QTEST_GUILESS_MAIN(TestCsvStream)
#include "tst_csvstream.moc"
