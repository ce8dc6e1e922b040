// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Column.h"

#include <QHash>
#include <QStringList>

namespace Tandem::Data {

/// How CsvReader reads a delimited text file. The defaults sniff and detect
/// everything and refuse anything that would load wrong without saying so.
struct CsvOptions {
    enum class Header : quint8 { Auto, Present, Absent };
    enum class Encoding : quint8 {
        Auto, ///< BOM if any (UTF-8, UTF-16LE/BE), else UTF-8, else see InvalidUtf8
        Utf8, ///< UTF-8 (a BOM is skipped); invalid bytes are an error
        Utf16LE,
        Utf16BE,
        Windows1252, ///< every byte decoded as Windows-1252 (a superset of Latin-1's printable range)
    };
    /// What Encoding::Auto does with bytes that are not valid UTF-8.
    enum class InvalidUtf8 : quint8 {
        DecodeAsWindows1252, ///< decode the whole file as Windows-1252, with a warning naming the first bad byte
        Refuse, ///< fail, naming the byte offset and line of the first bad byte
    };
    enum class RaggedRows : quint8 {
        Refuse, ///< a row with more or fewer fields than the header is an error naming its line
        Skip, ///< leave such rows out, one warning each
    };
    /// What to do with a number whose magnitude exceeds the largest double (1e400).
    enum class OutOfRange : quint8 {
        MarkMissing, ///< the cell becomes missing, with a warning naming line and column
        Refuse, ///< fail at the first such cell of a column that is numeric
    };

    /// ',', ';', '\t', '|' or any other single byte; 0 sniffs among , ; tab |,
    /// then runs of whitespace (see whitespaceDelimiter) when none of those gives
    /// a consistent field count above one.
    char delimiter = 0;
    /// Fields are separated by runs of spaces and tabs, and those at the start
    /// and end of a line are ignored, as pandas' sep=r"\s+" (delim_whitespace):
    /// scikit-learn's linnerud_*.csv, diabetes_data_raw.csv. Quotes still group.
    /// Overrides `delimiter`.
    bool whitespaceDelimiter = false;
    /// Physical lines skipped before anything is read (the header or first row
    /// comes after them); messages keep the file's line numbers. For files that
    /// start with a title or a count line, such as scikit-learn's
    /// "506,13,,,..." above the real header of boston_house_prices.csv.
    qint64 skipLines = 0;
    char quote = '"';
    Header header = Header::Auto;
    Encoding encoding = Encoding::Auto;
    InvalidUtf8 invalidUtf8 = InvalidUtf8::DecodeAsWindows1252;
    /// Cells equal to one of these (after trimming spaces and tabs) are missing.
    QStringList naTokens = defaultNaTokens();
    /// Numbers use ',' as the decimal separator ("3,14"); no thousands separators.
    bool decimalComma = false;
    RaggedRows raggedRows = RaggedRows::Refuse;
    OutOfRange outOfRange = OutOfRange::MarkMissing;
    /// A text column becomes categorical when its distinct values number at most
    /// max(categoricalMinimum, categoricalFraction * rows).
    qint64 categoricalMinimum = 32;
    double categoricalFraction = 0.05;
    /// Stop after this many data rows (previews); -1 reads everything.
    qint64 maxRows = -1;
    /// Warnings kept in the LoadReport (the first ones in file order: by line,
    /// then column); the rest are only counted.
    qsizetype maxWarnings = 1000;
    /// Forced types by column name (the name the Dataset gives the column: blank
    /// and repeated names already made unique, "column_N" without a header). A
    /// name that is not in the file is an error. Categorical and Text always work
    /// (categorical with no limit on the number of categories). Numeric, Integer,
    /// Boolean and DateTime parse each cell as that type; a cell that does not
    /// parse becomes missing, with a ForcedTypeMismatch warning naming its line
    /// and column, so that one bad cell does not cost the whole import (the
    /// warnings say where to look).
    QHash<QString, ColumnType> columnTypes;
    /// Threads that parse at once: 0 means QThread::idealThreadCount(). The
    /// caller's thread is one of them. The Dataset, the report and every
    /// message are the same for any thread count.
    int threads = 0;
    /// Bytes per parse chunk; 0 chooses from the file size and thread count.
    /// For tests: tiny chunks put chunk boundaries inside quoted fields, blank
    /// runs and multi-line records. Chunks only change the speed, never the result.
    qint64 chunkBytes = 0;

    /// "", "NA", "N/A", "NaN", "nan", "null", "NULL", "?"
    static QStringList defaultNaTokens()
    {
        return {QString(), QStringLiteral("NA"), QStringLiteral("N/A"), QStringLiteral("NaN"), QStringLiteral("nan"),
            QStringLiteral("null"), QStringLiteral("NULL"), QStringLiteral("?")};
    }
};

} // namespace Tandem::Data
