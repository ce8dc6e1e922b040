// SPDX-License-Identifier: GPL-3.0-or-later
// bench_drift: the full drift report of issue 8 ("Speed") on two feature-major
// float64 files of gen_drift.py; drift_scipy.py is the scipy/numpy side and
// run_drift_benchmarks.sh runs both on the same data.
//
//   bench_drift --reference FILE --current FILE [--features P] [--threads N] [--warmup N] [--repeat N]
//
// The files become two Datasets of P numeric columns (not timed). Each timed run is
// one Drift::DriftReport::compute over every feature: the default test (normalised
// Wasserstein with this many rows), the missing-value and category checks, and the
// two tests the scipy side computes, KS (ks_2samp's p-value) and the PSI, as
// additional tests, on --threads threads (default 2). Times are wall and process
// CPU seconds of compute() alone, --repeat runs (default 3) after --warmup untimed
// ones (default 1). Prints one line for people, then one JSON line in
// drift_scipy.py's shape (plus "threads" and "drifted"), with the KS statistic,
// KS p-value and PSI of every feature from the last run. A plain program, not a test.
#include "core/data/Dataset.h"
#include "core/drift/DriftReport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

using namespace Tandem;

namespace {

using Clock = std::chrono::steady_clock;

/// CPU seconds of the whole process (all threads).
double cpuSeconds()
{
    return double(std::clock()) / double(CLOCKS_PER_SEC);
}

/// P feature-major columns of float64 values.
std::shared_ptr<const Data::Dataset> readFeatures(const QString &path, int features)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("bench_drift: cannot open %s", qPrintable(path));
    const qint64 bytes = file.size();
    if (bytes % (qint64(features) * 8) != 0)
        qFatal("bench_drift: %s does not hold %d float64 columns", qPrintable(path), features);
    const qint64 rows = bytes / (qint64(features) * 8);
    Data::DatasetBuilder builder;
    for (int j = 0; j < features; ++j) {
        std::vector<double> values(static_cast<std::size_t>(rows));
        const qint64 want = rows * 8;
        if (file.read(reinterpret_cast<char *>(values.data()), want) != want)
            qFatal("bench_drift: short read in %s", qPrintable(path));
        builder.addColumn(Data::Column::numeric(QStringLiteral("f%1").arg(j), std::move(values)));
    }
    auto dataset = builder.build();
    if (!dataset.ok())
        qFatal("bench_drift: %s", qPrintable(dataset.error().message));
    return dataset.value();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("reference"), QStringLiteral("Reference file."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("current"), QStringLiteral("Current file."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("features"), QStringLiteral("Features per file."), QStringLiteral("P"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Threads."), QStringLiteral("N"), QStringLiteral("2")});
    parser.addOption(
        {QStringLiteral("warmup"), QStringLiteral("Untimed runs."), QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption(
        {QStringLiteral("repeat"), QStringLiteral("Timed runs."), QStringLiteral("N"), QStringLiteral("3")});
    parser.addHelpOption();
    parser.process(app);
    const int features = parser.value(QStringLiteral("features")).toInt();
    const int threads = parser.value(QStringLiteral("threads")).toInt();
    const int warmup = parser.value(QStringLiteral("warmup")).toInt();
    const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());
    if (!parser.isSet(QStringLiteral("reference")) || !parser.isSet(QStringLiteral("current")) || features < 1
        || threads < 1)
        qFatal("bench_drift: needs --reference, --current, --features >= 1, --threads >= 1");

    const auto reference = readFeatures(parser.value(QStringLiteral("reference")), features);
    const auto current = readFeatures(parser.value(QStringLiteral("current")), features);

    Drift::DriftOptions options;
    options.threads = threads;
    options.additionalTests = {Drift::DriftTest::KolmogorovSmirnov, Drift::DriftTest::PopulationStability};
    const auto runOnce = [&] {
        auto report = Drift::DriftReport::compute(*reference, *current, options);
        if (!report.ok())
            qFatal("bench_drift: %s", qPrintable(report.error().message));
        return std::move(report).value();
    };
    for (int i = 0; i < warmup; ++i)
        runOnce();
    std::vector<double> times, cpus;
    std::optional<Drift::DriftReport> last;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        const double cpu = cpuSeconds();
        last = runOnce();
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        cpus.push_back(cpuSeconds() - cpu);
    }

    QJsonArray ksStatistic, ksPValue, psi, timeArray;
    for (const Drift::FeatureDrift &f : last->features()) {
        for (const Drift::TestOutcome &outcome : f.additional) {
            if (outcome.test == Drift::DriftTest::KolmogorovSmirnov) {
                ksStatistic.append(outcome.statistic);
                ksPValue.append(outcome.score);
            } else {
                psi.append(outcome.score);
            }
        }
    }
    for (const double t : times)
        timeArray.append(t);
    const double seconds = median(times);
    std::printf("Tandem: drift report (Wasserstein + KS + PSI) of %d features, %lld x %lld rows, %d threads: "
                "%.3f s (median of %d)\n",
        features, static_cast<long long>(reference->rowCount()), static_cast<long long>(current->rowCount()), threads,
        seconds, repeat);
    const QJsonObject result {
        {QStringLiteral("side"), QStringLiteral("tandem")},
        {QStringLiteral("version"), QStringLiteral("Tandem")},
        {QStringLiteral("median_s"), seconds},
        {QStringLiteral("cpu_median_s"), median(cpus)},
        {QStringLiteral("times"), timeArray},
        {QStringLiteral("threads"), threads},
        {QStringLiteral("features"), features},
        {QStringLiteral("drifted"), qint64(last->driftedCount())},
        {QStringLiteral("ks_statistic"), ksStatistic},
        {QStringLiteral("ks_pvalue"), ksPValue},
        {QStringLiteral("psi"), psi},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
