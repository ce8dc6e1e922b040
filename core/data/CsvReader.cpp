// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/CsvReader.h"

#include "core/data/CellParsing.h"
#include "core/data/TextDecoding.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// How the reader works
// --------------------
// The whole input is held in memory as UTF-8: a memory map of the file when it
// is UTF-8 already, else one decoded (or inflated) buffer. Cells are read as
// std::string_view over that buffer; only text cells are ever copied.
//
// Pass 1 tokenizes every record once and runs type inference per column with
// type promotion. Each column holds a set of still-possible types (boolean,
// integer, numeric, datetime) and stores its values speculatively in the typed
// vector of the current best type, so a numeric column is parsed exactly once.
// Integer -> numeric is a lossless promotion (an int64 converted to double is the
// correctly rounded value of the same decimal). Any other misfit makes the column
// text, its typed values are dropped and the cell's line is kept for the report.
// Pass 2 runs only if some column ended as text: it re-tokenizes the kept
// records (their byte offsets were saved in pass 1) and collects the text
// columns' values, building a dictionary until the categorical limit is passed.
//
// Warnings that depend on a column's final type (out of range, underflow, ...)
// wait in the column until pass 1 ends, so a column that turns into text does
// not report numeric problems.

namespace Tandem::Data {

using Base::Error;
using namespace Detail;

namespace {

constexpr qint64 kStride = qint64(1) << 20; // progress and stop checks, in bytes
constexpr qint64 kProbeBytes = 64 * 1024;
constexpr qint64 kSniffBytes = 64 * 1024;
constexpr int kSniffRecords = 100;
constexpr int kHeaderSampleRecords = 200;
constexpr qsizetype kMaxQuotedValue = 60;

enum TypeBits : quint8 { TBool = 1, TInt = 2, TNum = 4, TDate = 8, TAll = TBool | TInt | TNum | TDate };

enum FieldFlag : quint8 { Quoted = 1, Unescape = 2, AfterQuote = 4, StrayQuote = 8 };

struct Field {
    const char *begin;
    const char *end;
    qint64 line;
    quint8 flags;
};

class Tokenizer
{
public:
    enum class Status : quint8 { Record, Blank, End, Unterminated };

    Tokenizer(const char *begin, const char *end, char delimiter, char quote)
        : m_p(begin), m_end(end), m_delimiter(delimiter), m_quote(quote)
    {
        m_special.fill(false);
        m_special[static_cast<unsigned char>(delimiter)] = true;
        m_special[static_cast<unsigned char>(quote)] = true;
        m_special['\n'] = true;
        m_special['\r'] = true;
    }

    void seek(const char *p) { m_p = p; }
    const char *pos() const { return m_p; }
    qint64 line() const { return m_line; }
    qint64 recordLine() const { return m_recordLine; }
    const char *recordStart() const { return m_recordStart; }
    qint64 openQuoteLine() const { return m_openLine; }

    Status next(std::vector<Field> &fields)
    {
        fields.clear();
        m_recordStart = m_p;
        m_recordLine = m_line;
        if (m_p == m_end)
            return Status::End;
        if (*m_p == '\n' || *m_p == '\r') {
            endLine();
            return Status::Blank;
        }
        for (;;) {
            Field f {m_p, m_p, m_line, 0};
            if (m_p < m_end && *m_p == m_quote) {
                m_openLine = m_line;
                ++m_p;
                f.begin = m_p;
                f.flags = Quoted;
                for (;;) {
                    const auto *q = static_cast<const char *>(std::memchr(m_p, m_quote, std::size_t(m_end - m_p)));
                    if (!q) {
                        fields.push_back(f);
                        return Status::Unterminated;
                    }
                    countBreaks(m_p, q, f.flags);
                    m_p = q + 1;
                    if (m_p < m_end && *m_p == m_quote) {
                        f.flags |= Unescape;
                        ++m_p;
                        continue;
                    }
                    f.end = q;
                    break;
                }
                if (m_p < m_end && *m_p != m_delimiter && *m_p != '\n' && *m_p != '\r') {
                    f.flags |= AfterQuote | Unescape;
                    while (m_p < m_end && *m_p != m_delimiter && *m_p != '\n' && *m_p != '\r')
                        ++m_p;
                    f.end = m_p;
                }
            } else {
                for (;;) {
                    while (m_p < m_end && !m_special[static_cast<unsigned char>(*m_p)])
                        ++m_p;
                    if (m_p < m_end && *m_p == m_quote) {
                        f.flags |= StrayQuote;
                        ++m_p;
                        continue;
                    }
                    break;
                }
                f.end = m_p;
            }
            fields.push_back(f);
            if (m_p == m_end) {
                ++m_line;
                return Status::Record;
            }
            if (*m_p == m_delimiter) {
                ++m_p;
                continue;
            }
            endLine();
            return Status::Record;
        }
    }

private:
    void endLine()
    {
        if (*m_p == '\r' && m_p + 1 < m_end && m_p[1] == '\n')
            ++m_p;
        ++m_p;
        ++m_line;
    }
    void countBreaks(const char *b, const char *e, quint8 &flags)
    {
        for (const char *p = b; p < e; ++p) {
            if (*p == '\n') {
                ++m_line;
            } else if (*p == '\r') {
                flags |= Unescape; // CR and CRLF inside values become LF
                if (p + 1 == e || p[1] != '\n')
                    ++m_line;
            }
        }
    }

