// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/CsvOptions.h"
#include "core/data/Dataset.h"
#include "core/data/LoadReport.h"

#include <QByteArrayView>
#include <QString>

namespace Tandem::Data {

/// ARFF-only settings. The text settings ARFF shares with delimited text
/// (encoding, invalid UTF-8, out-of-range numbers, maxRows, maxWarnings) come
/// from CsvOptions, so one import dialog serves both formats.
struct ArffOptions {
    /// Name of the column that holds instance weights (`{w}` after a row). The
    /// column is added last, as Numeric, only when at least one row carries a
    /// weight; rows without one weigh 1. If an attribute already has this name,
    /// the weight column gets a "_2" (or "_3", ...) suffix.
    QString weightColumn = QStringLiteral("__weight__");
};

/// Reads Weka's ARFF format (https://waikato.github.io/weka-wiki/formats_and_processing/arff/)
/// into a Dataset, following Weka's own tokenizer so that what Weka reads, this reads.
///
///  - **Bytes and encoding** as for CSV: gzip by magic bytes, UTF-8 with or
///    without BOM, UTF-16 with BOM, Windows-1252 fallback with a warning.
///  - **Header**: `@relation`, `@attribute NAME TYPE`, `@data`, keywords in any
///    letter case; `%` starts a comment anywhere outside quotes. Types: `numeric`
///    and `real` -> Numeric; `integer` -> Integer while every value is an
///    integer that fits in 64 bits, else Numeric; `{a, 'b c', "d"}` (nominal) ->
///    Categorical with the declared categories in the declared order, including
///    ones that never occur; `string` -> Text; `date ["pattern"]` -> DateTime
///    (UTC milliseconds). Relational attributes are refused.
///  - **Date patterns** are Java SimpleDateFormat patterns (default
///    `yyyy-MM-dd'T'HH:mm:ss`): y, M (number or month name), d, H, k, h, K, a,
///    m, s, S, E (day name, checked for form and ignored), Z/X/z (zone offsets;
///    without a zone the time is UTC), quoted literals. `yy` maps to 1950-2049,
///    fixed (Java would slide a window around today, so a file would read
///    differently from year to year). Other letters are refused at the header.
///  - **Data**: one instance per line; values are separated by commas and/or
///    white space, as in Weka; quoted values take `\n \t \r \\ \' \"` escapes
///    and end on their line. `?` (unquoted) is missing. Dense rows hold one value
///    per attribute; sparse rows `{3 X, 7 Y}` list ascending 0-based indices,
///    and every omitted value is 0 in Weka's sense: 0 for numbers, the *first
///    declared category* for nominals, the epoch for dates, "" for strings. An
///    instance weight `{w}` may follow either kind of row (see ArffOptions).
///
/// Errors carry the 1-based physical line. In the data section the error's
/// column is the 1-based attribute (table column) number, as in the CSV reader;
/// in the header, where there is no table column, it is the 1-based character
/// position on the line. Progress is reported and the stop flag polled about
/// every megabyte; a stop returns an Error whose message is cancelledMessage().
class ArffReader
{
public:
    static Base::Result<LoadedDataset> read(
        const QString &path, const CsvOptions &text, const ArffOptions &options, const Base::Progress &progress);
    static Base::Result<LoadedDataset> read(const QString &path);

    /// The same from bytes in memory; `name` stands in for the file name in messages.
    static Base::Result<LoadedDataset> readBytes(QByteArrayView bytes, const QString &name, const CsvOptions &text,
        const ArffOptions &options, const Base::Progress &progress);

    /// The message of the Error returned when the progress sink asked to stop.
    static QString cancelledMessage();
};

} // namespace Tandem::Data
