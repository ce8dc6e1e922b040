// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/Registry.h"
#include "core/learn/neighbors/KNeighbors.h"
#include "tests/support/RecordingSink.h"
#include "tst_nbknn_fixtures.h"

#include <QTest>

#include <numeric>
#include <random>

using namespace Tandem;
using namespace Tandem::Learn;
using namespace NbKnnFixtures;
using Tandem::Testing::RecordingSink;

namespace {

constexpr double tolerance = 1e-10;

std::unique_ptr<KNeighbors> knn(KNeighbors::Kind kind, const QJsonObject &fit)
{
    auto model = std::make_unique<KNeighbors>(kind);
    const auto status = model->setParams({{QStringLiteral("n_neighbors"), fit.value(QStringLiteral("n_neighbors"))},
        {QStringLiteral("weights"), fit.value(QStringLiteral("weights")).toString()},
        {QStringLiteral("metric"), fit.value(QStringLiteral("metric")).toString()}});
    return status.ok() ? std::move(model) : nullptr;
}

QString describe(const QJsonObject &fit)
{
    return QStringLiteral("k=%1 %2 %3")
        .arg(fit.value(QStringLiteral("n_neighbors")).toInt())
        .arg(fit.value(QStringLiteral("weights")).toString(), fit.value(QStringLiteral("metric")).toString());
}

/// The k nearest by a plain full sort on (exact distance, index): the reference.
Neighbors naiveNeighbors(const Matrix &train, const Matrix &queries, Eigen::Index k, bool manhattan)
{
    Neighbors result;
    result.indices.resize(queries.rows(), k);
    result.distances.resize(queries.rows(), k);
    std::vector<std::pair<double, Eigen::Index>> all(std::size_t(train.rows()));
    for (Eigen::Index q = 0; q < queries.rows(); ++q) {
        for (Eigen::Index j = 0; j < train.rows(); ++j) {
            double sum = 0.0;
            for (Eigen::Index f = 0; f < train.cols(); ++f) {
                const double d = queries(q, f) - train(j, f);
                sum += manhattan ? std::abs(d) : d * d;
            }
            all[std::size_t(j)] = {sum, j};
        }
        std::sort(all.begin(), all.end());
        for (Eigen::Index i = 0; i < k; ++i) {
            result.indices(q, i) = all[std::size_t(i)].second;
            result.distances(q, i) = manhattan ? all[std::size_t(i)].first : std::sqrt(all[std::size_t(i)].first);
        }
    }
    return result;
}

/// Rows with few distinct values (many exact ties) and repeated rows.
Matrix tiedData(Eigen::Index rows, Eigen::Index cols, unsigned seed)
{
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> level(0, 3);
    Matrix X(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r) {
        for (Eigen::Index c = 0; c < cols; ++c)
            X(r, c) = 0.5 * level(random) + 100.0; // far from the origin on purpose
        if (r % 7 == 3)
            X.row(r) = X.row(r / 2);
    }
    return X;
}

} // namespace

