// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/CsvReader.h"

#include "core/data/CellParsing.h"
#include "core/data/ReaderInput.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

// How the reader works
// --------------------
// The input is UTF-8 in a Detail::TextSource: a file that is UTF-8 already is
// mapped one window at a time (each chunk maps its own stretch and unmaps it when
// done, so a large file's pages do not all stay resident), anything decoded or
// inflated is one buffer in memory. Positions are byte offsets into the text;
// cells are std::string_view over a window; only text cells are ever copied.
//
// The header (or first row) is read first; it fixes the field count and the
// column names. The data rows after it are cut into chunks at arbitrary byte
// offsets, and pass 1 parses every chunk at once on CsvOptions::threads threads.
// A chunk starts at the first line start after its cut: a guess, wrong only when
// the cut falls inside a quoted field that holds a line break. Chunks are then
// checked in order (each must start where the one before it stopped) and a
// wrong one is parsed again from the right place, so every record is read from
// a true record start. Lines are counted relative to a chunk's start and moved
// once the chunk before it is known, so messages keep exact physical lines.
//
// Within a chunk, each column holds a set of still-possible types (boolean,
// integer, numeric, datetime) and stores its values speculatively in the typed
// vector of the current best type, so a numeric column is parsed exactly once.
// Integer -> numeric is a lossless promotion (an int64 converted to double is the
// correctly rounded value of the same decimal; "-0" is never inferred as an
// integer, as its sign would be lost). Any other misfit makes the
// column text there, and its typed values are dropped. Merging meets the
// chunks' type sets; the mask changes each chunk recorded (with their cells)
// give the first cell of the file that made a column text, as one sequential
// pass would. Pass 2 runs only if some column ended as text or categorical: it
// re-tokenizes the kept records of every chunk (their byte offsets were saved in
// pass 1; each chunk maps its stretch again), in parallel, and the chunks'
// dictionaries are merged.
//
// Warnings that depend on a column's final type (out of range, underflow, ...)
// wait in the column until pass 1 ends, so a column that turns into text does
// not report numeric problems. The report keeps the first maxWarnings warnings
// by position, whatever order the threads produced them in: the Dataset and the
// report are the same for any thread count and chunk size.

namespace Tandem::Data {

using Base::Error;
using namespace Detail;

namespace {

// Progress and stop checks, in bytes parsed by one thread: every thread polls the
// stop flag this often; the calling thread also reports the progress of all.
constexpr qint64 kStride = qint64(1) << 18;
constexpr qint64 kSniffBytes = 64 * 1024;
constexpr int kSniffRecords = 100;
constexpr int kHeaderSampleRecords = 200;
// The largest parse chunk, and so the largest window of a file mapped per thread.
constexpr qint64 kMaxChunkBytes = qint64(32) << 20;
// Runs of whitespace are taken as the delimiter only when this share of the
// sampled records (at least two) has the same field count.
constexpr double kWhitespaceConsistency = 0.9;
// Header detection reads at most this much (the records wholly inside it).
constexpr qint64 kHeaderSampleBytes = qint64(1) << 20;
// The first record is read from a window this large, grown while the record fills it.
constexpr qint64 kFirstRecordWindow = qint64(1) << 20;
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

    /// `firstLine` numbers the line at `begin` (chunks count from 0, relative).
    /// With `whitespace`, fields are separated by runs of spaces and tabs and
    /// those at the start and end of a line are ignored (pandas' sep=r"\s+"); a
    /// line of nothing else is blank. `delimiter` is then ' '.
    Tokenizer(
        const char *begin, const char *end, char delimiter, char quote, qint64 firstLine = 1, bool whitespace = false)
        : m_p(begin)
        , m_end(end)
        , m_delimiter(whitespace ? ' ' : delimiter)
        , m_quote(quote)
        , m_line(firstLine)
        , m_recordLine(firstLine)
        , m_openLine(firstLine)
        , m_whitespace(whitespace)
    {
        m_splatDelimiter = kOnes * static_cast<unsigned char>(m_delimiter);
        m_splatQuote = kOnes * static_cast<unsigned char>(quote);
        m_special.fill(false);
        m_special[static_cast<unsigned char>(m_delimiter)] = true;
        m_special[static_cast<unsigned char>(quote)] = true;
        m_special['\n'] = true;
        m_special['\r'] = true;
        if (whitespace)
            m_special['\t'] = true;
    }

    void seek(const char *p) { m_p = p; }
    /// FieldFlag bits of any field of the last record (0: no quote trouble in it).
    quint8 recordFlags() const { return m_recordFlags; }
    const char *pos() const { return m_p; }
    qint64 line() const { return m_line; }
    qint64 recordLine() const { return m_recordLine; }
    const char *recordStart() const { return m_recordStart; }
    qint64 openQuoteLine() const { return m_openLine; }

    Status next(std::vector<Field> &fields)
    {
        return m_whitespace ? nextRecord<true>(fields) : nextRecord<false>(fields);
    }

private:
    // The record loop, compiled once per mode so that a comma file pays nothing
    // for whitespace handling in its inner loops.
    template<bool Whitespace> Status nextRecord(std::vector<Field> &fields)
    {
        fields.clear();
        m_recordFlags = 0;
        m_recordStart = m_p;
        m_recordLine = m_line;
        if constexpr (Whitespace) {
            skipBlanks();
            if (m_p == m_end && m_p != m_recordStart) {
                ++m_line; // spaces after the last line break
                return Status::Blank;
            }
        }
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
                if (m_p < m_end && !isDelimiter<Whitespace>(*m_p) && *m_p != '\n' && *m_p != '\r') {
                    f.flags |= AfterQuote | Unescape;
                    while (m_p < m_end && !isDelimiter<Whitespace>(*m_p) && *m_p != '\n' && *m_p != '\r')
                        ++m_p;
                    f.end = m_p;
                }
            } else {
                for (;;) {
                    m_p = skipPlain<Whitespace>(m_p);
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
            m_recordFlags |= f.flags;
            if (m_p == m_end) {
                ++m_line;
                return Status::Record;
            }
            if (isDelimiter<Whitespace>(*m_p)) {
                if constexpr (!Whitespace) {
                    ++m_p;
                    continue;
                }
                skipBlanks(); // a run separates two fields, or ends the line
                if (m_p == m_end) {
                    ++m_line;
                    return Status::Record;
                }
                if (*m_p != '\n' && *m_p != '\r')
                    continue;
            }
            endLine();
            return Status::Record;
        }
    }

    static constexpr quint64 kOnes = 0x0101010101010101ULL;
    static constexpr quint64 kHighs = 0x8080808080808080ULL;
    static quint64 zeroBytes(quint64 v) { return (v - kOnes) & ~v & kHighs; }

    template<bool Whitespace> bool isDelimiter(char c) const { return c == m_delimiter || (Whitespace && c == '\t'); }
    void skipBlanks()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t'))
            ++m_p;
    }

    /// The first byte at or after `p` that is a delimiter, quote or line break
    /// (or m_end). Eight bytes at a time (SWAR): a byte equal to c is a zero byte
    /// of word ^ (c * 0x01..01), and (v - 0x01..01) & ~v & 0x80..80 marks the
    /// lowest zero byte of v exactly (bits above it may be false alarms, never below).
    template<bool Whitespace> const char *skipPlain(const char *p) const
    {
        while (m_end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            quint64 hits = zeroBytes(word ^ m_splatDelimiter) | zeroBytes(word ^ m_splatQuote)
                | zeroBytes(word ^ (kOnes * '\n')) | zeroBytes(word ^ (kOnes * '\r'));
            if constexpr (Whitespace)
                hits |= zeroBytes(word ^ (kOnes * '\t'));
            if (hits != 0) {
                if constexpr (std::endian::native == std::endian::little)
                    return p + std::countr_zero(hits) / 8;
                break; // big-endian: the bytewise loop below finds it
            }
            p += 8;
        }
        while (p < m_end && !m_special[static_cast<unsigned char>(*p)])
            ++p;
        return p;
    }

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
    qint64 m_line;
    qint64 m_recordLine;
    qint64 m_openLine;
    std::array<bool, 256> m_special {};
    quint64 m_splatDelimiter = 0;
    quint64 m_splatQuote = 0;
    quint8 m_recordFlags = 0;
    bool m_whitespace = false;
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

bool warningBefore(const LoadWarning &a, const LoadWarning &b)
{
    if (a.line != b.line)
        return a.line < b.line;
    if (a.column != b.column)
        return a.column < b.column;
    return a.kind < b.kind;
}

/// The first `cap` warnings of a stream by (line, column, kind), and how many the
/// stream held. Keeping the first ones by position, not by arrival, makes the kept
/// set the same however the file was cut into chunks.
class WarningList
{
public:
    explicit WarningList(qsizetype cap = 0) : m_cap(std::max<qsizetype>(cap, 0)) { }

    void add(LoadWarning warning)
    {
        ++m_total;
        if (m_cap == 0)
            return;
        m_kept.push_back(std::move(warning));
        if (qsizetype(m_kept.size()) >= 2 * m_cap + 64)
            trim();
    }
    /// Takes `other`'s warnings with their lines moved by `lineBase` (lines are
    /// relative to a chunk's first line; unknown lines stay -1).
    void take(WarningList &other, qint64 lineBase)
    {
        for (LoadWarning &w : other.m_kept) {
            if (w.line >= 0)
                w.line += lineBase;
            m_kept.push_back(std::move(w));
            if (qsizetype(m_kept.size()) >= 2 * m_cap + 64)
                trim();
        }
        m_total += other.m_total;
        other = WarningList(other.m_cap);
    }
    qint64 total() const { return m_total; }
    /// The kept warnings in order; the list is left empty.
    QList<LoadWarning> takeSorted()
    {
        trim();
        std::sort(m_kept.begin(), m_kept.end(), warningBefore);
        QList<LoadWarning> out;
        out.reserve(qsizetype(m_kept.size()));
        for (LoadWarning &w : m_kept)
            out.append(std::move(w));
        m_kept.clear();
        return out;
    }

private:
    void trim()
    {
        if (qsizetype(m_kept.size()) <= m_cap)
            return;
        std::nth_element(m_kept.begin(), m_kept.begin() + m_cap, m_kept.end(), warningBefore);
        m_kept.resize(std::size_t(m_cap));
    }

