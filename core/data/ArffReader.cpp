// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/ArffReader.h"

#include "core/data/CellParsing.h"
#include "core/data/CsvReader.h"
#include "core/data/ReaderInput.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// How the reader works
// --------------------
// The text (UTF-8 after decoding) is read line by line. Each line is cut into
// tokens the way Weka's StreamTokenizer set-up does it: white space and commas
// separate, '{' and '}' stand alone, ' and " quote up to the end of the line,
// '%' starts a comment. The header declares the attributes; every data line is
// one instance, stored straight into the typed vector of its attribute.

namespace Tandem::Data {

using Base::Error;
using namespace Detail;

namespace {

constexpr qint64 kStride = qint64(1) << 20;
constexpr qsizetype kMaxQuoted = 60;

struct Token {
    enum Kind : quint8 { Word, Quoted, Open, Close };
    Kind kind = Word;
    std::string_view text; // unescaped for Quoted (may view the line's scratch)
    qint64 offset = 0; // byte offset in the line
};

QString quotedValue(std::string_view v)
{
    QString s = QString::fromUtf8(v.data(), qsizetype(v.size()));
    if (s.size() > kMaxQuoted)
        s = s.left(kMaxQuoted) + QStringLiteral("…");
    return QLatin1Char('"') + s + QLatin1Char('"');
}

bool equalsNoCase(std::string_view a, std::string_view lowerB)
{
    if (a.size() != lowerB.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char c = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] + ('a' - 'A')) : a[i];
        if (c != lowerB[i])
            return false;
    }
    return true;
}

/// A compiled Java SimpleDateFormat pattern.
class DatePattern
{
public:
    /// Empty string on success, else what is wrong with the pattern.
    QString compile(std::string_view pattern);
    bool parse(std::string_view s, qint64 &ms) const;

private:
    struct Element {
        char letter = 0; // 0: literal
        int count = 0;
        std::string literal;
    };
    static bool isNumericField(const Element &e)
    {
        return e.letter != 0 && e.letter != 'a' && e.letter != 'E' && !(e.letter == 'M' && e.count >= 3)
            && e.letter != 'Z' && e.letter != 'X' && e.letter != 'z';
    }
    std::vector<Element> m_elements;
};

