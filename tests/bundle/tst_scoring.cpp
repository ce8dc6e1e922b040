// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring with a bundle: a file scored in batches gives the predictions of the
// fitted pipeline and model on the whole table, bit for bit; input that does not
// fit the schema is refused naming the line (or record) and the column; memory
// holds one batch; JSON rows score as the same rows of a file.
#include "core/bundle/CsvScoring.h"
#include "core/bundle/JsonRows.h"
#include "core/bundle/Scorer.h"
#include "core/runs/CsvText.h"
#include "tests/bundle/BundleTestData.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using namespace Tandem::BundleTest;

namespace {

QString writeCsv(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() ? file.fileName() : QString();
}

std::shared_ptr<const Bundle::Bundle> sharedBundle(const QString &modelId, int rows = 120)
{
    const auto data = table(rows);
    auto made = bundleFor(*data, specFor(modelId));
    return made.ok() ? std::make_shared<const Bundle::Bundle>(std::move(made).value()) : nullptr;
}

struct Scored {
    QByteArray csv;
    Bundle::CsvScoreSummary summary;
    Base::Error error;
    bool ok = false;
};

Scored scoreFile(
    const Bundle::Scorer &scorer, const QString &path, qint64 batchRows, bool probabilities, bool allowUnknown = false)
{
    Bundle::CsvScoreOptions options;
    options.batchRows = batchRows;
    options.score.probabilities = probabilities;
    options.score.allowUnknownCategories = allowUnknown;
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    Base::NullProgressSink sink;
    const auto summary = Bundle::scoreCsv(scorer, path, out, options, Base::Progress(sink));
    Scored scored;
    scored.csv = out.data();
    scored.ok = summary.ok();
    if (summary.ok())
        scored.summary = summary.value();
    else
        scored.error = summary.error();
    return scored;
}

/// The CSV scoreCsv should write, from the bundle's pipeline and model applied
/// to the whole table at once, as the workbench predicts.
QByteArray inProcessCsv(const Bundle::Bundle &bundle, const Data::Dataset &data, bool probabilities)
{
    const std::vector<qint64> rows = Learn::Pipeline::allRows(data);
    const Learn::Matrix X = bundle.pipeline().transform(data, rows).value();
    const Learn::Vector predicted = bundle.model().predict(X).value();
    const bool classify = bundle.manifest().task == Learn::Task::Classification;
    QStringList header {QStringLiteral("prediction")};
    Learn::Matrix proba;
    if (classify && probabilities) {
        proba = bundle.model().predictProba(X).value();
        for (const QString &label : bundle.manifest().classes)
            header << QStringLiteral("proba_") + label;
    }
    QByteArray text = header.join(QLatin1Char(',')).toUtf8() + '\n';
    const QStringList labels = classify ? bundle.pipeline().decodeClasses(predicted) : QStringList();
    for (Eigen::Index i = 0; i < predicted.size(); ++i) {
        QStringList cells {classify ? Runs::CsvText::field(labels.at(i)) : Runs::CsvText::number(predicted[i])};
        for (Eigen::Index k = 0; k < proba.cols(); ++k)
            cells << Runs::CsvText::number(proba(i, k));
        text += cells.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    return text;
}

Bundle::RowPlaces records()
{
    Bundle::RowPlaces places;
    places.source = QStringLiteral("request");
    return places;
}

} // namespace

class TestScoring : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesPredictAsTheWholeTable_data()
    {
        QTest::addColumn<QString>("modelId");
        QTest::addColumn<qint64>("batchRows");
        for (const Learn::ModelInfo &model : Learn::Registry::instance().models()) {
            for (const qint64 batch : {qint64(1), qint64(7), qint64(10000)})
                QTest::newRow(qPrintable(QStringLiteral("%1, batches of %2").arg(model.id).arg(batch)))
                    << model.id << batch;
        }
    }

