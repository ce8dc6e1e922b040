// SPDX-License-Identifier: GPL-3.0-or-later
// Logistic regression against scikit-learn 1.2.1 (breast_cancer, iris, wine), and its contract.
#include "core/learn/Registry.h"
#include "core/learn/linear/LogisticRegression.h"
#include "tests/support/RecordingSink.h"
#include "tst_linear_fixtures.h"

#include <QTest>

#include <random>

using namespace Tandem;
using namespace Tandem::Learn;
using namespace LinearFixtures;
using Tandem::Testing::RecordingSink;

namespace {

int classCount(const Vector &y)
{
    return int(y.maxCoeff()) + 1;
}

/// n × p Gaussian features, labels from a noisy linear rule over `classes` classes.
Xy synthetic(Eigen::Index n, Eigen::Index p, int classes, quint64 seed)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    Xy data {Matrix(n, p), Vector(n)};
    for (Eigen::Index j = 0; j < p; ++j) {
        for (Eigen::Index i = 0; i < n; ++i)
            data.X(i, j) = normal(random);
    }
    Matrix W(p, classes);
    for (Eigen::Index k = 0; k < W.size(); ++k)
        W.data()[k] = normal(random);
    const Matrix scores = data.X * W;
    for (Eigen::Index i = 0; i < n; ++i) {
        Eigen::Index best = 0;
        (scores.row(i) + Eigen::RowVectorXd::NullaryExpr(classes, [&] {
            return 2.0 * normal(random);
        })).maxCoeff(&best);
        data.y[i] = double(best);
    }
    return data;
}

} // namespace

