// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/Registry.h"
#include "core/learn/bayes/CategoricalNB.h"
#include "core/learn/bayes/GaussianNB.h"
#include "tst_nbknn_fixtures.h"

#include <QTest>

using namespace Tandem;
using namespace Tandem::Learn;
using namespace NbKnnFixtures;

namespace {

constexpr double tolerance = 1e-10;

/// QVERIFY2 for an error measure, naming what was compared.
#define VERIFY_CLOSE(error, what)                                                                                      \
    QVERIFY2((error) <= tolerance, qPrintable(QStringLiteral("%1: relative error %2").arg(what).arg(error)))

} // namespace

class TestBayes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gaussianMatchesScikitLearn_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("iris") << QStringLiteral("bayes/gnb_iris.json");
        QTest::newRow("wine") << QStringLiteral("bayes/gnb_wine.json");
    }

    void gaussianMatchesScikitLearn()
    {
        QFETCH(QString, fixture);
        const Fixture data(fixture);
        QVERIFY(data.ok());
        const Matrix &X = data.X;
        const Vector &y = data.y;
        FitContext context;
        context.classCount = data.classes;
        double worst = 0.0;
        for (const QJsonValue &fitValue : data.fits) {
            const QJsonObject fit = fitValue.toObject();
            GaussianNB model;
            QVERIFY(
                model.setParams({{QStringLiteral("var_smoothing"), fit.value(QStringLiteral("var_smoothing"))}}).ok());
            QVERIFY(model.fit(X, y, context).ok());
            const double errors[] = {
                relativeError(model.theta(), matrix(fit.value(QStringLiteral("theta")))),
                relativeError(model.variance(), matrix(fit.value(QStringLiteral("var")))),
                relativeError(model.classPrior(), vector(fit.value(QStringLiteral("class_prior")))),
                relativeError(model.classCount(), vector(fit.value(QStringLiteral("class_count")))),
                std::abs(model.epsilon() - fit.value(QStringLiteral("epsilon")).toDouble())
                    / fit.value(QStringLiteral("epsilon")).toDouble(),
                relativeError(
                    model.jointLogLikelihood(X).value(), matrix(fit.value(QStringLiteral("joint_log_likelihood")))),
                relativeError(model.predictProba(X).value(), matrix(fit.value(QStringLiteral("predict_proba")))),
            };
            for (const double error : errors) {
                VERIFY_CLOSE(error, fixture);
                worst = std::max(worst, error);
            }
            QCOMPARE(model.predict(X).value(), vector(fit.value(QStringLiteral("predict"))));
        }
        qInfo("%s: largest relative difference from scikit-learn %.3g", qPrintable(fixture), worst);
    }

    void categoricalMatchesScikitLearn_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("small") << QStringLiteral("bayes/cnb_small.json");
        QTest::newRow("breast_cancer, 5 quantile bins") << QStringLiteral("bayes/cnb_breast_cancer.json");
    }

    void categoricalMatchesScikitLearn()
    {
        QFETCH(QString, fixture);
        const Fixture data(fixture);
        QVERIFY(data.ok());
        const Matrix &X = data.X;
        const Vector &y = data.y;
        FitContext context;
        context.classCount = data.classes;
        double worst = 0.0;
        for (const QJsonValue &fitValue : data.fits) {
            const QJsonObject fit = fitValue.toObject();
            CategoricalNB model;
            QVERIFY(model.setParams(fit.value(QStringLiteral("params")).toObject().toVariantMap()).ok());
            QVERIFY(model.fit(X, y, context).ok());
            const QJsonArray counts = fit.value(QStringLiteral("category_count")).toArray();
            const QJsonArray logProbs = fit.value(QStringLiteral("feature_log_prob")).toArray();
            QCOMPARE(qsizetype(model.categoryCount().size()), counts.size());
            for (qsizetype f = 0; f < counts.size(); ++f) {
                QCOMPARE(model.categoryCount()[std::size_t(f)], matrix(counts.at(f)));
                const double error = relativeError(model.featureLogProb()[std::size_t(f)], matrix(logProbs.at(f)));
                VERIFY_CLOSE(error, QStringLiteral("feature_log_prob %1").arg(f));
                worst = std::max(worst, error);
            }
            QCOMPARE(model.classCount(), vector(fit.value(QStringLiteral("class_count"))));
            const double errors[] = {
                relativeError(model.classLogPrior(), vector(fit.value(QStringLiteral("class_log_prior")))),
                relativeError(model.predictProba(X).value(), matrix(fit.value(QStringLiteral("predict_proba")))),
            };
            for (const double error : errors) {
                VERIFY_CLOSE(error, fixture);
                worst = std::max(worst, error);
            }
            QCOMPARE(model.predict(X).value(), vector(fit.value(QStringLiteral("predict"))));
        }
        qInfo("%s: largest relative difference from scikit-learn %.3g", qPrintable(fixture), worst);
    }

    void categoricalRefusesWhatIsNotACategoryIndex()
    {
        FitContext context;
        context.classCount = 2;
        CategoricalNB model;
        Matrix X(3, 2);
        X << 0, 1, 1, 1.5, 2, 0;
        const Vector y = (Vector(3) << 0, 1, 0).finished();
        QCOMPARE(model.fit(X, y, context).error().message,
            QStringLiteral("cnb takes category indices 0, 1, 2, ... up to 1048576 (an ordinal encoding), "
                           "found 1.5 at row 2, column 2"));
        X(1, 1) = -1;
        QVERIFY(model.fit(X, y, context).error().message.contains(QStringLiteral("found -1 at row 2, column 2")));
        X(1, 1) = 1;
        QVERIFY(model.fit(X, y, context).ok());
        Matrix bad(1, 2);
        bad << 0.25, 0;
        QCOMPARE(model.predict(bad).error().message,
            QStringLiteral("cnb takes category indices 0, 1, 2, ... (an ordinal encoding), found 0.25 at row 1, "
                           "column 1"));
    }

    void categoricalUsesTheSmoothedProbabilityForAnUnseenCategory()
    {
        // Feature 0 has categories 0..2 at fit time; category 7 was never seen.
        Matrix X(4, 1);
        X << 0, 1, 2, 2;
        const Vector y = (Vector(4) << 0, 0, 1, 1).finished();
        FitContext context;
        context.classCount = 2;
        CategoricalNB model;
        QVERIFY(model.setParams({{QStringLiteral("alpha"), 0.5}}).ok());
        QVERIFY(model.fit(X, y, context).ok());
        Matrix unseen(1, 1);
        unseen << 7;
        const Matrix jll = model.jointLogLikelihood(unseen).value();
        // log prior + log(alpha / (N_c + alpha m)), N_c = 2, m = 3 for both classes
        const double expected = std::log(0.5) + std::log(0.5 / (2 + 0.5 * 3));
        QVERIFY(std::abs(jll(0, 0) - expected) < 1e-15);
        QVERIFY(std::abs(jll(0, 1) - expected) < 1e-15);
        QCOMPARE(model.predictProba(unseen).value()(0, 0), 0.5);
    }

    void anAbsentClassGetsProbabilityZero()
    {
        Matrix X(4, 1);
        X << 0, 1, 3, 4;
        const Vector y = (Vector(4) << 0, 0, 2, 2).finished();
        FitContext context;
        context.classCount = 3; // class 1 is not in this fold
        for (const QString &id : {QStringLiteral("gnb"), QStringLiteral("cnb")}) {
            auto model = Registry::instance().create(id).value();
            QVERIFY(model->fit(X, y, context).ok());
            const Matrix proba = model->predictProba(X).value();
            QCOMPARE(proba.cols(), Eigen::Index(3));
            QVERIFY(proba.col(1).isZero(0.0));
            QVERIFY(((proba.rowwise().sum().array() - 1.0).abs() < 1e-15).all());
            QCOMPARE(model->predict(X).value(), y);
        }
    }

    void constantFeaturesStillPredict()
    {
        // Every feature constant: scikit-learn's epsilon is 0 (NaN); ours is var_smoothing.
        const Matrix X = Matrix::Ones(4, 2);
        const Vector y = (Vector(4) << 0, 1, 1, 1).finished();
        FitContext context;
        context.classCount = 2;
        GaussianNB model;
        QVERIFY(model.fit(X, y, context).ok());
        QCOMPARE(model.epsilon(), 1e-9);
        const Matrix proba = model.predictProba(X).value();
        QVERIFY(std::abs(proba(0, 1) - 0.75) < 1e-12);
        QVERIFY(model.setParams({{QStringLiteral("var_smoothing"), 0.0}}).ok());
        QVERIFY(model.fit(X, y, context).error().message.contains(QStringLiteral("var_smoothing > 0")));
    }

    void savedModelsPredictBitIdentically_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("fixture");
        QTest::newRow("gnb") << QStringLiteral("gnb") << QStringLiteral("bayes/gnb_wine.json");
        QTest::newRow("cnb") << QStringLiteral("cnb") << QStringLiteral("bayes/cnb_breast_cancer.json");
    }

    void savedModelsPredictBitIdentically()
    {
        QFETCH(QString, id);
        QFETCH(QString, fixture);
        const Fixture data(fixture);
        const Matrix &X = data.X;
        FitContext context;
        context.classCount = data.classes;
        auto model = Registry::instance().create(id).value();
        QVERIFY(model->fit(X, data.y, context).ok());
        QString error;
        const auto loaded = roundTrip(*model, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->id(), id);
        QVERIFY(sameBits(loaded->predictProba(X).value(), model->predictProba(X).value()));
        QVERIFY(sameBits(loaded->predict(X).value(), model->predict(X).value()));
    }

    void invalidParametersAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("var_smoothing") << QStringLiteral("gnb") << QStringLiteral("var_smoothing") << QVariant(-1)
                                       << QStringLiteral("var_smoothing must be >= 0, got -1");
        QTest::newRow("alpha") << QStringLiteral("cnb") << QStringLiteral("alpha") << QVariant(-0.5)
                               << QStringLiteral("alpha must be >= 0, got -0.5");
        QTest::newRow("min_categories") << QStringLiteral("cnb") << QStringLiteral("min_categories") << QVariant(2.5)
                                        << QStringLiteral("min_categories must be an integer, got 2.5");
        QTest::newRow("fit_prior") << QStringLiteral("cnb") << QStringLiteral("fit_prior")
                                   << QVariant(QStringLiteral("maybe"))
                                   << QStringLiteral("fit_prior must be true or false, got maybe");
        QTest::newRow("priors") << QStringLiteral("gnb") << QStringLiteral("priors") << QVariant(1)
                                << QStringLiteral("unknown parameter priors (this model takes: var_smoothing)");
    }

    void invalidParametersAreRefusedWithAReason()
    {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QFETCH(QVariant, value);
        QFETCH(QString, message);
        const auto created = Registry::instance().create(id, {{name, value}});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().message, message);
    }
};

QTEST_GUILESS_MAIN(TestBayes)
#include "tst_bayes.moc"