    void batchesPredictAsTheWholeTable()
    {
        QFETCH(QString, modelId);
        QFETCH(qint64, batchRows);
        QTemporaryDir dir;
        const QString path = writeCsv(dir, QStringLiteral("table.csv"), tableCsv());
        const auto bundle = sharedBundle(modelId);
        QVERIFY(bundle);
        const Bundle::Scorer scorer(bundle);
        const auto data = table();
        const bool classify = bundle->manifest().task == Learn::Task::Classification;
        const Scored scored = scoreFile(scorer, path, batchRows, classify);
        QVERIFY2(scored.ok, qPrintable(scored.error.toString()));
        // Numbers are written in their shortest exact form: equal text is equal bits.
        QCOMPARE(scored.csv, inProcessCsv(*bundle, *data, classify));
        QCOMPARE(scored.summary.rows, qint64(120));
        QCOMPARE(scored.summary.batches, (120 + batchRows - 1) / batchRows);
    }

    void memoryHoldsOneBatch()
    {
        QTemporaryDir dir;
        const QString path = writeCsv(dir, QStringLiteral("big.csv"), tableCsv(5000));
        const Bundle::Scorer scorer(sharedBundle(QStringLiteral("gnb")));
        const Scored scored = scoreFile(scorer, path, 256, true);
        QVERIFY2(scored.ok, qPrintable(scored.error.toString()));
        QCOMPARE(scored.summary.rows, qint64(5000));
        QCOMPARE(scored.summary.batches, qint64(20)); // 19 of 256 rows, then 136
        QCOMPARE(scored.summary.largestBatchRows, qint64(256));
        QCOMPARE(scored.csv.count('\n'), 5001);
    }

    void keptInputColumnsPrecedeThePredictions()
    {
        QTemporaryDir dir;
        const QString path = writeCsv(dir, QStringLiteral("table.csv"), tableCsv(40));
        const auto bundle = sharedBundle(QStringLiteral("logreg"));
        const Bundle::Scorer scorer(bundle);
        Bundle::CsvScoreOptions options;
        options.batchRows = 7;
        options.score.probabilities = true;
        options.keepInputColumns = true;
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        Base::NullProgressSink sink;
        const auto summary = Bundle::scoreCsv(scorer, path, out, options, Base::Progress(sink));
        QVERIFY2(summary.ok(), qPrintable(summary.error().toString()));

        // Every line is the input's cells as read, then what scoring alone writes:
        // the model's columns as their types read them (x's 17 digits in their
        // shortest form), the others (label, y) as the file's text.
        const QList<QByteArray> scoredLines = out.data().split('\n');
        const QList<QByteArray> predictionLines = scoreFile(scorer, path, 7, true).csv.split('\n');
        const QList<QByteArray> inputLines = tableCsv(40).split('\n');
        const auto data = table(40);
        QCOMPARE(scoredLines.size(), predictionLines.size());
        QCOMPARE(scoredLines.first(), "x,n,flag,color,label,y," + predictionLines.first());
        for (qint64 row = 0; row < data->rowCount(); ++row) {
            QStringList cells;
            for (qsizetype c = 0; c < 5; ++c)
                cells << Runs::CsvText::field(data->column(c).toString(row));
            cells << QString::fromUtf8(inputLines.at(row + 1).split(',').last());
            QCOMPARE(
                scoredLines.at(row + 1), cells.join(QLatin1Char(',')).toUtf8() + ',' + predictionLines.at(row + 1));
        }
    }

