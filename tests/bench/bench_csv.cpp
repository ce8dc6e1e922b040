// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_csv: times Tandem::Data::CsvReader::read on one file.
//
//   bench_csv [--warmup N] [--repeat N] [--threads N] [--delimiter C] [--sample-memory] [--quiet] FILE
//
// Reads FILE `warmup` times untimed, then `repeat` times timed (each Dataset is
// released before the next read), and prints min/median wall time, throughput
// (MB = 10^6 bytes of the file on disk per second), rows, columns and the
// process's peak resident set size (VmHWM; Linux only, "n/a" elsewhere). The last
// line is one JSON object with the same numbers, in the shape tests/bench/pandas_read.py
// prints, for tests/bench/run_benchmarks.sh. This is a plain program, not a test.

#include "core/data/CsvReader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#ifdef Q_OS_LINUX
#include <fstream>
#include <string>
#endif

namespace {

using Tandem::Data::CsvOptions;
using Tandem::Data::CsvReader;

/// A field of /proc/self/status in KiB ("VmHWM", "VmRSS", "RssAnon", ...), or
/// nothing where that file does not exist (every OS but Linux).
std::optional<qint64> statusKb(const char *field)
{
#ifdef Q_OS_LINUX
    std::ifstream status("/proc/self/status");
    const std::string prefix = std::string(field) + ':';
    std::string line;
    while (std::getline(status, line)) {
        if (line.compare(0, prefix.size(), prefix) == 0)
            return std::stoll(line.substr(prefix.size()));
    }
#else
    Q_UNUSED(field);
#endif
    return std::nullopt;
}

QJsonValue jsonKb(std::optional<qint64> kb)
{
    return kb ? QJsonValue(*kb) : QJsonValue(QJsonValue::Null);
}

QString textKb(std::optional<qint64> kb)
{
    return kb ? QStringLiteral("%1 MiB").arg(double(*kb) / 1024.0, 0, 'f', 1) : QStringLiteral("n/a");
}

/// Polls RssAnon and RssFile while a read runs, keeping their maxima: VmHWM alone
/// cannot tell heap from pages of a memory-mapped input file.
class MemorySampler
{
public:
    void start()
    {
        if (!statusKb("RssAnon"))
            return; // not Linux: nothing to sample
        m_stop = false;
        m_thread = std::thread([this] {
            while (!m_stop.load(std::memory_order_relaxed)) {
                sample();
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            sample();
        });
    }
    void stop()
    {
        if (!m_thread.joinable())
            return;
        m_stop = true;
        m_thread.join();
    }
    std::optional<qint64> peakAnonKb() const { return m_sampled ? std::optional<qint64>(m_anon) : std::nullopt; }
    std::optional<qint64> peakFileKb() const { return m_sampled ? std::optional<qint64>(m_file) : std::nullopt; }

private:
    void sample()
    {
        const auto anon = statusKb("RssAnon");
        const auto file = statusKb("RssFile");
        if (!anon || !file)
            return;
        m_anon = std::max(m_anon, *anon);
        m_file = std::max(m_file, *file);
        m_sampled = true;
    }

    std::thread m_thread;
    std::atomic<bool> m_stop {false};
    qint64 m_anon = 0;
    qint64 m_file = 0;
    bool m_sampled = false;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

void printLine(const QString &text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_csv"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times Tandem's CSV reader on one file."));
    parser.addHelpOption();
    const QCommandLineOption warmupOption(QStringLiteral("warmup"),
        QStringLiteral("Untimed reads before the timed ones (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption repeatOption(
        QStringLiteral("repeat"), QStringLiteral("Timed reads (default 5)."), QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
        QStringLiteral("Parse threads, CsvOptions::threads (default 0: one per core)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption delimiterOption(
        QStringLiteral("delimiter"), QStringLiteral("Field delimiter (default: sniffed)."), QStringLiteral("C"));
    const QCommandLineOption sampleOption(QStringLiteral("sample-memory"),
        QStringLiteral("Sample RssAnon/RssFile every 2 ms during the reads (Linux; costs a little time)."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("Print only the JSON line."));
    parser.addOptions({warmupOption, repeatOption, threadsOption, delimiterOption, sampleOption, quietOption});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The CSV file to read."));
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    bool warmupOk = false;
    bool repeatOk = false;
    bool threadsOk = false;
    const int warmup = parser.value(warmupOption).toInt(&warmupOk);
    const int repeat = parser.value(repeatOption).toInt(&repeatOk);
    const int threads = parser.value(threadsOption).toInt(&threadsOk);
    const QString delimiter = parser.value(delimiterOption);
    if (positional.size() != 1 || !warmupOk || warmup < 0 || !repeatOk || repeat < 1 || !threadsOk || threads < 0
        || delimiter.size() > 1 || (delimiter.size() == 1 && delimiter.at(0).unicode() > 0x7f)) {
        std::fputs(qPrintable(parser.helpText()), stderr);
        return 2;
    }
    const QString path = positional.front();
    const bool quiet = parser.isSet(quietOption);

    CsvOptions options;
    options.threads = threads;
    const int threadsUsed = threads > 0 ? threads : QThread::idealThreadCount();
    if (delimiter.size() == 1)
        options.delimiter = delimiter.at(0).toLatin1();

    const auto baselineKb = statusKb("VmRSS");
    MemorySampler sampler;
    if (parser.isSet(sampleOption))
        sampler.start();

    std::vector<double> seconds;
    qint64 bytes = 0;
    qint64 rows = 0;
    qint64 columns = 0;
    qint64 dataBytes = 0;
    std::map<QString, int> types;
    for (int k = 0; k < warmup + repeat; ++k) {
        const auto begin = std::chrono::steady_clock::now();
        auto loaded = CsvReader::read(path, options);
        const auto end = std::chrono::steady_clock::now();
        if (!loaded) {
            sampler.stop();
            std::fputs(qPrintable(QStringLiteral("bench_csv: error: %1\n").arg(loaded.error().toString())), stderr);
            return 1;
        }
        if (k >= warmup)
            seconds.push_back(std::chrono::duration<double>(end - begin).count());
        const auto &report = loaded.value().report;
        bytes = report.bytes;
        rows = report.rows;
        columns = report.columns;
        dataBytes = loaded.value().dataset->memoryBytes();
        types.clear();
        for (const auto &column : report.columnReports)
            ++types[Tandem::Data::columnTypeName(column.type)];
        // `loaded` (the Dataset and the report) is released here, before the next read.
    }
    sampler.stop();
    const auto peakKb = statusKb("VmHWM");

    const double best = *std::min_element(seconds.begin(), seconds.end());
    const double middle = median(seconds);
    const double megabytes = double(bytes) / 1e6;

    QJsonArray times;
    for (const double s : seconds)
        times.append(s);
    QJsonObject typeCounts;
    QStringList typeText;
    for (const auto &[name, count] : types) {
        typeCounts.insert(name, count);
        typeText << QStringLiteral("%1 %2").arg(count).arg(name);
    }
    QJsonObject json {
        {QStringLiteral("tool"), QStringLiteral("tandem")},
        {QStringLiteral("engine"), QStringLiteral("CsvReader")},
        {QStringLiteral("file"), QFileInfo(path).fileName()},
        {QStringLiteral("bytes"), bytes},
        {QStringLiteral("rows"), rows},
        {QStringLiteral("columns"), columns},
        {QStringLiteral("types"), typeCounts},
        {QStringLiteral("warmup"), warmup},
        {QStringLiteral("repeat"), repeat},
        {QStringLiteral("threads"), threadsUsed},
        {QStringLiteral("times_s"), times},
        {QStringLiteral("min_s"), best},
        {QStringLiteral("median_s"), middle},
        {QStringLiteral("mb_per_s"), megabytes / middle},
        {QStringLiteral("mb_per_s_best"), megabytes / best},
        {QStringLiteral("peak_rss_kb"), jsonKb(peakKb)},
        {QStringLiteral("baseline_rss_kb"), jsonKb(baselineKb)},
        {QStringLiteral("peak_anon_kb"), jsonKb(sampler.peakAnonKb())},
        {QStringLiteral("peak_file_kb"), jsonKb(sampler.peakFileKb())},
        {QStringLiteral("data_bytes"), dataBytes},
    };

    if (!quiet) {
        printLine(QStringLiteral("file        %1 (%2 MB)").arg(path).arg(megabytes, 0, 'f', 1));
        printLine(QStringLiteral("shape       %1 rows x %2 columns (%3)")
                      .arg(rows)
                      .arg(columns)
                      .arg(typeText.join(QStringLiteral(", "))));
        printLine(QStringLiteral("reads       %1 timed after %2 warm-up, %3 parse thread(s)")
                      .arg(repeat)
                      .arg(warmup)
                      .arg(threadsUsed));
        printLine(QStringLiteral("wall time   min %1 s, median %2 s").arg(best, 0, 'f', 3).arg(middle, 0, 'f', 3));
        printLine(QStringLiteral("throughput  %1 MB/s (median), %2 MB/s (best)")
                      .arg(megabytes / middle, 0, 'f', 1)
                      .arg(megabytes / best, 0, 'f', 1));
        printLine(QStringLiteral("peak RSS    %1 (baseline %2; values held %3 MiB)")
                      .arg(textKb(peakKb), textKb(baselineKb))
                      .arg(double(dataBytes) / 1048576.0, 0, 'f', 1));
        if (parser.isSet(sampleOption)) {
            printLine(QStringLiteral("peak anon   %1, peak file-backed %2")
                          .arg(textKb(sampler.peakAnonKb()), textKb(sampler.peakFileKb())));
        }
    }
    std::fputs(QJsonDocument(json).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
    return 0;
}
