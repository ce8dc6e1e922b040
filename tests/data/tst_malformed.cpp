// SPDX-License-Identifier: GPL-3.0-or-later
//
// Malformed input for the readers: every file in tests/fixtures/data/malformed/
// (and a few large inputs generated here) with the outcome it must have, either
// an error whose message names what is wrong and where, or a load with the
// given shape and warning kinds. Each case must also finish quickly: a reader
// that hangs on bad input fails here, not in a user's hands.
#include "core/data/CsvReader.h"
#include "core/data/DatasetReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <thread>

using namespace Tandem::Data;
using Tandem::Base::NullProgressSink;
using Tandem::Base::Progress;
using Kind = LoadWarning::Kind;

namespace {

// Hang guard of one case: a reader that has not returned by then is stuck. It is
// far above any honest read, even on a loaded CI machine or under sanitizers, so
// it never fails on speed (speed belongs in tests/bench); it only turns a hang
// into a failed case instead of a stalled suite.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TANDEM_SLOW_BUILD
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || !defined(QT_NO_DEBUG)
#define TANDEM_SLOW_BUILD
#endif
#ifndef TANDEM_SLOW_BUILD
constexpr qint64 kBudgetMs = 60000;
#else
constexpr qint64 kBudgetMs = 240000;
#endif

const QLatin1String kGenerated("generated:");

QString malformedDir()
{
    return QStringLiteral(TANDEM_FIXTURES_DIR "/data/malformed");
}

enum class Opts : int { Default, RefuseUtf8, SkipRagged, RefuseOutOfRange, NoHeader };

CsvOptions options(Opts which)
{
    CsvOptions o;
    switch (which) {
    case Opts::Default: break;
    case Opts::RefuseUtf8: o.invalidUtf8 = CsvOptions::InvalidUtf8::Refuse; break;
    case Opts::SkipRagged: o.raggedRows = CsvOptions::RaggedRows::Skip; break;
    case Opts::RefuseOutOfRange: o.outOfRange = CsvOptions::OutOfRange::Refuse; break;
    case Opts::NoHeader: o.header = CsvOptions::Header::Absent; break;
    }
    return o;
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Encoding: return QStringLiteral("Encoding");
    case Kind::BlankName: return QStringLiteral("BlankName");
    case Kind::DuplicateName: return QStringLiteral("DuplicateName");
    case Kind::RaggedRowSkipped: return QStringLiteral("RaggedRowSkipped");
    case Kind::BlankLine: return QStringLiteral("BlankLine");
    case Kind::StrayQuote: return QStringLiteral("StrayQuote");
    case Kind::TextAfterQuote: return QStringLiteral("TextAfterQuote");
    case Kind::OutOfRange: return QStringLiteral("OutOfRange");
    case Kind::Underflow: return QStringLiteral("Underflow");
    case Kind::IntegerOverflow: return QStringLiteral("IntegerOverflow");
    case Kind::TypeFallback: return QStringLiteral("TypeFallback");
    case Kind::NotANumber: return QStringLiteral("NotANumber");
    default: break; // kinds added later show as their number
    }
    return QStringLiteral("Kind%1").arg(int(kind));
}

/// The large inputs, made here rather than committed.
QByteArray generated(const QString &name)
{
    if (name == QLatin1String("wide_header_10000")) {
        QByteArray header;
        QByteArray row;
        for (int c = 0; c < 10000; ++c) {
            header += (c ? "," : "") + QByteArray("c") + QByteArray::number(c);
            row += (c ? "," : "") + QByteArray::number(c);
        }
        return header + '\n' + row + '\n';
    }
    if (name == QLatin1String("duplicate_names_100000")) {
        QByteArray header;
        QByteArray row;
        for (int c = 0; c < 100000; ++c) {
            header += c ? ",x" : "x";
            row += c ? ",1" : "1";
        }
        return header + '\n' + row + '\n';
    }
    if (name == QLatin1String("huge_field_5mb"))
        return "id,blob\n1,\"" + QByteArray(5 * 1024 * 1024, 'x') + "\"\n2,short\n";
    if (name == QLatin1String("long_line_no_newline"))
        return "id,blob\n1," + QByteArray(8 * 1024 * 1024, 'y');
    if (name == QLatin1String("blank_lines_1000000"))
        return "a,b\n1,2\n" + QByteArray(1000000, '\n') + "3,4\n";
    if (name == QLatin1String("late_type_change")) {
        QByteArray text = "n\n";
        for (int r = 0; r < 100001; ++r)
            text += QByteArray::number(r) + '\n';
        return text + "oops\n"; // line 100,003
    }
    if (name == QLatin1String("unterminated_quote_1mb"))
        return "a,b\n1,2\n3,\"" + QByteArray(1024 * 1024, 'z');
    return {};
}