    const char *m_p;
    const char *m_end;
    const char *m_recordStart = nullptr;
    char m_delimiter;
    char m_quote;
    qint64 m_line = 1;
    qint64 m_recordLine = 1;
    qint64 m_openLine = 1;
    std::array<bool, 256> m_special {};
};

std::string_view fieldValue(const Field &f, std::string &scratch, char quote)
{
    if (!(f.flags & Unescape))
        return {f.begin, std::size_t(f.end - f.begin)};
    scratch.clear();
    bool inQuotes = true;
    for (const char *p = f.begin; p < f.end; ++p) {
        const char c = *p;
        if (!inQuotes) {
            scratch.push_back(c);
        } else if (c == quote) {
            if (p + 1 < f.end && p[1] == quote) {
                scratch.push_back(quote);
                ++p;
            } else {
                inQuotes = false;
            }
        } else if (c == '\r') {
            scratch.push_back('\n');
            if (p + 1 < f.end && p[1] == '\n')
                ++p;
        } else {
            scratch.push_back(c);
        }
    }
    return scratch;
}

QString quotedValue(std::string_view v)
{
    QString s = QString::fromUtf8(v.data(), qsizetype(v.size()));
    if (s.size() > kMaxQuotedValue)
        s = s.left(kMaxQuotedValue) + QStringLiteral("…");
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString typeNameOfMask(quint8 mask)
{
    if (mask & TBool)
        return columnTypeName(ColumnType::Boolean);
    if (mask & TInt)
        return columnTypeName(ColumnType::Integer);
    if (mask & TNum)
        return columnTypeName(ColumnType::Numeric);
    if (mask & TDate)
        return columnTypeName(ColumnType::DateTime);
    return columnTypeName(ColumnType::Text);
}

struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
};

struct ColumnState {
    quint8 mask = TAll;
    qint64 typed = 0;
    std::vector<double> f64;
    std::vector<qint64> i64; // integer or datetime
    std::vector<quint8> b8;
    MissingMask missing;
    std::vector<LoadWarning> pending;
    qint64 pendingDropped = 0;
    std::optional<Error> refusal;
    qint64 changeLine = -1;
    QString changeValue;
    QString changedFrom;
    qint64 typedBefore = 0;
    qint64 changeColumn = -1;
    // Pass 2 (text columns).
    std::string text;
    std::vector<qint64> offsets;
    std::vector<qint32> codes;
    std::unordered_map<std::string, qint32, ViewHash, std::equal_to<>> dictionary;
    bool dictionaryFull = false;
    qint64 distinct = 0;
};

class Gate
{
public:
    explicit Gate(const Base::Progress &progress) : m_progress(progress) { }
    /// Reports and polls the stop flag; true means "stop now".
    bool tick(double fraction, const QString &stage) const
    {
        m_progress.report(fraction, stage);
        return m_progress.stopRequested();
    }

private:
    const Base::Progress &m_progress;
};

class CsvParser
{
public:
    CsvParser(QString name, const CsvOptions &options, const Base::Progress &progress, LoadReport &report)
        : m_name(std::move(name)), m_options(options), m_progress(progress), m_report(report)
    {
        m_decimal = options.decimalComma ? ',' : '.';
        for (const QString &token : options.naTokens)
            m_naTokens.push_back(token.toUtf8().toStdString());
    }

    Base::Result<std::shared_ptr<const Dataset>> run(std::string_view raw);

private:
    Error error(const QString &message, qint64 line = -1, qint64 column = -1) const
    {
        return Error(message, m_name, line, column);
    }
    Error cancelled() const { return error(CsvReader::cancelledMessage()); }
    void warn(LoadWarning::Kind kind, qint64 line, qint64 column, QString message)
    {
        if (m_report.warnings.size() < m_options.maxWarnings)
            m_report.warnings.append(LoadWarning {kind, line, column, std::move(message)});
        else
            ++m_report.droppedWarnings;
    }
    void warnPending(ColumnState &s, LoadWarning::Kind kind, qint64 line, qint64 column, QString message)
    {
        if (qsizetype(s.pending.size()) < m_options.maxWarnings)
            s.pending.push_back(LoadWarning {kind, line, column, std::move(message)});
        else
            ++s.pendingDropped;
    }
    bool isNa(std::string_view v) const
    {
        for (const std::string &token : m_naTokens) {
            if (token.size() == v.size() && std::memcmp(token.data(), v.data(), v.size()) == 0)
                return true;
        }
        return false;
    }
    /// -1 for an NA cell, else the set of types the cell fits (0: text only).
    int classify(std::string_view raw) const;

    std::optional<Error> decode(std::string_view raw);
    char sniffDelimiter() const;
    bool detectHeader(char delimiter) const;
    void addQuoteWarnings(const std::vector<Field> &fields);
    void cell(ColumnState &s, qint64 row, std::string_view value, qint64 line, qint64 column);
    void storeDouble(ColumnState &s, qint64 row, DoubleParse parsed, double value, std::string_view text, qint64 line,
        qint64 column, bool fromIntegerOverflow);
    void becomeText(ColumnState &s, std::string_view value, qint64 line, qint64 column);
    std::optional<Error> collectText(char delimiter, double progressBegin);
    Column finishColumn(ColumnState &s, const QString &name, ColumnReport &columnReport);

    QString m_name;
    const CsvOptions &m_options;
    const Base::Progress &m_progress;
    LoadReport &m_report;
    char m_decimal = '.';
    std::vector<std::string> m_naTokens;

