// SPDX-License-Identifier: GPL-3.0-or-later
#include "../tst_nbknn_fixtures.h"
#include "core/learn/Registry.h"
#include "core/learn/tree/TreeEnsemble.h"
#include "tests/support/RecordingSink.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace Tandem;
using namespace Tandem::Learn;
using namespace NbKnnFixtures;
using Tandem::Testing::RecordingSink;

namespace {

std::unique_ptr<Estimator> create(const QString &id, const ParamValues &values = {})
{
    auto created = Registry::instance().create(id, values);
    if (!created.ok())
        qFatal("cannot create %s: %s", qPrintable(id), qPrintable(created.error().message));
    return std::move(created).value();
}

TreeEnsemble &ensemble(Estimator &model)
{
    return dynamic_cast<TreeEnsemble &>(model);
}

double accuracy(const Vector &predicted, const Vector &expected)
{
    return (predicted.array() == expected.array()).cast<double>().mean();
}

double r2(const Vector &predicted, const Vector &expected)
{
    return 1.0 - (expected - predicted).squaredNorm() / (expected.array() - expected.mean()).square().sum();
}

QString fitOrError(Estimator &model, const Matrix &X, const Vector &y, int classes, int threads = 1, quint64 seed = 0,
    std::vector<int> categories = {})
{
    FitContext context;
    context.classCount = classes;
    context.threads = threads;
    context.seed = seed;
    context.categoryCounts = std::move(categories);
    const auto status = model.fit(X, y, context);
    return status.ok() ? QString() : status.error().message;
}

/// A 6 × 6 checkerboard of points: separable only by many axis-aligned splits.
void checkerboard(Matrix &X, Vector &y)
{
    X.resize(360, 2);
    y.resize(360);
    std::mt19937 random(3);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        X(i, 0) = 6.0 * unit(random);
        X(i, 1) = 6.0 * unit(random);
        y[i] = double((int(X(i, 0)) + int(X(i, 1))) % 2);
    }
}

} // namespace

class TestTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registryListsTheSixFamiliesWithRawInput()
    {
        for (const char *id : {"tree", "tree_reg", "forest", "forest_reg", "extratrees", "extratrees_reg"}) {
            const ModelInfo *info = Registry::instance().find(QString::fromLatin1(id));
            QVERIFY2(info, id);
            QCOMPARE(info->input, ModelInfo::Input::Raw);
            QCOMPARE(create(info->id)->id(), info->id);
        }
    }

    void separableDataIsFitExactly_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("tree") << QStringLiteral("tree");
        QTest::newRow("extratrees") << QStringLiteral("extratrees");
        QTest::newRow("tree_reg") << QStringLiteral("tree_reg");
    }

    void separableDataIsFitExactly()
    {
        QFETCH(QString, id);
        Matrix X;
        Vector y;
        checkerboard(X, y);
        auto model = create(id);
        const bool classifier = model->task() == Task::Classification;
        QCOMPARE(fitOrError(*model, X, y, classifier ? 2 : 0), QString());
        const Vector predicted = model->predict(X).value();
        QCOMPARE(accuracy(predicted, y), 1.0);
        if (classifier) {
            const Matrix proba = model->predictProba(X).value();
            QVERIFY((proba.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
        }
    }

    void classifierMatchesScikitLearn_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<bool>("exactBins");
        QTest::newRow("iris") << QStringLiteral("iris") << true;
        QTest::newRow("wine") << QStringLiteral("wine") << true;
        // Some of its 284 training rows' features have more than 255 distinct values:
        // quantile bins, so trees may differ from CART's.
        QTest::newRow("breast_cancer") << QStringLiteral("breast_cancer") << false;
    }

    void classifierMatchesScikitLearn()
    {
        QFETCH(QString, dataset);
        QFETCH(bool, exactBins);
        const Fixture fixture(QStringLiteral("tree/") + dataset + QStringLiteral(".json"));
        QVERIFY(fixture.ok());
        const Vector yTest = vector(fixture.data.value(QStringLiteral("y_test")));
        for (const QJsonValue &value : fixture.fits) {
            const QJsonObject fit = value.toObject();
            if (fit.value(QStringLiteral("model")).toString() != QLatin1String("tree"))
                continue;
            const QString criterion = fit.value(QStringLiteral("criterion")).toString();
            const int maxDepth = fit.value(QStringLiteral("max_depth")).toInt();
            auto model = create(QStringLiteral("tree"),
                {{QStringLiteral("criterion"), criterion}, {QStringLiteral("max_depth"), maxDepth}});
            QCOMPARE(fitOrError(*model, fixture.X, fixture.y, fixture.classes), QString());
            const FittedTree &tree = ensemble(*model).trees().front();
            const double trainAccuracy = accuracy(model->predict(fixture.X).value(), fixture.y);
            const double testAccuracy = accuracy(model->predict(fixture.test).value(), yTest);
            const QString what = QStringLiteral("%1 %2 depth %3").arg(dataset, criterion).arg(maxDepth);
            const QJsonArray variants = fit.value(QStringLiteral("variants")).toArray();
            if (!exactBins) {
                const QJsonObject reference = variants.first().toObject();
                QVERIFY2(
                    trainAccuracy == reference.value(QStringLiteral("train_accuracy")).toDouble(), qPrintable(what));
                QVERIFY2(std::abs(testAccuracy - reference.value(QStringLiteral("test_accuracy")).toDouble()) <= 0.03,
                    qPrintable(what));
                continue;
            }
            // Same thresholds: the same tree as scikit-learn gives with one of its
            // random states (they differ only where equal-gain splits tie).
            const Matrix proba = model->predictProba(fixture.test).value();
            const Vector importances = model->featureImportances().value();
            bool matched = false;
            for (const QJsonValue &variant : variants) {
                const QJsonObject reference = variant.toObject();
                matched = matched
                    || (testAccuracy == reference.value(QStringLiteral("test_accuracy")).toDouble()
                        && trainAccuracy == reference.value(QStringLiteral("train_accuracy")).toDouble()
                        && tree.depth() == reference.value(QStringLiteral("depth")).toInt()
                        && tree.leafCount() == reference.value(QStringLiteral("leaves")).toInt()
                        && relativeError(proba, matrix(reference.value(QStringLiteral("proba")))) < 1e-12
                        && relativeError(importances, vector(reference.value(QStringLiteral("importances")))) < 1e-9);
            }
            QVERIFY2(matched, qPrintable(what));
        }
    }

    void regressorMatchesScikitLearn()
    {
        const Fixture fixture(QStringLiteral("tree/diabetes.json"));
        QVERIFY(fixture.ok());
        const Vector yTest = vector(fixture.data.value(QStringLiteral("y_test")));
        for (const QJsonValue &value : fixture.fits) {
            const QJsonObject fit = value.toObject();
            if (fit.value(QStringLiteral("model")).toString() != QLatin1String("tree_reg"))
                continue;
            const int maxDepth = fit.value(QStringLiteral("max_depth")).toInt();
            auto model = create(QStringLiteral("tree_reg"), {{QStringLiteral("max_depth"), maxDepth}});
            QCOMPARE(fitOrError(*model, fixture.X, fixture.y, 0), QString());
            const FittedTree &tree = ensemble(*model).trees().front();
            const Vector predicted = model->predict(fixture.test).value();
            const Vector importances = model->featureImportances().value();
            bool matched = false, sameShape = true;
            double lowestR2 = 1.0, highestR2 = -1e300;
            for (const QJsonValue &variant : fit.value(QStringLiteral("variants")).toArray()) {
                const QJsonObject reference = variant.toObject();
                const double referenceR2 = reference.value(QStringLiteral("test_r2")).toDouble();
                lowestR2 = std::min(lowestR2, referenceR2);
                highestR2 = std::max(highestR2, referenceR2);
                const bool shape = tree.depth() == reference.value(QStringLiteral("depth")).toInt()
                    && tree.leafCount() == reference.value(QStringLiteral("leaves")).toInt();
                sameShape = sameShape && shape;
                matched = matched
                    || (shape && relativeError(predicted, vector(reference.value(QStringLiteral("predictions")))) < 1e-9
                        && std::abs(r2(predicted, yTest) - referenceR2) < 1e-9
                        && relativeError(importances, vector(reference.value(QStringLiteral("importances")))) < 1e-9);
            }
            if (maxDepth > 0) {
                QVERIFY2(matched, qPrintable(QStringLiteral("max_depth %1").arg(maxDepth)));
            } else {
                // Grown out on integer targets, ties are everywhere and every random
                // state of scikit-learn gives another tree, all of the same shape.
                QVERIFY(sameShape);
                const double ours = r2(predicted, yTest);
                QVERIFY2(ours > lowestR2 - 0.05 && ours < highestR2 + 0.05,
                    qPrintable(QStringLiteral("R2 %1 outside [%2, %3]").arg(ours).arg(lowestR2).arg(highestR2)));
            }
        }
    }

    void outOfBagScoreIsCloseToScikitLearn_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("breast_cancer") << QStringLiteral("breast_cancer") << QStringLiteral("forest") << 0.03;
        QTest::newRow("diabetes") << QStringLiteral("diabetes") << QStringLiteral("forest_reg") << 0.06;
    }

    void outOfBagScoreIsCloseToScikitLearn()
    {
        QFETCH(QString, dataset);
        QFETCH(QString, id);
        QFETCH(double, tolerance);
        const Fixture fixture(QStringLiteral("tree/") + dataset + QStringLiteral(".json"));
        QVERIFY(fixture.ok());
        QJsonObject reference;
        for (const QJsonValue &value : fixture.fits) {
            if (value.toObject().value(QStringLiteral("model")).toString() == id)
                reference = value.toObject();
        }
        auto model = create(id, {{QStringLiteral("n_estimators"), 200}, {QStringLiteral("oob_score"), true}});
        std::vector<StepReport> steps;
        FitContext context;
        context.classCount = fixture.classes;
        context.threads = 2;
        context.stepSink = [&steps](const StepReport &step) { steps.push_back(step); };
        QVERIFY(model->fit(fixture.X, fixture.y, context).ok());
        const std::optional<double> oob = ensemble(*model).oobScore();
        QVERIFY(oob.has_value());
        const double expected = reference.value(QStringLiteral("oob_score")).toDouble();
        QVERIFY2(std::abs(*oob - expected) < tolerance,
            qPrintable(QStringLiteral("oob %1, scikit-learn %2").arg(*oob).arg(expected)));
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(steps.front().value, *oob);
        QVERIFY(steps.front().metric.startsWith(QLatin1String("oob_")));
    }

    void sameSeedSameModelOnAnyThreadCount_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("forest") << QStringLiteral("forest");
        QTest::newRow("extratrees") << QStringLiteral("extratrees");
        QTest::newRow("forest_reg") << QStringLiteral("forest_reg");
    }

    void sameSeedSameModelOnAnyThreadCount()
    {
        QFETCH(QString, id);
        const Fixture fixture(QStringLiteral("tree/wine.json"));
        QVERIFY(fixture.ok());
        const ParamValues values {{QStringLiteral("n_estimators"), 30}};
        auto one = create(id, values), three = create(id, values), otherSeed = create(id, values);
        const int classes = one->task() == Task::Classification ? fixture.classes : 0;
        QCOMPARE(fitOrError(*one, fixture.X, fixture.y, classes, 1, 42), QString());
        QCOMPARE(fitOrError(*three, fixture.X, fixture.y, classes, 3, 42), QString());
        QCOMPARE(fitOrError(*otherSeed, fixture.X, fixture.y, classes, 3, 43), QString());
        const auto output = [&](const Estimator &model) {
            return classes > 0 ? model.predictProba(fixture.test).value() : Matrix(model.predict(fixture.test).value());
        };
        QVERIFY(sameBits(output(*one), output(*three)));
        QVERIFY(!sameBits(output(*one), output(*otherSeed)));
        QVERIFY(sameBits(one->featureImportances().value(), three->featureImportances().value()));
    }

    void forestBeatsOneTreeAndExtraTreesDiffer()
    {
        const Fixture fixture(QStringLiteral("tree/breast_cancer.json"));
        const Vector yTest = vector(fixture.data.value(QStringLiteral("y_test")));
        auto forest = create(QStringLiteral("forest")), extra = create(QStringLiteral("extratrees"));
        QCOMPARE(fitOrError(*forest, fixture.X, fixture.y, 2, 2), QString());
        QCOMPARE(fitOrError(*extra, fixture.X, fixture.y, 2, 2), QString());
        QCOMPARE(int(ensemble(*forest).trees().size()), 100);
        QVERIFY(accuracy(forest->predict(fixture.test).value(), yTest) > 0.93);
        QVERIFY(accuracy(extra->predict(fixture.test).value(), yTest) > 0.93);
        QVERIFY(!sameBits(forest->predictProba(fixture.test).value(), extra->predictProba(fixture.test).value()));
    }

    void importancesSumToOneAndFindTheSignal()
    {
        // y depends on feature 2 only; the others are noise.
        Matrix X(400, 5);
        Vector y(400);
        std::mt19937 random(5);
        std::normal_distribution<double> normal;
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            for (Eigen::Index f = 0; f < X.cols(); ++f)
                X(i, f) = normal(random);
            y[i] = X(i, 2) > 0.3 ? 1 : 0;
        }
        for (const char *id : {"tree", "forest", "extratrees"}) {
            auto model = create(QString::fromLatin1(id));
            QCOMPARE(fitOrError(*model, X, y, 2), QString());
            const Vector importances = model->featureImportances().value();
            QCOMPARE(importances.size(), Eigen::Index(5));
            QVERIFY(std::abs(importances.sum() - 1.0) < 1e-12);
            Eigen::Index best = 0;
            importances.maxCoeff(&best);
            QCOMPARE(best, Eigen::Index(2));
        }
        QVERIFY(!create(QStringLiteral("forest"))->featureImportances().ok());
    }

    void categoricalFeaturesSplitIntoSets()
    {
        // Category in {1, 3, 4} decides the class: one split with native categories.
        Matrix X(240, 2);
        Vector y(240);
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            X(i, 0) = double(i % 6);
            X(i, 1) = double((i * 7) % 11);
            y[i] = (i % 6 == 1 || i % 6 == 3 || i % 6 == 4) ? 1 : 0;
        }
        auto model = create(QStringLiteral("tree"));
        QCOMPARE(fitOrError(*model, X, y, 2, 1, 0, {6, 0}), QString());
        QCOMPARE(ensemble(*model).trees().front().depth(), 1);
        QCOMPARE(accuracy(model->predict(X).value(), y), 1.0);
        // As numbers, the same classes need several ordered splits.
        auto numeric = create(QStringLiteral("tree"));
        QCOMPARE(fitOrError(*numeric, X, y, 2), QString());
        QVERIFY(ensemble(*numeric).trees().front().depth() > 1);
        // Regression orders categories by mean target.
        auto regressor = create(QStringLiteral("tree_reg"), {{QStringLiteral("max_depth"), 1}});
        QCOMPARE(fitOrError(*regressor, X, y * 3.0, 0, 1, 0, {6, 0}), QString());
        QCOMPARE(r2(regressor->predict(X).value(), y * 3.0), 1.0);
        // A code outside the categories is an error naming the feature.
        Matrix bad = X;
        bad(5, 0) = 9;
        const QString message = fitOrError(*model, bad, y, 2, 1, 0, {6, 0});
        QVERIFY2(message.contains(QStringLiteral("feature 1")), qPrintable(message));
    }

    void saveAndLoadPredictBitIdentically_data()
    {
        QTest::addColumn<QString>("id");
        for (const char *id : {"tree", "tree_reg", "forest", "forest_reg", "extratrees", "extratrees_reg"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }

    void saveAndLoadPredictBitIdentically()
    {
        QFETCH(QString, id);
        const Fixture fixture(QStringLiteral("tree/wine.json"));
        auto model = create(id,
            id.startsWith(QLatin1String("tree"))
                ? ParamValues {}
                : ParamValues {{QStringLiteral("n_estimators"), 20}, {QStringLiteral("bootstrap"), true},
                    {QStringLiteral("oob_score"), true}});
        const bool classifier = model->task() == Task::Classification;
        Matrix X = fixture.X;
        X.col(0) = (X.col(0).array() * 3).floor().unaryExpr([](double v) { return std::fmod(v, 5.0); });
        std::vector<int> categories(size_t(X.cols()), 0);
        categories[0] = 5;
        QCOMPARE(fitOrError(*model, X, fixture.y, classifier ? fixture.classes : 0, 2, 9, categories), QString());
        QString error;
        const auto loaded = roundTrip(*model, &error);
        QVERIFY2(loaded, qPrintable(error));
        QVERIFY(sameBits(model->predict(fixture.test).value(), loaded->predict(fixture.test).value()));
        if (classifier)
            QVERIFY(sameBits(model->predictProba(fixture.test).value(), loaded->predictProba(fixture.test).value()));
        QVERIFY(sameBits(model->featureImportances().value(), loaded->featureImportances().value()));
        QCOMPARE(ensemble(*loaded).oobScore(), ensemble(*model).oobScore());
    }

    void badParametersNameTheParameter_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariant>("value");
        QTest::newRow("max_features cube")
            << QStringLiteral("forest") << QStringLiteral("max_features") << QVariant(QStringLiteral("cube"));
        QTest::newRow("max_features 1.5")
            << QStringLiteral("tree") << QStringLiteral("max_features") << QVariant(QStringLiteral("1.5"));
        QTest::newRow("max_features 0") << QStringLiteral("tree") << QStringLiteral("max_features")
                                        << QVariant(QStringLiteral("0"));
        QTest::newRow("min_samples_leaf 0")
            << QStringLiteral("tree") << QStringLiteral("min_samples_leaf") << QVariant(0);
        QTest::newRow("min_samples_split 1")
            << QStringLiteral("tree_reg") << QStringLiteral("min_samples_split") << QVariant(1);
        QTest::newRow("n_estimators 0") << QStringLiteral("forest") << QStringLiteral("n_estimators") << QVariant(0);
        QTest::newRow("n_estimators 10^9")
            << QStringLiteral("extratrees") << QStringLiteral("n_estimators") << QVariant(1000000000);
        QTest::newRow("max_depth -1") << QStringLiteral("forest") << QStringLiteral("max_depth") << QVariant(-1);
        QTest::newRow("criterion mse") << QStringLiteral("tree_reg") << QStringLiteral("criterion")
                                       << QVariant(QStringLiteral("mse"));
    }

    void badParametersNameTheParameter()
    {
        QFETCH(QString, id);
        QFETCH(QString, name);
        QFETCH(QVariant, value);
        const auto created = Registry::instance().create(id, {{name, value}});
        QVERIFY(!created.ok());
        QVERIFY2(created.error().message.contains(name), qPrintable(created.error().message));
    }

    void absurdButValidSettingsWork()
    {
        const Fixture fixture(QStringLiteral("tree/iris.json"));
        // A depth beyond any tree is "unlimited"; a feature count must exist.
        auto deep = create(QStringLiteral("tree"), {{QStringLiteral("max_depth"), qint64(1) << 40}});
        QCOMPARE(fitOrError(*deep, fixture.X, fixture.y, 3), QString());
        QCOMPARE(ensemble(*deep).trees().front().depth(), 4);
        auto tooMany = create(QStringLiteral("tree"), {{QStringLiteral("max_features"), QStringLiteral("9")}});
        const QString message = fitOrError(*tooMany, fixture.X, fixture.y, 3);
        QVERIFY2(message.contains(QStringLiteral("max_features")) && message.contains(QStringLiteral("4 features")),
            qPrintable(message));
        auto noBootstrap = create(QStringLiteral("extratrees"), {{QStringLiteral("oob_score"), true}});
        QVERIFY(fitOrError(*noBootstrap, fixture.X, fixture.y, 3).contains(QStringLiteral("oob_score")));
        // min_samples_leaf above half the rows: a single leaf, the class shares.
        auto stump = create(QStringLiteral("tree"), {{QStringLiteral("min_samples_leaf"), 1000}});
        QCOMPARE(fitOrError(*stump, fixture.X, fixture.y, 3), QString());
        QCOMPARE(ensemble(*stump).trees().front().nodeCount(), 1);
        QVERIFY(create(QStringLiteral("tree"), {{QStringLiteral("max_features"), QStringLiteral("0.5")}}) != nullptr);
    }

    void progressIsMonotoneAndEndsAtOneOnce_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("threads");
        QTest::newRow("forest, 2 threads") << QStringLiteral("forest") << 2;
        QTest::newRow("one tree") << QStringLiteral("tree") << 1;
    }

    void progressIsMonotoneAndEndsAtOneOnce()
    {
        QFETCH(QString, id);
        QFETCH(int, threads);
        Matrix X;
        Vector y;
        checkerboard(X, y);
        RecordingSink sink;
        FitContext context {Base::Progress(sink)};
        context.classCount = 2;
        context.threads = threads;
        auto model = create(
            id, id == QLatin1String("forest") ? ParamValues {{QStringLiteral("n_estimators"), 40}} : ParamValues {});
        QVERIFY(model->fit(X, y, context).ok());
        const std::vector<double> fractions = sink.fractions();
        QVERIFY(fractions.size() >= 3);
        for (size_t i = 1; i < fractions.size(); ++i)
            QVERIFY(fractions[i] >= fractions[i - 1]);
        QCOMPARE(fractions.back(), 1.0);
        QCOMPARE(std::count(fractions.begin(), fractions.end(), 1.0), std::ptrdiff_t(1));
    }

    void stopRequestEndsTheFit_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("2 threads") << 2;
    }

    void stopRequestEndsTheFit()
    {
        QFETCH(int, threads);
        const Fixture fixture(QStringLiteral("tree/breast_cancer.json"));
        RecordingSink sink(RecordingSink::Stop::AfterReports, 4); // stops once more than 3 reports arrived
        FitContext context {Base::Progress(sink)};
        context.classCount = 2;
        context.threads = threads;
        auto model = create(QStringLiteral("forest"), {{QStringLiteral("n_estimators"), 500}});
        const auto status = model->fit(fixture.X, fixture.y, context);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().message, FitContext::stoppedMessage());
        QVERIFY(ensemble(*model).trees().size() < 500);
        QVERIFY(!model->isFitted());
    }
};

QTEST_GUILESS_MAIN(TestTree)
#include "tst_tree.moc"