QString DatePattern::compile(std::string_view p)
{
    static constexpr std::string_view kSupported = "yMdHkhKamsSEZXz";
    for (std::size_t i = 0; i < p.size();) {
        const char c = p[i];
        if (c == '\'') {
            std::string literal;
            ++i;
            if (i < p.size() && p[i] == '\'') { // '' is one quote
                literal = "'";
                ++i;
            } else {
                for (;;) {
                    if (i >= p.size())
                        return QStringLiteral("a quote in the date pattern is never closed");
                    if (p[i] == '\'') {
                        if (i + 1 < p.size() && p[i + 1] == '\'') {
                            literal.push_back('\'');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    literal.push_back(p[i++]);
                }
            }
            m_elements.push_back({0, 0, std::move(literal)});
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (kSupported.find(c) == std::string_view::npos) {
                return QStringLiteral("the date pattern letter '%1' is not supported (supported: %2)")
                    .arg(QString(QLatin1Char(c)), QString::fromLatin1(kSupported.data(), qsizetype(kSupported.size())));
            }
            std::size_t j = i;
            while (j < p.size() && p[j] == c)
                ++j;
            m_elements.push_back({c, int(j - i), {}});
            i = j;
        } else {
            m_elements.push_back({0, 0, std::string(1, c)});
            ++i;
        }
    }
    return {};
}

bool DatePattern::parse(std::string_view s, qint64 &ms) const
{
    static constexpr std::string_view kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    static constexpr std::string_view kDays[]
        = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    // Four-digit years, as ISO 8601 and the CSV reader have them; far larger ones
    // would overflow the milliseconds since 1970.
    static constexpr qint64 kLatestYear = 9999;
    qint64 year = 1970;
    qint64 month = 1;
    qint64 day = 1;
    qint64 hour = 0;
    qint64 minute = 0;
    qint64 second = 0;
    qint64 millis = 0;
    qint64 offsetMinutes = 0;
    int hour12 = -1; // h or K value, resolved with the AM/PM marker
    bool pm = false;
    std::size_t i = 0;
    auto lowerAt = [&](std::size_t k) { return s[k] >= 'A' && s[k] <= 'Z' ? char(s[k] + ('a' - 'A')) : s[k]; };
    // A month or day name: the full name, or its first three letters.
    auto name = [&](const std::string_view *names, int count, int &index) {
        for (int n = 0; n < count; ++n) {
            for (const std::size_t length : {names[n].size(), std::size_t(3)}) {
                if (i + length > s.size())
                    continue;
                bool same = true;
                for (std::size_t k = 0; k < length && same; ++k)
                    same = lowerAt(i + k) == names[n][k];
                if (same) {
                    index = n;
                    i += length;
                    return true;
                }
            }
        }
        return false;
    };
    auto number = [&](std::size_t maxDigits, qint64 &out) {
        const std::size_t start = i;
        qint64 v = 0;
        while (i < s.size() && i - start < maxDigits && s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (s[i++] - '0');
        out = v;
        return i > start;
    };
    auto zone = [&]() {
        if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && (i + 1 == s.size() || s[i + 1] < 'A')) {
            ++i;
            return true;
        }
        for (const std::string_view prefix : {std::string_view("utc"), std::string_view("gmt")}) {
            if (i + 3 <= s.size() && lowerAt(i) == prefix[0] && lowerAt(i + 1) == prefix[1]
                && lowerAt(i + 2) == prefix[2]) {
                i += 3;
                if (i == s.size() || (s[i] != '+' && s[i] != '-'))
                    return true;
            }
        }
        if (i >= s.size() || (s[i] != '+' && s[i] != '-'))
            return false;
        const qint64 sign = s[i++] == '-' ? -1 : 1;
        qint64 h = 0;
        qint64 m = 0;
        const std::size_t start = i;
        if (!number(2, h))
            return false;
        if (i - start == 1 && i < s.size() && s[i] != ':') {
            // "+5" only before ':' or at the end
        }
        if (i < s.size() && s[i] == ':')
            ++i;
        if (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            const std::size_t mStart = i;
            if (!number(2, m) || i - mStart != 2)
                return false;
        }
        if (h > 23 || m > 59)
            return false;
        offsetMinutes = sign * (h * 60 + m);
        return true;
    };
    for (std::size_t e = 0; e < m_elements.size(); ++e) {
        const Element &el = m_elements[e];
        if (el.letter == 0) {
            if (s.substr(i, el.literal.size()) != el.literal)
                return false;
            i += el.literal.size();
            continue;
        }
        const bool abutting = e + 1 < m_elements.size() && isNumericField(m_elements[e + 1]);
        const std::size_t maxDigits = abutting ? std::size_t(el.count) : 9;
        qint64 v = 0;
        int index = 0;
        switch (el.letter) {
        case 'y':
            if (el.count == 2) {
                const std::size_t start = i;
                if (!number(2, v) || i - start != 2)
                    return false;
                year = v < 50 ? 2000 + v : 1900 + v;
            } else if (!number(maxDigits, year) || year > kLatestYear) {
                return false;
            }
            break;
        case 'M':
            if (el.count >= 3) {
                if (!name(kMonths, 12, index))
                    return false;
                month = index + 1;
            } else if (!number(maxDigits, month)) {
                return false;
            }
            break;
        case 'd':
            if (!number(maxDigits, day))
                return false;
            break;
        case 'H':
            if (!number(maxDigits, hour) || hour > 23)
                return false;
            break;
        case 'k':
            if (!number(maxDigits, v) || v < 1 || v > 24)
                return false;
            hour = v % 24;
            break;
        case 'h':
            if (!number(maxDigits, v) || v < 1 || v > 12)
                return false;
            hour12 = int(v % 12);
            break;
        case 'K':
            if (!number(maxDigits, v) || v > 11)
                return false;
            hour12 = int(v);
            break;
        case 'a':
            if (i + 2 > s.size() || lowerAt(i + 1) != 'm' || (lowerAt(i) != 'a' && lowerAt(i) != 'p'))
                return false;
            pm = lowerAt(i) == 'p';
            i += 2;
            break;
        case 'm':
            if (!number(maxDigits, minute) || minute > 59)
                return false;
            break;
        case 's':
            if (!number(maxDigits, second) || second > 59)
                return false;
            break;
        case 'S':
            if (!number(maxDigits, millis) || millis > 999)
                return false;
            break;
        case 'E':
            if (!name(kDays, 7, index))
                return false;
            break;
        default: // Z, X, z
            if (!zone())
                return false;
            break;
        }
    }
    if (i != s.size())
        return false;
    if (hour12 >= 0)
        hour = hour12 + (pm ? 12 : 0);
    else if (pm && hour < 12)
        hour += 12;
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > kMonthDays[month - 1] + (month == 2 && leap ? 1 : 0))
        return false;
    ms = daysFromCivil(year, unsigned(month), unsigned(day)) * 86'400'000
        + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
    return true;
}

struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
};

