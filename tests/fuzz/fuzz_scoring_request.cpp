// SPDX-License-Identifier: GPL-3.0-or-later
//
// libFuzzer target for Bundle::answerScoringRequest: the whole of `tandem-cli
// serve`'s POST /invocations without the HTTP, on a body a client sent. The first
// byte picks the request (bits 0-1 the Content-Type: application/json, text/csv,
// "Application/JSON; charset=utf-8" or text/plain; bit 2 the body's first line is
// the URL query; bit 3 the regression model instead of the classifier); the rest
// is the body. Two bundles are fitted once at start-up from the bundle tests'
// table, with a datetime column added, so every kind of input column is read.
//
// The answer is scored, with one prediction per row the body holds (counted here
// from the body, not by the parser), or refused with a JSON error whose message is
// not empty: 415 for a Content-Type other than JSON or CSV, else 400.
#include "core/bundle/Bundle.h"
#include "core/bundle/ScoringRequest.h"
#include "core/data/CsvReader.h"
#include "tests/bundle/BundleTestData.h"
#include "tests/fuzz/FuzzChecks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <cstddef>
#include <cstdint>
#include <optional>

using namespace Tandem;

namespace {

/// The bundle tests' table with a "when" column of dates and date-times (every 7th missing).
QByteArray tableWithDates()
{
    const QList<QByteArray> lines = BundleTest::tableCsv(60).split('\n');
    QByteArray text = lines.first() + ",when\n";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines.at(i).isEmpty())
            continue;
        QByteArray when;
        if (i % 7 != 3)
            when = QStringLiteral("2024-%1-%2T%3:30:00Z")
                       .arg(1 + i % 12, 2, 10, QLatin1Char('0'))
                       .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                       .arg(i % 24, 2, 10, QLatin1Char('0'))
                       .toLatin1();
        text += lines.at(i) + ',' + when + '\n';
    }
    return text;
}

std::shared_ptr<const Bundle::Bundle> fittedBundle(const QString &modelId)
{
    Base::NullProgressSink sink;
    const auto loaded
        = Data::CsvReader::readBytes(tableWithDates(), QStringLiteral("table.csv"), {}, Base::Progress(sink));
    TANDEM_FUZZ_CHECK(loaded.ok());
    Runs::RunSpec spec = BundleTest::specFor(modelId);
    spec.features << QStringLiteral("when");
    auto made = BundleTest::bundleFor(*loaded.value().dataset, spec);
    TANDEM_FUZZ_CHECK(made.ok());
    auto bundle = std::make_shared<const Bundle::Bundle>(std::move(made).value());
    // The schema holds every kind of column the request readers treat.
    bool hasDates = false;
    for (const Bundle::InputColumn &column : bundle->manifest().inputs.columns())
        hasDates = hasDates || column.type == Data::ColumnType::DateTime;
    TANDEM_FUZZ_CHECK(hasDates && bundle->manifest().inputs.columns().size() == 5);
    return bundle;
}

const Bundle::Scorer &scorer(bool regression)
{
    static const Bundle::Scorer classifier(fittedBundle(QStringLiteral("logreg")));
    static const Bundle::Scorer regressor(fittedBundle(QStringLiteral("ridge")));
    return regression ? regressor : classifier;
}

QByteArray contentType(quint8 selector)
{
    switch (selector & 3) {
    case 0: return "application/json";
    case 1: return "text/csv";
    case 2: return "Application/JSON; charset=utf-8";
    default: return "text/plain";
    }
}

/// The rows a JSON body holds, counted from its shape as the server documents it;
/// nothing when it is not one of the shapes.
std::optional<qsizetype> jsonRowCount(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    for (const QString &key : {QStringLiteral("dataframe_records"), QStringLiteral("instances")}) {
        if (object.value(key).isArray())
            return object.value(key).toArray().size();
    }
    const QJsonValue split = object.value(QStringLiteral("dataframe_split"));
    if (split.isObject() && split.toObject().value(QStringLiteral("data")).isArray())
        return split.toObject().value(QStringLiteral("data")).toArray().size();
    const QJsonValue inputs = object.value(QStringLiteral("inputs"));
    if (inputs.isArray())
        return inputs.toArray().size();
    if (inputs.isObject()) {
        const QJsonObject columns = inputs.toObject();
        return columns.isEmpty() ? 0 : columns.begin().value().toArray().size();
    }
    return std::nullopt;
}

/// The rows of a CSV body as the file reader counts them; nothing when it refuses the body.
std::optional<qsizetype> csvRowCount(const QByteArray &body)
{
    Data::CsvOptions options;
    options.header = Data::CsvOptions::Header::Present;
    Base::NullProgressSink sink;
    const auto loaded = Data::CsvReader::readBytes(body, QStringLiteral("request"), options, Base::Progress(sink));
    if (!loaded.ok())
        return std::nullopt;
    return loaded.value().dataset->rowCount();
}

