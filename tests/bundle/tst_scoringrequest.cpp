// SPDX-License-Identifier: GPL-3.0-or-later
// A scoring server's requests without the server: every body shape MLflow's
// scoring server takes, and CSV, scores the same rows as `predict` scores them
// from a file, number for number; options come from the query or "params";
// what does not fit is refused naming the key, the column and the record or line.
#include "core/bundle/CsvScoring.h"
#include "core/bundle/ScoringRequest.h"
#include "core/runs/CsvText.h"
#include "tests/bundle/BundleTestData.h"
#include "tests/data/ReaderTestSupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using namespace Tandem::BundleTest;

namespace {

const QStringList inputs {QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("flag"), QStringLiteral("color")};

std::shared_ptr<const Bundle::Bundle> sharedBundle(const Runs::RunSpec &spec)
{
    const auto data = table();
    auto made = bundleFor(*data, spec);
    return made.ok() ? std::make_shared<const Bundle::Bundle>(std::move(made).value()) : nullptr;
}

/// The rows of `predict` (scoreCsv) on `csv`: one list of cells per row, header left out.
QList<QStringList> predictedRows(const Bundle::Scorer &scorer, const QByteArray &csv, bool probabilities)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("rows.csv")));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
        return {};
    file.close();
    Bundle::CsvScoreOptions options;
    options.score.probabilities = probabilities;
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    Base::NullProgressSink sink;
    if (!Bundle::scoreCsv(scorer, file.fileName(), out, options, Base::Progress(sink)).ok())
        return {};
    QList<QStringList> rows;
    const QList<QByteArray> lines = out.data().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!lines.at(i).isEmpty())
            rows << QString::fromUtf8(lines.at(i)).split(QLatin1Char(','));
    }
    return rows;
}

/// A JSON value as predict writes the same cell: numbers in their shortest exact
/// form (equal text is equal bits), labels as they are.
QString cell(const QJsonValue &value)
{
    if (value.isDouble())
        return Runs::CsvText::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return Runs::CsvText::field(value.toString());
}

/// The predictions of an answer as rows of cells, in Scorer::outputColumns' order.
QList<QStringList> answeredRows(const QByteArray &json, const QStringList &columns)
{
    QList<QStringList> rows;
    const QJsonArray predictions
        = QJsonDocument::fromJson(json).object().value(QStringLiteral("predictions")).toArray();
    for (const QJsonValue &prediction : predictions) {
        if (!prediction.isObject()) {
            rows << QStringList {cell(prediction)};
            continue;
        }
        QStringList cells;
        for (const QString &column : columns)
            cells << cell(prediction.toObject().value(column));
        rows << cells;
    }
    return rows;
}

/// The first `count` rows of the test table as JSON values per input column
/// (numbers, booleans, categories as text, missing cells as null).
QList<QJsonArray> tableValues(int count)
{
    const auto data = table(count);
    QList<QJsonArray> rows;
    for (qint64 row = 0; row < data->rowCount(); ++row) {
        QJsonArray values;
        for (const QString &name : inputs) {
            const Data::Column &column = data->column(data->indexOf(name));
            if (column.isMissing(row))
                values.append(QJsonValue::Null);
            else if (column.type() == Data::ColumnType::Categorical)
                values.append(column.toString(row));
            else if (column.type() == Data::ColumnType::Boolean)
                values.append(column.toDouble(row) != 0.0);
            else
                values.append(column.toDouble(row));
        }
        rows << values;
    }
    return rows;
}

QJsonArray recordsOf(const QList<QJsonArray> &rows)
{
    QJsonArray records;
    for (const QJsonArray &values : rows) {
        QJsonObject record;
        for (qsizetype c = 0; c < inputs.size(); ++c) {
            if (!values.at(c).isNull()) // a missing cell left out of its record
                record.insert(inputs.at(c), values.at(c));
        }
        records.append(record);
    }
    return records;
}

QJsonArray listsOf(const QList<QJsonArray> &rows)
{
    QJsonArray lists;
    for (const QJsonArray &values : rows)
        lists.append(values);
    return lists;
}

Bundle::ScoringRequest jsonRequest(const QJsonObject &body, const QString &query = {})
{
    return {"application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), QUrlQuery(query)};
}

Bundle::ScoringRequest csvRequest(const QByteArray &body, const QString &query = {})
{
    return {"text/csv", body, QUrlQuery(query)};
}

constexpr int rowCount = 40;

} // namespace

Q_DECLARE_METATYPE(Tandem::Bundle::ScoringRequest)
Q_DECLARE_METATYPE(Tandem::Bundle::RequestRefusal)