    std::string m_owned;
    std::string_view m_text; // UTF-8, without BOM
    std::vector<ColumnState> m_columns;
    QStringList m_names;
    std::vector<qint64> m_recordOffsets;
    qint64 m_rows = 0;
};

int CsvParser::classify(std::string_view raw) const
{
    const std::string_view v = trimmed(raw);
    if (isNa(v))
        return -1;
    qint64 i = 0;
    const IntParse ip = parseInt64(v, i);
    if (ip == IntParse::Ok)
        return TInt | TNum;
    bool b = false;
    if (parseBoolean(v, b))
        return TBool;
    qint64 ms = 0;
    if (parseIsoDateTime(v, ms))
        return TDate;
    double d = 0;
    if (parseDouble(v, m_decimal, d) != DoubleParse::Invalid)
        return TNum;
    return 0;
}

std::optional<Error> CsvParser::decode(std::string_view raw)
{
    using Enc = CsvOptions::Encoding;
    auto startsWith = [&](std::string_view prefix) { return raw.substr(0, prefix.size()) == prefix; };
    Enc encoding = m_options.encoding;
    std::size_t bomSize = 0;
    if (startsWith("\xEF\xBB\xBF") && (encoding == Enc::Auto || encoding == Enc::Utf8)) {
        encoding = Enc::Utf8;
        bomSize = 3;
        m_report.encoding = QStringLiteral("UTF-8 (BOM)");
    } else if (startsWith("\xFF\xFE") && (encoding == Enc::Auto || encoding == Enc::Utf16LE)) {
        encoding = Enc::Utf16LE;
        bomSize = 2;
        m_report.encoding = QStringLiteral("UTF-16LE (BOM)");
    } else if (startsWith("\xFE\xFF") && (encoding == Enc::Auto || encoding == Enc::Utf16BE)) {
        encoding = Enc::Utf16BE;
        bomSize = 2;
        m_report.encoding = QStringLiteral("UTF-16BE (BOM)");
    }
    raw.remove_prefix(bomSize);

    if (encoding == Enc::Utf16LE || encoding == Enc::Utf16BE) {
        if (m_report.encoding.isEmpty())
            m_report.encoding = encoding == Enc::Utf16LE ? QStringLiteral("UTF-16LE") : QStringLiteral("UTF-16BE");
        qint64 replacements = 0;
        qint64 firstBad = -1;
        m_owned = utf16ToUtf8(raw, encoding == Enc::Utf16BE, replacements, firstBad);
        m_text = m_owned;
        if (replacements > 0) {
            warn(LoadWarning::Kind::Encoding, -1, -1,
                QStringLiteral("%1 invalid UTF-16 code unit(s) replaced by U+FFFD; the first at byte offset %2")
                    .arg(replacements)
                    .arg(firstBad + qint64(bomSize)));
        }
    } else {
        const qint64 nul = firstNul(raw, kProbeBytes);
        if (nul >= 0) {
            return error(QStringLiteral("This is not a text file: byte offset %1 is a NUL byte (binary data, or "
                                        "UTF-16 without a byte order mark)")
                             .arg(nul + qint64(bomSize)));
        }
        if (encoding == Enc::Windows1252) {
            m_report.encoding = QStringLiteral("Windows-1252");
            m_owned = windows1252ToUtf8(raw);
            m_text = m_owned;
        } else {
            // Validate in blocks (cut before a lead byte) so that a stop request is seen promptly.
            qint64 bad = -1;
            const Gate gate(m_progress);
            for (std::size_t pos = 0; pos < raw.size();) {
                std::size_t length = std::min<std::size_t>(raw.size() - pos, std::size_t(16) << 20);
                for (int k = 0; k < 3 && pos + length < raw.size() && length > 1
                     && (static_cast<unsigned char>(raw[pos + length]) & 0xC0) == 0x80;
                     ++k)
                    --length;
                const qint64 hit = firstInvalidUtf8(raw.substr(pos, length));
                if (hit >= 0) {
                    bad = qint64(pos) + hit;
                    break;
                }
                pos += length;
                if (gate.tick(0.05 * double(pos) / double(raw.size()), QStringLiteral("Checking the encoding")))
                    return cancelled();
            }
            if (m_report.encoding.isEmpty())
                m_report.encoding = QStringLiteral("UTF-8");
            if (bad < 0) {
                m_text = raw;
            } else {
                const qint64 line = lineOfOffset(raw, bad);
                const QString what
                    = QStringLiteral("byte 0x%1 at byte offset %2 (line %3) is not valid UTF-8")
                          .arg(static_cast<unsigned char>(raw[std::size_t(bad)]), 2, 16, QLatin1Char('0'))
                          .arg(bad + qint64(bomSize))
                          .arg(line);
                if (encoding == Enc::Utf8 || m_options.invalidUtf8 == CsvOptions::InvalidUtf8::Refuse) {
                    return error(QStringLiteral("The file is not valid UTF-8: %1. Choose its encoding "
                                                "(e.g. Windows-1252) to read it")
                                     .arg(what),
                        line);
                }
                m_report.encoding = QStringLiteral("Windows-1252 (fallback)");
                warn(LoadWarning::Kind::Encoding, line, -1,
                    QStringLiteral("The file is not valid UTF-8 (%1); decoded the whole file as Windows-1252")
                        .arg(what));
                m_owned = windows1252ToUtf8(raw);
                m_text = m_owned;
            }
        }
    }
    if (encoding == Enc::Utf16LE || encoding == Enc::Utf16BE) {
        const qint64 nul = firstNul(m_text, kProbeBytes);
        if (nul >= 0)
            return error(
                QStringLiteral("This is not a text file: it holds a NUL character (UTF-8 offset %1)").arg(nul));
    }
    return std::nullopt;
}

char CsvParser::sniffDelimiter() const
{
    const std::string_view sample = m_text.substr(0, std::size_t(kSniffBytes));
    const bool truncated = sample.size() < m_text.size();
    std::vector<char> candidates = {',', ';', '\t', '|'};
    const QString suffix = QFileInfo(m_name).fileName().toLower();
    if (suffix.endsWith(QStringLiteral(".tsv")) || suffix.endsWith(QStringLiteral(".tsv.gz"))
        || suffix.endsWith(QStringLiteral(".tab")))
        candidates = {'\t', ',', ';', '|'};
    else if (m_options.decimalComma)
        candidates = {';', '\t', '|', ','};
    char best = candidates.front();
    double bestScore = 0.0;
    std::vector<Field> fields;
    for (const char d : candidates) {
        Tokenizer tok(sample.data(), sample.data() + sample.size(), d, m_options.quote);
        std::vector<qsizetype> counts;
        for (int k = 0; k < kSniffRecords;) {
            const auto status = tok.next(fields);
            if (status == Tokenizer::Status::End || status == Tokenizer::Status::Unterminated)
                break;
            if (status == Tokenizer::Status::Blank)
                continue;
            if (truncated && tok.pos() == sample.data() + sample.size())
                break; // the last record of a cut sample may be partial
            counts.push_back(qsizetype(fields.size()));
            ++k;
        }
        if (counts.empty())
            continue;
        std::vector<qsizetype> sorted = counts;
        std::sort(sorted.begin(), sorted.end());
        qsizetype mode = sorted.front();
        qsizetype modeRun = 0;
        for (std::size_t i = 0; i < sorted.size();) {
            std::size_t j = i;
            while (j < sorted.size() && sorted[j] == sorted[i])
                ++j;
            if (qsizetype(j - i) > modeRun) {
                modeRun = qsizetype(j - i);
                mode = sorted[i];
            }
            i = j;
        }
        if (mode < 2)
            continue;
        const double score = double(modeRun) / double(counts.size());
        if (score > bestScore + 1e-9) {
            bestScore = score;
            best = d;
        }
    }
    return best;
}

bool CsvParser::detectHeader(char delimiter) const
{
    Tokenizer tok(m_text.data(), m_text.data() + m_text.size(), delimiter, m_options.quote);
    std::vector<Field> fields;
    std::string scratch;
    std::vector<int> header;
    std::vector<std::string> headerText;
    std::vector<int> columnMask;
    std::vector<bool> columnSeen;
    std::vector<qint64> stringLength; // -1 unset, -2 varying
    for (int k = 0; k < kHeaderSampleRecords;) {
        const auto status = tok.next(fields);
        if (status == Tokenizer::Status::End || status == Tokenizer::Status::Unterminated)
            break;
        if (status == Tokenizer::Status::Blank)
            continue;
        ++k;
        if (header.empty() && headerText.empty()) {
            for (const Field &f : fields) {
                const std::string_view v = fieldValue(f, scratch, m_options.quote);
                header.push_back(classify(v));
                headerText.emplace_back(trimmed(v));
            }
            columnMask.assign(fields.size(), TAll);
            columnSeen.assign(fields.size(), false);
            stringLength.assign(fields.size(), -1);
            continue;
        }
        if (fields.size() != header.size())
            continue;
        for (std::size_t c = 0; c < fields.size(); ++c) {
            const std::string_view v = fieldValue(fields[c], scratch, m_options.quote);
            const int type = classify(v);
            if (type < 0)
                continue;
            columnSeen[c] = true;
            columnMask[c] &= type;
            const auto length = qint64(trimmed(v).size());
            if (stringLength[c] == -1)
                stringLength[c] = length;
            else if (stringLength[c] != length)
                stringLength[c] = -2;
        }
        if (tok.pos() - m_text.data() > 4 * kSniffBytes)
            break;
    }
    int votes = 0;
    bool sawData = false;
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (!columnSeen[c])
            continue;
        sawData = true;
        if (header[c] < 0)
            continue;
        if (columnMask[c] != 0) {
            votes += (header[c] & columnMask[c]) == 0 ? 1 : -1;
        } else if (stringLength[c] >= 0 && header[c] == 0) {
            votes += qint64(headerText[c].size()) != stringLength[c] ? 1 : 0;
        }
    }
    Q_UNUSED(sawData);
    if (votes != 0)
        return votes > 0;
    // No evidence either way: a first row of distinct, non-empty text is a header.
    std::vector<std::string> sorted = headerText;
    std::sort(sorted.begin(), sorted.end());
    const bool distinct = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
    const bool allText = std::all_of(header.begin(), header.end(), [](int t) { return t == 0; });
    return allText && distinct;
}

void CsvParser::addQuoteWarnings(const std::vector<Field> &fields)
{
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const Field &f = fields[c];
        if (f.flags & StrayQuote) {
            warn(LoadWarning::Kind::StrayQuote, f.line, qint64(c) + 1,
                QStringLiteral("A quote inside an unquoted field is kept as a literal character"));
        }
        if (f.flags & AfterQuote) {
            warn(LoadWarning::Kind::TextAfterQuote, f.line, qint64(c) + 1,
                QStringLiteral("Characters after the closing quote are kept as part of the value"));
        }
    }
}