    qsizetype m_cap;
    std::vector<LoadWarning> m_kept;
    qint64 m_total = 0;
};

/// A column type forced by CsvOptions::columnTypes.
enum class Forced : quint8 { None, Numeric, Integer, Boolean, DateTime, Categorical, Text };

Forced forcedOf(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric: return Forced::Numeric;
    case ColumnType::Integer: return Forced::Integer;
    case ColumnType::Boolean: return Forced::Boolean;
    case ColumnType::DateTime: return Forced::DateTime;
    case ColumnType::Categorical: return Forced::Categorical;
    case ColumnType::Text: return Forced::Text;
    }
    return Forced::None;
}

/// The type mask a forced column keeps from its first cell to its last.
quint8 maskOf(Forced forced)
{
    switch (forced) {
    case Forced::None: return TAll;
    case Forced::Numeric: return TNum;
    case Forced::Integer: return TInt | TNum;
    case Forced::Boolean: return TBool;
    case Forced::DateTime: return TDate;
    case Forced::Categorical:
    case Forced::Text: return 0;
    }
    return TAll;
}

/// A change of a column's type mask inside one chunk, at the cell that caused it.
/// Merging chunks finds, from these, the first cell of the file that made the
/// column text, as a single pass over the whole file would.
struct Transition {
    quint8 maskAfter;
    qint64 line; ///< relative to the chunk
    qint64 column;
    std::string value; ///< the cell as read (untrimmed)
    qint64 typedBefore; ///< typed cells of the chunk before this one
};

/// One column's values in one chunk, stored speculatively in the typed vector of
/// the narrowest type that fits every cell seen so far (pass 1).
struct ColumnPart {
    quint8 mask = TAll;
    Forced forced = Forced::None;
    qint64 typed = 0;
    std::vector<double> f64;
    std::vector<qint64> i64; // integer or datetime
    std::vector<quint8> b8;
    MissingMask missing; // rows of the chunk
    std::vector<Transition> transitions;
    // Warnings that stand only if the column ends with a type of this chunk's
    // kind (not text); integer overflows only if it could still be integer
    // before the chunk. Lines are relative to the chunk.
    WarningList pending;
    WarningList overflow;
    std::optional<Error> refusal;
};

/// One text or categorical column's values in one chunk (pass 2).
struct TextPart {
    std::string text;
    std::vector<qint64> ends; // end offset of each row's bytes in `text`
    std::vector<qint32> codes; // local codes into `dictionary`, -1 for missing
    std::unordered_map<std::string, qint32, ViewHash, std::equal_to<>> dictionary;
    bool dictionaryFull = false;
};

/// Why a chunk stopped short: a quoted field never closed, or a ragged row
/// (when those are refused). Lines are relative to the chunk.
struct ChunkError {
    bool unterminated = false;
    qint64 line = -1;
    qint64 column = -1;
    qint64 fields = 0;
};

struct BlankRun {
    qint64 line = -1; ///< relative to the chunk
    qint64 count = 0;
};

/// A stretch of the data rows, parsed on its own. Records that start before
/// `limit` belong to it; the last one may end past it.
struct Chunk {
    // Byte offsets into the text.
    qint64 cut = 0; ///< where the plan cut the text; the chunk starts at the first line start from here
    qint64 start = -1; ///< where parsing began (a guess unless verified; -1: no line start found)
    qint64 limit = 0;
    qint64 stop = 0; ///< where the next record starts, after parsing
    qint64 lines = 0; ///< line breaks consumed from `start` to `stop`
    qint64 rows = 0;
    qint64 records = 0; ///< non-blank records, skipped ragged ones included
    qint64 skippedRows = 0;
    bool overrun = false; ///< a record ran past the scan window: parse again, unbounded
    bool leadingBlankTerminated = false;
    BlankRun leadingBlank; ///< blank lines before the chunk's first record
    BlankRun trailingBlank; ///< blank lines after its last record
    std::vector<qint64> recordOffsets; // from the start of the text
    /// The line each row starts on, relative to the chunk (kept for streamed batches only).
    std::vector<qint64> recordLines;
    qint64 maxRows = -1; ///< stop after this many rows (-1: no limit)
    std::vector<ColumnPart> columns;
    std::vector<TextPart> texts; // pass 2, one per text column
    WarningList warnings;
    std::optional<ChunkError> error;
    qint64 lineBase = 0; ///< the file's line number of `start`, once verified
    qint64 rowBase = 0;
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

/// Progress and stop across the threads of one parallel step. Workers add the
/// bytes they have done; only the calling thread talks to the Progress (sinks
/// need not be thread-safe), so the reported fraction only grows.
class SharedProgress
{
public:
    SharedProgress(const Base::Progress &progress, double begin, double end, qint64 total, QString stage)
        : m_progress(progress)
        , m_begin(begin)
        , m_span(end - begin)
        , m_total(std::max<qint64>(total, 1))
        , m_stage(std::move(stage))
    { }
    void advance(qint64 bytes) { m_done.fetch_add(bytes, std::memory_order_relaxed); }
    bool stopped() const { return m_stop.load(std::memory_order_relaxed); }
    void stop() { m_stop.store(true); }
    /// Caller's thread only: reports, polls the sink; true means "stop now".
    bool tick()
    {
        if (stopped())
            return true;
        const double done = std::min(1.0, double(m_done.load(std::memory_order_relaxed)) / double(m_total));
        m_progress.report(m_begin + m_span * done, m_stage);
        if (m_progress.stopRequested())
            stop();
        return stopped();
    }

private:
    const Base::Progress &m_progress;
    double m_begin;
    double m_span;
    qint64 m_total;
    QString m_stage;
    std::atomic<qint64> m_done {0};
    std::atomic<bool> m_stop {false};
};

/// Runs task(index, onCaller) for every index in [0, count) on at most `threads`
/// threads: the caller's and threads - 1 of its own (never a shared pool, so
/// nothing waits on work queued behind it). While the helpers finish, the caller
/// reports progress and relays a stop request. An exception in a task stops the
/// others and is rethrown on the caller's thread.
template<typename Task> void runTasks(int threads, std::size_t count, SharedProgress &shared, Task task)
{
    std::atomic<std::size_t> next {0};
    std::exception_ptr failure;
    std::mutex mutex;
    std::condition_variable finished;
    auto work = [&](bool onCaller) {
        try {
            for (std::size_t i = next++; i < count && !shared.stopped(); i = next++)
                task(i, onCaller);
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure)
                failure = std::current_exception();
            shared.stop();
        }
    };
    const auto helpers = std::size_t(std::max(0, threads - 1));
    std::size_t running = std::min(helpers, count > 0 ? count - 1 : 0);
    std::vector<std::thread> pool;
    pool.reserve(running);
    for (std::size_t h = pool.capacity(); h > 0; --h) {
        pool.emplace_back([&] {
            work(false);
            const std::lock_guard lock(mutex);
            --running;
            finished.notify_one();
        });
    }
    work(true);
    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            finished.wait_for(lock, std::chrono::milliseconds(50));
            lock.unlock();
            (void)shared.tick();
            lock.lock();
        }
    }
    for (std::thread &t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

void appendMissing(MissingMask &to, const MissingMask &from, qint64 rowBase)
{
    const std::vector<quint64> &words = from.words();
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (quint64 bits = words[w]; bits != 0; bits &= bits - 1)
            to.setMissing(rowBase + qint64(w) * 64 + std::countr_zero(bits));
    }
}

class CsvParser
{
public:
    CsvParser(QString name, const CsvOptions &options, const Base::Progress &progress, LoadReport &report)
        : m_name(std::move(name))
        , m_options(options)
        , m_progress(progress)
        , m_report(report)
        , m_warnings(options.maxWarnings)
    {
        m_decimal = options.decimalComma ? ',' : '.';
        for (const QString &token : options.naTokens) {
            m_naTokens.push_back(token.toUtf8().toStdString());
            const std::size_t size = m_naTokens.back().size();
            m_naLengths |= size < 64 ? quint64(1) << size : quint64(1) << 63;
        }
        m_threads = options.threads > 0 ? options.threads : std::max(1, QThread::idealThreadCount());
    }

    /// Parses `text` (UTF-8, without BOM).
    Base::Result<std::shared_ptr<const Dataset>> run(const TextSource &text);

