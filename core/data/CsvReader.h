// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/CsvOptions.h"
#include "core/data/Dataset.h"
#include "core/data/LoadReport.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <memory>
#include <vector>

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

/// One batch of rows from a CsvStream.
struct CsvBatch {
    /// The batch's rows as a Dataset of their own (no rows once the file is done).
    std::shared_ptr<const Dataset> dataset;
    /// The physical line each row starts on (1-based, as in every message).
    std::vector<qint64> lines;
    /// What the reader warned about in these rows (the first batch also carries
    /// the header's and the decoding's warnings), sorted by line then column.
    QList<LoadWarning> warnings;
    /// The index of the batch's first row among all the rows of the file.
    qint64 firstRow = 0;
};

/// Reads a delimited file a batch of rows at a time, so that a file of any size
/// can be scored in bounded memory: each batch is parsed by CsvReader's own
/// parser (the same tokenizer, cell parsing, NA tokens, forced types, messages)
/// from where the previous one stopped, and only the stretch of the file it spans
/// is mapped. Nothing of an earlier batch is kept.
///
/// The head of the file (skipped lines, delimiter, header, column names) is read
/// by open() exactly as CsvReader reads it. Types are inferred over each batch on
/// its own, so a column may read as integer in one batch and numeric in the next:
/// force the types that matter with CsvOptions::columnTypes (a cell that does not
/// parse as its forced type is missing, with a ForcedTypeMismatch warning naming
/// its line and column). CsvOptions::maxRows, threads and chunkBytes do not apply.
///
/// Memory: a UTF-8 file (the usual case) is read in windows. Gzip-compressed and
/// UTF-16 or Windows-1252 files are first inflated or converted whole into memory,
/// as CsvReader does; batches still bound the parsed values.
class CsvStream
{
public:
    static Base::Result<std::unique_ptr<CsvStream>> open(const QString &path, const CsvOptions &options = {});
    /// The same over bytes in memory; `name` stands in for the file name in messages.
    static Base::Result<std::unique_ptr<CsvStream>> fromBytes(
        QByteArray bytes, const QString &name, const CsvOptions &options = {});
    ~CsvStream();
    CsvStream(const CsvStream &) = delete;
    CsvStream &operator=(const CsvStream &) = delete;

    /// The columns' names, as CsvReader names them (blank and repeated names made unique).
    const QStringList &columnNames() const;
    /// How the file is read: file, bytes, encoding, gzip, delimiter, header. Its
    /// rows, column reports and warnings are those of the last batch.
    const LoadReport &report() const;

    /// Forces column types by name before the first batch, replacing
    /// CsvOptions::columnTypes (for a caller that learns the columns from the
    /// header first); a name that is not a column is an error.
    Base::Status setColumnTypes(const QHash<QString, ColumnType> &types);

    /// The next at most `maxRows` rows (at least one is asked for). Errors name the
    /// file and line as CsvReader's do; after an error the stream cannot go on.
    Base::Result<CsvBatch> next(qint64 maxRows);
    /// True once every row has been returned.
    bool atEnd() const;
    /// How far the batches have got into the (decoded) text, 0 to 1, for progress.
    double fractionRead() const;
    /// The line of the header (or of the first row when there is none).
    qint64 headerLine() const;

    /// Rows returned so far, batches returned, and the most rows any batch held:
    /// what a caller (or a test) checks to know memory stayed bounded.
    qint64 rowsRead() const;
    qint64 batchesRead() const;
    qint64 largestBatchRows() const;

private:
    struct State;
    explicit CsvStream(std::unique_ptr<State> state);
    static Base::Result<std::unique_ptr<CsvStream>> start(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace Tandem::Data