void CsvParser::becomeText(ColumnState &s, std::string_view value, qint64 line, qint64 column)
{
    if (s.mask != TAll) {
        s.changeLine = line;
        s.changeColumn = column;
        s.changeValue = QString::fromUtf8(value.data(), qsizetype(value.size()));
        s.changedFrom = typeNameOfMask(s.mask);
        s.typedBefore = s.typed;
    }
    s.mask = 0;
    s.f64 = {};
    s.i64 = {};
    s.b8 = {};
    s.missing = {};
    s.pending = {};
    s.pendingDropped = 0;
    s.refusal.reset();
}

void CsvParser::storeDouble(ColumnState &s, qint64 row, DoubleParse parsed, double value, std::string_view text,
    qint64 line, qint64 column, bool fromIntegerOverflow)
{
    switch (parsed) {
    case DoubleParse::Ok:
    case DoubleParse::Underflow:
        s.f64.push_back(value);
        ++s.typed;
        if (parsed == DoubleParse::Underflow) {
            warnPending(s, LoadWarning::Kind::Underflow, line, column,
                QStringLiteral("%1 is below the smallest double (4.9e-324) and is stored as 0").arg(quotedValue(text)));
        }
        if (fromIntegerOverflow) {
            warnPending(s, LoadWarning::Kind::IntegerOverflow, line, column,
                QStringLiteral("%1 does not fit in a 64-bit integer: the column is read as numeric (double), "
                               "where this value is %2")
                    .arg(quotedValue(text))
                    .arg(QString::number(value, 'g', 17)));
        }
        return;
    case DoubleParse::OutOfRange: {
        s.f64.push_back(std::numeric_limits<double>::quiet_NaN());
        s.missing.setMissing(row);
        const QString message
            = QStringLiteral("%1 is beyond the range of a double (±1.7976931348623157e308)").arg(quotedValue(text));
        if (m_options.outOfRange == CsvOptions::OutOfRange::Refuse) {
            if (!s.refusal)
                s.refusal = error(message, line, column);
        } else {
            warnPending(s, LoadWarning::Kind::OutOfRange, line, column,
                message + QStringLiteral("; the cell is read as missing"));
        }
        return;
    }
    case DoubleParse::NotANumber:
        s.f64.push_back(std::numeric_limits<double>::quiet_NaN());
        s.missing.setMissing(row);
        warnPending(s, LoadWarning::Kind::NotANumber, line, column,
            QStringLiteral("%1 is not an NA token but spells NaN; the cell is read as missing").arg(quotedValue(text)));
        return;
    case DoubleParse::Invalid: break;
    }
}

