// SPDX-License-Identifier: GPL-3.0-or-later
// The binary model format's matrices and vectors: bit-exact round trips, and
// damaged sizes refused before anything is allocated (fuzz_bundle once found a
// column count whose byte size overflowed a 64-bit integer).
#include "core/learn/BinaryFormat.h"

#include <QBuffer>
#include <QDataStream>
#include <QTest>

#include <limits>

using namespace Tandem::Learn;

namespace {

/// A stream over `bytes`, prepared as the model files are.
struct Reader {
    explicit Reader(const QByteArray &bytes) : buffer(&data), stream(&buffer)
    {
        data = bytes;
        buffer.open(QIODevice::ReadOnly);
        BinaryFormat::prepare(stream);
    }
    QByteArray data;
    QBuffer buffer;
    QDataStream stream;
};

QByteArray matrixBytes(qint64 rows, qint64 cols, int values)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    BinaryFormat::prepare(out);
    out << rows << cols;
    for (int i = 0; i < values; ++i)
        out << double(i) + 0.5;
    return bytes;
}

} // namespace

class TestBinaryFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matrixAndVectorRoundTripBitExactly()
    {
        Eigen::MatrixXd matrix(2, 3);
        matrix << 0.1, -0.0, std::numeric_limits<double>::denorm_min(), 1e300, -2.5, 3.0;
        Eigen::VectorXd vector(3);
        vector << 1.0 / 3.0, -1e-300, 42.0;
        QByteArray bytes;
        {
            QDataStream out(&bytes, QIODevice::WriteOnly);
            BinaryFormat::prepare(out);
            BinaryFormat::writeMatrix(out, matrix);
            BinaryFormat::writeVector(out, vector);
        }
        Reader in(bytes);
        Eigen::MatrixXd matrixBack;
        Eigen::VectorXd vectorBack;
        QVERIFY(BinaryFormat::readMatrix(in.stream, matrixBack).ok());
        QVERIFY(BinaryFormat::readVector(in.stream, vectorBack).ok());
        QCOMPARE(matrixBack.rows(), 2);
        QCOMPARE(matrixBack.cols(), 3);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(matrixBack.data()), 6 * 8),
            QByteArray(reinterpret_cast<const char *>(matrix.data()), 6 * 8));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(vectorBack.data()), 3 * 8),
            QByteArray(reinterpret_cast<const char *>(vector.data()), 3 * 8));
    }

    void damagedMatrixSizesAreRefused_data()
    {
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<qint64>("cols");
        QTest::addColumn<int>("values");
        QTest::newRow("no rows, columns whose bytes overflow") << qint64(0) << qint64(4189020988362457097) << 0;
        QTest::newRow("rows whose bytes overflow, no columns") << qint64(4189020988362457097) << qint64(0) << 0;
        QTest::newRow("product beyond the limit") << qint64(1) << BinaryFormat::maxStoredElements + 1 << 0;
        QTest::newRow("both huge") << (qint64(1) << 40) << (qint64(1) << 40) << 0;
        QTest::newRow("negative rows") << qint64(-1) << qint64(2) << 0;
        QTest::newRow("negative columns") << qint64(2) << qint64(-1) << 0;
        QTest::newRow("more values than the file holds") << qint64(3) << qint64(3) << 8;
    }
    void damagedMatrixSizesAreRefused()
    {
        QFETCH(qint64, rows);
        QFETCH(qint64, cols);
        QFETCH(int, values);
        Reader in(matrixBytes(rows, cols, values));
        Eigen::MatrixXd matrix;
        const auto read = BinaryFormat::readMatrix(in.stream, matrix);
        QVERIFY(!read.ok());
        QVERIFY2(
            read.error().message.contains(QStringLiteral("truncated or damaged")), qPrintable(read.error().message));
        QCOMPARE(matrix.size(), 0);
    }

    void emptyMatrixIsFine()
    {
        Reader in(matrixBytes(0, 5, 0));
        Eigen::MatrixXd matrix;
        QVERIFY(BinaryFormat::readMatrix(in.stream, matrix).ok());
        QCOMPARE(matrix.rows(), 0);
        QCOMPARE(matrix.cols(), 5);
    }
};

QTEST_GUILESS_MAIN(TestBinaryFormat)
#include "tst_binaryformat.moc"
