// SPDX-License-Identifier: GPL-3.0-or-later
// Permutation importance: what a shuffled feature costs a fitted model.
#include "core/base/SeededRandom.h"
#include "core/eval/PermutationImportance.h"
#include "core/learn/FitContext.h"
#include "core/learn/Registry.h"
#include "tests/support/RecordingSink.h"

#include <QtTest>

using namespace Tandem;
using Learn::Matrix;
using Learn::Vector;
using Testing::RecordingSink;

namespace {

/// n rows of 4 uniform features in [-1, 1]; y = 3 x0 + x1 + small noise (x2, x3 unused).
void makeRegression(Eigen::Index n, Matrix &X, Vector &y)
{
    Base::SeededRandom random(7);
    const auto uniform = [&random] { return random.uniform() * 2.0 - 1.0; };
    X.resize(n, 4);
    y.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < 4; ++j)
            X(i, j) = uniform();
        y[i] = 3.0 * X(i, 0) + X(i, 1) + 0.1 * uniform();
    }
}

std::unique_ptr<Learn::Estimator> fitted(
    const QString &id, const Learn::ParamValues &params, const Matrix &X, const Vector &y, int classCount = 0)
{
    auto model = Learn::Registry::instance().create(id, params);
    if (!model.ok())
        return nullptr;
    Learn::FitContext context;
    context.classCount = classCount;
    if (!model.value()->fit(X, y, context).ok())
        return nullptr;
    return std::move(model).value();
}

} // namespace

class TestPermutationImportance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unusedFeaturesCostNothingAndUsedOnesCostTheirShare()
    {
        Matrix X;
        Vector y;
        makeRegression(4000, X, y);
        // Lasso's zero coefficients make x2 and x3 exactly irrelevant to its predictions.
        const auto model = fitted(QStringLiteral("lasso"), {{QStringLiteral("alpha"), 0.05}}, X, y);
        QVERIFY(model);
        Base::NullProgressSink sink;
        Eval::PermutationOptions options;
        options.repeats = 4;
        const auto result = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        const Eval::PermutationImportance &importance = result.value();
        QCOMPARE(importance.metric, QStringLiteral("r2"));
        QCOMPARE(importance.decreases.rows(), 4);
        QCOMPARE(importance.decreases.cols(), 4);
        QCOMPARE(importance.mean[2], 0.0);
        QCOMPARE(importance.mean[3], 0.0);
        // Shuffling x_j of coefficient w_j adds 2 w_j² var(x_j) to the squared error:
        // R² drops by 2 w_j² var(x_j) / var(y), var(x) = 1/3 for U(-1, 1).
        const double varY = (y.array() - y.mean()).square().mean();
        const double w0 = 3.0 - 0.05, w1 = 1.0 - 0.05; // lasso shrinks each by alpha here
        QVERIFY2(std::abs(importance.mean[0] - 2 * w0 * w0 / 3.0 / varY) < 0.08,
            qPrintable(QString::number(importance.mean[0])));
        QVERIFY2(std::abs(importance.mean[1] - 2 * w1 * w1 / 3.0 / varY) < 0.03,
            qPrintable(QString::number(importance.mean[1])));
        QVERIFY(importance.mean[0] > importance.mean[1]);
        QVERIFY(importance.std[0] > 0.0);
    }

    void lossesCountAsWorseWhenTheyRise()
    {
        Matrix X;
        Vector y;
        makeRegression(1000, X, y);
        Vector classes = (y.array() > 0.0).cast<double>();
        const auto model = fitted(QStringLiteral("logreg"), {}, X, classes, 2);
        QVERIFY(model);
        Base::NullProgressSink sink;
        Eval::PermutationOptions options;
        options.metric = QStringLiteral("log_loss");
        const auto result = Eval::permutationImportance(*model, X, classes, options, Base::Progress(sink));
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QVERIFY(result.value().mean[0] > 0.1);
        QVERIFY(result.value().mean[0] > result.value().mean[1]);
        QVERIFY(std::abs(result.value().mean[2]) < 0.02);
    }

    void sameSeedSameShufflesOnAnyThreadCount()
    {
        Matrix X;
        Vector y;
        makeRegression(500, X, y);
        const auto model = fitted(QStringLiteral("knn_reg"), {}, X, y);
        QVERIFY(model);
        Base::NullProgressSink sink;
        Eval::PermutationOptions options;
        options.seed = 11;
        options.threads = 1;
        const auto one = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        options.threads = 3;
        const auto three = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        QVERIFY(one.ok() && three.ok());
        QCOMPARE(one.value().decreases, three.value().decreases);
        options.seed = 12;
        const auto other = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        QVERIFY(other.value().decreases != one.value().decreases);
    }

    void progressIsMonotoneAndStopsOnRequest()
    {
        Matrix X;
        Vector y;
        makeRegression(300, X, y);
        const auto model = fitted(QStringLiteral("ridge"), {}, X, y);
        QVERIFY(model);
        RecordingSink recorder;
        Eval::PermutationOptions options;
        options.threads = 2;
        QVERIFY(Eval::permutationImportance(*model, X, y, options, Base::Progress(recorder)).ok());
        const std::vector<double> fractions = recorder.fractions();
        QCOMPARE(fractions.size(), std::size_t(4));
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);

        RecordingSink stop(RecordingSink::Stop::AfterReports, 1);
        const auto stopped = Eval::permutationImportance(*model, X, y, options, Base::Progress(stop));
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().message, Learn::FitContext::stoppedMessage());
    }

    void groupedColumnsShareOneShuffle()
    {
        Matrix X;
        Vector y;
        makeRegression(600, X, y);
        const auto model = fitted(QStringLiteral("ridge"), {}, X, y);
        Base::NullProgressSink sink;
        Eval::PermutationOptions options;
        options.groups = {{0, 1}, {2}, {3}};
        const auto result = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        QCOMPARE(result.value().mean.size(), 3);
        // x0 and x1 shuffled together cost more than either alone.
        options.groups.clear();
        const auto single = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        QVERIFY(result.value().mean[0] > single.value().mean[0]);
        QVERIFY(result.value().mean[0] > 1.5); // R² falls below zero: both signals gone
        options.groups = {{0, 1}, {1}};
        const auto overlapping = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        QVERIFY(!overlapping.ok());
        QVERIFY(overlapping.error().message.contains(QStringLiteral("column 1")));
    }

    void badRequestsAreRefused()
    {
        Matrix X;
        Vector y;
        makeRegression(50, X, y);
        const auto model = fitted(QStringLiteral("ridge"), {}, X, y);
        Base::NullProgressSink sink;
        Eval::PermutationOptions options;
        options.metric = QStringLiteral("accuracy");
        auto result = Eval::permutationImportance(*model, X, y, options, Base::Progress(sink));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QStringLiteral("unknown metric accuracy for regression")),
            qPrintable(result.error().message));
        options.metric.clear();
        options.repeats = 0;
        QVERIFY(!Eval::permutationImportance(*model, X, y, options, Base::Progress(sink)).ok());
        options.repeats = 1;
        QVERIFY(!Eval::permutationImportance(*model, X.topRows(10), y, options, Base::Progress(sink)).ok());
        const auto unfitted = Learn::Registry::instance().create(QStringLiteral("ridge"));
        QVERIFY(!Eval::permutationImportance(*unfitted.value(), X, y, options, Base::Progress(sink)).ok());
    }
};

QTEST_GUILESS_MAIN(TestPermutationImportance)
#include "tst_permutation_importance.moc"