void CsvParser::cell(ColumnState &s, qint64 row, std::string_view raw, qint64 line, qint64 column)
{
    const std::string_view v = trimmed(raw);
    if (isNa(v)) {
        switch (s.mask) {
        case TAll: break;
        case TInt | TNum:
        case TDate: s.i64.push_back(0); break;
        case TNum: s.f64.push_back(std::numeric_limits<double>::quiet_NaN()); break;
        case TBool: s.b8.push_back(0); break;
        default: break;
        }
        s.missing.setMissing(row);
        return;
    }
    qint64 i = 0;
    double d = 0;
    bool b = false;
    switch (s.mask) {
    case TInt | TNum: {
        const IntParse ip = parseInt64(v, i);
        if (ip == IntParse::Ok) {
            s.i64.push_back(i);
            ++s.typed;
            return;
        }
        const DoubleParse dp = parseDouble(v, m_decimal, d);
        if (dp == DoubleParse::Invalid) {
            becomeText(s, raw, line, column);
            return;
        }
        // Promote: every int64 converts to the correctly rounded double of its decimal.
        s.f64.reserve(s.i64.capacity());
        s.f64.resize(s.i64.size());
        for (std::size_t k = 0; k < s.i64.size(); ++k)
            s.f64[k] = s.missing.isMissing(qint64(k)) ? std::numeric_limits<double>::quiet_NaN() : double(s.i64[k]);
        s.i64 = {};
        s.mask = TNum;
        storeDouble(s, row, dp, d, v, line, column, ip == IntParse::Overflow);
        return;
    }
    case TNum: {
        const DoubleParse dp = parseDouble(v, m_decimal, d);
        if (dp == DoubleParse::Invalid)
            becomeText(s, raw, line, column);
        else
            storeDouble(s, row, dp, d, v, line, column, false);
        return;
    }
    case TBool:
        if (parseBoolean(v, b)) {
            s.b8.push_back(b ? 1 : 0);
            ++s.typed;
        } else {
            becomeText(s, raw, line, column);
        }
        return;
    case TDate:
        if (parseIsoDateTime(v, i)) {
            s.i64.push_back(i);
            ++s.typed;
        } else {
            becomeText(s, raw, line, column);
        }
        return;
    case TAll: {
        const auto reserve = std::size_t(std::max<qint64>(qint64(m_recordOffsets.capacity()), row + 1));
        const IntParse ip = parseInt64(v, i);
        if (ip == IntParse::Ok) {
            s.mask = TInt | TNum;
            s.i64.reserve(reserve);
            s.i64.resize(std::size_t(row), 0);
            s.i64.push_back(i);
            ++s.typed;
            return;
        }
        if (parseBoolean(v, b)) {
            s.mask = TBool;
            s.b8.reserve(reserve);
            s.b8.resize(std::size_t(row), 0);
            s.b8.push_back(b ? 1 : 0);
            ++s.typed;
            return;
        }
        if (parseIsoDateTime(v, i)) {
            s.mask = TDate;
            s.i64.reserve(reserve);
            s.i64.resize(std::size_t(row), 0);
            s.i64.push_back(i);
            ++s.typed;
            return;
        }
        const DoubleParse dp = parseDouble(v, m_decimal, d);
        if (dp != DoubleParse::Invalid) {
            s.mask = TNum;
            s.f64.reserve(reserve);
            s.f64.resize(std::size_t(row), std::numeric_limits<double>::quiet_NaN());
            storeDouble(s, row, dp, d, v, line, column, ip == IntParse::Overflow);
            return;
        }
        becomeText(s, raw, line, column);
        return;
    }
    default: return; // text: collected in pass 2
    }
}

std::optional<Error> CsvParser::collectText(char delimiter, double progressBegin)
{
    std::vector<std::size_t> textColumns;
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].mask == 0)
            textColumns.push_back(c);
    }
    if (textColumns.empty())
        return std::nullopt;
    const qint64 limit
        = std::max<qint64>(m_options.categoricalMinimum, qint64(m_options.categoricalFraction * double(m_rows)));
    for (const std::size_t c : textColumns) {
        ColumnState &s = m_columns[c];
        s.offsets.reserve(std::size_t(m_rows) + 1);
        s.offsets.push_back(0);
        s.codes.reserve(std::size_t(m_rows));
    }
    const char *base = m_text.data();
    Tokenizer tok(base, base + m_text.size(), delimiter, m_options.quote);
    std::vector<Field> fields;
    std::string scratch;
    const Gate gate(m_progress);
    qint64 nextCheck = kStride;
    const QString stage = QStringLiteral("Reading text columns");
    for (qint64 row = 0; row < m_rows; ++row) {
        const qint64 offset = m_recordOffsets[std::size_t(row)];
        if (offset >= nextCheck) {
            nextCheck = offset + kStride;
            if (gate.tick(progressBegin + (1.0 - progressBegin) * double(offset) / double(m_text.size()), stage))
                return cancelled();
        }
        tok.seek(base + offset);
        (void)tok.next(fields);
        for (const std::size_t c : textColumns) {
            ColumnState &s = m_columns[c];
            const std::string_view v = fieldValue(fields[c], scratch, m_options.quote);
            if (isNa(trimmed(v))) {
                s.missing.setMissing(row);
                s.offsets.push_back(qint64(s.text.size()));
                if (!s.dictionaryFull)
                    s.codes.push_back(-1);
                continue;
            }
            s.text.append(v);
            s.offsets.push_back(qint64(s.text.size()));
            if (s.dictionaryFull)
                continue;
            auto it = s.dictionary.find(v);
            if (it == s.dictionary.end()) {
                if (qint64(s.dictionary.size()) >= limit) {
                    s.dictionaryFull = true;
                    s.distinct = qint64(s.dictionary.size()) + 1;
                    s.dictionary = {};
                    s.codes = {};
                    continue;
                }
                it = s.dictionary.emplace(std::string(v), qint32(s.dictionary.size())).first;
            }
            s.codes.push_back(it->second);
        }
    }
    return std::nullopt;
}

