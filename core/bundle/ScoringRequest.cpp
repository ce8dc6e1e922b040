// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/ScoringRequest.h"

#include "core/bundle/CsvScoring.h"
#include "core/bundle/JsonRows.h"
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/data/ReaderInput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>

#include <cmath>
#include <optional>

namespace Tandem::Bundle {
namespace {

/// The name rows are read under; messages leave it out (the request is implied).
const QString requestSource = QStringLiteral("request");

const QString probaOption = QStringLiteral("proba");
const QString unknownCategoriesOption = QStringLiteral("allow_unknown_categories");
const QString paramsKey = QStringLiteral("params");

constexpr RequestFormat jsonFormats[]
    = {RequestFormat::DataframeSplit, RequestFormat::DataframeRecords, RequestFormat::Instances, RequestFormat::Inputs};

QString jsonFormatList()
{
    QStringList names;
    for (const RequestFormat format : jsonFormats)
        names << requestFormatName(format);
    return names.join(QStringLiteral(", "));
}

/// "application/json" of "Application/JSON; charset=utf-8".
QByteArray mediaTypeOf(const QByteArray &contentType)
{
    return contentType.split(';').first().trimmed().toLower();
}

Base::Error badRequest(const QString &message)
{
    return Base::Error(message, requestSource);
}

/// The message of an error about the request: its own text, with the line when
/// it points into a CSV body and does not say it already.
QString describe(const Base::Error &error)
{
    if (error.line >= 0 && !error.message.contains(QStringLiteral("line ")))
        return QStringLiteral("line %1: %2").arg(error.line).arg(error.message);
    return error.message;
}

/// "1", "true", "yes" (or nothing: "?proba") and "0", "false", "no", any case.
std::optional<bool> flagFromText(const QString &text)
{
    const QString value = text.trimmed().toLower();
    if (value.isEmpty() || value == QLatin1String("1") || value == QLatin1String("true")
        || value == QLatin1String("yes"))
        return true;
    if (value == QLatin1String("0") || value == QLatin1String("false") || value == QLatin1String("no"))
        return false;
    return std::nullopt;
}

/// A JSON value as a message shows it: "yes" quoted, numbers and literals as written.
QString jsonText(const QJsonValue &value)
{
    if (value.isString())
        return QLatin1Char('"') + value.toString().left(60) + QLatin1Char('"');
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    if (value.isNull())
        return QStringLiteral("null");
    return value.isArray() ? QStringLiteral("an array") : QStringLiteral("an object");
}

std::optional<bool> flagFromJson(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble() && (value.toDouble() == 0.0 || value.toDouble() == 1.0))
        return value.toDouble() == 1.0;
    if (value.isString() && !value.toString().trimmed().isEmpty())
        return flagFromText(value.toString());
    return std::nullopt;
}

/// Sets the option `name` (from `where`: "query parameter", "params") to `flag`.
Base::Status setOption(
    ScoreOptions &options, const QString &name, std::optional<bool> flag, const QString &given, const QString &where)
{
    if (name != probaOption && name != unknownCategoriesOption)
        return badRequest(QStringLiteral("unknown %1 \"%2\": the options are %3 and %4")
                              .arg(where, name, probaOption, unknownCategoriesOption));
    if (!flag)
        return badRequest(
            QStringLiteral("%1 \"%2\" is %3: expected true or false (or 1 or 0)").arg(where, name, given));
    (name == probaOption ? options.probabilities : options.allowUnknownCategories) = *flag;
    return {};
}

QStringList schemaColumns(const InputSchema &schema)
{
    QStringList names;
    for (const InputColumn &column : schema.columns())
        names << column.name;
    return names;
}

using DatasetResult = Base::Result<std::shared_ptr<const Data::Dataset>>;

DatasetResult fromSplit(const InputSchema &schema, const QJsonValue &value)
{
    const QString key = requestFormatName(RequestFormat::DataframeSplit);
    if (!value.isObject())
        return badRequest(QStringLiteral("%1 is not an object with \"columns\" and \"data\"").arg(key));
    const QJsonObject split = value.toObject();
    for (auto it = split.constBegin(); it != split.constEnd(); ++it) {
        if (it.key() != QLatin1String("columns") && it.key() != QLatin1String("data")
            && it.key() != QLatin1String("index"))
            return badRequest(
                QStringLiteral("%1 has an unknown key \"%2\": expected columns, data and index").arg(key, it.key()));
    }
    const QJsonValue data = split.value(QStringLiteral("data"));
    if (!data.isArray())
        return badRequest(QStringLiteral("%1.data is missing or not an array of rows").arg(key));
    QStringList columns;
    if (split.contains(QStringLiteral("columns"))) {
        const QJsonValue given = split.value(QStringLiteral("columns"));
        if (!given.isArray())
            return badRequest(QStringLiteral("%1.columns is not an array of column names").arg(key));
        const QJsonArray names = given.toArray();
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (!names.at(i).isString())
                return badRequest(QStringLiteral("%1.columns[%2] is not a column name (a string)").arg(key).arg(i));
            columns << names.at(i).toString();
        }
    } else {
        columns = schemaColumns(schema);
    }
    if (split.contains(QStringLiteral("index"))) {
        const QJsonValue index = split.value(QStringLiteral("index"));
        if (!index.isArray() || index.toArray().size() != data.toArray().size())
            return badRequest(QStringLiteral("%1.index is not an array of one entry per row (%2 rows)")
                                  .arg(key)
                                  .arg(data.toArray().size()));
    }
    return datasetFromColumns(schema, columns, data.toArray(), requestSource);
}

