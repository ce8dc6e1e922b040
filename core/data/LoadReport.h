// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"

#include <QList>
#include <QString>

#include <memory>

namespace Tandem::Data {

class Dataset;

/// One warning or lenient choice a reader made, pointing into the file.
/// Lines are 1-based physical lines of the file (a quoted field spanning three
/// lines counts three); columns are 1-based field (table column) numbers; -1
/// when not applicable.
struct LoadWarning {
    enum class Kind : quint8 {
        Encoding, ///< not valid UTF-8: decoded with a fallback, or bad UTF-16 replaced
        BlankName, ///< a blank column name was replaced by "column_N"
        DuplicateName, ///< a repeated column name got a "_2", "_3", ... suffix
        RaggedRowSkipped, ///< a row with the wrong number of fields was left out (on request)
        BlankLine, ///< an empty line between rows was skipped
        StrayQuote, ///< a quote inside an unquoted field, kept as a literal character
        TextAfterQuote, ///< characters between a closing quote and the delimiter, kept
        OutOfRange, ///< a number beyond the double range (1e400): the cell is missing
        Underflow, ///< a non-zero number below the smallest subnormal: stored as 0
        IntegerOverflow, ///< an integer beyond 64 bits: the column became numeric (double)
        TypeFallback, ///< a column typed for many rows gave way to text at this cell
        NotANumber, ///< a NaN spelling that is not an NA token: the cell is missing
        ForcedTypeMismatch, ///< a cell that does not parse as its column's forced type: the cell is missing
        HeaderLooksLikeData, ///< the first line reads as a count line, or a header of numbers: perhaps skip it
    };
    Kind kind = Kind::Encoding;
    qint64 line = -1;
    qint64 column = -1;
    QString message;

    /// "line 12, column 3: message", leaving out what is unknown.
    QString toString() const;
};

/// What a reader decided for one column and why.
struct ColumnReport {
    QString name;
    ColumnType type = ColumnType::Numeric;
    qint64 missing = 0;
    /// For a column that read as a narrower type (boolean, integer, numeric,
    /// datetime) until some cell did not fit: that first cell's line and text, and
    /// the narrower type it replaced. -1 / empty otherwise.
    qint64 typeChangeLine = -1;
    QString typeChangeValue;
    QString typeChangedFrom;
    /// Categorical columns: the number of categories; text columns: distinct values
    /// counted before the categorical limit was passed (a lower bound).
    qint64 distinct = 0;
};

/// Everything a reader did to turn a file into a Dataset, for the import dialog,
/// `tandem-cli profile --json` and the run record.
struct LoadReport {
    QString file;
    qint64 rows = 0;
    qint64 columns = 0;
    qint64 bytes = 0; ///< size of the file on disk
    QString encoding; ///< "UTF-8", "UTF-8 (BOM)", "UTF-16LE (BOM)", "Windows-1252 (fallback)", ...
    bool gzip = false;
    char delimiter = ',';
    /// Fields were separated by runs of spaces and tabs (`delimiter` is then ' ').
    bool whitespaceDelimiter = false;
    bool delimiterSniffed = false; ///< false when the caller chose it
    bool hasHeader = true;
    bool headerDetected = false; ///< true when the header question was answered by detection
    qint64 skippedRows = 0; ///< ragged rows left out on request
    QList<ColumnReport> columnReports;
    /// Sorted by line then column. At most CsvOptions::maxWarnings are kept.
    QList<LoadWarning> warnings;
    qint64 droppedWarnings = 0; ///< warnings beyond the cap, counted but not kept

    /// The delimiter for people: "whitespace", "tab", "space", else the character itself.
    QString delimiterName() const;

    qsizetype warningCount(LoadWarning::Kind kind) const;
    const LoadWarning *firstWarning(LoadWarning::Kind kind) const;
};

/// A reader's result: the shared immutable Dataset and how it was read.
struct LoadedDataset {
    std::shared_ptr<const Dataset> dataset;
    LoadReport report;
};

} // namespace Tandem::Data