Column CsvParser::finishColumn(ColumnState &s, const QString &name, ColumnReport &report)
{
    const auto rows = std::size_t(m_rows);
    report.name = name;
    report.typeChangeLine = s.changeLine;
    report.typeChangeValue = s.changeValue;
    report.typeChangedFrom = s.changedFrom;
    auto trim = [](auto &values) {
        if (values.capacity() > values.size() + values.size() / 32 + 16)
            values.shrink_to_fit();
    };
    trim(s.f64);
    trim(s.i64);
    trim(s.b8);
    trim(s.codes);
    switch (s.mask) {
    case TAll: {
        MissingMask missing;
        for (qint64 r = 0; r < m_rows; ++r)
            missing.setMissing(r);
        report.type = ColumnType::Numeric;
        report.missing = missing.count();
        return Column::numeric(
            name, std::vector<double>(rows, std::numeric_limits<double>::quiet_NaN()), std::move(missing));
    }
    case TInt | TNum:
        report.type = ColumnType::Integer;
        report.missing = s.missing.count();
        return Column::integer(name, std::move(s.i64), std::move(s.missing));
    case TNum:
        report.type = ColumnType::Numeric;
        report.missing = s.missing.count();
        return Column::numeric(name, std::move(s.f64), std::move(s.missing));
    case TBool:
        report.type = ColumnType::Boolean;
        report.missing = s.missing.count();
        return Column::boolean(name, std::move(s.b8), std::move(s.missing));
    case TDate:
        report.type = ColumnType::DateTime;
        report.missing = s.missing.count();
        return Column::dateTime(name, std::move(s.i64), std::move(s.missing));
    default: break;
    }
    report.missing = s.missing.count();
    if (!s.dictionaryFull) {
        // Categories in code-point order, so codes do not depend on row order.
        std::vector<std::pair<std::string_view, qint32>> entries;
        entries.reserve(s.dictionary.size());
        for (const auto &[text, code] : s.dictionary)
            entries.emplace_back(text, code);
        std::sort(entries.begin(), entries.end());
        std::vector<qint32> remap(entries.size());
        QStringList categories;
        categories.reserve(qsizetype(entries.size()));
        for (std::size_t k = 0; k < entries.size(); ++k) {
            remap[std::size_t(entries[k].second)] = qint32(k);
            categories << QString::fromUtf8(entries[k].first.data(), qsizetype(entries[k].first.size()));
        }
        for (qint32 &code : s.codes)
            code = code >= 0 ? remap[std::size_t(code)] : -1;
        report.type = ColumnType::Categorical;
        report.distinct = categories.size();
        s.text = {};
        s.offsets = {};
        s.dictionary = {};
        return Column::categorical(name, std::move(s.codes), std::move(categories), std::move(s.missing));
    }
    report.type = ColumnType::Text;
    report.distinct = s.distinct;
    s.text.shrink_to_fit();
    return Column::text(name, std::move(s.text), std::move(s.offsets), std::move(s.missing));
}