/// `key`'s array of rows: records (objects), rows of values in the schema's
/// order (arrays), or single values for a one-column schema.
DatasetResult fromRowList(const InputSchema &schema, const QString &key, const QJsonArray &rows)
{
    if (rows.isEmpty() || rows.first().isObject())
        return datasetFromRecords(schema, rows, requestSource);
    const QStringList columns = schemaColumns(schema);
    if (rows.first().isArray())
        return datasetFromColumns(schema, columns, rows, requestSource);
    if (columns.size() != 1)
        return badRequest(QStringLiteral("%1 holds single values, but the model reads %2 columns: give each row as an "
                                         "object {\"column\": value} or as an array of values in the order %3")
                              .arg(key)
                              .arg(columns.size())
                              .arg(columns.join(QStringLiteral(", "))));
    QJsonArray wrapped;
    for (const QJsonValue &value : rows)
        wrapped.append(QJsonArray {value});
    return datasetFromColumns(schema, columns, wrapped, requestSource);
}

/// {"column": [values], ...}: every column an array, all of one length.
DatasetResult fromColumnObject(const InputSchema &schema, const QString &key, const QJsonObject &object)
{
    QStringList columns;
    std::vector<QJsonArray> values;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isArray())
            return badRequest(QStringLiteral("%1.%2 is not an array of values, one per row").arg(key, it.key()));
        columns << it.key();
        values.push_back(it.value().toArray());
        if (values.back().size() != values.front().size())
            return badRequest(QStringLiteral("%1: column \"%2\" has %3 values where \"%4\" has %5")
                                  .arg(key, it.key())
                                  .arg(values.back().size())
                                  .arg(columns.first())
                                  .arg(values.front().size()));
    }
    const qsizetype rowCount = values.empty() ? 0 : values.front().size();
    QJsonArray rows;
    for (qsizetype row = 0; row < rowCount; ++row) {
        QJsonArray cells;
        for (const QJsonArray &column : values)
            cells.append(column.at(row));
        rows.append(cells);
    }
    return datasetFromColumns(schema, columns, rows, requestSource);
}

DatasetResult fromJsonShape(const InputSchema &schema, RequestFormat format, const QJsonValue &value)
{
    const QString key = requestFormatName(format);
    switch (format) {
    case RequestFormat::DataframeSplit: return fromSplit(schema, value);
    case RequestFormat::DataframeRecords:
        if (!value.isArray())
            return badRequest(QStringLiteral("%1 is not an array of records").arg(key));
        return datasetFromRecords(schema, value.toArray(), requestSource);
    case RequestFormat::Inputs:
        if (value.isObject())
            return fromColumnObject(schema, key, value.toObject());
        [[fallthrough]];
    case RequestFormat::Instances:
        if (!value.isArray())
            return badRequest(format == RequestFormat::Inputs
                    ? QStringLiteral("%1 is neither an array of rows nor an object of columns").arg(key)
                    : QStringLiteral("%1 is not an array of rows").arg(key));
        return fromRowList(schema, key, value.toArray());
    case RequestFormat::Csv: break;
    }
    return badRequest(QStringLiteral("%1 is not a JSON shape").arg(key));
}