    /// Streaming (CsvStream): reads what comes before the data rows of `text` —
    /// skipped lines, delimiter, header, names — as run() does first.
    std::optional<Error> readHead(const TextSource &text);
    /// Then the next at most `maxRows` rows after the last batch, as a Dataset of
    /// their own (types inferred over the batch unless forced), with the line each
    /// row starts on in `lines`. Holds nothing of earlier batches; an empty Dataset
    /// (no rows) once the text is done.
    Base::Result<std::shared_ptr<const Dataset>> nextBatch(qint64 maxRows, std::vector<qint64> &lines);
    bool atEnd() const { return m_streamPos >= m_text.size(); }
    const QStringList &names() const { return m_names; }
    /// The share of the text before the next batch, and the line of the header (or first row).
    double fractionRead() const { return m_text.size() > 0 ? double(m_streamPos) / double(m_text.size()) : 1.0; }
    qint64 firstLine() const { return m_firstLine; }
    /// Forces column types by name (CsvOptions::columnTypes), replacing the
    /// options' own; a name that is not a column is an error.
    std::optional<Error> applyColumnTypes(const QHash<QString, ColumnType> &types);

private:
    Error error(const QString &message, qint64 line = -1, qint64 column = -1) const
    {
        return Error(message, m_name, line, column);
    }
    Error cancelled() const { return error(CsvReader::cancelledMessage()); }
    void warn(LoadWarning::Kind kind, qint64 line, qint64 column, QString message)
    {
        m_warnings.add(LoadWarning {kind, line, column, std::move(message)});
    }
    bool isNa(std::string_view v) const
    {
        // Most cells differ in length from every NA token: one bit test.
        if (((m_naLengths >> std::min<std::size_t>(v.size(), 63)) & 1) == 0)
            return false;
        for (const std::string &token : m_naTokens) {
            if (token.size() == v.size() && std::memcmp(token.data(), v.data(), v.size()) == 0)
                return true;
        }
        return false;
    }
    /// -1 for an NA cell, else the set of types the cell fits (0: text only).
    int classify(std::string_view raw) const;

    struct Sniffed {
        char delimiter;
        bool whitespace;
    };
    Sniffed sniffDelimiter() const;
    bool looksLikeCountLine(const std::vector<Field> &fields) const;
    bool detectHeader() const;
    /// Skips CsvOptions::skipLines physical lines: the text and line numbers start after them.
    std::optional<Error> skipLines();
    std::optional<Error> resolveNames(qint64 firstLine);
    /// The error of a chunk that stopped short; its lines count from `lineBase`.
    Error chunkFailure(const ChunkError &e, qint64 lineBase) const;
    /// Pass 1's chunks, parsed and placed (lineBase, rowBase, m_rows), into the
    /// Dataset: the columns' types, their warnings, pass 2, the report.
    Base::Result<std::shared_ptr<const Dataset>> buildDataset();
    std::vector<Chunk> planChunks(qint64 dataStart) const;
    void parseChunk(Chunk &chunk, qint64 scanEnd, SharedProgress &shared, bool onCaller) const;
    void collectChunkText(
        Chunk &chunk, const std::vector<std::size_t> &textColumns, SharedProgress &shared, bool onCaller) const;
    void addQuoteWarnings(WarningList &warnings, const std::vector<Field> &fields) const;
    void cell(ColumnPart &s, qint64 row, std::string_view raw, qint64 line, qint64 column, std::size_t reserve) const;
    void storeDouble(ColumnPart &s, qint64 row, DoubleParse parsed, double value, std::string_view text, qint64 line,
        qint64 column, bool fromIntegerOverflow) const;
    void forcedCell(ColumnPart &s, qint64 row, std::string_view value, qint64 line, qint64 column) const;
    void changeMask(ColumnPart &s, quint8 mask, std::string_view raw, qint64 line, qint64 column) const;
    Column typedColumn(std::size_t c, quint8 mask, ColumnReport &report);
    Column textColumn(std::size_t c, std::size_t textIndex, ColumnReport &report);

    QString m_name;
    const CsvOptions &m_options;
    const Base::Progress &m_progress;
    LoadReport &m_report;
    WarningList m_warnings;
    char m_decimal = '.';
    char m_delimiter = ',';
    bool m_whitespace = false; // fields separated by runs of spaces and tabs
    qint64 m_lineBase = 1; // the file's line number of the text's first line (after skipped lines)
    int m_threads = 1;
    std::vector<std::string> m_naTokens;
    quint64 m_naLengths = 0; // bit n: some NA token has n bytes (63: 63 or more)

    TextSource m_text; // UTF-8, without BOM
    QStringList m_names;
    std::vector<Forced> m_forced;
    qint64 m_expected = 0; // fields per record
    qint64 m_firstLine = 1;
    qint64 m_dataStart = 0; // offset of the first data row
    qint64 m_dataLine = 1; // and its line
    bool m_countLine = false; // the first line reads as a count line
    qint64 m_rows = 0;
    std::vector<Chunk> m_chunks;

    // Streaming: where the next batch starts, its line, and the bytes a batch's
    // window spans (grown when a batch does not fit, guessed from the last batch).
    bool m_keepRecordLines = false;
    qint64 m_streamPos = 0;
    qint64 m_streamLine = 1;
    qint64 m_streamWindow = 0;
    bool m_firstBatch = true;
};

int CsvParser::classify(std::string_view raw) const
{
    const std::string_view v = trimmed(raw);
    if (isNa(v))
        return -1;
    qint64 i = 0;
    const IntParse ip = parseInferredInt64(v, i);
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

bool CsvParser::looksLikeCountLine(const std::vector<Field> &fields) const
{
    // scikit-learn's "150,4,setosa,versicolor,virginica", "506,13,,,,": two counts,
    // then class names or nothing, and no other number.
    if (fields.size() < 2)
        return false;
    std::string scratch;
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::string_view v = trimmed(fieldValue(fields[c], scratch, m_options.quote));
        qint64 n = 0;
        if (c < 2) {
            if (parseInt64(v, n) != IntParse::Ok || n < 0)
                return false;
        } else if (!v.empty() && classify(v) > 0 && (classify(v) & TNum)) {
            return false;
        }
    }
    return true;
}

std::optional<Error> CsvParser::skipLines()
{
    const qint64 want = m_options.skipLines;
    if (want <= 0)
        return std::nullopt;
    const qint64 end = m_text.size();
    for (qint64 span = std::min(end, kSniffBytes);; span = std::min(end, span * 4)) {
        const TextSource::Window window = m_text.window(0, span);
        const char *p = window.begin();
        const char *stop = window.end();
        qint64 lines = 0;
        while (p < stop && lines < want) {
            const char *q = p;
            while (q < stop && *q != '\n' && *q != '\r')
                ++q;
            if (q == stop || (*q == '\r' && q + 1 == stop && span < end))
                break; // the line (or its CRLF) may go on past the window
            p = q + (*q == '\r' && q + 1 < stop && q[1] == '\n' ? 2 : 1);
            ++lines;
        }
        if (lines < want && span < end)
            continue;
        if (lines < want || p == stop) {
            return error(QStringLiteral("Nothing is left to read after skipping %1: the file has no more lines")
                             .arg(want == 1 ? QStringLiteral("line 1") : QStringLiteral("lines 1 to %1").arg(want)));
        }
        m_text = m_text.mid(window.offsetOf(p));
        m_lineBase = 1 + want;
        return std::nullopt;
    }
}

CsvParser::Sniffed CsvParser::sniffDelimiter() const
{
    const TextSource::Window window = m_text.window(0, kSniffBytes);
    const std::string_view sample = window.bytes();
    const bool truncated = qint64(sample.size()) < m_text.size();
    std::vector<char> candidates = {',', ';', '\t', '|'};
    const QString suffix = QFileInfo(m_name).fileName().toLower();
    if (suffix.endsWith(QStringLiteral(".tsv")) || suffix.endsWith(QStringLiteral(".tsv.gz"))
        || suffix.endsWith(QStringLiteral(".tab")))
        candidates = {'\t', ',', ';', '|'};
    else if (m_options.decimalComma)
        candidates = {';', '\t', '|', ','};
    Sniffed best {candidates.front(), false};
    double bestScore = 0.0;
    std::vector<Field> fields;
    // Runs of whitespace come last, and only when no byte gives a field count above one:
    // a file whose fields are separated by spaces has none of the others, and one
    // that has them is not read as whitespace-separated because its values hold spaces.
    std::vector<Sniffed> tries;
    for (const char d : candidates)
        tries.push_back({d, false});
    tries.push_back({' ', true});
    for (const Sniffed &candidate : tries) {
        if (candidate.whitespace && bestScore > 0.0)
            break;
        Tokenizer tok(sample.data(), sample.data() + sample.size(), candidate.delimiter, m_options.quote, 1,
            candidate.whitespace);
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
        if (candidate.whitespace && (score < kWhitespaceConsistency || counts.size() < 2))
            continue;
        if (score > bestScore + 1e-9) {
            bestScore = score;
            best = candidate;
        }
    }
    return best;
}

bool CsvParser::detectHeader() const
{
    // A sample from the start; a record that reaches its end may be cut short, and
    // ends the sample (as it would in memory: the rule must not depend on the source).
    const TextSource::Window window = m_text.window(0, kHeaderSampleBytes);
    const bool truncated = qint64(window.bytes().size()) < m_text.size();
    Tokenizer tok(window.begin(), window.end(), m_delimiter, m_options.quote, m_lineBase, m_whitespace);
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
        if (truncated && tok.pos() == window.end())
            break;
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
        if (tok.pos() - window.begin() > 4 * kSniffBytes)
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

void CsvParser::addQuoteWarnings(WarningList &warnings, const std::vector<Field> &fields) const
{
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const Field &f = fields[c];
        if (f.flags & StrayQuote) {
            warnings.add(LoadWarning {LoadWarning::Kind::StrayQuote, f.line, qint64(c) + 1,
                QStringLiteral("A quote inside an unquoted field is kept as a literal character")});
        }
        if (f.flags & AfterQuote) {
            warnings.add(LoadWarning {LoadWarning::Kind::TextAfterQuote, f.line, qint64(c) + 1,
                QStringLiteral("Characters after the closing quote are kept as part of the value")});
        }
    }
}