using Tandem::Base::Result;

/// One read, shared with the thread that runs it (which may outlive the case).
struct Job {
    QString path; ///< a file to read, or empty to read `bytes`
    QByteArray bytes;
    QString name;
    CsvOptions options;
    std::promise<Result<LoadedDataset>> promise;

    void run()
    {
        if (!path.isEmpty()) {
            ReadOptions read;
            read.csv = options;
            promise.set_value(DatasetReader::read(path, read)); // the reader by file name, as the app does
            return;
        }
        NullProgressSink sink;
        promise.set_value(CsvReader::readBytes(bytes, name, options, Progress(sink)));
    }
};

/// Set when a case gave up on a reader that still runs.
std::atomic<bool> s_stuckReaders = false;

struct Case {
    QString file; ///< a file in malformed/, or kGenerated + a name known to generated()
    Opts opts;
    bool ok;
    QStringList errorContains; ///< the error message holds each of these
    qint64 errorLine; ///< the error's line (-1: none)
    qint64 rows;
    qint64 columns;
    QStringList warningKinds; ///< the exact set of warning kinds reported
};

/// An expected error.
Case fails(const char *file, Opts opts, QStringList contains, qint64 line)
{
    return {QString::fromLatin1(file), opts, false, std::move(contains), line, -1, -1, {}};
}

/// An expected load: its shape and the exact set of warning kinds.
Case loads(const char *file, Opts opts, qint64 rows, qint64 columns, QStringList warningKinds)
{
    return {QString::fromLatin1(file), opts, true, {}, -1, rows, columns, std::move(warningKinds)};
}