class TestKnn : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifierMatchesScikitLearn_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("iris") << QStringLiteral("knn/knn_iris.json");
        QTest::newRow("wine") << QStringLiteral("knn/knn_wine.json");
    }

    void classifierMatchesScikitLearn()
    {
        QFETCH(QString, fixture);
        const Fixture data(fixture);
        QVERIFY(data.ok());
        const Matrix &test = data.test;
        FitContext context;
        context.classCount = data.classes;
        double worst = 0.0;
        int configurations = 0;
        for (const QJsonValue &fitValue : data.fits) {
            const QJsonObject fit = fitValue.toObject();
            const auto model = knn(KNeighbors::Kind::Classifier, fit);
            QVERIFY(model);
            QVERIFY(model->fit(data.X, data.y, context).ok());
            const double error
                = relativeError(model->predictProba(test).value(), matrix(fit.value(QStringLiteral("predict_proba"))));
            QVERIFY2(error <= tolerance, qPrintable(QStringLiteral("%1: %2").arg(describe(fit)).arg(error)));
            worst = std::max(worst, error);
            QVERIFY2(model->predict(test).value() == vector(fit.value(QStringLiteral("predict"))),
                qPrintable(describe(fit)));
            ++configurations;
        }
        QCOMPARE(configurations, 12);
        qInfo(
            "%s: 12 configurations, largest probability difference from scikit-learn %.3g", qPrintable(fixture), worst);
    }

    void regressorMatchesScikitLearnOnDiabetes()
    {
        const Fixture data(QStringLiteral("knn/knn_reg_diabetes.json"));
        QVERIFY(data.ok());
        const Matrix &test = data.test;
        FitContext context;
        double worst = 0.0;
        for (const QJsonValue &fitValue : data.fits) {
            const QJsonObject fit = fitValue.toObject();
            const auto model = knn(KNeighbors::Kind::Regressor, fit);
            QVERIFY(model);
            QVERIFY(model->fit(data.X, data.y, context).ok());
            const double error
                = relativeError(model->predict(test).value(), vector(fit.value(QStringLiteral("predict"))));
            QVERIFY2(error <= tolerance, qPrintable(QStringLiteral("%1: %2").arg(describe(fit)).arg(error)));
            worst = std::max(worst, error);
            QVERIFY(!model->predictProba(test).ok());
        }
        qInfo("diabetes: 12 configurations, largest relative difference from scikit-learn %.3g", worst);
    }

    void neighboursAreExactAndTheSameOnAnyThreadCount_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::newRow("euclidean") << QStringLiteral("euclidean");
        QTest::newRow("manhattan") << QStringLiteral("manhattan");
    }

    void neighboursAreExactAndTheSameOnAnyThreadCount()
    {
        QFETCH(QString, metric);
        const Matrix train = tiedData(2500, 12, 7);
        const Matrix queries = tiedData(300, 12, 8);
        const Vector y = Vector::LinSpaced(train.rows(), 0.0, 1.0);
        KNeighbors model(KNeighbors::Kind::Regressor);
        QVERIFY(model.setParams({{QStringLiteral("n_neighbors"), 9}, {QStringLiteral("metric"), metric}}).ok());
        FitContext context;
        QVERIFY(model.fit(train, y, context).ok());
        const Neighbors expected = naiveNeighbors(train, queries, 9, metric == QLatin1String("manhattan"));
        for (const int threads : {1, 2, 4}) {
            model.setThreads(threads);
            const Neighbors found = model.kneighbors(queries).value();
            QVERIFY2(found.indices == expected.indices, qPrintable(QStringLiteral("%1 threads").arg(threads)));
            QVERIFY(sameBits(found.distances, expected.distances));
        }
        // One query alone finds what it found among the others.
        const Neighbors single = model.kneighbors(queries.middleRows(123, 1)).value();
        QVERIFY(single.indices.row(0) == expected.indices.row(123));
    }

    void tiesGoToTheLowestTrainingRow()
    {
        // Rows 0, 2, 3 and 5 are the same point; 1 and 4 are farther.
        Matrix train(6, 2);
        train << 1, 1, 3, 3, 1, 1, 1, 1, 4, 4, 1, 1;
        Matrix query(1, 2);
        query << 1.5, 1.5;
        KNeighbors model(KNeighbors::Kind::Regressor);
        QVERIFY(model.setParams({{QStringLiteral("n_neighbors"), 3}}).ok());
        FitContext context;
        QVERIFY(model.fit(train, Vector::Zero(6), context).ok());
        const Neighbors found = model.kneighbors(query).value();
        QCOMPARE(found.indices(0, 0), Eigen::Index(0));
        QCOMPARE(found.indices(0, 1), Eigen::Index(2));
        QCOMPARE(found.indices(0, 2), Eigen::Index(3));
    }

    void distanceWeightsLetExactMatchesDecide()
    {
        Matrix train(4, 1);
        train << 0, 0, 1, 2;
        const Vector y = (Vector(4) << 1, 0, 1, 1).finished();
        Matrix query(2, 1);
        query << 0, 0.5;
        KNeighbors model(KNeighbors::Kind::Classifier);
        QVERIFY(model
                    .setParams(
                        {{QStringLiteral("n_neighbors"), 4}, {QStringLiteral("weights"), QStringLiteral("distance")}})
                    .ok());
        FitContext context;
        context.classCount = 2;
        QVERIFY(model.fit(train, y, context).ok());
        const Matrix proba = model.predictProba(query).value();
        // Query 0 sits on rows 0 and 1: they vote 1 each, the others 0.
        QCOMPARE(proba(0, 0), 0.5);
        QCOMPARE(proba(0, 1), 0.5);
        // Query 1: weights 2, 2, 2, 2/3 for classes 1, 0, 1, 1.
        QVERIFY(std::abs(proba(1, 0) - 2.0 / (2 + 2 + 2 + 2.0 / 3)) < 1e-15);
        QCOMPARE(model.predict(query).value(), (Vector(2) << 0, 1).finished());
    }

    void farAwayQueriesAreStillExact()
    {
        // A query far outside the training range skips the single-precision estimate.
        const Matrix train = tiedData(300, 5, 3);
        Matrix queries = tiedData(3, 5, 4);
        queries(1, 2) = 1e200;
        queries(2, 0) = -3e15;
        KNeighbors model(KNeighbors::Kind::Regressor);
        FitContext context;
        QVERIFY(model.fit(train, Vector::Zero(300), context).ok());
        const Neighbors found = model.kneighbors(queries).value();
        const Neighbors expected = naiveNeighbors(train, queries, 5, false);
        QVERIFY(found.indices == expected.indices);
        QVERIFY(sameBits(found.distances, expected.distances));
    }

    void savedModelsPredictBitIdentically_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("fixture");
        QTest::newRow("knn") << QStringLiteral("knn") << QStringLiteral("knn/knn_wine.json");
        QTest::newRow("knn_reg") << QStringLiteral("knn_reg") << QStringLiteral("knn/knn_reg_diabetes.json");
    }

    void savedModelsPredictBitIdentically()
    {
        QFETCH(QString, id);
        QFETCH(QString, fixture);
        const Fixture data(fixture);
        const Matrix &test = data.test;
        FitContext context;
        context.classCount = data.classes;
        auto model
            = Registry::instance()
                  .create(
                      id, {{QStringLiteral("n_neighbors"), 7}, {QStringLiteral("weights"), QStringLiteral("distance")}})
                  .value();
        QVERIFY(model->fit(data.X, data.y, context).ok());
        QString error;
        const auto loaded = roundTrip(*model, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->paramValues(), model->paramValues());
        QVERIFY(sameBits(loaded->predict(test).value(), model->predict(test).value()));
        if (id == QLatin1String("knn"))
            QVERIFY(sameBits(loaded->predictProba(test).value(), model->predictProba(test).value()));
    }

    void predictionCanBeStopped()
    {
        const Matrix train = tiedData(5000, 8, 1);
        KNeighbors model(KNeighbors::Kind::Regressor);
        FitContext context;
        QVERIFY(model.fit(train, Vector::Zero(5000), context).ok());
        RecordingSink sink(RecordingSink::Stop::AfterPolls, 0); // stops at once
        const Base::Progress progress(sink);
        model.setPredictProgress(&progress);
        QCOMPARE(model.predict(train).error().message, NeighborSearch::stoppedMessage());
        QVERIFY(!sink.fractions().empty());
        QVERIFY(sink.last() < 0.5);
        model.setPredictProgress(nullptr);
        QVERIFY(model.predict(train.topRows(10)).ok());
    }

    void invalidParametersAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("n_neighbors 0") << QStringLiteral("n_neighbors") << QVariant(0)
                                       << QStringLiteral("n_neighbors must be >= 1, got 0");
        QTest::newRow("n_neighbors 2.5") << QStringLiteral("n_neighbors") << QVariant(2.5)
                                         << QStringLiteral("n_neighbors must be an integer, got 2.5");
        QTest::newRow("weights") << QStringLiteral("weights") << QVariant(QStringLiteral("gaussian"))
                                 << QStringLiteral("weights must be one of uniform, distance, got gaussian");
        QTest::newRow("metric") << QStringLiteral("metric") << QVariant(QStringLiteral("cosine"))
                                << QStringLiteral("metric must be one of euclidean, manhattan, got cosine");
    }

    void invalidParametersAreRefusedWithAReason()
    {
        QFETCH(QString, name);
        QFETCH(QVariant, value);
        QFETCH(QString, message);
        for (const QString &id : {QStringLiteral("knn"), QStringLiteral("knn_reg")}) {
            const auto created = Registry::instance().create(id, {{name, value}});
            QVERIFY(!created.ok());
            QCOMPARE(created.error().message, message);
        }
    }

    void moreNeighboursThanRowsIsAnError()
    {
        KNeighbors model(KNeighbors::Kind::Classifier);
        FitContext context;
        context.classCount = 2;
        QVERIFY(model.setParams({{QStringLiteral("n_neighbors"), 15}}).ok());
        QCOMPARE(model.fit(Matrix::Zero(10, 2), Vector::Zero(10), context).error().message,
            QStringLiteral("n_neighbors is 15 but there are only 10 training rows"));
    }
};

QTEST_GUILESS_MAIN(TestKnn)
#include "tst_knn.moc"