/// A prediction of the model: a label (classification) or a value (regression, NaN as null).
void checkPrediction(const QJsonValue &prediction, const Bundle::BundleManifest &manifest)
{
    if (manifest.task == Learn::Task::Classification)
        TANDEM_FUZZ_CHECK(prediction.isString() && manifest.classes.contains(prediction.toString()));
    else
        TANDEM_FUZZ_CHECK(prediction.isDouble() || prediction.isNull());
}

void checkScored(const Bundle::ScoringAnswer &answer, const Bundle::BundleManifest &manifest, const QByteArray &body,
    bool csvSent, bool probabilities)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(answer.json, &error);
    TANDEM_FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject());
    const QJsonObject object = document.object();
    TANDEM_FUZZ_CHECK(object.size() == 1 && object.value(QStringLiteral("predictions")).isArray());
    const QJsonArray predictions = object.value(QStringLiteral("predictions")).toArray();
    TANDEM_FUZZ_CHECK(answer.rows == predictions.size());

    const bool csv = answer.format == QLatin1String("csv");
    TANDEM_FUZZ_CHECK(csv == csvSent);
    const std::optional<qsizetype> rows = csv ? csvRowCount(body) : jsonRowCount(body);
    TANDEM_FUZZ_CHECK(csv || rows); // JSON that scored has one of the shapes
    TANDEM_FUZZ_CHECK(!rows || *rows == predictions.size());

    for (const QJsonValue &prediction : predictions) {
        if (!probabilities) {
            checkPrediction(prediction, manifest);
            continue;
        }
        TANDEM_FUZZ_CHECK(prediction.isObject());
        const QJsonObject entry = prediction.toObject();
        TANDEM_FUZZ_CHECK(entry.size() == manifest.classes.size() + 1);
        checkPrediction(entry.value(QStringLiteral("prediction")), manifest);
        for (const QString &label : manifest.classes) {
            const QJsonValue p = entry.value(QStringLiteral("proba_") + label);
            TANDEM_FUZZ_CHECK(p.isNull() || (p.isDouble() && p.toDouble() >= 0.0 && p.toDouble() <= 1.0));
        }
    }
}

void checkRefused(const Bundle::ScoringAnswer &answer, bool mediaTypeRefused)
{
    TANDEM_FUZZ_CHECK(*answer.refusal
        == (mediaTypeRefused ? Bundle::RequestRefusal::UnsupportedMediaType : Bundle::RequestRefusal::BadRequest));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(answer.json, &error);
    TANDEM_FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject());
    const QJsonObject object = document.object();
    TANDEM_FUZZ_CHECK(object.value(QStringLiteral("error_code")).toString() == Bundle::errorCode(*answer.refusal));
    const QString message = object.value(QStringLiteral("message")).toString();
    TANDEM_FUZZ_CHECK(!message.trimmed().isEmpty());
    TANDEM_FUZZ_CHECK(object.value(QStringLiteral("error")).toString() == message);
    TANDEM_FUZZ_CHECK(answer.rows == 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const quint8 selector = size > 0 ? data[0] : 0;
    QByteArray body
        = size > 0 ? QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)) : QByteArray();
    Bundle::ScoringRequest request;
    request.contentType = contentType(selector);
    if (selector & 4) {
        const qsizetype end = body.indexOf('\n');
        const QByteArray query = end < 0 ? body : body.left(end);
        body = end < 0 ? QByteArray() : body.mid(end + 1);
        request.query = QUrlQuery(QString::fromUtf8(query));
    }
    request.body = body;
    const Bundle::Scorer &model = scorer((selector & 8) != 0);
    const Bundle::BundleManifest &manifest = model.bundle().manifest();

    const Bundle::ScoringAnswer answer = Bundle::answerScoringRequest(model, request);
    const bool mediaTypeRefused = (selector & 3) == 3;
    const auto parsed = Bundle::parseScoringRequest(manifest, request);
    if (!parsed.ok()) {
        Fuzz::checkError(parsed.error());
        TANDEM_FUZZ_CHECK(answer.refusal);
    }
    if (answer.refusal) {
        checkRefused(answer, mediaTypeRefused);
        return 0;
    }
    TANDEM_FUZZ_CHECK(!mediaTypeRefused && parsed.ok());
    TANDEM_FUZZ_CHECK(answer.format == Bundle::requestFormatName(parsed.value().format));
    checkScored(answer, manifest, request.body, (selector & 3) == 1, parsed.value().options.probabilities);
    return 0;
}