QList<Case> allCases()
{
    const auto S = [](const char *s) { return QString::fromLatin1(s); };
    return {
        // Ragged rows: refused naming the physical line, or skipped with a warning each.
        fails("ragged_short.csv", Opts::Default, {S("Line 3 has 2 fields"), S("has 3")}, 3),
        loads("ragged_short.csv", Opts::SkipRagged, 2, 3, {S("RaggedRowSkipped")}),
        fails("ragged_long.csv", Opts::Default, {S("Line 4 has 3 fields")}, 4),
        // Quoted line breaks count as lines: the short record starts on line 7.
        fails("ragged_after_multiline.csv", Opts::Default, {S("Line 7 has 1 fields")}, 7),

        // Quotes.
        loads("text_after_quote.csv", Opts::Default, 2, 2, {S("TextAfterQuote")}),
        loads("stray_quote.csv", Opts::Default, 2, 2, {S("StrayQuote")}),
        fails("unterminated_quote_eof.csv", Opts::Default, {S("line 3"), S("never closed")}, 3),
        fails("unterminated_quote_last_byte.csv", Opts::Default, {S("line 3"), S("never closed")}, 3),
        fails("only_quotes.csv", Opts::Default, {S("line 1"), S("never closed")}, 1),
        fails("generated:unterminated_quote_1mb", Opts::Default, {S("line 3"), S("never closed")}, 3),

        // Encodings.
        loads("invalid_utf8_line3.csv", Opts::Default, 2, 2, {S("Encoding")}),
        fails("invalid_utf8_line3.csv", Opts::RefuseUtf8,
            {S("not valid UTF-8"), S("0xe9"), S("offset 23"), S("line 3")}, 3),
        fails("overlong_utf8.csv", Opts::RefuseUtf8, {S("not valid UTF-8"), S("offset 4"), S("line 2")}, 2),
        fails("utf8_surrogate.csv", Opts::RefuseUtf8, {S("not valid UTF-8"), S("offset 4"), S("line 2")}, 2),
        loads("utf16le_lone_surrogate.csv", Opts::Default, 2, 2, {S("Encoding")}),
        loads("utf16be_lone_low_surrogate.csv", Opts::Default, 1, 2, {S("Encoding")}),
        // The odd last byte becomes U+FFFD in "4\uFFFD", so column b turns text below the integer "2".
        loads("utf16le_truncated.csv", Opts::Default, 2, 2, {S("Encoding"), S("TypeFallback")}),
        fails("utf16le_no_bom.csv", Opts::Default, {S("not a text file"), S("NUL")}, -1),

        // Truncated and corrupt gzip.
        fails("truncated.csv.gz", Opts::Default, {S("gzip"), S("truncated")}, -1),
        fails("garbage.csv.gz", Opts::Default, {S("gzip"), S("corrupt")}, -1),
        fails("gzip_of_binary.csv.gz", Opts::Default, {S("not a text file"), S("NUL")}, -1),
        fails("gzip_empty.csv.gz", Opts::Default, {S("empty")}, -1),

        // Nothing to read.
        fails("empty.csv", Opts::Default, {S("empty")}, -1),
        fails("bom_only.csv", Opts::Default, {S("empty"), S("byte order mark")}, -1),
        fails("utf16_bom_only.csv", Opts::Default, {S("empty"), S("byte order mark")}, -1),
        fails("cr_only.csv", Opts::Default, {S("empty"), S("blank lines")}, -1),
        fails("lf_only.csv", Opts::Default, {S("empty"), S("blank lines")}, -1),
        loads("header_only.csv", Opts::Default, 0, 3, {}),
        loads("header_only_no_newline.csv", Opts::Default, 0, 3, {}),
        loads("header_only.csv", Opts::NoHeader, 1, 3, {}),
        fails("nul_bytes.csv", Opts::Default, {S("not a text file"), S("NUL"), S("offset 10")}, -1),

        // Odd but loadable layouts.
        loads("delimiters_only.csv", Opts::Default, 2, 4, {}),
        loads("blank_names.csv", Opts::Default, 1, 3, {S("BlankName")}),
        loads("mixed_line_ends.csv", Opts::Default, 4, 2, {S("BlankLine")}),

        // Numbers beyond double and int64.
        loads("absurd_numbers.csv", Opts::Default, 2, 3, {S("IntegerOverflow"), S("OutOfRange"), S("Underflow")}),
        fails("absurd_numbers.csv", Opts::RefuseOutOfRange, {S("1e400"), S("range")}, 2),
        loads("nan_spellings.csv", Opts::Default, 3, 1, {S("NotANumber")}),

        // Large inputs, generated: they must load (or fail) in bounded time.
        loads("generated:wide_header_10000", Opts::Default, 1, 10000, {}),
        loads("generated:duplicate_names_100000", Opts::Default, 1, 100000, {S("DuplicateName")}),
        loads("generated:huge_field_5mb", Opts::Default, 2, 2, {}),
        loads("generated:long_line_no_newline", Opts::Default, 1, 2, {}),
        loads("generated:blank_lines_1000000", Opts::Default, 2, 2, {S("BlankLine")}),
        loads("generated:late_type_change", Opts::Default, 100002, 1, {S("TypeFallback")}),

        // Other formats, where the fuzzers found something (their own suites hold the rest).
        fails("empty.idx", Opts::Default, {S("too short for an IDX header")}, -1),
        // fuzz_arff: the Encoding warning (line 6) came before the OutOfRange one (line 4).
        loads("arff_warnings_unsorted.arff", Opts::Default, 2, 1, {S("Encoding"), S("OutOfRange")}),
        // fuzz_idx: sizes 2 x 0 loaded as a dataset of 0 rows whose report said 2 rows. Rows
        // without values cannot be represented: the header must be refused, naming its sizes.
        fails("idx_zero_columns.idx", Opts::Default, {S("2 x 0")}, -1),
        // fuzz_idx: a zero size lets a 12-byte header pass the payload check. 4294967295 x 0
        // loops over four billion empty rows (6 s) and reports them; 0 x 1000000 builds a
        // million empty columns (0 x 16777215 took 57 s and 8 GB). Refused, naming the sizes.
        fails("idx_huge_rows_zero_columns.idx", Opts::Default, {S("4294967295 x 0")}, -1),
        fails("idx_zero_rows_million_columns.idx", Opts::Default, {S("0 x 1000000")}, -1),
    };
}

} // namespace

class TestMalformed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cases_data();
    void cases();
    void everyFixtureHasACase();
};

void TestMalformed::cases_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("opts");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("errorContains");
    QTest::addColumn<qint64>("errorLine");
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<qint64>("columns");
    QTest::addColumn<QStringList>("warningKinds");
    static const char *const kOptsNames[]
        = {"default", "refuse-utf8", "skip-ragged", "refuse-out-of-range", "no-header"};
    for (const Case &c : allCases()) {
        const QString tag = c.file + QLatin1Char(' ') + QString::fromLatin1(kOptsNames[int(c.opts)]);
        QTest::newRow(qPrintable(tag)) << c.file << int(c.opts) << c.ok << c.errorContains << c.errorLine << c.rows
                                       << c.columns << c.warningKinds;
    }
}