struct Attribute {
    enum Kind : quint8 { Numeric, Integer, Nominal, String, Date };
    QString name;
    Kind kind = Numeric;
    bool integral = true; // Integer attributes: still all integers
    qint64 line = 0;
    QStringList categories;
    std::unordered_map<std::string, qint32, ViewHash, std::equal_to<>> index;
    DatePattern pattern;
    QString patternText;

    std::vector<double> f64;
    std::vector<qint64> i64;
    std::vector<qint32> codes;
    std::string text;
    std::vector<qint64> offsets {0};
    MissingMask missing;
};

class ArffParser
{
public:
    ArffParser(QString name, const CsvOptions &text, const ArffOptions &options, const Base::Progress &progress,
        LoadReport &report)
        : m_name(std::move(name)), m_text(text), m_options(options), m_progress(progress), m_report(report)
    { }

    Base::Result<std::shared_ptr<const Dataset>> run(std::string_view raw);

private:
    Error error(const QString &message, qint64 line, qint64 column = -1) const
    {
        return Error(message, m_name, line, column);
    }
    /// 1-based character position of byte `offset` of the current line.
    qint64 charColumn(qint64 offset) const
    {
        qint64 column = 1;
        for (qint64 k = 0; k < offset && k < qint64(m_line.size()); ++k)
            column += (static_cast<unsigned char>(m_line[std::size_t(k)]) & 0xC0) != 0x80 ? 1 : 0;
        return column;
    }
    void warn(LoadWarning::Kind kind, qint64 line, qint64 column, QString message)
    {
        if (m_report.warnings.size() < m_text.maxWarnings)
            m_report.warnings.append(LoadWarning {kind, line, column, std::move(message)});
        else
            ++m_report.droppedWarnings;
    }
    /// Cuts m_line into m_tokens; an Error for a quote left open.
    std::optional<Error> tokenize(bool header);
    std::optional<Error> parseHeaderLine(bool &dataStarts);
    std::optional<Error> parseAttribute();
    std::optional<Error> parseDataLine();
    std::optional<Error> store(Attribute &a, const Token &t, qint64 column);
    void storeDefault(Attribute &a);
    std::optional<Error> parseWeight(std::size_t at, std::size_t &next);
    Column finish(Attribute &a, ColumnReport &report);

    QString m_name;
    const CsvOptions &m_text;
    const ArffOptions &m_options;
    const Base::Progress &m_progress;
    LoadReport &m_report;

    std::string_view m_line;
    qint64 m_lineNumber = 0;
    std::vector<Token> m_tokens;
    std::vector<std::string> m_scratch; // unescaped quoted tokens of the current line
    bool m_seenRelation = false;
    std::vector<Attribute> m_attributes;
    QSet<QString> m_names;
    std::vector<double> m_weights; // empty until the first weight
    qint64 m_rows = 0;
};

std::optional<Error> ArffParser::tokenize(bool header)
{
    m_tokens.clear();
    std::size_t scratchUsed = 0;
    const std::string_view s = m_line;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == ',' || c == '\r' || (static_cast<unsigned char>(c) < 0x20 && c != 0)) {
            ++i;
        } else if (c == '%') {
            break;
        } else if (c == '{' || c == '}') {
            m_tokens.push_back({c == '{' ? Token::Open : Token::Close, s.substr(i, 1), qint64(i)});
            ++i;
        } else if (c == '\'' || c == '"') {
            const std::size_t open = i++;
            if (scratchUsed == m_scratch.size())
                m_scratch.emplace_back();
            std::string &out = m_scratch[scratchUsed++];
            out.clear();
            bool closed = false;
            while (i < s.size()) {
                const char d = s[i++];
                if (d == c) {
                    closed = true;
                    break;
                }
                if (d != '\\' || i >= s.size()) {
                    out.push_back(d);
                    continue;
                }
                const char e = s[i++];
                switch (e) {
                case 'n': out.push_back('\n'); break;
                case 't': out.push_back('\t'); break;
                case 'r': out.push_back('\r'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                default: out.push_back(e); break;
                }
            }
            if (!closed) {
                const qint64 column = header ? charColumn(qint64(open)) : -1;
                return error(QStringLiteral("Line %1: the quote opened at character %2 is not closed on its line "
                                            "(ARFF values cannot span lines)")
                                 .arg(m_lineNumber)
                                 .arg(charColumn(qint64(open))),
                    m_lineNumber, column);
            }
            m_tokens.push_back({Token::Quoted, out, qint64(open)});
        } else {
            const std::size_t start = i;
            while (i < s.size()) {
                const char d = s[i];
                if (d == ' ' || d == '\t' || d == ',' || d == '\r' || d == '{' || d == '}' || d == '%' || d == '\''
                    || d == '"' || (static_cast<unsigned char>(d) < 0x20))
                    break;
                ++i;
            }
            m_tokens.push_back({Token::Word, s.substr(start, i - start), qint64(start)});
        }
    }
    // Quoted tokens view strings in m_scratch, which may have moved while growing: re-point them.
    std::size_t k = 0;
    for (Token &t : m_tokens) {
        if (t.kind == Token::Quoted)
            t.text = m_scratch[k++];
    }
    return std::nullopt;
}