class TestScoringRequest : public QObject
{
    Q_OBJECT
private:
    std::shared_ptr<const Bundle::Bundle> m_classifier;

private Q_SLOTS:
    void initTestCase()
    {
        m_classifier = sharedBundle(specFor(QStringLiteral("logreg")));
        QVERIFY(m_classifier);
    }

    void everyShapeScoresAsPredictDoes_data()
    {
        QTest::addColumn<Bundle::ScoringRequest>("request");
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("probabilities");

        const QList<QJsonArray> rows = tableValues(rowCount);
        // Columns in another order than the schema's, and one the model does not read.
        QJsonArray reordered;
        for (const QJsonArray &values : rows)
            reordered.append(
                QJsonArray {values.at(3), QStringLiteral("ignored"), values.at(0), values.at(2), values.at(1)});
        const QJsonArray reorderedColumns {QStringLiteral("color"), QStringLiteral("label"), QStringLiteral("x"),
            QStringLiteral("flag"), QStringLiteral("n")};
        QJsonArray index;
        for (int i = 0; i < rowCount; ++i)
            index.append(i);
        QJsonObject columns;
        for (qsizetype c = 0; c < inputs.size(); ++c) {
            QJsonArray values;
            for (const QJsonArray &row : rows)
                values.append(row.at(c));
            columns.insert(inputs.at(c), values);
        }
        const auto split = [&](bool withColumns, bool withIndex) {
            QJsonObject object {{QStringLiteral("data"), withColumns ? reordered : listsOf(rows)}};
            if (withColumns)
                object.insert(QStringLiteral("columns"), reorderedColumns);
            if (withIndex)
                object.insert(QStringLiteral("index"), index);
            return QJsonObject {{QStringLiteral("dataframe_split"), object}};
        };
        const QJsonObject proba {{QStringLiteral("proba"), true}};

        QTest::newRow("dataframe_split") << jsonRequest(split(true, false)) << "dataframe_split" << false;
        QTest::newRow("dataframe_split, index, ?proba=1")
            << jsonRequest(split(true, true), QStringLiteral("proba=1")) << "dataframe_split" << true;
        QTest::newRow("dataframe_split without columns")
            << jsonRequest(split(false, false)) << "dataframe_split" << false;
        QTest::newRow("dataframe_records")
            << jsonRequest({{QStringLiteral("dataframe_records"), recordsOf(rows)}}) << "dataframe_records" << false;
        QTest::newRow("dataframe_records, params proba")
            << jsonRequest({{QStringLiteral("dataframe_records"), recordsOf(rows)}, {QStringLiteral("params"), proba}})
            << "dataframe_records" << true;
        QTest::newRow("instances of records")
            << jsonRequest({{QStringLiteral("instances"), recordsOf(rows)}}) << "instances" << false;
        QTest::newRow("instances of lists, ?proba") << jsonRequest({{QStringLiteral("instances"), listsOf(rows)}},
            QStringLiteral("proba")) << "instances" << true;
        QTest::newRow("inputs of columns") << jsonRequest({{QStringLiteral("inputs"), columns}}) << "inputs" << false;
        QTest::newRow("inputs of records")
            << jsonRequest({{QStringLiteral("inputs"), recordsOf(rows)}}, QStringLiteral("proba=true")) << "inputs"
            << true;
        QTest::newRow("csv") << csvRequest(tableCsv(rowCount)) << "csv" << false;
        QTest::newRow("csv, ?proba=1, charset") << Bundle::ScoringRequest {"Text/CSV; charset=utf-8",
            tableCsv(rowCount), QUrlQuery(QStringLiteral("proba=1"))}
                                                << "csv" << true;
        QTest::newRow("json with charset") << Bundle::ScoringRequest {"application/json; charset=UTF-8",
            QJsonDocument(QJsonObject {{QStringLiteral("dataframe_records"), recordsOf(rows)}}).toJson(), QUrlQuery()}
                                           << "dataframe_records" << false;
    }