Base::Status parseJson(const InputSchema &schema, const QByteArray &body, ParsedScoringRequest &parsed)
{
    if (body.trimmed().isEmpty())
        return badRequest(
            QStringLiteral("the body is empty: send a JSON object with one of the keys %1").arg(jsonFormatList()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("the body is not valid JSON: %1 (at byte %2)")
                              .arg(parseError.errorString())
                              .arg(parseError.offset));
    if (!document.isObject())
        return badRequest(
            QStringLiteral("the body is not a JSON object with one of the keys %1").arg(jsonFormatList()));
    const QJsonObject object = document.object();
    std::optional<RequestFormat> format;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() == paramsKey)
            continue;
        std::optional<RequestFormat> named;
        for (const RequestFormat candidate : jsonFormats) {
            if (it.key() == requestFormatName(candidate))
                named = candidate;
        }
        if (!named)
            return badRequest(QStringLiteral("unknown key \"%1\": the body holds one of %2, and optionally params")
                                  .arg(it.key(), jsonFormatList()));
        if (format)
            return badRequest(QStringLiteral("the body has both \"%1\" and \"%2\": give one of them")
                                  .arg(requestFormatName(*format), it.key()));
        format = named;
    }
    if (!format)
        return badRequest(QStringLiteral("the body has none of the keys %1").arg(jsonFormatList()));
    parsed.format = *format;

    if (object.contains(paramsKey)) {
        if (!object.value(paramsKey).isObject())
            return badRequest(QStringLiteral("params is not an object of options"));
        const QJsonObject params = object.value(paramsKey).toObject();
        for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
            if (const Base::Status status = setOption(parsed.options, it.key(), flagFromJson(it.value()),
                    jsonText(it.value()), QStringLiteral("params option"));
                !status.ok())
                return status;
        }
    }

    auto data = fromJsonShape(schema, *format, object.value(requestFormatName(*format)));
    if (!data.ok())
        return data.error();
    parsed.data = std::move(data).value();
    return {};
}

Base::Status parseCsv(const InputSchema &schema, const QByteArray &body, ParsedScoringRequest &parsed)
{
    parsed.format = RequestFormat::Csv;
    // predict reads .csv.gz files through, but a server must not: a gzip body
    // inflates to a thousand times its size, past the body limit that bounds the
    // memory a request takes, and its rows outnumber its bytes.
    if (Data::Detail::isGzip(std::string_view(body.constData(), std::size_t(body.size()))))
        return badRequest(QStringLiteral("the body is gzip-compressed: send the CSV text uncompressed"));
    Data::CsvOptions csv;
    csv.header = Data::CsvOptions::Header::Present;
    auto opened = Data::CsvStream::fromBytes(body, requestSource, csv);
    if (!opened.ok())
        return opened.error();
    Data::CsvStream &stream = *opened.value();
    if (const Base::Status status = prepareScoringStream(stream, schema, requestSource); !status.ok())
        return status;
    // One batch: the body is in memory already, and has fewer rows than bytes (it is not compressed).
    auto batch = nextScoringBatch(stream, schema, body.size() + 1, requestSource);
    if (!batch.ok())
        return batch.error();
    parsed.data = batch.value().dataset;
    parsed.lines = std::move(batch.value().lines);
    return {};
}

QJsonValue jsonNumber(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

/// A class label as JSON, of the target's type: 1 for an integer target, true for a boolean one.
QJsonValue labelJson(const QString &label, Data::ColumnType targetType)
{
    if (label.isEmpty())
        return QJsonValue(QJsonValue::Null);
    switch (targetType) {
    case Data::ColumnType::Integer:
    case Data::ColumnType::Numeric: {
        bool ok = false;
        const double value = label.toDouble(&ok);
        if (ok)
            return jsonNumber(value);
        break;
    }
    case Data::ColumnType::Boolean:
        if (const auto flag = flagFromText(label); flag && !label.isEmpty())
            return *flag;
        break;
    default: break;
    }
    return label;
}

} // namespace

std::optional<QString> unsupportedMediaType(const QByteArray &contentType)
{
    const QByteArray mediaType = mediaTypeOf(contentType);
    if (mediaType == "application/json" || mediaType == "text/csv")
        return std::nullopt;
    if (mediaType.isEmpty())
        return QStringLiteral("the request has no Content-Type: send application/json or text/csv");
    return QStringLiteral("unsupported Content-Type \"%1\": send application/json or text/csv")
        .arg(QString::fromLatin1(mediaType));
}

