// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/DatasetReader.h"
#include "tests/data/ReaderTestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Tandem::Data;

namespace {

using Tandem::TestSupport::gzip;
using Tandem::TestSupport::writeFile;

const QByteArray kArff = "% comment first\n\n@RELATION r\n@attribute a numeric\n@attribute b {x,y}\n@data\n1,x\n2,y\n";
const QByteArray kCsv = "a,b\n1,x\n2,y\n";
const QByteArray kIdx("\0\0\x08\x02\0\0\0\x02\0\0\0\x02\x01\x02\x03\x04", 16);

} // namespace

class TestDatasetReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatFromName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<FileFormat>("format");
        auto add
            = [](const char *name, FileFormat format) { QTest::newRow(name) << QString::fromLatin1(name) << format; };
        add("a.csv", FileFormat::Csv);
        add("dir.x/A.CSV", FileFormat::Csv);
        add("a.tsv.gz", FileFormat::Csv);
        add("a.tab", FileFormat::Csv);
        add("a.txt", FileFormat::Csv);
        add("adult.data", FileFormat::Csv);
        add("iris.arff", FileFormat::Arff);
        add("iris.ARFF.gz", FileFormat::Arff);
        add("train-images-idx3-ubyte.gz", FileFormat::Idx);
        add("train-labels-idx1-ubyte", FileFormat::Idx);
        add("t10k-images.idx3-ubyte", FileFormat::Idx);
        add("data.idx", FileFormat::Idx);
        add("data.idx3", FileFormat::Idx);
        add("data.idx1.gz", FileFormat::Idx);
        add("data", FileFormat::Auto);
        add("data.gz", FileFormat::Auto);
        add("notes.csv.bak", FileFormat::Auto);
        add("idx", FileFormat::Auto);
    }

    void formatFromName()
    {
        QFETCH(QString, name);
        QFETCH(FileFormat, format);
        QCOMPARE(DatasetReader::formatFromName(name), format);
    }

    void formatFromContent_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<FileFormat>("format");
        QTest::newRow("arff") << kArff << FileFormat::Arff;
        QTest::newRow("arff with BOM") << QByteArray("\xEF\xBB\xBF@relation x\n") << FileFormat::Arff;
        QTest::newRow("arff tab") << QByteArray("  @Relation\tx\r\n") << FileFormat::Arff;
        QTest::newRow("csv") << kCsv << FileFormat::Csv;
        QTest::newRow("csv starting with @relation-like word") << QByteArray("@relations,b\n") << FileFormat::Csv;
        QTest::newRow("idx") << kIdx << FileFormat::Idx;
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n", 6) << FileFormat::Csv;
        QTest::newRow("empty") << QByteArray() << FileFormat::Csv;
    }

    void formatFromContent()
    {
        QFETCH(QByteArray, head);
        QFETCH(FileFormat, format);
        QCOMPARE(DatasetReader::formatFromContent(head), format);
    }

    void readByContent_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("columns");
        const QStringList ab = {QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("arff without suffix") << QStringLiteral("weather") << kArff << ab;
        QTest::newRow("arff.gz without suffix") << QStringLiteral("weather.gz") << gzip(kArff) << ab;
        QTest::newRow("csv without suffix") << QStringLiteral("table") << kCsv << ab;
        QTest::newRow("idx without suffix")
            << QStringLiteral("digits") << kIdx << QStringList({QStringLiteral("x0"), QStringLiteral("x1")});
        QTest::newRow("idx.gz without suffix")
            << QStringLiteral("digits.gz") << gzip(kIdx) << QStringList({QStringLiteral("x0"), QStringLiteral("x1")});
        QTest::newRow("arff named .arff") << QStringLiteral("w.arff") << kArff << ab;
        QTest::newRow("csv named .txt") << QStringLiteral("w.txt") << kCsv << ab;
    }

    void readByContent()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, columns);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(name);
        QVERIFY(writeFile(path, bytes));
        const auto loaded = DatasetReader::read(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->columnNames(), columns);
        QCOMPARE(loaded->dataset->rowCount(), 2);
    }

    void nameWinsOverContent()
    {
        // An ARFF file named .csv is read as CSV (the user's name is the contract);
        // forcing the format reads it as ARFF.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("weather.csv"));
        QVERIFY(writeFile(path, kArff));
        QCOMPARE(DatasetReader::detectFormat(path), FileFormat::Csv);
        ReadOptions options;
        options.format = FileFormat::Arff;
        const auto loaded = DatasetReader::read(path, options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->column(1).type(), ColumnType::Categorical);
    }

    void optionsReachTheReaders()
    {
        ReadOptions options;
        options.csv.maxRows = 1;
        const auto arff = DatasetReader::read(Tandem::TestSupport::dataFixture("arff", "mixed.arff"), options);
        QVERIFY(arff.ok());
        QCOMPARE(arff->dataset->rowCount(), 1);
        const auto idx
            = DatasetReader::read(Tandem::TestSupport::dataFixture("idx", "tiny-images-idx3-ubyte"), options);
        QVERIFY2(idx.ok(), qPrintable(idx.error().toString()));
        QCOMPARE(idx->dataset->rowCount(), 1);
        QCOMPARE(idx->dataset->columnCount(), 5); // the labels file was found
        options = {};
        options.idx.findLabels = false;
        options.arff.weightColumn = QStringLiteral("w");
        QCOMPARE(DatasetReader::read(Tandem::TestSupport::dataFixture("idx", "tiny-images-idx3-ubyte"), options)
                     ->dataset->columnCount(),
            4);
        QCOMPARE(DatasetReader::read(Tandem::TestSupport::dataFixture("arff", "mixed.arff"), options)
                     ->dataset->columnNames()
                     .last(),
            QStringLiteral("w"));
    }

    void errorsPassThrough()
    {
        const auto missing = DatasetReader::read(Tandem::TestSupport::dataFixture("arff", "no-such-file.arff"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.startsWith(QStringLiteral("Cannot open the file")));
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.arff"));
        QVERIFY(writeFile(bad, "@relation r\n@attribute a {x}\n@data\ny\n"));
        const auto refused = DatasetReader::read(bad);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().file, bad);
        QCOMPARE(refused.error().line, 4);
    }

    void patterns()
    {
        const QStringList patterns = DatasetReader::supportedPatterns();
        for (const char *p : {"*.csv", "*.csv.gz", "*.tsv", "*.tsv.gz", "*.tab", "*.txt", "*.data", "*.arff",
                 "*.arff.gz", "*.idx", "*-ubyte", "*-ubyte.gz"})
            QVERIFY2(patterns.contains(QString::fromLatin1(p)), p);
        QVERIFY(DatasetReader::nameFilter().contains(QStringLiteral("*.arff.gz")));
        QVERIFY(DatasetReader::nameFilter().endsWith(QStringLiteral(";;All files (*)")));
        for (const char *name : {"a.csv", "B.CSV", "x.tsv.gz", "iris.arff", "train-images-idx3-ubyte.gz",
                 "t10k-labels.idx1-ubyte", "m.idx3", "adult.data"})
            QVERIFY2(DatasetReader::isSupportedName(QString::fromLatin1(name)), name);
        for (const char *name : {"a.png", "data", "notes.csv.bak", "tandem.db"})
            QVERIFY2(!DatasetReader::isSupportedName(QString::fromLatin1(name)), name);
        // Every name the patterns accept has a reader by name.
        for (const char *name : {"a.csv", "x.tsv.gz", "iris.arff.gz", "train-images-idx3-ubyte", "m.idx3.gz"})
            QVERIFY2(DatasetReader::formatFromName(QString::fromLatin1(name)) != FileFormat::Auto, name);
        QCOMPARE(fileFormatName(FileFormat::Arff), QStringLiteral("arff"));
    }
};

QTEST_GUILESS_MAIN(TestDatasetReader)
#include "tst_datasetreader.moc"