    void everyShapeScoresAsPredictDoes()
    {
        QFETCH(Bundle::ScoringRequest, request);
        QFETCH(QString, format);
        QFETCH(bool, probabilities);
        const Bundle::Scorer scorer(m_classifier);
        const Bundle::ScoringAnswer answer = Bundle::answerScoringRequest(scorer, request);
        QVERIFY2(!answer.refusal, answer.json.constData());
        QCOMPARE(answer.format, format);
        QCOMPARE(answer.rows, qint64(rowCount));
        const QList<QStringList> expected = predictedRows(scorer, tableCsv(rowCount), probabilities);
        QCOMPARE(expected.size(), rowCount);
        QCOMPARE(answeredRows(answer.json, scorer.outputColumns(probabilities)), expected);
        // Labels are strings (the target is categorical); probabilities come as objects.
        const QJsonValue first
            = QJsonDocument::fromJson(answer.json).object().value(QStringLiteral("predictions")).toArray().first();
        QCOMPARE(first.isObject(), probabilities);
        QVERIFY((probabilities ? first.toObject().value(QStringLiteral("prediction")) : first).isString());
        if (probabilities)
            QCOMPARE(first.toObject().keys(),
                (QStringList {QStringLiteral("prediction"), QStringLiteral("proba_a"), QStringLiteral("proba_b"),
                    QStringLiteral("proba_c")}));
    }

    void regressionAnswersValues()
    {
        const auto bundle = sharedBundle(specFor(QStringLiteral("ridge")));
        QVERIFY(bundle);
        const Bundle::Scorer scorer(bundle);
        const Bundle::ScoringAnswer answer = Bundle::answerScoringRequest(
            scorer, jsonRequest({{QStringLiteral("instances"), listsOf(tableValues(rowCount))}}));
        QVERIFY2(!answer.refusal, answer.json.constData());
        const QJsonArray predictions
            = QJsonDocument::fromJson(answer.json).object().value(QStringLiteral("predictions")).toArray();
        QCOMPARE(predictions.size(), rowCount);
        QVERIFY(predictions.first().isDouble());
        QCOMPARE(
            answeredRows(answer.json, scorer.outputColumns(false)), predictedRows(scorer, tableCsv(rowCount), false));

        const Bundle::ScoringAnswer proba
            = Bundle::answerScoringRequest(scorer, csvRequest(tableCsv(3), QStringLiteral("proba=1")));
        QCOMPARE(proba.refusal, Bundle::RequestRefusal::BadRequest);
        QCOMPARE(QJsonDocument::fromJson(proba.json).object().value(QStringLiteral("message")).toString(),
            QStringLiteral("proba needs a classification model; this bundle's model (ridge) is a regression model"));
    }

    void labelsTakeTheTargetsType()
    {
        // A boolean target: its classes answer as JSON booleans.
        Runs::RunSpec spec = specFor(QStringLiteral("logreg"));
        spec.target = QStringLiteral("flag");
        spec.features = {QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("color")};
        const auto bundle = sharedBundle(spec);
        QVERIFY(bundle);
        const Bundle::Scorer scorer(bundle);
        const Bundle::ScoringAnswer answer = Bundle::answerScoringRequest(scorer, csvRequest(tableCsv(rowCount)));
        QVERIFY2(!answer.refusal, answer.json.constData());
        const QJsonArray predictions
            = QJsonDocument::fromJson(answer.json).object().value(QStringLiteral("predictions")).toArray();
        QCOMPARE(predictions.size(), rowCount);
        for (const QJsonValue &prediction : predictions)
            QVERIFY(prediction.isBool());
        QCOMPARE(
            answeredRows(answer.json, scorer.outputColumns(false)), predictedRows(scorer, tableCsv(rowCount), false));
    }

    void noRowsAnswerNoPredictions()
    {
        const Bundle::Scorer scorer(m_classifier);
        for (const QString &key : {QStringLiteral("dataframe_records"), QStringLiteral("instances")}) {
            const Bundle::ScoringAnswer answer
                = Bundle::answerScoringRequest(scorer, jsonRequest({{key, QJsonArray()}}));
            QVERIFY2(!answer.refusal, answer.json.constData());
            QCOMPARE(answer.json, QByteArray(R"({"predictions":[]})"));
        }
    }

