// SPDX-License-Identifier: GPL-3.0-or-later
// bench_learn: fit time of any registered model (logreg, ridge, tree, forest, gbdt,
// mlp, ...), the Tandem side of the "Speed" comparisons of issues 4 and 5;
// learn_sklearn.py is the scikit-learn (and xgboost) side and run_learn_benchmarks.sh
// runs them on the same data.
//
//   bench_learn --model ID (--x FILE --y FILE [--test-x FILE --test-y FILE] | --fashion-mnist DIR)
//               [--train-rows N] [--threads N] [--warmup N] [--repeat N] [--param NAME=VALUE ...]
//
// --x/--y: raw little-endian float64, X row-major (gen_learn.py writes them):
//   X = np.fromfile(FILE, dtype="<f8").reshape(n, p); y = np.fromfile(FILE, dtype="<f8")
// the metric is on --test-x/--test-y if given, else on the training rows (accuracy
// for classifiers, R² for regressors). --fashion-mnist DIR: the IDX files of DIR read
// by DatasetReader, pixels / 255, fitted on the 60,000 training images, accuracy on
// the 10,000 test images. --train-rows N fits on the first N training rows only
// (short trial runs; the test rows stay all). Classifiers get FitContext::classCount
// = largest label + 1. Each timed fit uses a fresh estimator from the Registry with
// FitContext::threads = N (default 2) and seed 0; the times are wall and process CPU
// seconds of fit() alone; the metric (and for logreg the iterations and the train
// loss, mean log loss, unpenalised, from predictProba) come from the last one. Prints
// one line for people, then one JSON line in learn_sklearn.py's shape. A plain
// program, not a test.
#include "core/data/DatasetReader.h"
#include "core/learn/Registry.h"
#include "core/learn/linear/LogisticRegression.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace Tandem;
using Learn::Matrix;
using Learn::Vector;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// CPU seconds of the whole process (all threads).
double cpuSeconds()
{
    return double(std::clock()) / double(CLOCKS_PER_SEC);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t half = values.size() / 2;
    return values.size() % 2 == 1 ? values[half] : (values[half - 1] + values[half]) / 2.0;
}

struct Problem {
    Matrix X;
    Vector y;
    Matrix testX;
    Vector testY;
    bool separateTest = false;
    QString name;
};

Base::Result<QByteArray> readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (bytes.size() % qsizetype(sizeof(double)) != 0)
        return Base::Error(QStringLiteral("%1 does not hold whole float64 values").arg(path));
    return bytes;
}

/// Raw float64 files: X row-major (n × p), y (n).
Base::Result<std::pair<Matrix, Vector>> readRawPair(const QString &xPath, const QString &yPath)
{
    auto xBytes = readAll(xPath);
    if (!xBytes.ok())
        return xBytes.error();
    auto yBytes = readAll(yPath);
    if (!yBytes.ok())
        return yBytes.error();
    const Eigen::Index n = yBytes.value().size() / Eigen::Index(sizeof(double));
    const Eigen::Index values = xBytes.value().size() / Eigen::Index(sizeof(double));
    if (n == 0 || values % n != 0)
        return Base::Error(QStringLiteral("%1 does not hold %2 rows").arg(xPath).arg(n));
    const Eigen::Index p = values / n;
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    return std::pair {
        Matrix(Eigen::Map<const RowMajor>(reinterpret_cast<const double *>(xBytes.value().constData()), n, p)),
        Vector(Eigen::Map<const Vector>(reinterpret_cast<const double *>(yBytes.value().constData()), n))};
}

/// Training rows from --x/--y and, if both paths are given, test rows from --test-x/--test-y.
Base::Result<Problem> readRaw(
    const QString &xPath, const QString &yPath, const QString &testXPath, const QString &testYPath)
{
    auto train = readRawPair(xPath, yPath);
    if (!train.ok())
        return train.error();
    Problem data;
    std::tie(data.X, data.y) = std::move(train.value());
    data.name = QFileInfo(yPath).fileName();
    if (!testXPath.isEmpty() || !testYPath.isEmpty()) {
        auto test = readRawPair(testXPath, testYPath);
        if (!test.ok())
            return test.error();
        std::tie(data.testX, data.testY) = std::move(test.value());
        if (data.testX.cols() != data.X.cols())
            return Base::Error(QStringLiteral("%1 has %2 columns, %3 has %4")
                                   .arg(testXPath)
                                   .arg(data.testX.cols())
                                   .arg(xPath)
                                   .arg(data.X.cols()));
        data.separateTest = true;
    }
    return data;
}