std::optional<Error> ArffParser::parseHeaderLine(bool &dataStarts)
{
    const Token &first = m_tokens.front();
    const std::string_view keyword = first.kind == Token::Word ? first.text : std::string_view();
    if (equalsNoCase(keyword, "@relation")) {
        if (m_seenRelation)
            return error(QStringLiteral("Line %1: a second @relation").arg(m_lineNumber), m_lineNumber, 1);
        m_seenRelation = true;
        return std::nullopt;
    }
    if (!m_seenRelation) {
        return error(QStringLiteral("Line %1: this is not an ARFF file: it should start with @relation (found %2)")
                         .arg(m_lineNumber)
                         .arg(quotedValue(m_line.substr(std::size_t(first.offset), 40))),
            m_lineNumber, charColumn(first.offset));
    }
    if (equalsNoCase(keyword, "@attribute"))
        return parseAttribute();
    if (equalsNoCase(keyword, "@data")) {
        if (m_attributes.empty())
            return error(QStringLiteral("Line %1: @data before any @attribute").arg(m_lineNumber), m_lineNumber, 1);
        if (m_tokens.size() > 1) {
            return error(QStringLiteral("Line %1: unexpected text after @data").arg(m_lineNumber), m_lineNumber,
                charColumn(m_tokens[1].offset));
        }
        dataStarts = true;
        return std::nullopt;
    }
    return error(QStringLiteral("Line %1: expected @attribute or @data, found %2")
                     .arg(m_lineNumber)
                     .arg(quotedValue(m_line.substr(std::size_t(first.offset), 40))),
        m_lineNumber, charColumn(first.offset));
}