    void refusalsNameWhatIsWrong_data()
    {
        QTest::addColumn<Bundle::ScoringRequest>("request");
        QTest::addColumn<Bundle::RequestRefusal>("refusal");
        QTest::addColumn<QString>("message");

        const auto bad = Bundle::RequestRefusal::BadRequest;
        const auto raw = [](const QByteArray &body, const QString &query = {}) {
            return Bundle::ScoringRequest {"application/json", body, QUrlQuery(query)};
        };
        const QByteArray good = R"({"x": 1.5, "n": 3, "flag": true, "color": "red"})";
        const QString shapes = QStringLiteral("dataframe_split, dataframe_records, instances, inputs");

        QTest::newRow("empty body") << raw(
            "") << bad << QStringLiteral("the body is empty: send a JSON object with one of the keys ") + shapes;
        QTest::newRow("not JSON") << raw("{\"instances\": [") << bad
                                  << QStringLiteral("the body is not valid JSON: unterminated array (at byte 15)");
        QTest::newRow("an array") << raw("[1, 2]") << bad
                                  << QStringLiteral("the body is not a JSON object with one of the keys ") + shapes;
        QTest::newRow("no shape") << raw(R"({"params": {}})") << bad
                                  << QStringLiteral("the body has none of the keys ") + shapes;
        QTest::newRow("unknown key") << raw(R"({"data": []})") << bad
                                     << QStringLiteral("unknown key \"data\": the body holds one of ") + shapes
                + QStringLiteral(", and optionally params");
        QTest::newRow("two shapes") << raw(R"({"instances": [], "inputs": []})") << bad
                                    << QStringLiteral(
                                           "the body has both \"inputs\" and \"instances\": give one of them");
        QTest::newRow("records not an array") << raw(R"({"dataframe_records": {"x": 1}})") << bad
                                              << QStringLiteral("dataframe_records is not an array of records");
        QTest::newRow("missing column") << raw(R"({"dataframe_records": [{"x": 1, "n": 2, "flag": true}]})") << bad
                                        << QStringLiteral(
                                               "column \"color\" is missing: the model reads x, n, flag, color");
        QTest::newRow("wrong type, record 2")
            << raw(R"({"dataframe_records": [)" + good + R"(, {"x": "abc", "n": 3, "flag": true, "color": "red"}]})")
            << bad << QStringLiteral("record 2, column \"x\": \"abc\" is not a number");
        QTest::newRow("unknown category, record 3")
            << raw(R"({"instances": [[1, 2, true, "red"], [1, 2, false, "blue"], [1, 2, false, "purple"]]})") << bad
            << QStringLiteral("record 3, column \"color\": the category \"purple\" is unknown to the model (it knows "
                              "blue, green, missing, red)");
        QTest::newRow("split row of another length") << raw(
            R"({"dataframe_split": {"columns": ["x", "n", "flag", "color"], "data": [[1, 2, true, "red"], [1, 2]]}})")
                                                     << bad
                                                     << QStringLiteral(
                                                            "record 2 is not an array of 4 values, one per column");
        QTest::newRow("split without data")
            << raw(R"({"dataframe_split": {"columns": ["x"]}})") << bad
            << QStringLiteral("dataframe_split.data is missing or not an array of rows");
        QTest::newRow("split missing column")
            << raw(R"({"dataframe_split": {"columns": ["x", "n", "flag"], "data": [[1, 2, true]]}})") << bad
            << QStringLiteral("column \"color\" is missing: the model reads x, n, flag, color");
        QTest::newRow("split index of another length")
            << raw(R"({"dataframe_split": {"index": [0, 1], "data": [[1, 2, true, "red"]]}})") << bad
            << QStringLiteral("dataframe_split.index is not an array of one entry per row (1 rows)");
        QTest::newRow("split unknown key")
            << raw(R"({"dataframe_split": {"data": [], "dtypes": {}}})") << bad
            << QStringLiteral("dataframe_split has an unknown key \"dtypes\": expected columns, data and index");
        QTest::newRow("instances of single values")
            << raw(R"({"instances": [1, 2]})") << bad
            << QStringLiteral("instances holds single values, but the model reads 4 "
                              "columns: give each row as an object {\"column\": value} "
                              "or as an array of values in the order x, n, flag, color");
        QTest::newRow("inputs columns of two lengths")
            << raw(R"({"inputs": {"x": [1, 2], "n": [1]}})") << bad
            << QStringLiteral("inputs: column \"x\" has 2 values where \"n\" has 1");
        QTest::newRow("unknown query option")
            << raw(R"({"instances": []})", QStringLiteral("prob=1")) << bad
            << QStringLiteral("unknown query parameter \"prob\": the options are proba and allow_unknown_categories");
        QTest::newRow("query option not a flag")
            << raw(R"({"instances": []})", QStringLiteral("proba=maybe")) << bad
            << QStringLiteral("query parameter \"proba\" is \"maybe\": expected true or false (or 1 or 0)");
        QTest::newRow("params option not a flag")
            << raw(R"({"instances": [], "params": {"proba": 2}})") << bad
            << QStringLiteral("params option \"proba\" is 2: expected true or false (or 1 or 0)");
        QTest::newRow("params not an object") << raw(R"({"instances": [], "params": [1]})") << bad
                                              << QStringLiteral("params is not an object of options");
        QTest::newRow("csv missing column")
            << csvRequest("x,n,flag\n1,2,true\n") << bad
            << QStringLiteral(
                   "column \"color\" is missing from the header (line 1): the model reads x, n, flag, color");
        QTest::newRow("csv wrong type, line 3")
            << csvRequest("x,n,flag,color\n1,2,true,red\nabc,2,true,red\n") << bad
            << QStringLiteral("line 3, column \"x\": \"abc\" is not numeric, the type the model reads");
        QTest::newRow("csv unknown category, line 4")
            << csvRequest("x,n,flag,color\n1,2,true,red\n1,2,true,blue\n1,2,true,purple\n") << bad
            << QStringLiteral("line 4, column \"color\": the category \"purple\" is unknown to the model (it knows "
                              "blue, green, missing, red)");
        QTest::newRow("csv ragged row") << csvRequest("x,n,flag,color\n1,2,true,red\n1,2\n") << bad
                                        << QStringLiteral("Line 3 has 2 fields, but the header (line 1) has 4");
        QTest::newRow("csv empty") << csvRequest("") << bad << QStringLiteral("The file is empty");
        // Found by fuzz_scoring_request: a gzip body was inflated whole (a bomb past the body
        // limit) and only its first body-size rows were scored, the rest dropped unanswered.
        QTest::newRow("csv gzip-compressed")
            << csvRequest(TestSupport::gzip(tableCsv(3000), 9)) << bad
            << QStringLiteral("the body is gzip-compressed: send the CSV text uncompressed");
        QTest::newRow("plain text")
            << Bundle::ScoringRequest {"text/plain", good, {}} << Bundle::RequestRefusal::UnsupportedMediaType
            << QStringLiteral("unsupported Content-Type \"text/plain\": send application/json or text/csv");
        QTest::newRow("no content type") << Bundle::ScoringRequest {{}, good, {}}
                                         << Bundle::RequestRefusal::UnsupportedMediaType
                                         << QStringLiteral(
                                                "the request has no Content-Type: send application/json or text/csv");
    }