void CsvParser::changeMask(ColumnPart &s, quint8 mask, std::string_view raw, qint64 line, qint64 column) const
{
    s.transitions.push_back(Transition {mask, line, column, std::string(raw), s.typed});
    s.mask = mask;
    if (mask == 0) {
        // Text: the typed values and their warnings are moot; pass 2 reads the cells again.
        s.f64 = {};
        s.i64 = {};
        s.b8 = {};
        s.missing = {};
        s.pending = WarningList();
        s.overflow = WarningList();
        s.refusal.reset();
    }
}

void CsvParser::storeDouble(ColumnPart &s, qint64 row, DoubleParse parsed, double value, std::string_view text,
    qint64 line, qint64 column, bool fromIntegerOverflow) const
{
    switch (parsed) {
    case DoubleParse::Ok:
    case DoubleParse::Underflow:
        s.f64.push_back(value);
        ++s.typed;
        if (parsed == DoubleParse::Underflow) {
            s.pending.add(LoadWarning {LoadWarning::Kind::Underflow, line, column,
                QStringLiteral("%1 is below the smallest double (4.9e-324) and is stored as 0")
                    .arg(quotedValue(text))});
        }
        if (fromIntegerOverflow) {
            s.overflow.add(LoadWarning {LoadWarning::Kind::IntegerOverflow, line, column,
                QStringLiteral("%1 does not fit in a 64-bit integer: the column is read as numeric (double), "
                               "where this value is %2")
                    .arg(quotedValue(text))
                    .arg(QString::number(value, 'g', 17))});
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
            s.pending.add(LoadWarning {LoadWarning::Kind::OutOfRange, line, column,
                message + QStringLiteral("; the cell is read as missing")});
        }
        return;
    }
    case DoubleParse::NotANumber:
        s.f64.push_back(std::numeric_limits<double>::quiet_NaN());
        s.missing.setMissing(row);
        s.pending.add(LoadWarning {LoadWarning::Kind::NotANumber, line, column,
            QStringLiteral("%1 is not an NA token but spells NaN; the cell is read as missing")
                .arg(quotedValue(text))});
        return;
    case DoubleParse::Invalid: break;
    }
}

void CsvParser::forcedCell(ColumnPart &s, qint64 row, std::string_view v, qint64 line, qint64 column) const
{
    qint64 i = 0;
    bool b = false;
    double d = 0;
    switch (s.forced) {
    case Forced::Numeric: {
        const DoubleParse dp = parseDouble(v, m_decimal, d);
        if (dp != DoubleParse::Invalid) {
            storeDouble(s, row, dp, d, v, line, column, false);
            return;
        }
        s.f64.push_back(std::numeric_limits<double>::quiet_NaN());
        break;
    }
    case Forced::Integer:
        if (parseInt64(v, i) == IntParse::Ok) {
            s.i64.push_back(i);
            return;
        }
        s.i64.push_back(0);
        break;
    case Forced::Boolean:
        if (parseBoolean(v, b)) {
            s.b8.push_back(b ? 1 : 0);
            return;
        }
        s.b8.push_back(0);
        break;
    case Forced::DateTime:
        if (parseIsoDateTime(v, i)) {
            s.i64.push_back(i);
            return;
        }
        s.i64.push_back(0);
        break;
    default: return;
    }
    s.missing.setMissing(row);
    s.pending.add(LoadWarning {LoadWarning::Kind::ForcedTypeMismatch, line, column,
        QStringLiteral("%1 is not %2 (the type chosen for this column); the cell is read as missing")
            .arg(quotedValue(v), typeNameOfMask(s.mask))});
}

void CsvParser::cell(
    ColumnPart &s, qint64 row, std::string_view raw, qint64 line, qint64 column, std::size_t reserve) const
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
    if (s.forced != Forced::None) {
        forcedCell(s, row, v, line, column);
        return;
    }
    qint64 i = 0;
    double d = 0;
    bool b = false;
    switch (s.mask) {
    case TInt | TNum: {
        const IntParse ip = parseInferredInt64(v, i);
        if (ip == IntParse::Ok) {
            s.i64.push_back(i);
            ++s.typed;
            return;
        }
        const DoubleParse dp = parseDouble(v, m_decimal, d);
        if (dp == DoubleParse::Invalid) {
            changeMask(s, 0, raw, line, column);
            return;
        }
        // Promote: every int64 converts to the correctly rounded double of its decimal.
        s.f64.reserve(s.i64.capacity());
        s.f64.resize(s.i64.size());
        for (std::size_t k = 0; k < s.i64.size(); ++k)
            s.f64[k] = s.missing.isMissing(qint64(k)) ? std::numeric_limits<double>::quiet_NaN() : double(s.i64[k]);
        s.i64 = {};
        changeMask(s, TNum, raw, line, column);
        storeDouble(s, row, dp, d, v, line, column, ip == IntParse::Overflow);
        return;
    }
    case TNum: {
        const DoubleParse dp = parseDouble(v, m_decimal, d);
        if (dp == DoubleParse::Ok) {
            s.f64.push_back(d);
            ++s.typed;
            return;
        }
        if (dp == DoubleParse::Invalid)
            changeMask(s, 0, raw, line, column);
        else
            storeDouble(s, row, dp, d, v, line, column, false);
        return;
    }
    case TBool:
        if (parseBoolean(v, b)) {
            s.b8.push_back(b ? 1 : 0);
            ++s.typed;
        } else {
            changeMask(s, 0, raw, line, column);
        }
        return;
    case TDate:
        if (parseIsoDateTime(v, i)) {
            s.i64.push_back(i);
            ++s.typed;
        } else {
            changeMask(s, 0, raw, line, column);
        }
        return;
    case TAll: {
        reserve = std::max(reserve, std::size_t(row) + 1);
        const IntParse ip = parseInferredInt64(v, i);
        if (ip == IntParse::Ok) {
            changeMask(s, TInt | TNum, raw, line, column);
            s.i64.reserve(reserve);
            s.i64.resize(std::size_t(row), 0);
            s.i64.push_back(i);
            ++s.typed;
            return;
        }
        if (parseBoolean(v, b)) {
            changeMask(s, TBool, raw, line, column);
            s.b8.reserve(reserve);
            s.b8.resize(std::size_t(row), 0);
            s.b8.push_back(b ? 1 : 0);
            ++s.typed;
            return;
        }
        if (parseIsoDateTime(v, i)) {
            changeMask(s, TDate, raw, line, column);
            s.i64.reserve(reserve);
            s.i64.resize(std::size_t(row), 0);
            s.i64.push_back(i);
            ++s.typed;
            return;
        }
        const DoubleParse dp = parseDouble(v, m_decimal, d);
        if (dp != DoubleParse::Invalid) {
            changeMask(s, TNum, raw, line, column);
            s.f64.reserve(reserve);
            s.f64.resize(std::size_t(row), std::numeric_limits<double>::quiet_NaN());
            storeDouble(s, row, dp, d, v, line, column, ip == IntParse::Overflow);
            return;
        }
        changeMask(s, 0, raw, line, column);
        return;
    }
    default: return; // text: collected in pass 2
    }
}