std::optional<Error> ArffParser::parseAttribute()
{
    const qint64 line = m_lineNumber;
    if (m_tokens.size() < 2 || m_tokens[1].kind == Token::Open || m_tokens[1].kind == Token::Close)
        return error(QStringLiteral("Line %1: @attribute needs a name and a type").arg(line), line,
            charColumn(qint64(m_line.size())));
    Attribute a;
    a.line = line;
    a.name = QString::fromUtf8(m_tokens[1].text.data(), qsizetype(m_tokens[1].text.size()));
    if (m_names.contains(a.name)) {
        return error(QStringLiteral("Line %1: attribute name \"%2\" is declared twice").arg(line).arg(a.name), line,
            charColumn(m_tokens[1].offset));
    }
    if (m_tokens.size() < 3)
        return error(QStringLiteral("Line %1: attribute \"%2\" has no type").arg(line).arg(a.name), line,
            charColumn(qint64(m_line.size())));
    const Token &type = m_tokens[2];
    std::size_t next = 3;
    if (type.kind == Token::Open) {
        a.kind = Attribute::Nominal;
        bool closed = false;
        for (; next < m_tokens.size(); ++next) {
            const Token &t = m_tokens[next];
            if (t.kind == Token::Close) {
                closed = true;
                ++next;
                break;
            }
            if (t.kind == Token::Open) {
                return error(
                    QStringLiteral("Line %1: unexpected '{' in the values of attribute \"%2\"").arg(line).arg(a.name),
                    line, charColumn(t.offset));
            }
            const auto [it, inserted] = a.index.try_emplace(std::string(t.text), qint32(a.categories.size()));
            if (!inserted) {
                return error(QStringLiteral("Line %1: attribute \"%2\" declares the value %3 twice")
                                 .arg(line)
                                 .arg(a.name, quotedValue(t.text)),
                    line, charColumn(t.offset));
            }
            a.categories << QString::fromUtf8(t.text.data(), qsizetype(t.text.size()));
        }
        if (!closed) {
            return error(QStringLiteral("Line %1: the value list of attribute \"%2\" has no closing '}' on its line")
                             .arg(line)
                             .arg(a.name),
                line, charColumn(qint64(m_line.size())));
        }
        if (a.categories.isEmpty()) {
            return error(QStringLiteral("Line %1: nominal attribute \"%2\" declares no values").arg(line).arg(a.name),
                line, charColumn(type.offset));
        }
    } else if (type.kind == Token::Word && (equalsNoCase(type.text, "numeric") || equalsNoCase(type.text, "real"))) {
        a.kind = Attribute::Numeric;
    } else if (type.kind == Token::Word && equalsNoCase(type.text, "integer")) {
        a.kind = Attribute::Integer;
    } else if (type.kind == Token::Word && equalsNoCase(type.text, "string")) {
        a.kind = Attribute::String;
    } else if (type.kind == Token::Word && equalsNoCase(type.text, "date")) {
        a.kind = Attribute::Date;
        std::string_view pattern = "yyyy-MM-dd'T'HH:mm:ss";
        if (next < m_tokens.size() && m_tokens[next].kind == Token::Quoted) {
            pattern = m_tokens[next++].text;
        } else if (next < m_tokens.size() && m_tokens[next].kind == Token::Word) {
            // Unquoted, the pattern is the rest of the line (it may hold quotes and spaces).
            std::string_view rest = m_line.substr(std::size_t(m_tokens[next].offset));
            pattern = trimmed(rest.substr(0, rest.find('%')));
            next = m_tokens.size();
        }
        a.patternText = QString::fromUtf8(pattern.data(), qsizetype(pattern.size()));
        const QString problem = a.pattern.compile(pattern);
        if (!problem.isEmpty()) {
            return error(QStringLiteral("Line %1: attribute \"%2\": %3").arg(line).arg(a.name, problem), line,
                charColumn(m_tokens[next - 1].offset));
        }
    } else if (type.kind == Token::Word && equalsNoCase(type.text, "relational")) {
        return error(QStringLiteral("Line %1: attribute \"%2\" is relational (multi-instance data), which Tandem "
                                    "does not read; flatten the relation first (Weka's PropositionalToMultiInstance "
                                    "filter does the reverse)")
                         .arg(line)
                         .arg(a.name),
            line, charColumn(type.offset));
    } else {
        return error(QStringLiteral("Line %1: attribute \"%2\" has the unknown type %3 (expected numeric, integer, "
                                    "real, string, date or {values})")
                         .arg(line)
                         .arg(a.name, quotedValue(type.text)),
            line, charColumn(type.offset));
    }
    if (next < m_tokens.size()) {
        return error(
            QStringLiteral("Line %1: unexpected text after the type of attribute \"%2\"").arg(line).arg(a.name), line,
            charColumn(m_tokens[next].offset));
    }
    m_names.insert(a.name);
    m_attributes.push_back(std::move(a));
    return std::nullopt;
}