Base::Result<std::shared_ptr<const Dataset>> CsvParser::run(std::string_view raw)
{
    const Gate gate(m_progress);
    if (raw.empty())
        return error(QStringLiteral("The file is empty"));
    if (auto failed = decode(raw))
        return *failed;
    if (m_text.empty())
        return error(QStringLiteral("The file is empty (it holds only a byte order mark)"));
    if (gate.tick(0.05, QStringLiteral("Reading")))
        return cancelled();

    char delimiter = m_options.delimiter;
    m_report.delimiterSniffed = delimiter == 0;
    if (delimiter == 0)
        delimiter = sniffDelimiter();
    m_report.delimiter = delimiter;
    if (delimiter == m_options.quote || delimiter == '\n' || delimiter == '\r')
        return error(QStringLiteral("The delimiter cannot be the quote character or a line break"));
    bool hasHeader = m_options.header == CsvOptions::Header::Present;
    m_report.headerDetected = m_options.header == CsvOptions::Header::Auto;
    if (m_options.header == CsvOptions::Header::Auto)
        hasHeader = detectHeader(delimiter);
    m_report.hasHeader = hasHeader;

    const char *base = m_text.data();
    const char *end = base + m_text.size();
    Tokenizer tok(base, end, delimiter, m_options.quote);
    std::vector<Field> fields;
    std::string scratch;
    qint64 expected = -1;
    qint64 firstLine = -1;
    qint64 blankCount = 0;
    qint64 blankLine = -1;
    qint64 nextCheck = kStride;
    const QString stage = QStringLiteral("Parsing");
    for (;;) {
        const auto status = tok.next(fields);
        if (status == Tokenizer::Status::End)
            break;
        if (status == Tokenizer::Status::Unterminated) {
            return error(QStringLiteral("A quoted field opened on line %1 is never closed: the file ends inside it")
                             .arg(tok.openQuoteLine()),
                tok.openQuoteLine(), qint64(fields.size()));
        }
        if (tok.pos() - base >= nextCheck) {
            nextCheck = (tok.pos() - base) + kStride;
            if (gate.tick(0.05 + 0.75 * double(tok.pos() - base) / double(m_text.size()), stage))
                return cancelled();
        }
        if (status == Tokenizer::Status::Blank) {
            if (blankCount++ == 0)
                blankLine = tok.recordLine();
            continue;
        }
        if (blankCount > 0) {
            if (expected >= 0) {
                warn(LoadWarning::Kind::BlankLine, blankLine, -1,
                    blankCount == 1 ? QStringLiteral("A blank line was skipped")
                                    : QStringLiteral("%1 blank lines were skipped").arg(blankCount));
            }
            blankCount = 0;
        }
        addQuoteWarnings(fields);
        if (expected < 0) {
            expected = qint64(fields.size());
            firstLine = tok.recordLine();
            m_columns.resize(std::size_t(expected));
            if (hasHeader) {
                for (qint64 c = 0; c < expected; ++c) {
                    const std::string_view v = trimmed(fieldValue(fields[std::size_t(c)], scratch, m_options.quote));
                    m_names << QString::fromUtf8(v.data(), qsizetype(v.size()));
                }
                continue;
            }
            for (qint64 c = 0; c < expected; ++c)
                m_names << QStringLiteral("column_%1").arg(c + 1);
        }
        if (qint64(fields.size()) != expected) {
            const QString where = hasHeader ? QStringLiteral("the header (line %1)").arg(firstLine)
                                            : QStringLiteral("the first row (line %1)").arg(firstLine);
            if (m_options.raggedRows == CsvOptions::RaggedRows::Refuse) {
                return error(QStringLiteral("Line %1 has %2 fields, but %3 has %4")
                                 .arg(tok.recordLine())
                                 .arg(fields.size())
                                 .arg(where)
                                 .arg(expected),
                    tok.recordLine(), qint64(fields.size()) > expected ? expected + 1 : -1);
            }
            warn(LoadWarning::Kind::RaggedRowSkipped, tok.recordLine(), -1,
                QStringLiteral("Row skipped: %1 fields where %2 has %3").arg(fields.size()).arg(where).arg(expected));
            ++m_report.skippedRows;
            continue;
        }
        if (m_rows == 0) {
            // Reserve for the row count estimated from the first data row; trimmed after pass 1.
            const qint64 recordBytes = std::max<qint64>(1, tok.pos() - tok.recordStart());
            qint64 estimate = std::min<qint64>(qint64(end - tok.recordStart()) / recordBytes + 16, qint64(1) << 26);
            if (m_options.maxRows >= 0)
                estimate = std::min(estimate, m_options.maxRows);
            m_recordOffsets.reserve(std::size_t(estimate));
        }
        m_recordOffsets.push_back(tok.recordStart() - base);
        for (std::size_t c = 0; c < fields.size(); ++c) {
            ColumnState &s = m_columns[c];
            if (s.mask == 0)
                continue;
            cell(s, m_rows, fieldValue(fields[c], scratch, m_options.quote), fields[c].line, qint64(c) + 1);
        }
        ++m_rows;
        if (m_options.maxRows >= 0 && m_rows >= m_options.maxRows)
            break;
    }
    if (expected < 0)
        return error(QStringLiteral("The file is empty: it holds no rows, only blank lines"));

    if (auto failed = collectText(delimiter, 0.8))
        return *failed;
    if (gate.tick(0.98, QStringLiteral("Building columns")))
        return cancelled();

    // Column names: blanks become column_N, repeats get _2, _3, ...
    QSet<QString> used;
    for (qsizetype c = 0; c < m_names.size(); ++c) {
        if (m_names[c].isEmpty()) {
            QString name = QStringLiteral("column_%1").arg(c + 1);
            for (int k = 2; used.contains(name) || m_names.contains(name); ++k)
                name = QStringLiteral("column_%1_%2").arg(c + 1).arg(k);
            warn(LoadWarning::Kind::BlankName, firstLine, c + 1,
                QStringLiteral("Column %1 has no name; it is called \"%2\"").arg(c + 1).arg(name));
            m_names[c] = name;
        } else if (used.contains(m_names[c])) {
            QString name;
            for (int k = 2;; ++k) {
                name = QStringLiteral("%1_%2").arg(m_names[c]).arg(k);
                if (!used.contains(name) && !m_names.contains(name))
                    break;
            }
            warn(LoadWarning::Kind::DuplicateName, firstLine, c + 1,
                QStringLiteral("The name \"%1\" is used by an earlier column; this one is called \"%2\"")
                    .arg(m_names[c], name));
            m_names[c] = name;
        }
        used.insert(m_names[c]);
    }

    std::optional<Error> refusal;
    DatasetBuilder builder;
    builder.reserveColumns(qsizetype(m_columns.size()));
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        ColumnState &s = m_columns[c];
        const QString &name = m_names[qsizetype(c)];
        if (s.refusal && (!refusal || s.refusal->line < refusal->line))
            refusal = s.refusal;
        if (s.mask != 0 && s.mask != TAll) {
            for (LoadWarning &w : s.pending)
                warn(w.kind, w.line, w.column, std::move(w.message));
            m_report.droppedWarnings += s.pendingDropped;
        }
        if (s.mask == 0 && s.changeLine >= 0) {
            warn(LoadWarning::Kind::TypeFallback, s.changeLine, s.changeColumn,
                QStringLiteral("Column \"%1\" is read as text: %2 is not %3, unlike the %4 value(s) above it")
                    .arg(name, quotedValue(s.changeValue.toUtf8().toStdString()), s.changedFrom)
                    .arg(s.typedBefore));
        }
        ColumnReport columnReport;
        builder.addColumn(finishColumn(s, name, columnReport));
        m_report.columnReports.append(columnReport);
        s = ColumnState();
    }
    if (refusal)
        return *refusal;
    std::stable_sort(
        m_report.warnings.begin(), m_report.warnings.end(), [](const LoadWarning &a, const LoadWarning &b) {
            return a.line != b.line ? a.line < b.line : a.column < b.column;
        });
    m_report.rows = m_rows;
    m_report.columns = qint64(m_names.size());
    auto built = builder.build();
    if (!built)
        return error(built.error().message);
    m_progress.report(1.0, QStringLiteral("Done"));
    return built;
}

