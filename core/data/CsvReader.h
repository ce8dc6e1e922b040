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

/// Reads delimited text (CSV, TSV, ...; RFC 4180 quoting) into a Dataset.
///
/// What it accepts and decides, in order:
///  - **Bytes**: gzip is detected by its magic bytes and inflated with zlib
///    (".csv.gz" needs no option). Empty files and files with a NUL byte in the
///    first 64 KiB (binary, or UTF-16 without a BOM) are refused before parsing.
///    A file that is UTF-8 already is read in windows: each parse chunk maps its
///    own stretch and unmaps it when done, so the file's pages do not all stay in
///    the resident set (Detail::TextSource).
///  - **Encoding** (CsvOptions::encoding): a UTF-8 BOM is skipped, UTF-16LE/BE
///    with a BOM is converted to UTF-8; otherwise the whole file is validated as
///    UTF-8, and invalid bytes are decoded as Windows-1252 with a warning naming
///    the first bad byte's offset (0-based, in the decompressed bytes) and line, or
///    refused with the same details (CsvOptions::InvalidUtf8::Refuse).
///  - **Layout**: CsvOptions::skipLines physical lines are skipped first. The
///    delimiter is sniffed among , ; tab | from the first 64 KiB (the one giving
///    the most rows with the same field count > 1), then runs of spaces and tabs
///    when none of those does (pandas' sep=r"\s+"; reported as
///    LoadReport::whitespaceDelimiter), unless set.
///    The header is detected by comparing the first row's cell types with the
///    rest of a sample (a text cell above a typed column votes "header"; a typed
///    cell votes "data"); with no votes, a first row of distinct non-empty text is
///    a header. A first line that reads as a count line (two whole numbers, then
///    names or nothing: scikit-learn's "150,4,setosa,...") or a header of numbers
///    gets a HeaderLooksLikeData warning on its line. LF, CRLF and CR end
///    lines; quoted fields may hold delimiters, doubled quotes and line breaks
///    (normalised to LF inside values). Blank lines
///    are skipped. Rows with a different field count than the first are refused,
///    or skipped with a warning each (CsvOptions::RaggedRows).
///  - **Types**, inferred over every row of the file (see CsvReader.cpp):
///    boolean (true/false/yes/no, any case), integer (fits in int64), numeric
///    (fast_float, correctly rounded, subnormals kept), datetime (ISO 8601, UTC),
///    else categorical when distinct values <= max(32, 5% of rows), else text. A
///    column typed for thousands of rows that meets one non-conforming cell becomes
///    text, with a warning naming that cell's line. Cells matching an NA token
///    (after trimming spaces) are missing. Out-of-range numbers (1e400) are
///    missing with a warning, or refused (CsvOptions::OutOfRange).
///
/// Parsing runs on CsvOptions::threads threads (the caller's and its own, never
/// a shared pool), in chunks; the Dataset, the report and every message are the
/// same for any thread count. CsvOptions::columnTypes forces column types.
///
/// Lines in messages are 1-based physical lines; columns are 1-based field
/// numbers. Progress is reported every quarter megabyte the calling thread parses
/// (and while it waits for the others); stopRequested() is polled
/// as often, and a stop ends the read with an Error whose message is
/// cancelledMessage().
class CsvReader
{
public:
    static Base::Result<LoadedDataset> read(
        const QString &path, const CsvOptions &options, const Base::Progress &progress);
    static Base::Result<LoadedDataset> read(const QString &path, const CsvOptions &options = {});

    /// The same from bytes in memory (previews, fuzzing); `name` stands in for the
    /// file name in messages. The bytes must outlive the call only.
    static Base::Result<LoadedDataset> readBytes(
        QByteArrayView bytes, const QString &name, const CsvOptions &options, const Base::Progress &progress);

    /// The message of the Error returned when the progress sink asked to stop.
    static QString cancelledMessage();
};

} // namespace Tandem::Data