/// One Fashion-MNIST images file (its labels found next to it) as pixels / 255 and labels.
Base::Result<std::pair<Matrix, Vector>> readImages(const QString &imagesPath)
{
    auto loaded = Data::DatasetReader::read(imagesPath);
    if (!loaded.ok())
        return loaded.error();
    const Data::Dataset &ds = *loaded.value().dataset;
    const qsizetype features = ds.columnCount() - 1;
    if (features < 1 || ds.column(features).name() != QLatin1String("label"))
        return Base::Error(QStringLiteral("%1: no labels file next to it").arg(imagesPath));
    Matrix X(ds.rowCount(), features);
    Vector y(ds.rowCount());
    for (qsizetype c = 0; c <= features; ++c) {
        const auto values = ds.column(c).integerValues();
        if (qint64(values.size()) != ds.rowCount())
            return Base::Error(QStringLiteral("%1: column %2 is not integer").arg(imagesPath).arg(c));
        for (qint64 r = 0; r < ds.rowCount(); ++r) {
            if (c < features)
                X(r, c) = double(values[std::size_t(r)]) / 255.0;
            else
                y[r] = double(values[std::size_t(r)]);
        }
    }
    return std::pair {std::move(X), std::move(y)};
}

Base::Result<Problem> readFashionMnist(const QString &directory)
{
    const QDir dir(directory);
    auto train = readImages(dir.filePath(QStringLiteral("train-images-idx3-ubyte.gz")));
    if (!train.ok())
        return train.error();
    auto test = readImages(dir.filePath(QStringLiteral("t10k-images-idx3-ubyte.gz")));
    if (!test.ok())
        return test.error();
    Problem data;
    std::tie(data.X, data.y) = std::move(train.value());
    std::tie(data.testX, data.testY) = std::move(test.value());
    data.separateTest = true;
    data.name = QStringLiteral("fashion-mnist");
    return data;
}