std::vector<Chunk> CsvParser::planChunks(qint64 dataStart) const
{
    const qint64 bytes = m_text.size() - dataStart;
    qint64 size = m_options.chunkBytes;
    if (size <= 0) {
        // A few chunks per thread balance the load; a bound keeps each chunk's vectors
        // and the window of the file it maps modest, also on one thread (a chunk's
        // pages stay resident until it is done).
        size = m_threads <= 1 ? std::clamp<qint64>(bytes, 1, kMaxChunkBytes)
                              : std::clamp<qint64>(bytes / (qint64(m_threads) * 4), qint64(1) << 20, kMaxChunkBytes);
    }
    if (m_options.maxRows >= 0)
        size = std::max<qint64>(bytes, 1); // a prefix: one chunk, read in order, stops early
    std::vector<Chunk> chunks;
    chunks.reserve(std::size_t(bytes / size + 1));
    for (qint64 at = 0; at < bytes || chunks.empty(); at += size) {
        Chunk chunk;
        chunk.cut = dataStart + at;
        chunk.limit = dataStart + std::min(bytes, at + size);
        chunk.maxRows = m_options.maxRows;
        if (at == 0)
            chunk.start = dataStart; // the others find their start in parseChunk
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

void CsvParser::parseChunk(Chunk &chunk, qint64 scanEnd, SharedProgress &shared, bool onCaller) const
{
    const qint64 end = m_text.size();
    const TextSource::Window window = m_text.window(
        chunk.start >= 0 ? chunk.start : chunk.cut - 1, scanEnd - (chunk.start >= 0 ? chunk.start : chunk.cut - 1));
    if (chunk.start < 0) {
        // Guess: the first line start at or after the cut. It is a record start
        // unless the cut fell inside a quoted field; merging checks, and parses
        // the chunk again from the right place when the guess was wrong.
        const char *p = window.begin();
        const char *stop = window.end();
        while (p < stop && !(*p == '\n' || (*p == '\r' && (p + 1 == stop || p[1] != '\n'))))
            ++p;
        const bool found = p < stop && !(*p == '\r' && p + 1 == stop && scanEnd != end);
        if (!found && scanEnd != end) {
            chunk.overrun = true; // no line start in the window: parse again, unbounded
            return;
        }
        chunk.start = found ? window.offsetOf(p + 1) : end;
    }
    const char *limit = window.at(std::max(chunk.limit, chunk.start));
    Tokenizer tok(window.at(chunk.start), window.end(), m_delimiter, m_options.quote, 0, m_whitespace);
    std::vector<Field> fields;
    fields.reserve(std::size_t(m_expected) + 1);
    std::string scratch;
    chunk.columns.assign(std::size_t(m_expected), ColumnPart());
    for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
        ColumnPart &s = chunk.columns[c];
        s.forced = m_forced[c];
        s.mask = maskOf(s.forced);
        s.pending = WarningList(m_options.maxWarnings);
        s.overflow = WarningList(m_options.maxWarnings);
    }
    chunk.warnings = WarningList(m_options.maxWarnings);
    const QString where = m_report.hasHeader ? QStringLiteral("the header (line %1)").arg(m_firstLine)
                                             : QStringLiteral("the first row (line %1)").arg(m_firstLine);
    std::size_t reserve = 0;
    qint64 blankCount = 0;
    qint64 blankLine = -1;
    const char *reported = tok.pos();
    qint64 nextCheck = kStride; // bytes from the chunk's start
    auto finish = [&] {
        chunk.stop = window.offsetOf(tok.pos());
        chunk.lines = tok.line();
        shared.advance(tok.pos() - reported);
    };
    for (;;) {
        if (tok.pos() >= limit)
            break;
        const auto status = tok.next(fields);
        if (status == Tokenizer::Status::End)
            break;
        if (scanEnd != end && (status == Tokenizer::Status::Unterminated || tok.pos() == window.end())) {
            chunk.overrun = true; // the record may go on past the window
            finish();
            return;
        }
        if (status == Tokenizer::Status::Unterminated) {
            chunk.error = ChunkError {true, tok.openQuoteLine(), qint64(fields.size()), qint64(fields.size())};
            finish();
            return;
        }
        if (window.offsetOf(tok.pos()) - chunk.start >= nextCheck) {
            nextCheck = window.offsetOf(tok.pos()) - chunk.start + kStride;
            shared.advance(tok.pos() - reported);
            reported = tok.pos();
            if (onCaller ? shared.tick() : shared.stopped()) {
                finish();
                return;
            }
        }
        if (status == Tokenizer::Status::Blank) {
            if (blankCount++ == 0)
                blankLine = tok.recordLine();
            continue;
        }
        if (blankCount > 0) {
            if (chunk.records == 0) {
                chunk.leadingBlank = {blankLine, blankCount};
                chunk.leadingBlankTerminated = true;
            } else {
                chunk.warnings.add(LoadWarning {LoadWarning::Kind::BlankLine, blankLine, -1,
                    blankCount == 1 ? QStringLiteral("A blank line was skipped")
                                    : QStringLiteral("%1 blank lines were skipped").arg(blankCount)});
            }
            blankCount = 0;
        }
        ++chunk.records;
        if (tok.recordFlags() & (StrayQuote | AfterQuote))
            addQuoteWarnings(chunk.warnings, fields);
        if (qint64(fields.size()) != m_expected) {
            if (m_options.raggedRows == CsvOptions::RaggedRows::Refuse) {
                chunk.error = ChunkError {false, tok.recordLine(),
                    qint64(fields.size()) > m_expected ? m_expected + 1 : -1, qint64(fields.size())};
                finish();
                return;
            }
            chunk.warnings.add(LoadWarning {LoadWarning::Kind::RaggedRowSkipped, tok.recordLine(), -1,
                QStringLiteral("Row skipped: %1 fields where %2 has %3")
                    .arg(fields.size())
                    .arg(where)
                    .arg(m_expected)});
            ++chunk.skippedRows;
            continue;
        }
        if (chunk.rows == 0) {
            // Reserve for the row count estimated from the first row; trimmed when merging.
            const qint64 recordBytes = std::max<qint64>(1, tok.pos() - tok.recordStart());
            qint64 estimate = std::min<qint64>(qint64(limit - tok.recordStart()) / recordBytes + 16, qint64(1) << 26);
            if (chunk.maxRows >= 0)
                estimate = std::min(estimate, chunk.maxRows);
            reserve = std::size_t(estimate);
            chunk.recordOffsets.reserve(reserve);
            for (ColumnPart &s : chunk.columns) {
                switch (s.mask) {
                case TNum: s.f64.reserve(reserve); break;
                case TInt | TNum:
                case TDate: s.i64.reserve(reserve); break;
                case TBool: s.b8.reserve(reserve); break;
                default: break;
                }
            }
        }
        chunk.recordOffsets.push_back(window.offsetOf(tok.recordStart()));
        if (m_keepRecordLines)
            chunk.recordLines.push_back(tok.recordLine());
        for (std::size_t c = 0; c < fields.size(); ++c) {
            ColumnPart &s = chunk.columns[c];
            if (s.mask == 0)
                continue;
            cell(
                s, chunk.rows, fieldValue(fields[c], scratch, m_options.quote), fields[c].line, qint64(c) + 1, reserve);
        }
        ++chunk.rows;
        if (chunk.maxRows >= 0 && chunk.rows >= chunk.maxRows)
            break;
    }
    if (blankCount > 0) {
        if (chunk.records == 0)
            chunk.leadingBlank = {blankLine, blankCount};
        else
            chunk.trailingBlank = {blankLine, blankCount};
    }
    finish();
}

void CsvParser::collectChunkText(
    Chunk &chunk, const std::vector<std::size_t> &textColumns, SharedProgress &shared, bool onCaller) const
{
    const qint64 limit
        = std::max<qint64>(m_options.categoricalMinimum, qint64(m_options.categoricalFraction * double(m_rows)));
    chunk.texts.assign(textColumns.size(), TextPart());
    for (const std::size_t c : textColumns)
        chunk.columns[c] = ColumnPart(); // typed values and missing cells of pass 1 no longer apply
    for (std::size_t t = 0; t < textColumns.size(); ++t) {
        TextPart &part = chunk.texts[t];
        part.ends.reserve(std::size_t(chunk.rows));
        part.dictionaryFull = m_forced[textColumns[t]] == Forced::Text;
        if (!part.dictionaryFull)
            part.codes.reserve(std::size_t(chunk.rows));
    }
    if (chunk.rows == 0)
        return;
    // The records of this chunk, mapped again for this pass only.
    const TextSource::Window window = m_text.window(chunk.start, chunk.stop - chunk.start);
    Tokenizer tok(window.begin(), window.end(), m_delimiter, m_options.quote, 0, m_whitespace);
    std::vector<Field> fields;
    std::string scratch;
    qint64 reported = chunk.recordOffsets.front();
    qint64 nextCheck = reported + kStride;
    for (qint64 row = 0; row < chunk.rows; ++row) {
        const qint64 offset = chunk.recordOffsets[std::size_t(row)];
        if (offset >= nextCheck) {
            nextCheck = offset + kStride;
            shared.advance(offset - reported);
            reported = offset;
            if (onCaller ? shared.tick() : shared.stopped())
                return;
        }
        tok.seek(window.at(offset));
        (void)tok.next(fields);
        for (std::size_t t = 0; t < textColumns.size(); ++t) {
            TextPart &part = chunk.texts[t];
            const std::string_view v = fieldValue(fields[textColumns[t]], scratch, m_options.quote);
            if (isNa(trimmed(v))) {
                chunk.columns[textColumns[t]].missing.setMissing(row);
                part.ends.push_back(qint64(part.text.size()));
                if (!part.dictionaryFull)
                    part.codes.push_back(-1);
                continue;
            }
            part.text.append(v);
            part.ends.push_back(qint64(part.text.size()));
            if (part.dictionaryFull)
                continue;
            auto it = part.dictionary.find(v);
            if (it == part.dictionary.end()) {
                if (qint64(part.dictionary.size()) >= limit && m_forced[textColumns[t]] != Forced::Categorical) {
                    part.dictionaryFull = true;
                    part.dictionary = {};
                    part.codes = {};
                    continue;
                }
                it = part.dictionary.emplace(std::string(v), qint32(part.dictionary.size())).first;
            }
            part.codes.push_back(it->second);
        }
    }
    shared.advance(chunk.stop - reported);
}

std::optional<Error> CsvParser::resolveNames(qint64 firstLine)
{
    // Blanks become column_N, repeats get _2, _3, ... A new name avoids every
    // name given so far and every name of the header (also later ones). Hash sets
    // and, per repeated name, the next suffix to try keep this linear in the
    // number of columns: 100,000 copies of one name must not cost n^2 lookups.
    const QSet<QString> original(m_names.cbegin(), m_names.cend());
    QSet<QString> used;
    used.reserve(m_names.size());
    QHash<QString, qint64> nextSuffix;
    auto taken = [&](const QString &name) { return used.contains(name) || original.contains(name); };
    for (qsizetype c = 0; c < m_names.size(); ++c) {
        if (m_names[c].isEmpty()) {
            QString name = QStringLiteral("column_%1").arg(c + 1);
            for (int k = 2; taken(name); ++k)
                name = QStringLiteral("column_%1_%2").arg(c + 1).arg(k);
            warn(LoadWarning::Kind::BlankName, firstLine, c + 1,
                QStringLiteral("Column %1 has no name; it is called \"%2\"").arg(c + 1).arg(name));
            m_names[c] = name;
        } else if (used.contains(m_names[c])) {
            // Suffixes below nextSuffix were taken when last tried, and stay taken.
            qint64 &k = nextSuffix[m_names[c]];
            k = std::max<qint64>(k, 2);
            QString name = QStringLiteral("%1_%2").arg(m_names[c]).arg(k);
            while (taken(name))
                name = QStringLiteral("%1_%2").arg(m_names[c]).arg(++k);
            ++k;
            warn(LoadWarning::Kind::DuplicateName, firstLine, c + 1,
                QStringLiteral("The name \"%1\" is used by an earlier column; this one is called \"%2\"")
                    .arg(m_names[c], name));
            m_names[c] = name;
        }
        used.insert(m_names[c]);
    }
    return applyColumnTypes(m_options.columnTypes);
}

std::optional<Error> CsvParser::applyColumnTypes(const QHash<QString, ColumnType> &types)
{
    m_forced.assign(std::size_t(m_names.size()), Forced::None);
    for (auto it = types.cbegin(); it != types.cend(); ++it) {
        const qsizetype index = m_names.indexOf(it.key());
        if (index < 0) {
            return error(QStringLiteral("There is no column named \"%1\" to read as %2; the columns are: %3")
                             .arg(it.key(), columnTypeName(it.value()), m_names.join(QStringLiteral(", "))));
        }
        m_forced[std::size_t(index)] = forcedOf(it.value());
    }
    return std::nullopt;
}

Column CsvParser::typedColumn(std::size_t c, quint8 mask, ColumnReport &report)
{
    const auto rows = std::size_t(m_rows);
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    MissingMask missing;
    std::vector<double> f64;
    std::vector<qint64> i64;
    std::vector<quint8> b8;
    if (m_chunks.size() == 1 && m_chunks.front().columns[c].mask == mask) {
        // One chunk: its vectors are the column (no copy).
        ColumnPart &s = m_chunks.front().columns[c];
        missing = std::move(s.missing);
        f64 = std::move(s.f64);
        i64 = std::move(s.i64);
        b8 = std::move(s.b8);
        auto trim = [](auto &values) {
            if (values.capacity() > values.size() + values.size() / 32 + 16)
                values.shrink_to_fit();
        };
        trim(f64);
        trim(i64);
        trim(b8);
    } else {
        switch (mask) {
        case TNum:
        case TAll: f64.reserve(rows); break;
        case TInt | TNum:
        case TDate: i64.reserve(rows); break;
        case TBool: b8.reserve(rows); break;
        default: break;
        }
        for (Chunk &chunk : m_chunks) {
            ColumnPart &s = chunk.columns[c];
            const auto n = std::size_t(chunk.rows);
            switch (mask) {
            case TNum:
                if (s.mask == TNum) {
                    f64.insert(f64.end(), s.f64.begin(), s.f64.end());
                } else if (s.mask == (TInt | TNum)) {
                    for (std::size_t k = 0; k < n; ++k)
                        f64.push_back(s.missing.isMissing(qint64(k)) ? nan : double(s.i64[k]));
                } else {
                    f64.resize(f64.size() + n, nan);
                }
                break;
            case TAll: f64.resize(f64.size() + n, nan); break;
            case TInt | TNum:
            case TDate:
                if (s.mask == mask)
                    i64.insert(i64.end(), s.i64.begin(), s.i64.end());
                else
                    i64.resize(i64.size() + n, 0);
                break;
            case TBool:
                if (s.mask == mask)
                    b8.insert(b8.end(), s.b8.begin(), s.b8.end());
                else
                    b8.resize(b8.size() + n, 0);
                break;
            default: break;
            }
            appendMissing(missing, s.missing, chunk.rowBase);
            s = ColumnPart();
        }
    }
    report.missing = missing.count();
    switch (mask) {
    case TAll:
        // No value at all: a numeric column of missing cells.
        for (qint64 r = 0; r < m_rows; ++r)
            missing.setMissing(r);
        report.type = ColumnType::Numeric;
        report.missing = missing.count();
        return Column::numeric(m_names[qsizetype(c)], std::vector<double>(rows, nan), std::move(missing));
    case TInt | TNum:
        report.type = ColumnType::Integer;
        return Column::integer(m_names[qsizetype(c)], std::move(i64), std::move(missing));
    case TNum:
        report.type = ColumnType::Numeric;
        return Column::numeric(m_names[qsizetype(c)], std::move(f64), std::move(missing));
    case TBool:
        report.type = ColumnType::Boolean;
        return Column::boolean(m_names[qsizetype(c)], std::move(b8), std::move(missing));
    case TDate:
        report.type = ColumnType::DateTime;
        return Column::dateTime(m_names[qsizetype(c)], std::move(i64), std::move(missing));
    default: break;
    }
    Q_UNREACHABLE();
    return {};
}

Column CsvParser::textColumn(std::size_t c, std::size_t textIndex, ColumnReport &report)
{
    const QString &name = m_names[qsizetype(c)];
    const bool forcedText = m_forced[c] == Forced::Text;
    const qint64 limit = m_forced[c] == Forced::Categorical
        ? std::numeric_limits<qint64>::max()
        : std::max<qint64>(m_options.categoricalMinimum, qint64(m_options.categoricalFraction * double(m_rows)));
    MissingMask missing;
    for (Chunk &chunk : m_chunks)
        appendMissing(missing, chunk.columns[c].missing, chunk.rowBase);
    report.missing = missing.count();

    bool full = forcedText;
    std::vector<std::string_view> categories;
    if (!full) {
        for (const Chunk &chunk : m_chunks) {
            const TextPart &part = chunk.texts[textIndex];
            full = full || part.dictionaryFull;
            for (const auto &entry : part.dictionary)
                categories.push_back(entry.first);
        }
        // Categories in code-point order, so codes do not depend on row order.
        std::sort(categories.begin(), categories.end());
        categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
        full = full || qint64(categories.size()) > limit;
    }
    if (!full) {
        std::vector<qint32> codes;
        codes.reserve(std::size_t(m_rows));
        for (Chunk &chunk : m_chunks) {
            TextPart &part = chunk.texts[textIndex];
            std::vector<qint32> remap(part.dictionary.size());
            for (const auto &[text, code] : part.dictionary) {
                remap[std::size_t(code)]
                    = qint32(std::lower_bound(categories.begin(), categories.end(), std::string_view(text))
                        - categories.begin());
            }
            for (const qint32 code : part.codes)
                codes.push_back(code >= 0 ? remap[std::size_t(code)] : -1);
        }
        QStringList list;
        list.reserve(qsizetype(categories.size()));
        for (const std::string_view category : categories)
            list << QString::fromUtf8(category.data(), qsizetype(category.size()));
        for (Chunk &chunk : m_chunks)
            chunk.texts[textIndex] = TextPart();
        report.type = ColumnType::Categorical;
        report.distinct = list.size();
        return Column::categorical(name, std::move(codes), std::move(list), std::move(missing));
    }
    report.type = ColumnType::Text;
    report.distinct = forcedText ? 0 : std::max<qint64>(limit, 0) + 1;
    std::string text;
    std::vector<qint64> offsets;
    if (m_chunks.size() == 1) {
        text = std::move(m_chunks.front().texts[textIndex].text);
        text.shrink_to_fit();
    } else {
        std::size_t bytes = 0;
        for (const Chunk &chunk : m_chunks)
            bytes += chunk.texts[textIndex].text.size();
        text.reserve(bytes);
    }
    offsets.reserve(std::size_t(m_rows) + 1);
    offsets.push_back(0);
    for (Chunk &chunk : m_chunks) {
        TextPart &part = chunk.texts[textIndex];
        const auto shift = qint64(m_chunks.size() == 1 ? 0 : text.size());
        if (m_chunks.size() > 1)
            text.append(part.text);
        for (const qint64 e : part.ends)
            offsets.push_back(shift + e);
        part = TextPart();
    }
    return Column::text(name, std::move(text), std::move(offsets), std::move(missing));
}

std::optional<Error> CsvParser::readHead(const TextSource &text)
{
    const Gate gate(m_progress);
    m_text = text;
    // Warnings the decoding made join the parser's, to be capped and sorted with them.
    for (LoadWarning &w : m_report.warnings)
        m_warnings.add(std::move(w));
    m_report.warnings.clear();
    if (m_text.size() == 0)
        return error(QStringLiteral("The file is empty (it holds only a byte order mark)"));
    if (gate.tick(0.05, QStringLiteral("Reading")))
        return cancelled();

    if (auto failed = skipLines())
        return *failed;

    m_delimiter = m_options.delimiter;
    m_whitespace = m_options.whitespaceDelimiter;
    m_report.delimiterSniffed = m_delimiter == 0 && !m_whitespace;
    if (m_report.delimiterSniffed) {
        const Sniffed sniffed = sniffDelimiter();
        m_delimiter = sniffed.delimiter;
        m_whitespace = sniffed.whitespace;
    }
    if (m_whitespace)
        m_delimiter = ' ';
    m_report.delimiter = m_delimiter;
    m_report.whitespaceDelimiter = m_whitespace;
    const char delimiter = m_delimiter;
    if (delimiter == m_options.quote || delimiter == '\n' || delimiter == '\r')
        return error(QStringLiteral("The delimiter cannot be the quote character or a line break"));
    bool &hasHeader = m_report.hasHeader;
    hasHeader = m_options.header == CsvOptions::Header::Present;
    m_report.headerDetected = m_options.header == CsvOptions::Header::Auto;
    if (m_options.header == CsvOptions::Header::Auto)
        hasHeader = detectHeader();

    // The first record (header, or first row) fixes the field count; the data
    // rows after the header are parsed in chunks. It is read from a window that
    // grows while the record (or the blank lines before it) fills it.
    const qint64 end = m_text.size();
    std::vector<Field> fields;
    std::string scratch;
    bool numericHeader = false;
    m_dataStart = 0;
    m_dataLine = m_lineBase;
    for (qint64 span = std::min(end, kFirstRecordWindow);; span = std::min(end, span * 4)) {
        const TextSource::Window window = m_text.window(0, span);
        Tokenizer tok(window.begin(), window.end(), m_delimiter, m_options.quote, m_lineBase, m_whitespace);
        Tokenizer::Status status = Tokenizer::Status::Blank;
        while (status == Tokenizer::Status::Blank)
            status = tok.next(fields);
        if (span < end && (status == Tokenizer::Status::Unterminated || tok.pos() == window.end()))
            continue;
        if (status == Tokenizer::Status::End)
            return error(QStringLiteral("The file is empty: it holds no rows, only blank lines"));
        if (status == Tokenizer::Status::Unterminated) {
            return error(QStringLiteral("A quoted field opened on line %1 is never closed: the file ends inside it")
                             .arg(tok.openQuoteLine()),
                tok.openQuoteLine(), qint64(fields.size()));
        }
        m_expected = qint64(fields.size());
        m_firstLine = tok.recordLine();
        m_countLine = looksLikeCountLine(fields);
        numericHeader = hasHeader && std::all_of(fields.begin(), fields.end(), [&](const Field &f) {
            return classify(fieldValue(f, scratch, m_options.quote)) > 0;
        });
        m_dataStart = window.offsetOf(tok.recordStart());
        m_dataLine = tok.recordLine();
        if (hasHeader) {
            addQuoteWarnings(m_warnings, fields);
            for (const Field &f : fields) {
                const std::string_view v = trimmed(fieldValue(f, scratch, m_options.quote));
                m_names << QString::fromUtf8(v.data(), qsizetype(v.size()));
            }
            m_dataStart = window.offsetOf(tok.pos());
            m_dataLine = tok.line();
        } else {
            for (qint64 c = 0; c < m_expected; ++c)
                m_names << QStringLiteral("column_%1").arg(c + 1);
        }
        break;
    }
    if (m_countLine) {
        warn(LoadWarning::Kind::HeaderLooksLikeData, m_firstLine, -1,
            QStringLiteral("Line %1 looks like a count line (two whole numbers, then names or nothing, as in "
                           "scikit-learn's files), not %2: skip it (\"skip lines\") to read the file below it")
                .arg(m_firstLine)
                .arg(hasHeader ? QStringLiteral("column names") : QStringLiteral("data")));
    } else if (numericHeader) {
        warn(LoadWarning::Kind::HeaderLooksLikeData, m_firstLine, -1,
            QStringLiteral("The header (line %1) looks like data: every name is a number, a boolean or a date")
                .arg(m_firstLine));
    }
    return resolveNames(m_firstLine);
}

Error CsvParser::chunkFailure(const ChunkError &e, qint64 lineBase) const
{
    const qint64 at = e.line + lineBase;
    if (e.unterminated) {
        return error(
            QStringLiteral("A quoted field opened on line %1 is never closed: the file ends inside it").arg(at), at,
            e.column);
    }
    QString message = QStringLiteral("Line %1 has %2 fields, but %3 has %4")
                          .arg(at)
                          .arg(e.fields)
                          .arg(m_report.hasHeader ? QStringLiteral("the header (line %1)").arg(m_firstLine)
                                                  : QStringLiteral("the first row (line %1)").arg(m_firstLine))
                          .arg(m_expected);
    if (m_countLine)
        message += QStringLiteral(" (line %1 looks like a count line: skip it with \"skip lines\")").arg(m_firstLine);
    return error(message, at, e.column);
}

Base::Result<std::shared_ptr<const Dataset>> CsvParser::run(const TextSource &text)
{
    if (auto failed = readHead(text))
        return *failed;
    const qint64 end = m_text.size();
    const qint64 dataStart = m_dataStart;

    // Pass 1: every chunk at once, each from a guessed record start.
    m_chunks = planChunks(dataStart);
    const qint64 margin = std::max<qint64>(m_chunks.front().limit - m_chunks.front().start, qint64(1) << 16);
    {
        SharedProgress shared(m_progress, 0.05, 0.8, end - dataStart, QStringLiteral("Parsing"));
        runTasks(m_threads, m_chunks.size(), shared, [&](std::size_t i, bool onCaller) {
            Chunk &chunk = m_chunks[i];
            const qint64 scanEnd = i == 0 || m_chunks.size() == 1 ? end : std::min(end, chunk.limit + margin);
            parseChunk(chunk, scanEnd, shared, onCaller);
        });
        if (shared.stopped())
            return cancelled();

        // Verify the guesses in order: a chunk is right when it starts where the one
        // before it stopped. Parse the others again from there (rare: a cut inside
        // a quoted field that holds a line break, or a very long record).
        qint64 expectedStart = dataStart;
        qint64 line = m_dataLine;
        for (Chunk &chunk : m_chunks) {
            if (chunk.start != expectedStart || chunk.overrun) {
                Chunk again;
                again.cut = expectedStart;
                again.start = expectedStart;
                again.limit = chunk.limit;
                chunk = std::move(again);
                parseChunk(chunk, end, shared, true);
                if (shared.stopped())
                    return cancelled();
            }
            if (chunk.error)
                return chunkFailure(*chunk.error, line);
            chunk.lineBase = line;
            chunk.rowBase = m_rows;
            line += chunk.lines;
            m_rows += chunk.rows;
            m_report.skippedRows += chunk.skippedRows;
            expectedStart = chunk.stop;
        }
    }

    return buildDataset();
}

Base::Result<std::shared_ptr<const Dataset>> CsvParser::buildDataset()
{
    const Gate gate(m_progress);
    const qint64 end = m_text.size();
    const qint64 dataStart = m_chunks.empty() ? m_dataStart : m_chunks.front().start;

    // Blank runs that cross chunk boundaries, then the chunks' own warnings.
    BlankRun carry;
    for (Chunk &chunk : m_chunks) {
        if (chunk.leadingBlank.count > 0) {
            if (carry.count == 0)
                carry = {chunk.leadingBlank.line + chunk.lineBase, 0};
            carry.count += chunk.leadingBlank.count;
        }
        if (chunk.records > 0) {
            if (carry.count > 0) {
                warn(LoadWarning::Kind::BlankLine, carry.line, -1,
                    carry.count == 1 ? QStringLiteral("A blank line was skipped")
                                     : QStringLiteral("%1 blank lines were skipped").arg(carry.count));
            }
            carry = {};
            if (chunk.trailingBlank.count > 0)
                carry = {chunk.trailingBlank.line + chunk.lineBase, chunk.trailingBlank.count};
        }
        m_warnings.take(chunk.warnings, chunk.lineBase);
    }

    // Each column's type over the whole file: the chunks' masks meet, and the
    // first cell (in file order) that fits none of the types still possible is
    // the one a single pass would have turned the column into text at.
    std::vector<quint8> masks(std::size_t(m_expected), TAll);
    std::vector<ColumnReport> reports(static_cast<std::size_t>(m_expected));
    std::optional<Error> refusal;
    for (std::size_t c = 0; c < masks.size(); ++c) {
        quint8 mask = TAll;
        qint64 typed = 0;
        ColumnReport &report = reports[c];
        report.name = m_names[qsizetype(c)];
        for (const Chunk &chunk : m_chunks) {
            const ColumnPart &s = chunk.columns[c];
            quint8 before = TAll;
            for (const Transition &t : s.transitions) {
                if ((mask & t.maskAfter) == 0 && mask != 0) {
                    const quint8 from = mask & before;
                    if (from != TAll) {
                        report.typeChangeLine = t.line + chunk.lineBase;
                        report.typeChangeValue = QString::fromUtf8(t.value.data(), qsizetype(t.value.size()));
                        report.typeChangedFrom = typeNameOfMask(from);
                        warn(LoadWarning::Kind::TypeFallback, report.typeChangeLine, t.column,
                            QStringLiteral(
                                "Column \"%1\" is read as text: %2 is not %3, unlike the %4 value(s) above it")
                                .arg(report.name, quotedValue(t.value), report.typeChangedFrom)
                                .arg(typed + t.typedBefore));
                    }
                    mask = 0;
                    break;
                }
                before = t.maskAfter;
            }
            if (mask == 0)
                break;
            mask &= s.mask;
            typed += s.typed;
        }
        masks[c] = mask;
        if (mask == 0 || mask == TAll)
            continue;
        bool couldBeInteger = true; // an overflow is reported where the column could still be integer
        std::optional<Error> columnRefusal;
        for (Chunk &chunk : m_chunks) {
            ColumnPart &s = chunk.columns[c];
            m_warnings.take(s.pending, chunk.lineBase);
            if (couldBeInteger)
                m_warnings.take(s.overflow, chunk.lineBase);
            couldBeInteger = couldBeInteger && (s.mask & TInt);
            if (s.refusal && !columnRefusal) {
                columnRefusal = *s.refusal;
                columnRefusal->line += chunk.lineBase;
            }
        }
        if (columnRefusal && (!refusal || columnRefusal->line < refusal->line))
            refusal = columnRefusal;
    }
    if (refusal)
        return *refusal;

    // Pass 2, for the text and categorical columns: collect their cells, chunk by chunk.
    std::vector<std::size_t> textColumns;
    for (std::size_t c = 0; c < masks.size(); ++c) {
        if (masks[c] == 0)
            textColumns.push_back(c);
    }
    if (!textColumns.empty()) {
        SharedProgress shared(m_progress, 0.8, 0.98, end - dataStart, QStringLiteral("Reading text columns"));
        runTasks(m_threads, m_chunks.size(), shared,
            [&](std::size_t i, bool onCaller) { collectChunkText(m_chunks[i], textColumns, shared, onCaller); });
        if (shared.stopped())
            return cancelled();
    }
    if (gate.tick(0.98, QStringLiteral("Building columns")))
        return cancelled();

    DatasetBuilder builder;
    builder.reserveColumns(qsizetype(m_expected));
    std::size_t textIndex = 0;
    for (std::size_t c = 0; c < masks.size(); ++c) {
        ColumnReport &report = reports[c];
        builder.addColumn(masks[c] == 0 ? textColumn(c, textIndex++, report) : typedColumn(c, masks[c], report));
        m_report.columnReports.append(std::move(report));
    }
    m_chunks = {};
    m_report.warnings = m_warnings.takeSorted();
    m_report.droppedWarnings = m_warnings.total() - m_report.warnings.size();
    m_report.rows = m_rows;
    m_report.columns = qint64(m_names.size());
    auto built = builder.build();
    if (!built)
        return error(built.error().message);
    m_progress.report(1.0, QStringLiteral("Done"));
    return built;
}

Base::Result<std::shared_ptr<const Dataset>> CsvParser::nextBatch(qint64 maxRows, std::vector<qint64> &lines)
{
    lines.clear();
    if (m_firstBatch) {
        // The head's warnings (names, quotes, decoding) stay: the first batch reports them.
        m_firstBatch = false;
        m_keepRecordLines = true;
        m_streamPos = m_dataStart;
        m_streamLine = m_dataLine;
        m_streamWindow = kFirstRecordWindow;
    } else {
        m_warnings = WarningList(m_options.maxWarnings);
    }
    m_report.columnReports.clear();
    m_report.warnings.clear();
    m_report.droppedWarnings = 0;
    m_report.skippedRows = 0;
    m_rows = 0;
    m_chunks.clear();
    maxRows = std::max<qint64>(maxRows, 1);

    // One chunk from where the last batch stopped, in a window of the text that
    // grows until the batch's rows fit (or the window reaches the end): only that
    // window is mapped, so a batch costs its own bytes whatever the file's size.
    const qint64 end = m_text.size();
    Chunk chunk;
    for (;;) {
        const qint64 scanEnd = std::min(end, m_streamPos + m_streamWindow);
        chunk = Chunk();
        chunk.cut = m_streamPos;
        chunk.start = m_streamPos;
        chunk.limit = scanEnd;
        chunk.maxRows = maxRows;
        SharedProgress shared(m_progress, 0.0, 1.0, scanEnd - m_streamPos, QStringLiteral("Parsing"));
        parseChunk(chunk, scanEnd, shared, true);
        if (shared.stopped())
            return cancelled();
        if (!chunk.overrun)
            break;
        m_streamWindow = std::min(end, m_streamWindow * 4);
    }
    if (chunk.error)
        return chunkFailure(*chunk.error, m_streamLine);
    chunk.lineBase = m_streamLine;
    chunk.rowBase = 0;
    m_rows = chunk.rows;
    m_report.skippedRows = chunk.skippedRows;
    lines.reserve(chunk.recordLines.size());
    for (const qint64 line : chunk.recordLines)
        lines.push_back(line + m_streamLine);
    chunk.recordLines = {};
    if (chunk.rows > 0) {
        // The next window: this batch's bytes per row for a full batch, and a quarter more.
        const double perRow = double(chunk.stop - m_streamPos) / double(chunk.rows);
        const double wanted = perRow * double(maxRows) * 1.25 + double(kSniffBytes);
        m_streamWindow = qint64(std::min(wanted, double(std::max<qint64>(end, kSniffBytes))));
    }
    m_streamLine += chunk.lines;
    m_streamPos = chunk.stop;
    m_chunks.push_back(std::move(chunk));
    return buildDataset();
}

Base::Result<LoadedDataset> readSource(const TextSource &bytes, const QString &name, qint64 fileSize,
    const CsvOptions &options, const Base::Progress &progress)
{
    return loadText(bytes, name, fileSize, progress, CsvReader::cancelledMessage(), options.encoding,
        [&](const TextSource &raw, const Base::Progress &parseProgress,
            LoadReport &report) -> Base::Result<std::shared_ptr<const Dataset>> {
            if (raw.size() == 0)
                return Error(QStringLiteral("The file is empty"), name);
            std::string owned;
            auto text = decodeText(raw, options.encoding, options.invalidUtf8, name, parseProgress.subrange(0.0, 0.05),
                CsvReader::cancelledMessage(), report, owned);
            if (!text)
                return text.error();
            CsvParser parser(name, options, parseProgress, report);
            return parser.run(text.value());
        });
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
    auto source = TextSource::openFile(path);
    if (!source)
        return source.error();
    return readSource(source.value(), path, source->size(), options, progress);
}

Base::Result<LoadedDataset> CsvReader::readBytes(
    QByteArrayView bytes, const QString &name, const CsvOptions &options, const Base::Progress &progress)
{
    return readSource(TextSource::fromMemory(std::string_view(bytes.data(), std::size_t(bytes.size()))), name,
        bytes.size(), options, progress);
}

struct CsvStream::State {
    QString name;
    CsvOptions options;
    Base::NullProgressSink sink;
    Base::Progress progress {sink};
    LoadReport report;
    QByteArray memory; // fromBytes: the bytes
    TextSource raw; // the file or `memory`
    std::string inflated; // gzip
    std::string owned; // converted to UTF-8
    std::unique_ptr<CsvParser> parser;
    bool failed = false;
    qint64 rowsRead = 0;
    qint64 batches = 0;
    qint64 largestBatch = 0;
};

CsvStream::CsvStream(std::unique_ptr<State> state) : m_state(std::move(state)) { }

CsvStream::~CsvStream() = default;

Base::Result<std::unique_ptr<CsvStream>> CsvStream::open(const QString &path, const CsvOptions &options)
{
    auto source = TextSource::openFile(path);
    if (!source)
        return source.error();
    auto state = std::make_unique<State>();
    state->name = path;
    state->options = options;
    state->raw = std::move(source).value();
    return start(std::move(state));
}

Base::Result<std::unique_ptr<CsvStream>> CsvStream::fromBytes(
    QByteArray bytes, const QString &name, const CsvOptions &options)
{
    auto state = std::make_unique<State>();
    state->name = name;
    state->options = options;
    state->memory = std::move(bytes);
    state->raw = TextSource::fromMemory(std::string_view(state->memory.constData(), std::size_t(state->memory.size())));
    return start(std::move(state));
}

Base::Result<std::unique_ptr<CsvStream>> CsvStream::start(std::unique_ptr<State> state)
{
    // The same front end as CsvReader::read (readSource, loadText): gzip, then decoding.
    State &s = *state;
    s.options.maxRows = -1;
    s.report.file = s.name;
    s.report.bytes = s.raw.size();
    TextSource source = s.raw;
    if (isGzip(s.raw.window(0, 2).bytes())) {
        s.report.gzip = true;
        auto inflated = gunzipAll(s.raw.window(0, s.raw.size()).bytes(), s.name, s.progress,
            CsvReader::cancelledMessage(), s.options.encoding);
        if (!inflated)
            return inflated.error();
        s.inflated = std::move(inflated).value();
        source = TextSource::fromMemory(s.inflated);
    }
    if (source.size() == 0)
        return Error(QStringLiteral("The file is empty"), s.name);
    auto text = decodeText(source, s.options.encoding, s.options.invalidUtf8, s.name, s.progress,
        CsvReader::cancelledMessage(), s.report, s.owned);
    if (!text)
        return text.error();
    s.parser = std::make_unique<CsvParser>(s.name, s.options, s.progress, s.report);
    if (auto failed = s.parser->readHead(text.value()))
        return *failed;
    return std::unique_ptr<CsvStream>(new CsvStream(std::move(state)));
}

const QStringList &CsvStream::columnNames() const
{
    return m_state->parser->names();
}

const LoadReport &CsvStream::report() const
{
    return m_state->report;
}

Base::Result<CsvBatch> CsvStream::next(qint64 maxRows)
{
    State &s = *m_state;
    if (s.failed)
        return Error(QStringLiteral("The file cannot be read on after an error"), s.name);
    CsvBatch batch;
    auto dataset = s.parser->nextBatch(maxRows, batch.lines);
    if (dataset && !s.raw.intact())
        dataset = Error(
            QStringLiteral("The file changed while it was read: it is shorter than when it was opened"), s.name);
    if (!dataset) {
        s.failed = true;
        return dataset.error();
    }
    batch.dataset = std::move(dataset).value();
    batch.warnings = s.report.warnings;
    batch.firstRow = s.rowsRead;
    s.rowsRead += batch.dataset->rowCount();
    s.largestBatch = std::max(s.largestBatch, batch.dataset->rowCount());
    ++s.batches;
    return batch;
}

Base::Status CsvStream::setColumnTypes(const QHash<QString, ColumnType> &types)
{
    State &s = *m_state;
    if (s.batches > 0 || s.failed)
        return Error(QStringLiteral("Column types are set before the first batch"), s.name);
    if (auto failed = s.parser->applyColumnTypes(types)) {
        static_cast<void>(s.parser->applyColumnTypes(s.options.columnTypes));
        return *failed;
    }
    s.options.columnTypes = types;
    return {};
}

double CsvStream::fractionRead() const
{
    return m_state->parser->fractionRead();
}

qint64 CsvStream::headerLine() const
{
    return m_state->parser->firstLine();
}

bool CsvStream::atEnd() const
{
    return m_state->failed || m_state->parser->atEnd();
}

qint64 CsvStream::rowsRead() const
{
    return m_state->rowsRead;
}

qint64 CsvStream::batchesRead() const
{
    return m_state->batches;
}

qint64 CsvStream::largestBatchRows() const
{
    return m_state->largestBatch;
}

} // namespace Tandem::Data