    void refusalsNameWhatIsWrong()
    {
        QFETCH(Bundle::ScoringRequest, request);
        QFETCH(Bundle::RequestRefusal, refusal);
        QFETCH(QString, message);
        const Bundle::Scorer scorer(m_classifier);
        const Bundle::ScoringAnswer answer = Bundle::answerScoringRequest(scorer, request);
        QVERIFY2(answer.refusal, answer.json.constData());
        QCOMPARE(*answer.refusal, refusal);
        const QJsonObject error = QJsonDocument::fromJson(answer.json).object();
        QCOMPARE(error.value(QStringLiteral("message")).toString(), message);
        QCOMPARE(error.value(QStringLiteral("error")).toString(), message);
        QCOMPARE(error.value(QStringLiteral("error_code")).toString(), Bundle::errorCode(refusal));
        QCOMPARE(error.keys().size(), 3);
    }

    void unknownCategoriesScoreWhenAllowed()
    {
        const Bundle::Scorer scorer(m_classifier);
        const QByteArray body = R"({"instances": [[1, 2, true, "red"], [1, 2, false, "purple"]],
                                    "params": {"allow_unknown_categories": true}})";
        const Bundle::ScoringAnswer answer = Bundle::answerScoringRequest(scorer, {"application/json", body, {}});
        QVERIFY2(!answer.refusal, answer.json.constData());
        QCOMPARE(answer.rows, qint64(2));
        const Bundle::ScoringAnswer csv = Bundle::answerScoringRequest(
            scorer, csvRequest("x,n,flag,color\n1,2,true,purple\n", QStringLiteral("allow_unknown_categories=1")));
        QVERIFY2(!csv.refusal, csv.json.constData());
        // The query says no where params said yes: the query wins.
        const Bundle::ScoringAnswer overruled = Bundle::answerScoringRequest(
            scorer, {"application/json", body, QUrlQuery(QStringLiteral("allow_unknown_categories=0"))});
        QCOMPARE(overruled.refusal, Bundle::RequestRefusal::BadRequest);
    }

    void parsedRequestKeepsCsvLines()
    {
        const auto parsed = Bundle::parseScoringRequest(
            m_classifier->manifest(), csvRequest("x,n,flag,color\n\n1,2,true,red\n3,4,false,blue\n"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
        QCOMPARE(parsed.value().format, Bundle::RequestFormat::Csv);
        QCOMPARE(parsed.value().data->rowCount(), qint64(2));
        QCOMPARE(parsed.value().lines, (std::vector<qint64> {3, 4}));
        QCOMPARE(parsed.value().data->columnNames(), inputs);
    }
};

QTEST_GUILESS_MAIN(TestScoringRequest)
#include "tst_scoringrequest.moc"