double rSquared(const Vector &predicted, const Vector &y)
{
    const double residual = (y - predicted).squaredNorm();
    const double total = (y.array() - y.mean()).matrix().squaredNorm();
    return 1.0 - residual / total;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_learn: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fit times of registered models (issues 4 and 5, Speed)"));
    parser.addHelpOption();
    const QCommandLineOption modelOption(
        QStringLiteral("model"), QStringLiteral("Registry id: logreg, ridge, tree, forest, ..."), QStringLiteral("ID"));
    const QCommandLineOption xOption(
        QStringLiteral("x"), QStringLiteral("Features, raw float64, row-major"), QStringLiteral("FILE"));
    const QCommandLineOption yOption(
        QStringLiteral("y"), QStringLiteral("Target, raw float64"), QStringLiteral("FILE"));
    const QCommandLineOption testXOption(
        QStringLiteral("test-x"), QStringLiteral("Test features, raw float64, row-major"), QStringLiteral("FILE"));
    const QCommandLineOption testYOption(
        QStringLiteral("test-y"), QStringLiteral("Test target, raw float64"), QStringLiteral("FILE"));
    const QCommandLineOption trainRowsOption(QStringLiteral("train-rows"),
        QStringLiteral("Fit on the first N training rows only (default all)"), QStringLiteral("N"));
    const QCommandLineOption mnistOption(
        QStringLiteral("fashion-mnist"), QStringLiteral("Fashion-MNIST folder (IDX files)"), QStringLiteral("DIR"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"), QStringLiteral("FitContext::threads (default 2)"),
        QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"), QStringLiteral("Untimed fits first (default 1)"),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption repeatOption(
        QStringLiteral("repeat"), QStringLiteral("Timed fits (default 3)"), QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption paramOption(
        QStringLiteral("param"), QStringLiteral("A hyperparameter, repeatable"), QStringLiteral("NAME=VALUE"));
    parser.addOptions({modelOption, xOption, yOption, testXOption, testYOption, trainRowsOption, mnistOption,
        threadsOption, warmupOption, repeatOption, paramOption});
    parser.process(app);

    const QString id = parser.value(modelOption);
    const Learn::ModelInfo *info = Learn::Registry::instance().find(id);
    if (info == nullptr) {
        QStringList ids;
        for (const auto &model : Learn::Registry::instance().models())
            ids.append(model.id);
        return fail(
            QStringLiteral("--model must be a registered id (%1), got '%2'").arg(ids.join(QStringLiteral(", ")), id));
    }
    const bool classifier = info->task == Learn::Task::Classification;
    const int threads = std::max(1, parser.value(threadsOption).toInt());
    const int warmup = std::max(0, parser.value(warmupOption).toInt());
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    Learn::ParamValues params;
    for (const QString &assignment : parser.values(paramOption)) {
        const qsizetype at = assignment.indexOf(QLatin1Char('='));
        if (at <= 0)
            return fail(QStringLiteral("--param needs NAME=VALUE, got %1").arg(assignment));
        params.insert(assignment.left(at), assignment.mid(at + 1));
    }

    auto start = Clock::now();
    auto loaded = parser.isSet(mnistOption)
        ? readFashionMnist(parser.value(mnistOption))
        : readRaw(parser.value(xOption), parser.value(yOption), parser.value(testXOption), parser.value(testYOption));
    if (!loaded.ok())
        return fail(loaded.error().message);
    Problem &data = loaded.value();
    if (parser.isSet(trainRowsOption)) {
        bool ok = false;
        const qint64 rows = parser.value(trainRowsOption).toLongLong(&ok);
        if (!ok || rows < 1)
            return fail(QStringLiteral("--train-rows needs a positive integer"));
        if (rows < data.X.rows()) {
            data.X = data.X.topRows(rows).eval();
            data.y = data.y.head(rows).eval();
        }
    }
    const double loadSeconds = secondsSince(start);
    const Matrix &testX = data.separateTest ? data.testX : data.X;
    const Vector &testY = data.separateTest ? data.testY : data.y;
    const int classes = classifier ? int(data.y.maxCoeff()) + 1 : 0;

    std::vector<double> times;
    std::vector<double> cpuTimes;
    std::unique_ptr<Learn::Estimator> model;
    for (int i = 0; i < warmup + repeat; ++i) {
        auto created = Learn::Registry::instance().create(id, params);
        if (!created.ok())
            return fail(created.error().message);
        model = std::move(created.value());
        Learn::FitContext context;
        context.threads = threads;
        context.classCount = classes;
        const double cpuStart = cpuSeconds();
        start = Clock::now();
        if (const auto status = model->fit(data.X, data.y, context); !status.ok())
            return fail(status.error().message);
        const double seconds = secondsSince(start);
        const double cpu = cpuSeconds() - cpuStart;
        if (i >= warmup) {
            times.push_back(seconds);
            cpuTimes.push_back(cpu);
        }
    }
    const double medianSeconds = median(times);
    const double minSeconds = *std::min_element(times.begin(), times.end());

    QJsonArray timeArray;
    for (double t : times)
        timeArray.append(t);
    QJsonArray cpuArray;
    for (double t : cpuTimes)
        cpuArray.append(t);
    QJsonObject paramObject;
    for (auto it = model->paramValues().cbegin(); it != model->paramValues().cend(); ++it)
        paramObject.insert(it.key(), QJsonValue::fromVariant(it.value()));
    QJsonObject result {{QStringLiteral("tool"), QStringLiteral("tandem")}, {QStringLiteral("model"), id},
        {QStringLiteral("data"), data.name}, {QStringLiteral("rows"), qint64(data.X.rows())},
        {QStringLiteral("cols"), qint64(data.X.cols())}, {QStringLiteral("threads"), threads},
        {QStringLiteral("load_seconds"), loadSeconds}, {QStringLiteral("times"), timeArray},
        {QStringLiteral("median_s"), medianSeconds}, {QStringLiteral("min_s"), minSeconds},
        {QStringLiteral("cpu_times"), cpuArray}, {QStringLiteral("cpu_median_s"), median(cpuTimes)},
        {QStringLiteral("test_rows"), qint64(testX.rows())},
        {QStringLiteral("test"), data.separateTest ? QStringLiteral("held-out") : QStringLiteral("train")},
        {QStringLiteral("params"), paramObject}};

    QString extra;
    start = Clock::now();
    auto predicted = model->predict(testX);
    if (!predicted.ok())
        return fail(predicted.error().message);
    result.insert(QStringLiteral("predict_s"), secondsSince(start));
    if (const auto *logreg = dynamic_cast<const Learn::LogisticRegression *>(model.get())) {
        const auto proba = model->predictProba(data.X);
        if (!proba.ok())
            return fail(proba.error().message);
        double loss = 0.0;
        for (Eigen::Index r = 0; r < data.X.rows(); ++r)
            loss -= std::log(std::max(proba.value()(r, Eigen::Index(data.y[r])), 1e-300));
        loss /= double(data.X.rows());
        const double accuracy = (predicted.value().array() == testY.array()).cast<double>().mean();
        result.insert(QStringLiteral("metric"), QStringLiteral("accuracy"));
        result.insert(QStringLiteral("value"), accuracy);
        result.insert(QStringLiteral("iterations"), logreg->iterations());
        result.insert(QStringLiteral("converged"), logreg->converged());
        result.insert(QStringLiteral("train_loss"), loss);
        extra = QStringLiteral("iterations %1  train_loss %2  ").arg(logreg->iterations()).arg(loss, 0, 'f', 8);
    } else if (classifier) {
        result.insert(QStringLiteral("metric"), QStringLiteral("accuracy"));
        result.insert(QStringLiteral("value"), (predicted.value().array() == testY.array()).cast<double>().mean());
    } else {
        result.insert(QStringLiteral("metric"), QStringLiteral("r2"));
        result.insert(QStringLiteral("value"), rSquared(predicted.value(), testY));
    }
    std::printf("Tandem %s on %s (%lld x %lld, %d threads): median %.3f s (min %.3f, CPU %.3f s) over %d  %s%s %.5f\n",
        qPrintable(id), qPrintable(data.name), static_cast<long long>(data.X.rows()),
        static_cast<long long>(data.X.cols()), threads, medianSeconds, minSeconds, median(cpuTimes), repeat,
        qPrintable(extra), qPrintable(result.value(QStringLiteral("metric")).toString()),
        result.value(QStringLiteral("value")).toDouble());
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