    void inputThatDoesNotFitIsRefusedWhereItIs()
    {
        QTemporaryDir dir;
        const Bundle::Scorer scorer(sharedBundle(QStringLiteral("logreg")));
        const auto replaceLine = [](QByteArray csv, int line, const QByteArray &text) {
            QList<QByteArray> lines = csv.split('\n');
            lines[line - 1] = text;
            return lines.join('\n');
        };

        const QString noColor = writeCsv(dir, QStringLiteral("nocolor.csv"), "x,n,flag,label\n1,2,true,a\n");
        Scored scored = scoreFile(scorer, noColor, 3, false);
        QVERIFY(!scored.ok);
        QCOMPARE(scored.error.message,
            QStringLiteral("column \"color\" is missing from the header (line 1): the model reads x, n, flag, color"));
        QCOMPARE(scored.error.line, qint64(1));
        QCOMPARE(scored.error.file, noColor);

        // Line 9 is in the third batch of three rows.
        const QString badNumber
            = writeCsv(dir, QStringLiteral("number.csv"), replaceLine(tableCsv(20), 9, "abc,1,true,red,a,1"));
        scored = scoreFile(scorer, badNumber, 3, false);
        QVERIFY(!scored.ok);
        QCOMPARE(scored.error.message,
            QStringLiteral("line 9, column \"x\": \"abc\" is not numeric, the type the model reads"));
        QCOMPARE(scored.error.line, qint64(9));
        QCOMPARE(scored.error.column, qint64(1));
        // What was scored before the bad batch is there; nothing after it.
        QCOMPARE(scored.csv.count('\n'), 1 + 6);

        const QString badFlag
            = writeCsv(dir, QStringLiteral("flag.csv"), replaceLine(tableCsv(20), 4, "1,1,maybe,red,a,1"));
        scored = scoreFile(scorer, badFlag, 100, false);
        QCOMPARE(scored.error.message,
            QStringLiteral("line 4, column \"flag\": \"maybe\" is not boolean, the type the model reads"));

        const QString unknown
            = writeCsv(dir, QStringLiteral("unknown.csv"), replaceLine(tableCsv(20), 7, "1,1,true,purple,a,1"));
        scored = scoreFile(scorer, unknown, 4, false);
        QVERIFY(!scored.ok);
        QCOMPARE(scored.error.message,
            QStringLiteral("line 7, column \"color\": the category \"purple\" is unknown to the model (it knows blue, "
                           "green, missing, red)"));
        QCOMPARE(scored.error.line, qint64(7));
        QCOMPARE(scored.error.column, qint64(4));
        scored = scoreFile(scorer, unknown, 4, false, true);
        QVERIFY2(scored.ok, qPrintable(scored.error.toString()));
        QCOMPARE(scored.summary.rows, qint64(20));

        // A ragged row is the reader's error, with its line.
        const QString ragged = writeCsv(dir, QStringLiteral("ragged.csv"), replaceLine(tableCsv(20), 15, "1,2"));
        scored = scoreFile(scorer, ragged, 5, false);
        QCOMPARE(scored.error.line, qint64(15));
        QVERIFY(scored.error.message.startsWith(QStringLiteral("Line 15 has 2 fields")));
    }

    void regressionWritesValues()
    {
        QTemporaryDir dir;
        const QString path = writeCsv(dir, QStringLiteral("table.csv"), tableCsv(10));
        const Bundle::Scorer scorer(sharedBundle(QStringLiteral("ridge")));
        QCOMPARE(scorer.outputColumns(true), QStringList {QStringLiteral("prediction")});
        const Scored scored = scoreFile(scorer, path, 4, true);
        QVERIFY(scored.ok);
        QVERIFY(scored.csv.startsWith("prediction\n"));
        bool number = false;
        scored.csv.split('\n').at(1).toDouble(&number);
        QVERIFY(number);
    }

