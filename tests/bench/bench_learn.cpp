// SPDX-License-Identifier: GPL-3.0-or-later
// bench_learn: fit time of logistic regression (lbfgs, tol 1e-4, max_iter 100, as
// scikit-learn's defaults) on a 1,000,000 × 20 binary and a 60,000 × 784
// ten-class synthetic dataset. With --dump DIR it also writes each dataset as raw
// little-endian float64 (X row-major, then y) for the scikit-learn side:
//   X = np.fromfile("DIR/NAME.X", dtype="<f8").reshape(n, p); y = np.fromfile("DIR/NAME.y", dtype="<f8")
#include "core/learn/linear/LogisticRegression.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <random>

using namespace Tandem::Learn;

namespace {

struct Problem {
    QString name;
    Matrix X;
    Vector y;
    int classes = 2;
};

/// Standard normal features; labels drawn from a softmax (sigmoid) model with random weights.
Problem synthetic(const QString &name, Eigen::Index n, Eigen::Index p, int classes, quint64 seed)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> uniform;
    Problem problem {name, Matrix(n, p), Vector(n), classes};
    for (Eigen::Index k = 0; k < problem.X.size(); ++k)
        problem.X.data()[k] = normal(random);
    Matrix W(p, classes);
    for (Eigen::Index k = 0; k < W.size(); ++k)
        W.data()[k] = normal(random) * 2.0 / std::sqrt(double(p));
    Matrix scores = problem.X * W;
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::RowVectorXd e = (scores.row(i).array() - scores.row(i).maxCoeff()).exp();
        double u = uniform(random) * e.sum();
        int label = 0;
        while (label + 1 < classes && u > e[label])
            u -= e[label++];
        problem.y[i] = label;
    }
    return problem;
}

bool dump(const Problem &problem, const QString &directory)
{
    QFile x(QDir(directory).filePath(problem.name + QStringLiteral(".X")));
    QFile y(QDir(directory).filePath(problem.name + QStringLiteral(".y")));
    if (!x.open(QIODevice::WriteOnly) || !y.open(QIODevice::WriteOnly))
        return false;
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = problem.X;
    x.write(reinterpret_cast<const char *>(rowMajor.data()), qint64(sizeof(double)) * rowMajor.size());
    y.write(reinterpret_cast<const char *>(problem.y.data()), qint64(sizeof(double)) * problem.y.size());
    return x.error() == QFile::NoError && y.error() == QFile::NoError;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Logistic regression fit times"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Threads for the fit (default 1)"), QStringLiteral("n"),
        QStringLiteral("1")});
    parser.addOption(
        {QStringLiteral("dump"), QStringLiteral("Write the datasets as raw float64 into DIR"), QStringLiteral("DIR")});
    parser.process(app);
    const int threads = std::max(1, parser.value(QStringLiteral("threads")).toInt());

    const QList<Problem> problems {synthetic(QStringLiteral("binary_1m_20"), 1000000, 20, 2, 1),
        synthetic(QStringLiteral("multinomial_60k_784"), 60000, 784, 10, 2)};
    for (const Problem &problem : problems) {
        if (parser.isSet(QStringLiteral("dump")) && !dump(problem, parser.value(QStringLiteral("dump")))) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(problem.name));
            return 1;
        }
        LogisticRegression model;
        FitContext context;
        context.classCount = problem.classes;
        context.threads = threads;
        double lastLoss = 0.0;
        context.stepSink = [&lastLoss](const StepReport &step) { lastLoss = step.value; };
        QElapsedTimer timer;
        timer.start();
        const auto status = model.fit(problem.X, problem.y, context);
        const double seconds = double(timer.nsecsElapsed()) * 1e-9;
        if (!status.ok()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(problem.name), qPrintable(status.error().message));
            return 1;
        }
        const Vector predicted = model.predict(problem.X).value();
        const double accuracy = (predicted.array() == problem.y.array()).cast<double>().mean();
        std::printf("%-22s threads %d  fit %.3f s  iterations %d  converged %d  train_loss %.8f  accuracy %.5f\n",
            qPrintable(problem.name), threads, seconds, model.iterations(), int(model.converged()), lastLoss, accuracy);
    }
    return 0;
}