void TestMalformed::cases()
{
    QFETCH(QString, file);
    QFETCH(int, opts);
    QFETCH(bool, ok);
    QFETCH(QStringList, errorContains);
    QFETCH(qint64, errorLine);
    QFETCH(qint64, rows);
    QFETCH(qint64, columns);
    QFETCH(QStringList, warningKinds);

    // The read runs on its own thread so that a hang fails this case after the
    // budget instead of stalling the suite; a stuck reader is left behind and the
    // process ends without running static destructors (see main()).
    auto job = std::make_shared<Job>();
    job->options = ::options(Opts(opts));
    QString name;
    if (file.startsWith(kGenerated)) {
        name = file.mid(kGenerated.size());
        job->bytes = generated(name);
        QVERIFY2(!job->bytes.isEmpty(), qPrintable(name));
    } else {
        name = QDir(malformedDir()).filePath(file);
        QVERIFY2(QFileInfo::exists(name), qPrintable(name));
        job->path = name;
    }
    job->name = name;
    std::future<Result<LoadedDataset>> future = job->promise.get_future();
    std::thread(&Job::run, job).detach();
    if (future.wait_for(std::chrono::milliseconds(kBudgetMs)) != std::future_status::ready) {
        s_stuckReaders = true;
        QFAIL(qPrintable(
            QStringLiteral("the reader did not finish within %1 ms (a hang, or far too slow)").arg(kBudgetMs)));
    }
    const Result<LoadedDataset> result = future.get();

    if (!ok) {
        QVERIFY2(!result.ok(),
            qPrintable(QStringLiteral("loaded %1 x %2, expected an error")
                           .arg(result.ok() ? result->report.rows : 0)
                           .arg(result.ok() ? result->report.columns : 0)));
        const QString message = result.error().message;
        for (const QString &part : errorContains)
            QVERIFY2(message.contains(part), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, message)));
        QCOMPARE(result.error().line, errorLine);
        QCOMPARE(QFileInfo(result.error().file).fileName(), QFileInfo(name).fileName());
        return;
    }

    QVERIFY2(result.ok(), qPrintable(result.error().toString()));
    const Dataset &ds = *result->dataset;
    const LoadReport &report = result->report;
    QCOMPARE(ds.rowCount(), rows);
    QCOMPARE(qint64(ds.columnCount()), columns);
    QCOMPARE(report.rows, rows);
    QCOMPARE(report.columns, columns);
    for (const Column &column : ds.columns()) {
        QCOMPARE(column.size(), rows);
        QVERIFY(column.missingCount() <= rows);
    }
    QStringList kinds;
    for (qsizetype i = 0; i < report.warnings.size(); ++i) {
        const LoadWarning &w = report.warnings[i];
        const QString kind = kindName(w.kind);
        if (!kinds.contains(kind))
            kinds << kind;
        QVERIFY2(w.line >= 1 || w.line == -1, qPrintable(w.toString()));
        if (i > 0) { // LoadReport::warnings is sorted by line, then column
            const LoadWarning &p = report.warnings[i - 1];
            QVERIFY2(p.line < w.line || (p.line == w.line && p.column <= w.column),
                qPrintable(
                    QStringLiteral("warnings out of order: \"%1\" before \"%2\"").arg(p.toString(), w.toString())));
        }
    }
    kinds.sort();
    QStringList expectedKinds = warningKinds;
    expectedKinds.sort();
    QCOMPARE(kinds, expectedKinds);
    QCOMPARE(ds.fingerprint().size(), 64);
}

// A fixture without a case would be dead weight; a case without a fixture is
// caught in cases() itself.
void TestMalformed::everyFixtureHasACase()
{
    QSet<QString> covered;
    for (const Case &c : allCases())
        covered.insert(c.file);
    const QStringList files = QDir(malformedDir()).entryList(QDir::Files | QDir::NoDotAndDotDot);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files) {
        if (file.startsWith(QLatin1Char('.')) || file.endsWith(QLatin1String(".md")))
            continue;
        QVERIFY2(covered.contains(file), qPrintable(file + QStringLiteral(" has no expected outcome")));
    }
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    TestMalformed test;
    const int failures = QTest::qExec(&test, argc, argv);
    if (s_stuckReaders) {
        // A reader thread is still running over objects that static destructors
        // would free under it: end the process here.
        std::fflush(stdout);
        std::fflush(stderr);
        std::_Exit(failures > 0 ? failures : 1);
    }
    return failures;
}
#include "tst_malformed.moc"
