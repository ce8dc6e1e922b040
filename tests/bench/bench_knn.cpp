// SPDX-License-Identifier: GPL-3.0-or-later
//
// bench_knn: k-NN prediction of the 10,000 Fashion-MNIST test images against
// the 60,000 training images (784 pixels each, as doubles), timed.
//
//   bench_knn [--dir DIR] [--threads N] [--neighbors K] [--metric euclidean|manhattan] [--queries N]
//
// DIR holds train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz and the
// t10k pair (default: Debian's dataset-fashion-mnist, /usr/share/datasets/fashion-mnist).
// Prints load, fit and predict wall times and the accuracy; the last line is one
// JSON object, in the shape tests/bench/knn_sklearn.py prints for scikit-learn.
// This is a plain program, not a test.

#include "core/data/IdxReader.h"
#include "core/learn/neighbors/KNeighbors.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace {

using namespace Tandem;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Images and labels of one IDX pair as X (n × 784) and y; the label is the last column.
Base::Result<std::pair<Learn::Matrix, Learn::Vector>> loadPair(
    const QString &images, const QString &labels, qint64 maxRows)
{
    Base::NullProgressSink sink;
    auto loaded = Data::IdxReader::readPair(images, labels, Base::Progress(sink), maxRows);
    if (!loaded.ok())
        return loaded.error();
    const Data::Dataset &ds = *loaded.value().dataset;
    const qsizetype features = ds.columnCount() - 1;
    Learn::Matrix X(ds.rowCount(), features);
    Learn::Vector y(ds.rowCount());
    for (qsizetype c = 0; c < features; ++c) {
        for (qint64 r = 0; r < ds.rowCount(); ++r)
            X(r, c) = ds.column(c).toDouble(r);
    }
    for (qint64 r = 0; r < ds.rowCount(); ++r)
        y[r] = ds.column(features).toDouble(r);
    return std::pair {std::move(X), std::move(y)};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("k-NN prediction of Fashion-MNIST, timed"));
    parser.addHelpOption();
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Fashion-MNIST folder"),
        QStringLiteral("DIR"), QStringLiteral("/usr/share/datasets/fashion-mnist"));
    const QCommandLineOption threadsOption(
        QStringLiteral("threads"), QStringLiteral("Threads"), QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption neighborsOption(
        QStringLiteral("neighbors"), QStringLiteral("k"), QStringLiteral("K"), QStringLiteral("5"));
    const QCommandLineOption metricOption(QStringLiteral("metric"), QStringLiteral("euclidean or manhattan"),
        QStringLiteral("M"), QStringLiteral("euclidean"));
    const QCommandLineOption queriesOption(QStringLiteral("queries"), QStringLiteral("Test images to classify"),
        QStringLiteral("N"), QStringLiteral("10000"));
    parser.addOptions({dirOption, threadsOption, neighborsOption, metricOption, queriesOption});
    parser.process(app);

    const QDir dir(parser.value(dirOption));
    auto start = Clock::now();
    auto train = loadPair(dir.filePath(QStringLiteral("train-images-idx3-ubyte.gz")),
        dir.filePath(QStringLiteral("train-labels-idx1-ubyte.gz")), -1);
    auto test = loadPair(dir.filePath(QStringLiteral("t10k-images-idx3-ubyte.gz")),
        dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte.gz")), parser.value(queriesOption).toLongLong());
    if (!train.ok() || !test.ok()) {
        std::fprintf(stderr, "bench_knn: %s\n", qPrintable((train.ok() ? test.error() : train.error()).toString()));
        return 1;
    }
    const double loadSeconds = secondsSince(start);
    const auto &[trainX, trainY] = train.value();
    const auto &[testX, testY] = test.value();

    Learn::KNeighbors model(Learn::KNeighbors::Kind::Classifier);
    if (const auto status = model.setParams({{QStringLiteral("n_neighbors"), parser.value(neighborsOption)},
            {QStringLiteral("metric"), parser.value(metricOption)}});
        !status.ok()) {
        std::fprintf(stderr, "bench_knn: %s\n", qPrintable(status.error().message));
        return 1;
    }
    Learn::FitContext context;
    context.classCount = 10;
    context.threads = parser.value(threadsOption).toInt();
    start = Clock::now();
    if (const auto status = model.fit(trainX, trainY, context); !status.ok()) {
        std::fprintf(stderr, "bench_knn: %s\n", qPrintable(status.error().message));
        return 1;
    }
    const double fitSeconds = secondsSince(start);
    start = Clock::now();
    // std::clock() is the process's CPU time on Linux and macOS (all threads), the
    // wall time on Windows: a fairer figure than wall time on a loaded machine.
    const std::clock_t cpuStart = std::clock();
    const auto predicted = model.predict(testX);
    const double predictSeconds = secondsSince(start);
    const double predictCpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    if (!predicted.ok()) {
        std::fprintf(stderr, "bench_knn: %s\n", qPrintable(predicted.error().message));
        return 1;
    }
    const double accuracy = (predicted.value().array() == testY.array()).cast<double>().mean();
    std::printf(
        "load %.2f s, fit %.2f s, predict %lld x %lld (k=%s, %s, %d threads): %.2f s (%.2f CPU s), accuracy %.4f\n",
        loadSeconds, fitSeconds, static_cast<long long>(testX.rows()), static_cast<long long>(trainX.rows()),
        qPrintable(parser.value(neighborsOption)), qPrintable(parser.value(metricOption)), context.threads,
        predictSeconds, predictCpuSeconds, accuracy);
    const QJsonObject result {{QStringLiteral("tool"), QStringLiteral("tandem")},
        {QStringLiteral("fit_seconds"), fitSeconds}, {QStringLiteral("predict_seconds"), predictSeconds},
        {QStringLiteral("predict_cpu_seconds"), predictCpuSeconds}, {QStringLiteral("accuracy"), accuracy},
        {QStringLiteral("queries"), qint64(testX.rows())}, {QStringLiteral("threads"), context.threads}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