std::optional<Error> ArffParser::store(Attribute &a, const Token &t, qint64 column)
{
    const qint64 row = m_rows;
    if (t.kind == Token::Word && t.text == "?") {
        a.missing.setMissing(row);
        switch (a.kind) {
        case Attribute::Numeric: a.f64.push_back(std::nan("")); break;
        case Attribute::Integer: a.integral ? a.i64.push_back(0) : a.f64.push_back(std::nan("")); break;
        case Attribute::Nominal: a.codes.push_back(-1); break;
        case Attribute::String: a.offsets.push_back(qint64(a.text.size())); break;
        case Attribute::Date: a.i64.push_back(0); break;
        }
        return std::nullopt;
    }
    const std::string_view v = t.text;
    switch (a.kind) {
    case Attribute::Integer:
        if (a.integral) {
            qint64 n = 0;
            if (parseInferredInt64(v, n) == IntParse::Ok) {
                a.i64.push_back(n);
                return std::nullopt;
            }
        }
        [[fallthrough]];
    case Attribute::Numeric: {
        double d = 0;
        const DoubleParse parsed = parseDouble(v, '.', d);
        if (parsed == DoubleParse::Invalid) {
            return error(
                QStringLiteral("Line %1: %2 is not a number (attribute %3 \"%4\" is %5)")
                    .arg(m_lineNumber)
                    .arg(quotedValue(v))
                    .arg(column)
                    .arg(a.name, a.kind == Attribute::Integer ? QStringLiteral("integer") : QStringLiteral("numeric")),
                m_lineNumber, column);
        }
        if (a.kind == Attribute::Integer && a.integral) {
            a.integral = false;
            a.f64.reserve(a.i64.capacity());
            for (std::size_t r = 0; r < a.i64.size(); ++r)
                a.f64.push_back(a.missing.isMissing(qint64(r)) ? std::nan("") : double(a.i64[r]));
            a.i64 = {};
        }
        if (parsed == DoubleParse::OutOfRange) {
            if (m_text.outOfRange == CsvOptions::OutOfRange::Refuse) {
                return error(QStringLiteral("Line %1: %2 is beyond the range of a double (attribute \"%3\")")
                                 .arg(m_lineNumber)
                                 .arg(quotedValue(v), a.name),
                    m_lineNumber, column);
            }
            warn(LoadWarning::Kind::OutOfRange, m_lineNumber, column,
                QStringLiteral("%1 is beyond the range of a double; the cell is missing").arg(quotedValue(v)));
            a.missing.setMissing(row);
            d = std::nan("");
        } else if (parsed == DoubleParse::NotANumber) {
            warn(LoadWarning::Kind::NotANumber, m_lineNumber, column,
                QStringLiteral("%1 is not a number; the cell is missing").arg(quotedValue(v)));
            a.missing.setMissing(row);
        } else if (parsed == DoubleParse::Underflow) {
            warn(LoadWarning::Kind::Underflow, m_lineNumber, column,
                QStringLiteral("%1 is below the smallest double; stored as 0").arg(quotedValue(v)));
        }
        a.f64.push_back(d);
        return std::nullopt;
    }
    case Attribute::Nominal: {
        const auto it = a.index.find(v);
        if (it == a.index.end()) {
            QStringList shown = a.categories.mid(0, 10);
            for (QString &c : shown)
                c = QLatin1Char('"') + c + QLatin1Char('"');
            const QString list
                = shown.join(QStringLiteral(", ")) + (a.categories.size() > 10 ? QStringLiteral(", …") : QString());
            return error(QStringLiteral("Line %1: %2 is not a declared value of attribute %3 \"%4\" (line %5 declares "
                                        "{%6})")
                             .arg(m_lineNumber)
                             .arg(quotedValue(v))
                             .arg(column)
                             .arg(a.name)
                             .arg(a.line)
                             .arg(list),
                m_lineNumber, column);
        }
        a.codes.push_back(it->second);
        return std::nullopt;
    }
    case Attribute::String:
        a.text.append(v);
        a.offsets.push_back(qint64(a.text.size()));
        return std::nullopt;
    case Attribute::Date: {
        qint64 ms = 0;
        if (!a.pattern.parse(v, ms)) {
            return error(QStringLiteral("Line %1: %2 does not match the date format \"%3\" of attribute %4 \"%5\"")
                             .arg(m_lineNumber)
                             .arg(quotedValue(v), a.patternText)
                             .arg(column)
                             .arg(a.name),
                m_lineNumber, column);
        }
        a.i64.push_back(ms);
        return std::nullopt;
    }
    }
    return std::nullopt;
}

void ArffParser::storeDefault(Attribute &a)
{
    switch (a.kind) {
    case Attribute::Numeric: a.f64.push_back(0.0); break;
    case Attribute::Integer: a.integral ? a.i64.push_back(0) : a.f64.push_back(0.0); break;
    case Attribute::Nominal: a.codes.push_back(0); break;
    case Attribute::String: a.offsets.push_back(qint64(a.text.size())); break;
    case Attribute::Date: a.i64.push_back(0); break;
    }
}

std::optional<Error> ArffParser::parseWeight(std::size_t at, std::size_t &next)
{
    // m_tokens[at] is '{'
    const qint64 column = qint64(m_attributes.size()) + 1;
    if (at + 2 >= m_tokens.size() || m_tokens[at + 1].kind == Token::Open || m_tokens[at + 1].kind == Token::Close
        || m_tokens[at + 2].kind != Token::Close) {
        return error(QStringLiteral("Line %1: an instance weight is written {w}, one number in braces, at the end of "
                                    "the row")
                         .arg(m_lineNumber),
            m_lineNumber, column);
    }
    double w = 0;
    const std::string_view v = m_tokens[at + 1].text;
    if (parseDouble(v, '.', w) != DoubleParse::Ok || !std::isfinite(w) || w < 0) {
        return error(QStringLiteral("Line %1: the instance weight %2 is not a finite number >= 0")
                         .arg(m_lineNumber)
                         .arg(quotedValue(v)),
            m_lineNumber, column);
    }
    if (m_weights.empty())
        m_weights.assign(std::size_t(m_rows), 1.0);
    m_weights.push_back(w);
    next = at + 3;
    return std::nullopt;
}

