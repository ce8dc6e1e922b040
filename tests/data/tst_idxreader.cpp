// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/IdxReader.h"
#include "tests/data/ReaderTestSupport.h"
#include "tests/support/RecordingSink.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <limits>

using namespace Tandem::Data;
using Tandem::Base::NullProgressSink;
using Tandem::Base::Progress;
using Tandem::Testing::RecordingSink;
using Tandem::TestSupport::gzip;
using Tandem::TestSupport::writeFile;

namespace {

QString fixture(const char *name)
{
    return Tandem::TestSupport::dataFixture("idx", name);
}

QString fashion(const char *name)
{
    return QStringLiteral("/usr/share/datasets/fashion-mnist/") + QString::fromLatin1(name);
}

/// An IDX file: magic, big-endian sizes, then `payload` as given.
QByteArray idx(quint8 type, const QList<quint32> &dims, const QByteArray &payload)
{
    QByteArray out;
    out.append('\0').append('\0').append(char(type)).append(char(dims.size()));
    for (const quint32 d : dims) {
        char be[4];
        qToBigEndian(d, be);
        out.append(be, 4);
    }
    return out + payload;
}

template<typename T> QByteArray bigEndian(std::initializer_list<T> values)
{
    QByteArray out;
    for (const T v : values) {
        char be[sizeof(T)];
        qToBigEndian(v, be);
        out.append(be, qsizetype(sizeof(T)));
    }
    return out;
}

Tandem::Base::Result<LoadedDataset> readBytes(const QByteArray &bytes, qint64 maxRows = -1)
{
    NullProgressSink sink;
    return IdxReader::readBytes(bytes, QStringLiteral("test.idx"), Progress(sink), maxRows);
}

} // namespace

class TestIdxReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imagesWithLabels()
    {
        // The labels file is found by the MNIST naming, across raw and .gz.
        QCOMPARE(IdxReader::labelsFileFor(fixture("tiny-images-idx3-ubyte")), fixture("tiny-labels-idx1-ubyte.gz"));
        const auto loaded = IdxReader::read(fixture("tiny-images-idx3-ubyte"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 3);
        QCOMPARE(ds.columnNames(),
            QStringList({QStringLiteral("px0"), QStringLiteral("px1"), QStringLiteral("px2"), QStringLiteral("px3"),
                QStringLiteral("label")}));
        for (qsizetype c = 0; c < ds.columnCount(); ++c)
            QCOMPARE(ds.column(c).type(), ColumnType::Integer);
        const qint64 expected[3][5] = {{0, 1, 2, 3, 7}, {10, 20, 30, 40, 0}, {255, 254, 128, 0, 9}};
        for (qint64 r = 0; r < 3; ++r) {
            for (qsizetype c = 0; c < 5; ++c)
                QCOMPARE(ds.column(c).integerValues()[std::size_t(r)], expected[r][c]);
        }
        QCOMPARE(loaded->report.rows, 3);
        QCOMPARE(loaded->report.columns, 5);
        QCOMPARE(loaded->report.columnReports.size(), 5);
        QVERIFY(!loaded->report.hasHeader);

        IdxOptions alone;
        alone.findLabels = false;
        const auto images = IdxReader::read(fixture("tiny-images-idx3-ubyte"), alone);
        QVERIFY(images.ok());
        QCOMPARE(images->dataset->columnCount(), 4);

        const auto labels = IdxReader::read(fixture("tiny-labels-idx1-ubyte.gz"));
        QVERIFY2(labels.ok(), qPrintable(labels.error().toString()));
        QVERIFY(labels->report.gzip);
        QCOMPARE(labels->dataset->columnNames(), QStringList({QStringLiteral("label")}));
        QCOMPARE(labels->dataset->column(0).integerValues()[2], 9);
    }

    void labelsNaming()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString images = dir.filePath(QStringLiteral("t10k-images.idx3-ubyte"));
        QVERIFY(writeFile(images, idx(8, {1, 1, 1}, "x")));
        QVERIFY(IdxReader::labelsFileFor(images).isEmpty());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("t10k-labels.idx1-ubyte")), idx(8, {1}, "\x04")));
        QCOMPARE(IdxReader::labelsFileFor(images), dir.filePath(QStringLiteral("t10k-labels.idx1-ubyte")));
        QVERIFY(IdxReader::labelsFileFor(dir.filePath(QStringLiteral("digits.idx"))).isEmpty());
        const auto loaded = IdxReader::read(images);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->columnNames(), QStringList({QStringLiteral("px0"), QStringLiteral("label")}));
    }

    void types_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("integer");
        QTest::addColumn<QStringList>("cells"); // row-major, "" for missing
        auto add = [](const char *tag, quint8 type, const QByteArray &payload, bool integer, const QStringList &cells) {
            const QByteArray file = idx(type, {2, 2}, payload);
            QTest::newRow(tag) << file << integer << cells;
            QTest::newRow(qPrintable(QStringLiteral("%1 gz").arg(QLatin1String(tag))))
                << gzip(file, Z_BEST_COMPRESSION) << integer << cells;
        };
        add("ubyte", 0x08, QByteArray("\x00\x7f\x80\xff", 4), true,
            {QStringLiteral("0"), QStringLiteral("127"), QStringLiteral("128"), QStringLiteral("255")});
        add("sbyte", 0x09, QByteArray("\x00\x7f\x80\xff", 4), true,
            {QStringLiteral("0"), QStringLiteral("127"), QStringLiteral("-128"), QStringLiteral("-1")});
        add("short", 0x0B, bigEndian<qint16>({0, 1234, -32768, 32767}), true,
            {QStringLiteral("0"), QStringLiteral("1234"), QStringLiteral("-32768"), QStringLiteral("32767")});
        add("int", 0x0C, bigEndian<qint32>({1, -1, std::numeric_limits<qint32>::min(), 2147483647}), true,
            {QStringLiteral("1"), QStringLiteral("-1"), QStringLiteral("-2147483648"), QStringLiteral("2147483647")});
        add("float", 0x0D, bigEndian<float>({1.5f, -0.1f, std::numeric_limits<float>::quiet_NaN(), 3e38f}), false,
            {QStringLiteral("1.5"), QStringLiteral("-0.10000000149011612"), QString(),
                QStringLiteral("3.0000000054977558e+38")});
        add("double", 0x0E, bigEndian<double>({0.1, -1e300, 5e-324, std::numeric_limits<double>::quiet_NaN()}), false,
            {QStringLiteral("0.1"), QStringLiteral("-1e+300"), QStringLiteral("5e-324"), QString()});
    }

    void types()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, integer);
        QFETCH(QStringList, cells);
        const auto loaded = readBytes(bytes);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 2);
        QCOMPARE(ds.columnNames(), QStringList({QStringLiteral("x0"), QStringLiteral("x1")}));
        QCOMPARE(ds.column(0).type(), integer ? ColumnType::Integer : ColumnType::Numeric);
        QStringList actual;
        for (qint64 r = 0; r < 2; ++r)
            actual << ds.column(0).toString(r) << ds.column(1).toString(r);
        QCOMPARE(actual, cells);
    }

    void floatsFixture()
    {
        const auto loaded = IdxReader::read(fixture("floats.idx"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), 2);
        QCOMPARE(ds.columnCount(), 3);
        QCOMPARE(ds.column(2).type(), ColumnType::Numeric);
        QVERIFY(ds.column(2).isMissing(0));
        QCOMPARE(ds.column(2).numericValues()[1], double(1e30f));
        QCOMPARE(loaded->report.columnReports[2].missing, 1);
    }

    void emptyAndOneDimensional()
    {
        // No images at all is an empty file, refused like an empty CSV (and a zero size can
        // no longer hide a huge other size: see tst_malformed's idx_zero_* cases).
        const auto none = readBytes(idx(8, {0, 28, 28}, {}));
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.contains(QStringLiteral("empty dimension (sizes 0 x 28 x 28)")),
            qPrintable(none.error().toString()));
        const auto values = readBytes(idx(0x0C, {3}, bigEndian<qint32>({5, 6, 7})));
        QVERIFY(values.ok());
        QCOMPARE(values->dataset->columnNames(), QStringList({QStringLiteral("value")}));
    }

    void maxRows()
    {
        const auto loaded = readBytes(idx(8, {3, 2}, "abcdef"), 2);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->dataset->rowCount(), 2);
        QCOMPARE(loaded->dataset->column(1).integerValues()[1], qint64('d'));
        IdxOptions options;
        options.maxRows = 1;
        const auto pair = IdxReader::read(fixture("tiny-images-idx3-ubyte"), options);
        QVERIFY2(pair.ok(), qPrintable(pair.error().toString()));
        QCOMPARE(pair->dataset->rowCount(), 1);
        QCOMPARE(pair->dataset->column(4).integerValues()[0], 7);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        auto add = [](const char *tag, const QByteArray &bytes, const char *message) {
            QTest::newRow(tag) << bytes << QString::fromUtf8(message);
        };
        add("empty", QByteArray(), "The file is too short for an IDX header (0 bytes");
        add("three bytes", QByteArray("\0\0\x08", 3), "The file is too short for an IDX header (3 bytes");
        add("bad magic", QByteArray("\x01\x00\x08\x01\0\0\0\x01x", 9),
            "This is not an IDX file: it starts with 01 00 08 01");
        add("unknown type", QByteArray("\0\0\x0A\x01\0\0\0\x01x", 9),
            "This is not an IDX file: it starts with 00 00 0a 01");
        add("no dimensions", QByteArray("\0\0\x08\x00", 4), "This is not an IDX file");
        add("truncated sizes", QByteArray("\0\0\x08\x03\0\0\0\x02\0\0", 10),
            "The IDX header is truncated: it declares 3 dimensions (12 bytes of sizes), the file ends after 6");
        add("truncated values", idx(8, {2, 2, 2}, "abcdefg"),
            "The IDX header (sizes 2 x 2 x 2, 1-byte values) promises 8 bytes of values, but the file holds 7: it is "
            "truncated");
        add("extra bytes", idx(8, {2}, "abc"),
            "promises 2 bytes of values, but the file holds 3: extra bytes follow the values");
        add("short payload of doubles", idx(0x0E, {1, 2}, QByteArray(15, '\0')), "promises 16 bytes of values");
        add("overflowing sizes", idx(8, {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, "x"),
            "The IDX header is corrupt: its sizes (4294967295 x 4294967295 x 4294967295) multiply to more values than "
            "64 bits can count");
        add("overflowing bytes", idx(0x0E, {0xFFFFFFFF, 0xFFFFFFFF}, "x"), "multiply to more values than 64 bits");
        add("overflow hidden by a zero", idx(8, {0, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}, {}),
            "declares an empty dimension (sizes 0 x 4294967295 x 4294967295 x 4294967295)");
        add("too many columns", idx(8, {1, 65536, 65536}, "x"),
            "The IDX header (sizes 1 x 65536 x 65536) declares rows of more than 16777216 values; Tandem reads at most "
            "16777216 columns");
        add("gz promising more than deflate can hold", gzip(idx(8, {1000000, 28, 28}, QByteArray(100, 'x'))),
            "promises 784000000 bytes of values, more than");
        add("gz truncated values", gzip(idx(8, {10, 28, 28}, QByteArray(100, 'x'))),
            "The IDX data is truncated: the header (sizes 10 x 28 x 28) promises 7840 bytes of values, the data ends "
            "after 100 (in row 1)");
        add("gz extra values", gzip(idx(8, {2}, "abc")), "Extra data follows the 2 bytes of values");
        add("gz stream cut off", gzip(idx(8, {2, 400}, QByteArray(800, 'x'))).left(20), "The gzip data is truncated");
        add("gz corrupt", QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff\xff", 14),
            "The gzip data is corrupt");
        add("text", QByteArray("hello, world\n"), "This is not an IDX file: it starts with 68 65 6c 6c");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const auto loaded = readBytes(bytes);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(message), qPrintable(loaded.error().message));
        QCOMPARE(loaded.error().file, QStringLiteral("test.idx"));
    }

    void pairMismatch()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString images = dir.filePath(QStringLiteral("a-images-idx3-ubyte"));
        const QString labels = dir.filePath(QStringLiteral("a-labels-idx1-ubyte"));
        const QString cube = dir.filePath(QStringLiteral("cube-idx3-ubyte"));
        QVERIFY(writeFile(images, idx(8, {3, 1, 2}, "abcdef")));
        QVERIFY(writeFile(labels, idx(8, {2}, "\x01\x02")));
        QVERIFY(writeFile(cube, idx(8, {3, 1, 1}, "abc")));
        NullProgressSink sink;
        const auto counts = IdxReader::readPair(images, labels, Progress(sink));
        QVERIFY(!counts.ok());
        QCOMPARE(counts.error().message,
            QStringLiteral("The labels file holds 2 labels, but the images file a-images-idx3-ubyte holds 3 images"));
        QCOMPARE(counts.error().file, labels);
        // Found by name, the same check applies.
        QVERIFY(!IdxReader::read(images).ok());
        const auto shape = IdxReader::readPair(images, cube, Progress(sink));
        QVERIFY(!shape.ok());
        QVERIFY2(shape.error().message.contains(QStringLiteral("The labels file has 3 dimensions (sizes 3 x 1 x 1)")),
            qPrintable(shape.error().message));
        const auto missing = IdxReader::readPair(images, dir.filePath(QStringLiteral("nope")), Progress(sink));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.startsWith(QStringLiteral("Cannot open the file")));
    }

    void cancel()
    {
        const QByteArray big = gzip(idx(8, {4000, 28, 28}, QByteArray(4000 * 784, '\x05')));
        RecordingSink sink(RecordingSink::Stop::AfterReports, 2);
        const auto loaded = IdxReader::readBytes(big, QStringLiteral("big.idx"), Progress(sink));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().message, IdxReader::cancelledMessage());
    }

    // Fashion-MNIST (Debian package "dataset-fashion-mnist"); reference values from numpy.
    void fashionMnist_data()
    {
        QTest::addColumn<QString>("images");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<QList<qint64>>("firstLabels"); // rows 0, 1 and the last
        QTest::addColumn<qint64>("firstImageSum");
        QTest::addColumn<qint64>("lastImageSum");
        QTest::addColumn<qint64>("px350");
        QTest::addColumn<qint64>("totalSum");
        QTest::addColumn<qint64>("column392Sum");
        QTest::newRow("t10k") << fashion("t10k-images-idx3-ubyte.gz") << qint64(10000) << QList<qint64>({9, 2, 5})
                              << qint64(33456) << qint64(24390) << qint64(115) << qint64(573469082) << qint64(34538);
        QTest::newRow("train") << fashion("train-images-idx3-ubyte.gz") << qint64(60000) << QList<qint64>({9, 0, 5})
                               << qint64(76247) << qint64(16684) << qint64(222) << qint64(3431114169) << qint64(219945);
    }

    void fashionMnist()
    {
        QFETCH(QString, images);
        QFETCH(qint64, rows);
        QFETCH(QList<qint64>, firstLabels);
        QFETCH(qint64, firstImageSum);
        QFETCH(qint64, lastImageSum);
        QFETCH(qint64, px350);
        QFETCH(qint64, totalSum);
        QFETCH(qint64, column392Sum);
        if (!QFile::exists(images))
            QSKIP("Fashion-MNIST is missing: install the Debian package \"dataset-fashion-mnist\"");
        QElapsedTimer timer;
        timer.start();
        const auto loaded = IdxReader::read(images);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        qInfo("%s: %lld rows read in %lld ms, %.0f MB in memory", qPrintable(images), loaded->dataset->rowCount(),
            timer.elapsed(), double(loaded->dataset->memoryBytes()) / 1e6);
        const Dataset &ds = *loaded->dataset;
        QCOMPARE(ds.rowCount(), rows);
        QCOMPARE(ds.columnCount(), 785);
        QCOMPARE(ds.column(0).name(), QStringLiteral("px0"));
        QCOMPARE(ds.column(783).name(), QStringLiteral("px783"));
        QCOMPARE(ds.column(784).name(), QStringLiteral("label"));
        const auto labels = ds.column(784).integerValues();
        QCOMPARE((QList<qint64> {labels[0], labels[1], labels[std::size_t(rows - 1)]}), firstLabels);
        QList<qint64> counts(10, 0);
        for (const qint64 label : labels)
            ++counts[qsizetype(label)];
        QCOMPARE(counts, QList<qint64>(10, rows / 10));
        qint64 first = 0;
        qint64 last = 0;
        qint64 total = 0;
        for (qsizetype c = 0; c < 784; ++c) {
            const auto values = ds.column(c).integerValues();
            first += values[0];
            last += values[std::size_t(rows - 1)];
            for (const qint64 v : values)
                total += v;
        }
        QCOMPARE(first, firstImageSum);
        QCOMPARE(last, lastImageSum);
        QCOMPARE(total, totalSum);
        QCOMPARE(ds.column(350).integerValues()[0], px350);
        qint64 middle = 0;
        for (const qint64 v : ds.column(392).integerValues())
            middle += v;
        QCOMPARE(middle, column392Sum);
    }
};

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idxreader.moc"