    void jsonRowsScoreAsTheSameRowsOfAFile()
    {
        const auto bundle = sharedBundle(QStringLiteral("gbdt"));
        const Bundle::Scorer scorer(bundle);
        const Bundle::InputSchema &schema = bundle->manifest().inputs;
        // Rows 0..4 of the table, as records and as columns plus rows; missing cells as null or left out.
        const auto data = table(5);
        QJsonArray recordRows;
        QJsonArray splitRows;
        for (qint64 row = 0; row < data->rowCount(); ++row) {
            QJsonObject record;
            QJsonArray values;
            for (const QString &name :
                {QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("flag"), QStringLiteral("color")}) {
                const Data::Column &column = data->column(data->indexOf(name));
                QJsonValue value(QJsonValue::Null);
                if (!column.isMissing(row)) {
                    if (column.type() == Data::ColumnType::Categorical)
                        value = column.toString(row);
                    else if (column.type() == Data::ColumnType::Boolean)
                        value = column.toDouble(row) != 0.0;
                    else
                        value = column.toDouble(row);
                }
                if (!value.isNull())
                    record.insert(name, value);
                values.append(value);
            }
            record.insert(QStringLiteral("ignored"), QStringLiteral("anything"));
            recordRows.append(record);
            splitRows.append(values);
        }
        const auto fromRecords = Bundle::datasetFromRecords(schema, recordRows, QStringLiteral("request"));
        QVERIFY2(fromRecords.ok(), qPrintable(fromRecords.error().message));
        const auto fromSplit = Bundle::datasetFromColumns(schema,
            {QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("flag"), QStringLiteral("color")}, splitRows,
            QStringLiteral("request"));
        QVERIFY2(fromSplit.ok(), qPrintable(fromSplit.error().message));

        const auto expected = scorer.score(*data, records(), {true, false});
        QVERIFY(expected.ok());
        for (const auto *rows : {&fromRecords, &fromSplit}) {
            const auto scores = scorer.score(*rows->value(), records(), {true, false});
            QVERIFY2(scores.ok(), qPrintable(scores.error().message));
            QCOMPARE(scores.value().labels, expected.value().labels);
            QVERIFY(sameBits(scores.value().probabilities, expected.value().probabilities));
        }
    }

    void badJsonRowsNameTheRecordAndColumn()
    {
        const auto bundle = sharedBundle(QStringLiteral("logreg"));
        const Bundle::InputSchema &schema = bundle->manifest().inputs;
        const auto record = [](const QJsonValue &x, const QJsonValue &color) {
            return QJsonObject {{QStringLiteral("x"), x}, {QStringLiteral("n"), 3}, {QStringLiteral("flag"), true},
                {QStringLiteral("color"), color}};
        };
        const QJsonArray rows {
            record(1.5, QStringLiteral("red")), record(QStringLiteral("abc"), QStringLiteral("red"))};
        auto built = Bundle::datasetFromRecords(schema, rows, QStringLiteral("request"));
        QVERIFY(!built.ok());
        QCOMPARE(built.error().message, QStringLiteral("record 2, column \"x\": \"abc\" is not a number"));

        built = Bundle::datasetFromRecords(
            schema, {record(QStringLiteral(" 2.5 "), QJsonArray {1})}, QStringLiteral("r"));
        QCOMPARE(built.error().message, QStringLiteral("record 1, column \"color\": an array is not a category"));

        built = Bundle::datasetFromRecords(schema, {QJsonObject {{QStringLiteral("x"), 1}}}, QStringLiteral("r"));
        QCOMPARE(built.error().message, QStringLiteral("column \"n\" is missing: the model reads x, n, flag, color"));
        QVERIFY(!Bundle::datasetFromRecords(schema, {1, 2}, QStringLiteral("r")).ok());
        QVERIFY(!Bundle::datasetFromColumns(schema, {QStringLiteral("x")}, {}, QStringLiteral("r")).ok());
        QCOMPARE(Bundle::datasetFromColumns(schema,
                     {QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("flag"), QStringLiteral("color")},
                     {QJsonArray {1, 2}}, QStringLiteral("r"))
                     .error()
                     .message,
            QStringLiteral("record 1 is not an array of 4 values, one per column"));

        // Unknown categories in JSON rows are named by record.
        built = Bundle::datasetFromRecords(
            schema, {record(1, QStringLiteral("red")), record(2, QStringLiteral("teal"))}, QStringLiteral("request"));
        QVERIFY(built.ok());
        const auto scores = Bundle::Scorer(bundle).score(*built.value(), records());
        QVERIFY(!scores.ok());
        QVERIFY(scores.error().message.startsWith(
            QStringLiteral("record 2, column \"color\": the category \"teal\" is unknown to the model")));
        // An empty request scores nothing.
        const auto none = Bundle::datasetFromRecords(schema, {}, QStringLiteral("request"));
        QVERIFY(none.ok());
        QCOMPARE(Bundle::Scorer(bundle).score(*none.value(), records()).value().rowCount(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestScoring)
#include "tst_scoring.moc"
