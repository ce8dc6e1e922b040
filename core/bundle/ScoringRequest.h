// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/bundle/Scorer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <memory>
#include <optional>
#include <vector>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Bundle {

/// A request to score rows, as a server received it (`POST /invocations`),
/// before anything was checked. Nothing here depends on how it arrived.
struct ScoringRequest {
    /// The Content-Type header as sent ("application/json; charset=utf-8").
    QByteArray contentType;
    QByteArray body;
    /// The query of the request's URL ("proba=1").
    QUrlQuery query;
};

/// The body shapes a request may take: those of MLflow's scoring server, and CSV.
enum class RequestFormat : quint8 {
    DataframeSplit, ///< {"dataframe_split": {"columns": [...], "data": [[...], ...], "index": [...]}}
    DataframeRecords, ///< {"dataframe_records": [{"col": value, ...}, ...]}
    Instances, ///< {"instances": [...]}: records, or rows of values in the schema's order
    Inputs, ///< {"inputs": ...}: as instances, or {"col": [values], ...} (columns)
    Csv, ///< text/csv: a header naming the columns, then rows
};

/// "dataframe_split", ..., "csv".
QString requestFormatName(RequestFormat format);

/// What a request asked, checked against the model's schema, ready to score.
struct ParsedScoringRequest {
    RequestFormat format = RequestFormat::DataframeRecords;
    /// The rows, with the schema's columns typed as the model reads them.
    std::shared_ptr<const Data::Dataset> data;
    /// CSV: the line each row starts on, for messages; empty for JSON (records are counted).
    std::vector<qint64> lines;
    ScoreOptions options;
};

/// Why a request was refused, in a server's terms.
enum class RequestRefusal : quint8 {
    BadRequest, ///< the body, its shape, an option or a value is wrong (HTTP 400)
    UnsupportedMediaType, ///< neither JSON nor CSV (HTTP 415)
};

/// Nothing when `contentType` is JSON or CSV (parameters after ';' ignored);
/// otherwise why it is refused.
std::optional<QString> unsupportedMediaType(const QByteArray &contentType);

/// Reads a scoring request for a model with `manifest` (its schema, task and classes).
///
/// Content types: `application/json` (UTF-8) and `text/csv` (see unsupportedMediaType).
///
/// JSON: an object with exactly one of the keys of RequestFormat, and optionally
/// "params" (an object of options, below); any other key is refused.
///  - `dataframe_split`: "columns" (names; left out, the values are in the
///    schema's order) and "data" (rows, each an array of one value per column);
///    "index", when given, must have one entry per row and is not used.
///  - `dataframe_records`: an array of objects, one per row.
///  - `instances`: an array of objects (records), of arrays (rows in the schema's
///    order) or, for a one-column schema, of values (one per row).
///  - `inputs`: as instances, or an object of columns, each an array of values of
///    the same length.
/// Values are read as datasetFromRecords says (numbers, ISO dates, categories as
/// text, null as missing). CSV: a header naming at least the schema's columns,
/// read as `tandem-cli predict` reads a file (delimiter sniffed, types forced from
/// the schema), but not gzip-compressed: a compressed body is refused, as it would
/// inflate far past the size a server accepts.
///
/// Options, from the URL query or the JSON "params" (both may be used; a JSON
/// boolean, or 1/0/true/false as text): `proba` (the probability of every class;
/// classification only) and `allow_unknown_categories` (ScoreOptions). Unknown
/// options are refused, so that a misspelt one does not go unnoticed.
///
/// Errors name what is wrong: the key, the column, the record (1-based) or line,
/// the value. The schema itself (types, unknown categories) is checked by
/// Scorer::score, which answerScoringRequest calls.
Base::Result<ParsedScoringRequest> parseScoringRequest(const BundleManifest &manifest, const ScoringRequest &request);

/// MLflow's response body for scored rows: {"predictions": [...]}, one entry per
/// row in order. Without probabilities an entry is the prediction: the class label
/// (a number when the target was numeric, true/false when boolean, else a string)
/// or the regressed value. With probabilities it is an object with the columns of
/// Scorer::outputColumns: {"prediction": label, "proba_<class>": p, ...}. Numbers
/// are written so that they read back to the same double; NaN is null.
QJsonObject predictionsJson(const BundleManifest &manifest, const Scores &scores, bool probabilities);

/// What a server sends back for a scoring request.
struct ScoringAnswer {
    /// Empty when the request was scored; otherwise why not.
    std::optional<RequestRefusal> refusal;
    /// The response body: predictionsJson, or errorJson.
    QByteArray json;
    /// The request's shape and the rows scored (for the server's log).
    QString format;
    qint64 rows = 0;
};

/// Parses, checks and scores `request` with `scorer`: the whole of a server's
/// `/invocations`, without the HTTP.
ScoringAnswer answerScoringRequest(const Scorer &scorer, const ScoringRequest &request);

/// The error body a server sends: {"error_code": code, "message": message,
/// "error": message}. "message" is MLflow's key and "error" the one most HTTP
/// clients show; both hold the same text.
QByteArray errorJson(const QString &errorCode, const QString &message);

/// The error code of a refusal: "BAD_REQUEST", "UNSUPPORTED_MEDIA_TYPE".
QString errorCode(RequestRefusal refusal);

} // namespace Tandem::Bundle