struct InflateGuard {
    z_stream *stream;
    ~InflateGuard() { inflateEnd(stream); }
};

Base::Result<std::string> gunzip(std::string_view in, const QString &name, const Base::Progress &progress)
{
    z_stream zs {};
    if (inflateInit2(&zs, 15 + 32) != Z_OK)
        return Error(QStringLiteral("Cannot start the gzip decoder"), name);
    const InflateGuard guard {&zs};
    std::string out;
    out.resize(std::max<std::size_t>(in.size() * 4, std::size_t(1) << 20));
    std::size_t produced = 0;
    std::size_t consumed = 0;
    bool probed = false;
    const Gate gate(progress);
    const QString stage = QStringLiteral("Decompressing");
    for (;;) {
        if (produced == out.size())
            out.resize(out.size() * 2);
        const std::size_t inChunk = std::min<std::size_t>(in.size() - consumed, std::size_t(1) << 20);
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data() + consumed));
        zs.avail_in = uInt(inChunk);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        zs.avail_out = uInt(std::min<std::size_t>(out.size() - produced, std::size_t(1) << 30));
        const int ret = inflate(&zs, Z_NO_FLUSH);
        consumed += inChunk - zs.avail_in;
        produced = std::size_t(reinterpret_cast<char *>(zs.next_out) - out.data());
        if (!probed && (produced >= std::size_t(kProbeBytes) || ret == Z_STREAM_END)) {
            probed = true;
            const std::string_view head(out.data(), produced);
            const bool utf16 = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF";
            const qint64 nul = utf16 ? -1 : firstNul(head, kProbeBytes);
            if (nul >= 0) {
                return Error(QStringLiteral("This is not a text file: byte offset %1 of the decompressed data is a "
                                            "NUL byte (binary data, or UTF-16 without a byte order mark)")
                                 .arg(nul),
                    name);
            }
        }
        if (ret == Z_STREAM_END) {
            if (consumed + 2 <= in.size() && in[consumed] == '\x1f' && in[consumed + 1] == '\x8b') {
                inflateReset(&zs); // another gzip member follows
                continue;
            }
            break;
        }
        if (ret == Z_BUF_ERROR && zs.avail_out == 0)
            continue;
        if (ret == Z_BUF_ERROR || (ret == Z_OK && consumed == in.size() && zs.avail_out > 0 && inChunk == 0)) {
            return Error(
                QStringLiteral("The gzip data is truncated: it ends after %1 decompressed bytes").arg(produced), name);
        }
        if (ret != Z_OK) {
            return Error(QStringLiteral("The gzip data is corrupt at compressed byte %1 (%2)")
                             .arg(consumed)
                             .arg(QString::fromLatin1(zs.msg ? zs.msg : "zlib error")),
                name);
        }
        if (gate.tick(double(consumed) / double(std::max<std::size_t>(in.size(), 1)), stage))
            return Error(CsvReader::cancelledMessage(), name);
    }
    out.resize(produced);
    return out;
}

bool isGzip(std::string_view bytes)
{
    return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
}

Base::Result<LoadedDataset> readView(std::string_view bytes, const QString &name, qint64 fileSize,
    const CsvOptions &options, const Base::Progress &progress)
{
    LoadReport report;
    report.file = name;
    report.bytes = fileSize;
    std::string inflated;
    Base::Progress parseProgress = progress;
    if (isGzip(bytes)) {
        report.gzip = true;
        auto result = gunzip(bytes, name, progress.subrange(0.0, 0.3));
        if (!result)
            return result.error();
        inflated = std::move(result).value();
        bytes = inflated;
        parseProgress = progress.subrange(0.3, 1.0);
    }
    CsvParser parser(name, options, parseProgress, report);
    auto dataset = parser.run(bytes);
    if (!dataset)
        return dataset.error();
    return LoadedDataset {std::move(dataset).value(), std::move(report)};
}

} // namespace

QString CsvReader::cancelledMessage()
{
    return QStringLiteral("Cancelled");
}

Base::Result<LoadedDataset> CsvReader::read(const QString &path, const CsvOptions &options)
{
    Base::NullProgressSink sink;
    return read(path, options, Base::Progress(sink));
}

Base::Result<LoadedDataset> CsvReader::read(
    const QString &path, const CsvOptions &options, const Base::Progress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("Cannot open the file: %1").arg(file.errorString()), path);
    const qint64 size = file.size();
    if (size == 0 && file.atEnd())
        return Error(QStringLiteral("The file is empty"), path);
    // A memory map costs no copy; fall back to reading when mapping is not possible.
    if (uchar *mapped = size > 0 ? file.map(0, size) : nullptr) {
        return readView(
            std::string_view(reinterpret_cast<const char *>(mapped), std::size_t(size)), path, size, options, progress);
    }
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        return Error(QStringLiteral("The file is empty"), path);
    return readView(std::string_view(bytes.constData(), std::size_t(bytes.size())), path, size, options, progress);
}

Base::Result<LoadedDataset> CsvReader::readBytes(
    QByteArrayView bytes, const QString &name, const CsvOptions &options, const Base::Progress &progress)
{
    return readView(std::string_view(bytes.data(), std::size_t(bytes.size())), name, bytes.size(), options, progress);
}

} // namespace Tandem::Data