std::optional<Error> ArffParser::parseDataLine()
{
    const auto n = m_attributes.size();
    std::size_t next = 0;
    if (m_tokens.front().kind == Token::Open) {
        // Sparse: {index value, index value, ...}
        std::size_t k = 1;
        qint64 previous = -1;
        std::size_t attr = 0;
        for (;;) {
            if (k >= m_tokens.size()) {
                return error(
                    QStringLiteral("Line %1: the sparse row has no closing '}'").arg(m_lineNumber), m_lineNumber, -1);
            }
            if (m_tokens[k].kind == Token::Close) {
                ++k;
                break;
            }
            const Token &indexToken = m_tokens[k];
            qint64 index = -1;
            if (indexToken.kind != Token::Word || parseInt64(indexToken.text, index) != IntParse::Ok) {
                return error(QStringLiteral("Line %1: expected a 0-based attribute index in the sparse row, found %2")
                                 .arg(m_lineNumber)
                                 .arg(quotedValue(indexToken.text)),
                    m_lineNumber, -1);
            }
            if (index < 0 || index >= qint64(n)) {
                return error(QStringLiteral("Line %1: sparse index %2 is out of range: the header declares %3 "
                                            "attributes (indices 0 to %4)")
                                 .arg(m_lineNumber)
                                 .arg(index)
                                 .arg(n)
                                 .arg(qint64(n) - 1),
                    m_lineNumber, -1);
            }
            if (index <= previous) {
                return error(QStringLiteral("Line %1: sparse index %2 follows index %3; indices must increase")
                                 .arg(m_lineNumber)
                                 .arg(index)
                                 .arg(previous),
                    m_lineNumber, index + 1);
            }
            if (k + 1 >= m_tokens.size() || m_tokens[k + 1].kind == Token::Open
                || m_tokens[k + 1].kind == Token::Close) {
                return error(QStringLiteral("Line %1: sparse index %2 has no value").arg(m_lineNumber).arg(index),
                    m_lineNumber, index + 1);
            }
            for (; attr < std::size_t(index); ++attr)
                storeDefault(m_attributes[attr]);
            if (auto failed = store(m_attributes[attr], m_tokens[k + 1], index + 1))
                return failed;
            ++attr;
            previous = index;
            k += 2;
        }
        for (; attr < n; ++attr)
            storeDefault(m_attributes[attr]);
        next = k;
    } else {
        std::size_t values = 0;
        while (
            values < m_tokens.size() && m_tokens[values].kind != Token::Open && m_tokens[values].kind != Token::Close)
            ++values;
        if (values != n) {
            return error(QStringLiteral("Line %1 has %2 values, but the header declares %3 attributes")
                             .arg(m_lineNumber)
                             .arg(values)
                             .arg(n),
                m_lineNumber, values > n ? qint64(n) + 1 : qint64(values) + 1);
        }
        for (std::size_t c = 0; c < n; ++c) {
            if (auto failed = store(m_attributes[c], m_tokens[c], qint64(c) + 1))
                return failed;
        }
        next = n;
    }
    if (next < m_tokens.size() && m_tokens[next].kind == Token::Open) {
        if (auto failed = parseWeight(next, next))
            return failed;
    } else if (!m_weights.empty()) {
        m_weights.push_back(1.0);
    }
    if (next < m_tokens.size()) {
        return error(
            QStringLiteral("Line %1: unexpected text after the row").arg(m_lineNumber), m_lineNumber, qint64(n) + 1);
    }
    ++m_rows;
    return std::nullopt;
}

Column ArffParser::finish(Attribute &a, ColumnReport &report)
{
    report.name = a.name;
    report.missing = a.missing.count();
    switch (a.kind) {
    case Attribute::Integer:
        if (a.integral) {
            report.type = ColumnType::Integer;
            return Column::integer(a.name, std::move(a.i64), std::move(a.missing));
        }
        report.type = ColumnType::Numeric;
        report.typeChangedFrom = columnTypeName(ColumnType::Integer);
        return Column::numeric(a.name, std::move(a.f64), std::move(a.missing));
    case Attribute::Numeric:
        report.type = ColumnType::Numeric;
        return Column::numeric(a.name, std::move(a.f64), std::move(a.missing));
    case Attribute::Nominal:
        report.type = ColumnType::Categorical;
        report.distinct = a.categories.size();
        return Column::categorical(a.name, std::move(a.codes), std::move(a.categories), std::move(a.missing));
    case Attribute::String:
        report.type = ColumnType::Text;
        return Column::text(a.name, std::move(a.text), std::move(a.offsets), std::move(a.missing));
    case Attribute::Date:
        report.type = ColumnType::DateTime;
        return Column::dateTime(a.name, std::move(a.i64), std::move(a.missing));
    }
    return {};
}