class TestLogistic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesScikitLearn_data()
    {
        QTest::addColumn<int>("index");
        const QList<Reference> cases = references(QStringLiteral("logreg"));
        QVERIFY(cases.size() >= 9);
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].name)) << i;
    }
    void matchesScikitLearn()
    {
        QFETCH(int, index);
        const Reference reference = references(QStringLiteral("logreg")).at(index);
        const Xy data = dataset(reference.dataset);
        QVERIFY(data.X.rows() > 0);
        // References: newton-cg (l2) or saga (l1) run to tol=1e-12, checked to be the
        // optimum (KKT residual < 1e-8); here the optimiser runs as tightly.
        QVariantMap params = reference.params;
        params.insert(QStringLiteral("tol"), 1e-10);
        params.insert(QStringLiteral("max_iter"), 100000);
        LogisticRegression model;
        const Base::Status set = model.setParams(params);
        QVERIFY2(set.ok(), qPrintable(set.error().message));
        FitContext context;
        context.classCount = classCount(data.y);
        const Base::Status fitted = model.fit(data.X, data.y, context);
        QVERIFY2(fitted.ok(), qPrintable(fitted.error().message));
        const double coefficientError = maxRelativeError(model.coefficients(), reference.coefficients);
        // Softmax intercepts are determined up to a common shift (unpenalised): compare them centred.
        const auto centred = [](const Vector &b) { return Vector(b.size() > 1 ? Vector(b.array() - b.mean()) : b); };
        const double interceptError = maxRelativeError(centred(model.intercepts()), centred(reference.intercepts));
        qInfo("%s: max relative coefficient error %.3g, intercepts %.3g, %d iterations", qPrintable(reference.name),
            coefficientError, interceptError, model.iterations());
        QVERIFY2(coefficientError < 1e-4, qPrintable(QString::number(coefficientError)));
        QVERIFY2(interceptError < 1e-4, qPrintable(QString::number(interceptError)));
        if (reference.params.value(QStringLiteral("penalty")) == QLatin1String("l1")) {
            for (Eigen::Index j = 0; j < reference.coefficients.size(); ++j)
                QCOMPARE(model.coefficients().data()[j] == 0.0, reference.coefficients.data()[j] == 0.0);
        }
    }

    void probabilitiesAreDistributions_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("binary") << "breast_cancer";
        QTest::newRow("multinomial") << "wine";
    }
    void probabilitiesAreDistributions()
    {
        QFETCH(QString, name);
        const Xy data = dataset(name);
        LogisticRegression model;
        FitContext context;
        context.classCount = classCount(data.y);
        QVERIFY(model.fit(data.X, data.y, context).ok());
        const Matrix proba = model.predictProba(data.X).value();
        QCOMPARE(proba.rows(), data.X.rows());
        QCOMPARE(proba.cols(), Eigen::Index(context.classCount));
        QVERIFY((proba.array() >= 0.0).all() && (proba.array() <= 1.0).all());
        QVERIFY(((proba.rowwise().sum().array() - 1.0).abs() < 1e-12).all());
        const Vector predicted = model.predict(data.X).value();
        for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
            Eigen::Index best = 0;
            proba.row(i).maxCoeff(&best);
            QCOMPARE(predicted[i], double(best));
        }
        QVERIFY((predicted.array() == data.y.array()).cast<double>().mean() > 0.95);
    }

    void sameModelOnAnyThreadCount()
    {
        // 150,000 rows of 10 features: several row blocks, summed in a fixed order.
        const Xy data = synthetic(150000, 10, 3, 11);
        auto fitWith = [&](int threads) {
            LogisticRegression model;
            FitContext context;
            context.classCount = 3;
            context.threads = threads;
            if (!model.fit(data.X, data.y, context).ok())
                return Matrix();
            return model.coefficients();
        };
        const Matrix one = fitWith(1);
        QCOMPARE(one.cols(), Eigen::Index(3));
        QVERIFY(sameBits(one, fitWith(2)));
        QVERIFY(sameBits(one, fitWith(3)));
    }

    void lossIsReportedPerIteration()
    {
        const Xy data = dataset(QStringLiteral("iris"));
        LogisticRegression model;
        FitContext context;
        context.classCount = 3;
        QList<StepReport> steps;
        context.stepSink = [&steps](const StepReport &step) { steps << step; };
        QVERIFY(model.fit(data.X, data.y, context).ok());
        QCOMPARE(steps.size(), model.iterations());
        QCOMPARE(steps.first().metric, QStringLiteral("train_loss"));
        QVERIFY(steps.first().value < std::log(3.0));
        QVERIFY(steps.last().value < steps.first().value);
    }

    void stopRequestEndsTheFit()
    {
        const Xy data = synthetic(200000, 20, 2, 5);
        RecordingSink sink(RecordingSink::Stop::AfterReports, 1);
        FitContext context {Base::Progress(sink)};
        context.classCount = 2;
        context.threads = 2;
        LogisticRegression model;
        QVERIFY(model.setParams({{QStringLiteral("tol"), 1e-14}, {QStringLiteral("max_iter"), 1000000}}).ok());
        const Base::Status status = model.fit(data.X, data.y, context);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().message, FitContext::stoppedMessage());
        QVERIFY(!model.isFitted());
    }

    void savedModelsPredictBitIdentically_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("penalty");
        QTest::newRow("binary l2") << "breast_cancer"
                                   << "l2";
        QTest::newRow("multinomial l1") << "wine"
                                        << "l1";
    }
    void savedModelsPredictBitIdentically()
    {
        QFETCH(QString, name);
        QFETCH(QString, penalty);
        const Xy data = dataset(name);
        auto created = Registry::instance().create(QStringLiteral("logreg"),
            {{QStringLiteral("penalty"), penalty}, {QStringLiteral("class_weight"), QStringLiteral("balanced")}});
        QVERIFY(created.ok());
        FitContext context;
        context.classCount = classCount(data.y);
        QVERIFY(created.value()->fit(data.X, data.y, context).ok());
        auto loaded = roundTrip(*created.value());
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        QCOMPARE(loaded.value()->classCount(), context.classCount);
        QVERIFY(sameBits(created.value()->predictProba(data.X).value(), loaded.value()->predictProba(data.X).value()));
        QVERIFY(sameBits(created.value()->predict(data.X).value(), loaded.value()->predict(data.X).value()));
    }

    void invalidParamsAndLabelsAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("C negative") << "C" << QVariant(-1) << "C must be > 0, got -1";
        QTest::newRow("C zero") << "C" << QVariant(0) << "C must be > 0, got 0";
        QTest::newRow("penalty") << "penalty" << QVariant(QStringLiteral("l3"))
                                 << "penalty must be one of l2, l1, none, got l3";
        QTest::newRow("class_weight") << "class_weight" << QVariant(QStringLiteral("auto"))
                                      << "class_weight must be one of none, balanced, got auto";
        QTest::newRow("max_iter") << "max_iter" << QVariant(0) << "max_iter must be in [1, 1000000000], got 0";
    }
    void invalidParamsAndLabelsAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QVariant, value);
        QFETCH(QString, message);
        auto created = Registry::instance().create(QStringLiteral("logreg"), {{name, value}});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().message, message);
    }

    void degenerateTargetsAreRefused()
    {
        LogisticRegression model;
        FitContext context;
        context.classCount = 1;
        QCOMPARE(model.fit(Matrix::Ones(3, 2), Vector::Zero(3), context).error().message,
            QStringLiteral("logreg needs at least two classes, got 1"));
        context.classCount = 2;
        QCOMPARE(model.fit(Matrix::Ones(3, 2), Vector::Ones(3), context).error().message,
            QStringLiteral("y holds a single class (1): logreg needs two classes or more"));
    }
};

QTEST_GUILESS_MAIN(TestLogistic)
#include "tst_logistic.moc"