QString requestFormatName(RequestFormat format)
{
    switch (format) {
    case RequestFormat::DataframeSplit: return QStringLiteral("dataframe_split");
    case RequestFormat::DataframeRecords: return QStringLiteral("dataframe_records");
    case RequestFormat::Instances: return QStringLiteral("instances");
    case RequestFormat::Inputs: return QStringLiteral("inputs");
    case RequestFormat::Csv: return QStringLiteral("csv");
    }
    return {};
}

Base::Result<ParsedScoringRequest> parseScoringRequest(const BundleManifest &manifest, const ScoringRequest &request)
{
    ParsedScoringRequest parsed;
    if (const auto refused = unsupportedMediaType(request.contentType))
        return badRequest(*refused);
    const Base::Status status = mediaTypeOf(request.contentType) == "text/csv"
        ? parseCsv(manifest.inputs, request.body, parsed)
        : parseJson(manifest.inputs, request.body, parsed);
    if (!status.ok())
        return status.error();

    // The query's options apply to every shape, after those of a JSON body's params.
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (const Base::Status set = setOption(parsed.options, name, flagFromText(value),
                QLatin1Char('"') + value + QLatin1Char('"'), QStringLiteral("query parameter"));
            !set.ok())
            return set.error();
    }
    if (parsed.options.probabilities && manifest.task != Learn::Task::Classification)
        return badRequest(QStringLiteral("proba needs a classification model; this bundle's model (%1) is a "
                                         "regression model")
                              .arg(manifest.modelId));
    return parsed;
}

QJsonObject predictionsJson(const BundleManifest &manifest, const Scores &scores, bool probabilities)
{
    const bool classify = manifest.task == Learn::Task::Classification;
    const bool withProbabilities = classify && probabilities && scores.probabilities.cols() > 0;
    QStringList probabilityKeys;
    if (withProbabilities) {
        for (const QString &label : manifest.classes)
            probabilityKeys << QStringLiteral("proba_") + label;
    }
    const QString predictionKey = QStringLiteral("prediction");
    QJsonArray predictions;
    for (qint64 row = 0; row < scores.rowCount(); ++row) {
        const QJsonValue prediction = classify ? labelJson(scores.labels.value(row), manifest.targetType)
                                               : jsonNumber(scores.predicted[Eigen::Index(row)]);
        if (!withProbabilities) {
            predictions.append(prediction);
            continue;
        }
        QJsonObject entry {{predictionKey, prediction}};
        for (qsizetype k = 0; k < probabilityKeys.size() && k < scores.probabilities.cols(); ++k)
            entry.insert(probabilityKeys.at(k), jsonNumber(scores.probabilities(Eigen::Index(row), Eigen::Index(k))));
        predictions.append(entry);
    }
    return QJsonObject {{QStringLiteral("predictions"), predictions}};
}

ScoringAnswer answerScoringRequest(const Scorer &scorer, const ScoringRequest &request)
{
    ScoringAnswer answer;
    const auto refuse = [&answer](const Base::Error &error, RequestRefusal refusal) {
        answer.refusal = refusal;
        answer.json = errorJson(errorCode(refusal), describe(error));
        return answer;
    };
    if (const auto refused = unsupportedMediaType(request.contentType))
        return refuse(Base::Error(*refused), RequestRefusal::UnsupportedMediaType);
    auto parsed = parseScoringRequest(scorer.bundle().manifest(), request);
    if (!parsed.ok())
        return refuse(parsed.error(), RequestRefusal::BadRequest);
    answer.format = requestFormatName(parsed.value().format);
    const RowPlaces places {requestSource, parsed.value().lines, 0};
    auto scores = scorer.score(*parsed.value().data, places, parsed.value().options);
    if (!scores.ok())
        return refuse(scores.error(), RequestRefusal::BadRequest);
    answer.rows = scores.value().rowCount();
    answer.json = QJsonDocument(
        predictionsJson(scorer.bundle().manifest(), scores.value(), parsed.value().options.probabilities))
                      .toJson(QJsonDocument::Compact);
    return answer;
}

QByteArray errorJson(const QString &code, const QString &message)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("error_code"), code}, {QStringLiteral("message"), message},
                             {QStringLiteral("error"), message}})
        .toJson(QJsonDocument::Compact);
}

QString errorCode(RequestRefusal refusal)
{
    return refusal == RequestRefusal::UnsupportedMediaType ? QStringLiteral("UNSUPPORTED_MEDIA_TYPE")
                                                           : QStringLiteral("BAD_REQUEST");
}

} // namespace Tandem::Bundle