Base::Result<std::shared_ptr<const Dataset>> ArffParser::run(std::string_view raw)
{
    if (raw.empty())
        return error(QStringLiteral("The file is empty"), -1);
    std::string owned;
    auto decoded = decodeText(raw, m_text.encoding, m_text.invalidUtf8, m_name, m_progress.subrange(0.0, 0.05),
        ArffReader::cancelledMessage(), m_report, owned);
    if (!decoded)
        return decoded.error();
    const std::string_view text = decoded.value();
    const QString stage = QStringLiteral("Parsing");
    bool inData = false;
    qint64 nextCheck = kStride;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = pos;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r')
            ++end;
        m_line = text.substr(pos, end - pos);
        ++m_lineNumber;
        pos = end;
        if (pos < text.size()) {
            pos += text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n' ? 2 : 1;
        }
        if (qint64(pos) >= nextCheck) {
            nextCheck = qint64(pos) + kStride;
            m_progress.report(0.05 + 0.9 * double(pos) / double(text.size()), stage);
            if (m_progress.stopRequested())
                return error(ArffReader::cancelledMessage(), -1);
        }
        if (auto failed = tokenize(!inData))
            return *failed;
        if (m_tokens.empty())
            continue;
        if (!inData) {
            if (auto failed = parseHeaderLine(inData))
                return *failed;
            continue;
        }
        if (auto failed = parseDataLine())
            return *failed;
        if (m_text.maxRows >= 0 && m_rows >= m_text.maxRows)
            break;
    }
    if (!inData) {
        if (!m_seenRelation)
            return error(QStringLiteral("This is not an ARFF file: it has no @relation line"), -1);
        return error(QStringLiteral("The header never reaches @data (the file ends at line %1)").arg(m_lineNumber),
            m_lineNumber);
    }
    m_progress.report(0.95, QStringLiteral("Building columns"));
    DatasetBuilder builder;
    builder.reserveColumns(qsizetype(m_attributes.size()) + 1);
    for (Attribute &a : m_attributes) {
        ColumnReport columnReport;
        builder.addColumn(finish(a, columnReport));
        m_report.columnReports.append(columnReport);
        a = Attribute();
    }
    if (!m_weights.empty()) {
        m_weights.resize(std::size_t(m_rows), 1.0);
        QString name = m_options.weightColumn;
        for (int k = 2; m_names.contains(name); ++k)
            name = QStringLiteral("%1_%2").arg(m_options.weightColumn).arg(k);
        ColumnReport columnReport;
        columnReport.name = name;
        columnReport.type = ColumnType::Numeric;
        m_report.columnReports.append(columnReport);
        builder.addColumn(Column::numeric(name, std::move(m_weights)));
    }
    m_report.rows = m_rows;
    m_report.columns = builder.columnCount();
    m_report.hasHeader = true;
    auto built = builder.build();
    if (!built)
        return error(built.error().message, -1);
    m_progress.report(1.0, QStringLiteral("Done"));
    return built;
}

Base::Result<LoadedDataset> readView(std::string_view bytes, const QString &name, qint64 fileSize,
    const CsvOptions &text, const ArffOptions &options, const Base::Progress &progress)
{
    return loadText(bytes, name, fileSize, progress, ArffReader::cancelledMessage(), text.encoding,
        [&](std::string_view inflated, const Base::Progress &parseProgress, LoadReport &report) {
            return ArffParser(name, text, options, parseProgress, report).run(inflated);
        });
}

} // namespace

QString ArffReader::cancelledMessage()
{
    return CsvReader::cancelledMessage();
}

Base::Result<LoadedDataset> ArffReader::read(const QString &path)
{
    Base::NullProgressSink sink;
    return read(path, {}, {}, Base::Progress(sink));
}

Base::Result<LoadedDataset> ArffReader::read(
    const QString &path, const CsvOptions &text, const ArffOptions &options, const Base::Progress &progress)
{
    auto file = FileBytes::open(path);
    if (!file)
        return file.error();
    return readView(file->bytes(), path, file->size(), text, options, progress);
}

Base::Result<LoadedDataset> ArffReader::readBytes(QByteArrayView bytes, const QString &name, const CsvOptions &text,
    const ArffOptions &options, const Base::Progress &progress)
{
    return readView(
        std::string_view(bytes.data(), std::size_t(bytes.size())), name, bytes.size(), text, options, progress);
}

} // namespace Tandem::Data
