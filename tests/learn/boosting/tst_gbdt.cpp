// SPDX-License-Identifier: GPL-3.0-or-later
#include "../tst_nbknn_fixtures.h"
#include "core/learn/Registry.h"
#include "core/learn/boosting/GradientBoosting.h"

#include "tests/support/RecordingSink.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace Tandem;
using namespace Tandem::Learn;
using namespace NbKnnFixtures;
using Tandem::Testing::RecordingSink;

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

/// A model with scikit-learn's parameters of a fixture fit (max_iter is n_estimators).
std::unique_ptr<GradientBoosting> boosting(GradientBoosting::Kind kind, const QJsonObject &sklearnParams)
{
    auto model = std::make_unique<GradientBoosting>(kind);
    ParamValues values {{QStringLiteral("early_stopping"), QStringLiteral("false")}};
    for (auto it = sklearnParams.begin(); it != sklearnParams.end(); ++it)
        values.insert(
            it.key() == QLatin1String("max_iter") ? QStringLiteral("n_estimators") : it.key(), it.value().toVariant());
    const Base::Status status = model->setParams(values);
    return status.ok() ? std::move(model) : nullptr;
}

/// Class labels and their log loss.
double logLoss(const Matrix &proba, const Vector &y)
{
    double sum = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        sum -= std::log(std::clamp(proba(i, Eigen::Index(y[i])), 1e-15, 1.0));
    return sum / double(y.size());
}

double accuracy(const Vector &predicted, const Vector &y)
{
    return double((predicted.array() == y.array()).count()) / double(y.size());
}

/// Softmax scores less their row mean (the probabilities only determine that).
Matrix centred(const Matrix &scores)
{
    if (scores.cols() == 1)
        return scores;
    return scores.colwise() - scores.rowwise().mean();
}

/// Raw scores as scikit-learn's decision_function, recovered from the
/// probabilities: log-odds (binary) or centred log-probabilities (softmax).
Matrix decision(const Matrix &proba)
{
    if (proba.cols() == 2)
        return (proba.col(1).array() / proba.col(0).array()).log().matrix();
    return centred(proba.array().log().matrix());
}

/// n rows of p standard normal features; y = 1 when x0 + x1² + noise > 1.
std::pair<Matrix, Vector> synthetic(Eigen::Index n, Eigen::Index p, unsigned seed)
{
    std::mt19937_64 random(seed);
    std::normal_distribution<double> normal;
    Matrix X(n, p);
    Vector y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index f = 0; f < p; ++f)
            X(i, f) = normal(random);
        y[i] = X(i, 0) + X(i, 1) * X(i, 1) + 0.5 * normal(random) > 1.0 ? 1.0 : 0.0;
    }
    return {X, y};
}

} // namespace

class TestGbdt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifierMatchesScikitLearn_data();
    void classifierMatchesScikitLearn();
    void regressorMatchesScikitLearn();
    void trainingLossFalls();
    void missingValuesFollowTheLearnedSide();
    void unseenMissingGoesToTheLargerSide();
    void categoricalSplitsBeatCodesAsNumbers();
    void earlyStoppingStops();
    void sameModelOnAnyThreadCount();
    void saveAndLoadPredictIdentically();
    void progressAndStop();
    void gainImportances();
    void badParametersAreNamed();
    void registryEntries();
};

void TestGbdt::classifierMatchesScikitLearn_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("binary") << QStringLiteral("boosting/gbdt_breast_cancer.json");
    QTest::newRow("multiclass") << QStringLiteral("boosting/gbdt_wine.json");
    // Digits with grey levels below 13 set to 0: four fifths zeros, so the
    // histograms skip the most frequent bin (FeatureGroups' sparse groups).
    QTest::newRow("sparse") << QStringLiteral("boosting/gbdt_sparse_digits.json");
}

void TestGbdt::classifierMatchesScikitLearn()
{
    QFETCH(QString, file);
    const Fixture fixture(file);
    QVERIFY2(fixture.ok(), qPrintable(file));
    const Vector testY = vector(fixture.data.value(QStringLiteral("y_test")));
    for (const QJsonValue &value : fixture.fits) {
        const QJsonObject fit = value.toObject();
        const QJsonObject params = fit.value(QStringLiteral("params")).toObject();
        const QString label = QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact));
        auto model = boosting(GradientBoosting::Kind::Classifier, params);
        QVERIFY(model);
        FitContext context;
        context.classCount = fixture.classes;
        const Base::Status status = model->fit(fixture.X, fixture.y, context);
        QVERIFY2(status.ok(), qPrintable(status.error().message));
        const Matrix proba = model->predictProba(fixture.test).value();
        const double ours = accuracy(model->predict(fixture.test).value(), testY);
        const double theirs = fit.value(QStringLiteral("test_accuracy")).toDouble();
        QVERIFY2(std::abs(ours - theirs) <= 0.02,
            qPrintable(QStringLiteral("%1: accuracy %2 vs scikit-learn %3").arg(label).arg(ours).arg(theirs)));
        const double loss = logLoss(proba, testY), reference = fit.value(QStringLiteral("test_log_loss")).toDouble();
        QVERIFY2(std::abs(loss - reference) <= 0.05 * reference + 1e-3,
            qPrintable(QStringLiteral("%1: test log loss %2 vs scikit-learn %3").arg(label).arg(loss).arg(reference)));
        // One round of three leaves on exact bins: every choice is determined, so the raw scores agree.
        if (params.value(QStringLiteral("max_iter")).toInt() == 1) {
            const double error = relativeError(decision(proba), centred(matrix(fit.value(QStringLiteral("decision")))));
            QVERIFY2(error < 1e-6, qPrintable(QStringLiteral("%1: raw scores differ by %2").arg(label).arg(error)));
        }
    }
}

void TestGbdt::regressorMatchesScikitLearn()
{
    const Fixture fixture(QStringLiteral("boosting/gbdt_reg_diabetes.json"));
    QVERIFY(fixture.ok());
    const Vector testY = vector(fixture.data.value(QStringLiteral("y_test")));
    for (const QJsonValue &value : fixture.fits) {
        const QJsonObject fit = value.toObject();
        const QJsonObject params = fit.value(QStringLiteral("params")).toObject();
        const QString label = QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact));
        auto model = boosting(GradientBoosting::Kind::Regressor, params);
        QVERIFY(model);
        FitContext context;
        QVERIFY(model->fit(fixture.X, fixture.y, context).ok());
        const Vector predicted = model->predict(fixture.test).value();
        const double mse = (predicted - testY).squaredNorm() / double(testY.size());
        const double reference = fit.value(QStringLiteral("test_mse")).toDouble();
        QVERIFY2(std::abs(mse - reference) <= 0.05 * reference,
            qPrintable(QStringLiteral("%1: test MSE %2 vs scikit-learn %3").arg(label).arg(mse).arg(reference)));
        if (params.value(QStringLiteral("max_iter")).toInt() == 1) {
            const double error = relativeError(predicted, matrix(fit.value(QStringLiteral("decision"))));
            QVERIFY2(error < 1e-9, qPrintable(QStringLiteral("%1: predictions differ by %2").arg(label).arg(error)));
        }
    }
}

void TestGbdt::trainingLossFalls()
{
    for (const QString &file : {QStringLiteral("boosting/gbdt_breast_cancer.json"),
             QStringLiteral("boosting/gbdt_wine.json"), QStringLiteral("boosting/gbdt_reg_diabetes.json")}) {
        const Fixture fixture(file);
        QVERIFY(fixture.ok());
        GradientBoosting model(
            fixture.classes > 0 ? GradientBoosting::Kind::Classifier : GradientBoosting::Kind::Regressor);
        QVERIFY(model.setParams({{QStringLiteral("n_estimators"), 40}}).ok());
        std::vector<StepReport> steps;
        FitContext context;
        context.classCount = fixture.classes;
        context.stepSink = [&steps](const StepReport &step) { steps.push_back(step); };
        QVERIFY(model.fit(fixture.X, fixture.y, context).ok());
        QCOMPARE(int(steps.size()), 40);
        for (size_t i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].metric, QStringLiteral("train_loss"));
            QCOMPARE(steps[i].step, int(i) + 1);
            if (i > 0)
                QVERIFY2(steps[i].value < steps[i - 1].value, qPrintable(file));
        }
    }
}

void TestGbdt::missingValuesFollowTheLearnedSide()
{
    // Class 1 exactly when x0 is missing or small: the split must send missing left with the small values.
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> uniform;
    const Eigen::Index n = 600;
    Matrix X(n, 2);
    Vector y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        X(i, 1) = uniform(random);
        const double u = uniform(random);
        X(i, 0) = i % 3 == 0 ? missing : u;
        y[i] = (i % 3 == 0 || u < 0.3) ? 1.0 : 0.0;
    }
    GradientBoosting model(GradientBoosting::Kind::Classifier);
    QVERIFY(model
                .setParams(
                    {{QStringLiteral("n_estimators"), 20}, {QStringLiteral("early_stopping"), QStringLiteral("false")}})
                .ok());
    FitContext context;
    context.classCount = 2;
    QVERIFY(model.fit(X, y, context).ok());
    QCOMPARE(accuracy(model.predict(X).value(), y), 1.0);
    Matrix probe(3, 2);
    probe << missing, 0.5, 0.1, 0.5, 0.9, 0.5;
    const Vector classes = model.predict(probe).value();
    QCOMPARE(classes[0], 1.0);
    QCOMPARE(classes[1], 1.0);
    QCOMPARE(classes[2], 0.0);
}

void TestGbdt::unseenMissingGoesToTheLargerSide()
{
    // No missing value at fit; x0 > 0.7 is class 1, so the larger side (x0 <= 0.7) is class 0.
    std::mt19937_64 random(3);
    std::uniform_real_distribution<double> uniform;
    const Eigen::Index n = 400;
    Matrix X(n, 1);
    Vector y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        X(i, 0) = uniform(random);
        y[i] = X(i, 0) > 0.7 ? 1.0 : 0.0;
    }
    for (const double big : {1.0, -1.0}) {
        // Mirrored, the larger side is on the right.
        GradientBoosting model(GradientBoosting::Kind::Classifier);
        QVERIFY(model.setParams({{QStringLiteral("n_estimators"), 5}, {QStringLiteral("max_leaf_nodes"), 2}}).ok());
        FitContext context;
        context.classCount = 2;
        QVERIFY(model.fit(X * big, y, context).ok());
        Matrix probe(1, 1);
        probe << missing;
        QCOMPARE(model.predict(probe).value()[0], 0.0);
    }
}

void TestGbdt::categoricalSplitsBeatCodesAsNumbers()
{
    // Eight categories; classes 1, 4 and 6 are positive: no single threshold on the codes separates them.
    std::mt19937_64 random(11);
    const Eigen::Index n = 800;
    Matrix X(n, 2);
    Vector y(n);
    std::normal_distribution<double> normal;
    for (Eigen::Index i = 0; i < n; ++i) {
        const int category = int(i % 8);
        X(i, 0) = category;
        X(i, 1) = normal(random);
        y[i] = (category == 1 || category == 4 || category == 6) ? 1.0 : 0.0;
    }
    const ParamValues stump {{QStringLiteral("n_estimators"), 1}, {QStringLiteral("max_leaf_nodes"), 2},
        {QStringLiteral("learning_rate"), 1.0}};
    GradientBoosting categorical(GradientBoosting::Kind::Classifier);
    QVERIFY(categorical.setParams(stump).ok());
    FitContext context;
    context.classCount = 2;
    context.categoryCounts = {8, 0};
    QVERIFY(categorical.fit(X, y, context).ok());
    QCOMPARE(accuracy(categorical.predict(X).value(), y), 1.0);
    // An unknown category counts as missing, which goes to the larger (negative) side.
    Matrix unknown(1, 2);
    unknown << 12.0, 0.0;
    QCOMPARE(categorical.predict(unknown).value()[0], 0.0);

    GradientBoosting numeric(GradientBoosting::Kind::Classifier);
    QVERIFY(numeric.setParams(stump).ok());
    context.categoryCounts.clear();
    QVERIFY(numeric.fit(X, y, context).ok());
    QVERIFY(accuracy(numeric.predict(X).value(), y) < 0.9);
}

void TestGbdt::earlyStoppingStops()
{
    // A target of pure noise: the validation loss stops improving after a few rounds.
    auto [X, y] = synthetic(3000, 5, 5);
    std::mt19937_64 random(1);
    for (Eigen::Index i = 0; i < y.size(); ++i)
        y[i] = double(random() % 2);
    GradientBoosting model(GradientBoosting::Kind::Classifier);
    QVERIFY(
        model
            .setParams({{QStringLiteral("n_estimators"), 1000},
                {QStringLiteral("early_stopping"), QStringLiteral("true")}, {QStringLiteral("n_iter_no_change"), 5}})
            .ok());
    RecordingSink sink;
    FitContext context {Base::Progress(sink)};
    context.classCount = 2;
    int validationSteps = 0, trainSteps = 0;
    context.stepSink = [&](const StepReport &step) {
        validationSteps += step.metric == QLatin1String("validation_loss");
        trainSteps += step.metric == QLatin1String("train_loss");
    };
    QVERIFY(model.fit(X, y, context).ok());
    QVERIFY2(model.rounds() < 100, qPrintable(QString::number(model.rounds())));
    QCOMPARE(validationSteps, model.rounds());
    QCOMPARE(trainSteps, model.rounds());
    const std::vector<double> fractions = sink.fractions();
    QCOMPARE(fractions.back(), 1.0);
    QCOMPARE(std::count(fractions.begin(), fractions.end(), 1.0), 1);
}

void TestGbdt::sameModelOnAnyThreadCount()
{
    const auto [X, y] = synthetic(5000, 40, 2);
    Vector labels = y;
    for (Eigen::Index i = 0; i < labels.size(); ++i)
        labels[i] += X(i, 2) > 0.5 ? 1.0 : 0.0; // three classes
    // 40 dense features with missing values, then 24 mostly zero ones (sparse groups).
    Matrix withMissing = Matrix::Zero(X.rows(), 64);
    withMissing.leftCols(40) = X;
    for (Eigen::Index i = 0; i < X.rows(); i += 7)
        withMissing(i, i % 40) = missing;
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        if (i % 9 == 0)
            withMissing(i, 40 + i % 24) = X(i, 0) + X(i, 5);
    Matrix previous;
    for (const int threads : {1, 3}) {
        GradientBoosting model(GradientBoosting::Kind::Classifier);
        QVERIFY(model
                    .setParams({{QStringLiteral("n_estimators"), 15}, {QStringLiteral("subsample"), 0.7},
                        {QStringLiteral("early_stopping"), QStringLiteral("true")}})
                    .ok());
        FitContext context;
        context.classCount = 3;
        context.seed = 42;
        context.threads = threads;
        QVERIFY(model.fit(withMissing, labels, context).ok());
        const Matrix proba = model.predictProba(withMissing).value();
        if (threads > 1)
            QVERIFY(sameBits(proba, previous));
        previous = proba;
    }
}

void TestGbdt::saveAndLoadPredictIdentically()
{
    const Fixture fixture(QStringLiteral("boosting/gbdt_wine.json"));
    QVERIFY(fixture.ok());
    GradientBoosting model(GradientBoosting::Kind::Classifier);
    FitContext context;
    context.classCount = fixture.classes;
    QVERIFY(model.fit(fixture.X, fixture.y, context).ok());
    QString error;
    const auto loaded = roundTrip(model, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->id(), QStringLiteral("gbdt"));
    QVERIFY(sameBits(loaded->predictProba(fixture.test).value(), model.predictProba(fixture.test).value()));
    QVERIFY(sameBits(loaded->featureImportances().value(), model.featureImportances().value()));

    const Fixture diabetes(QStringLiteral("boosting/gbdt_reg_diabetes.json"));
    GradientBoosting regressor(GradientBoosting::Kind::Regressor);
    FitContext plain;
    QVERIFY(regressor.fit(diabetes.X, diabetes.y, plain).ok());
    const auto reloaded = roundTrip(regressor, &error);
    QVERIFY2(reloaded, qPrintable(error));
    QVERIFY(sameBits(reloaded->predict(diabetes.test).value(), regressor.predict(diabetes.test).value()));
}

void TestGbdt::progressAndStop()
{
    const auto [X, y] = synthetic(2000, 5, 9);
    {
        GradientBoosting model(GradientBoosting::Kind::Classifier);
        QVERIFY(model.setParams({{QStringLiteral("n_estimators"), 30}}).ok());
        RecordingSink sink;
        FitContext context {Base::Progress(sink)};
        context.classCount = 2;
        QVERIFY(model.fit(X, y, context).ok());
        const std::vector<double> fractions = sink.fractions();
        QVERIFY(fractions.size() > 30);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
        QCOMPARE(std::count(fractions.begin(), fractions.end(), 1.0), 1);
    }
    GradientBoosting model(GradientBoosting::Kind::Classifier);
    QVERIFY(model.setParams({{QStringLiteral("n_estimators"), 1000}}).ok());
    RecordingSink sink(RecordingSink::Stop::AfterReports, 5);
    FitContext context {Base::Progress(sink)};
    context.classCount = 2;
    const Base::Status status = model.fit(X, y, context);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().message, FitContext::stoppedMessage());
    QVERIFY(!model.isFitted());
    QVERIFY(sink.reportCount() < 20);
}

void TestGbdt::gainImportances()
{
    const auto [X, y] = synthetic(2000, 6, 4);
    GradientBoosting model(GradientBoosting::Kind::Classifier);
    QVERIFY(!model.featureImportances().ok());
    FitContext context;
    context.classCount = 2;
    QVERIFY(model.fit(X, y, context).ok());
    const Vector importances = model.featureImportances().value();
    QCOMPARE(importances.size(), Eigen::Index(6));
    QVERIFY(std::abs(importances.sum() - 1.0) < 1e-12);
    // Only x0 and x1 carry signal.
    QVERIFY(importances[0] + importances[1] > 0.8);
}

void TestGbdt::badParametersAreNamed()
{
    GradientBoosting model(GradientBoosting::Kind::Regressor);
    const QList<std::pair<QString, QVariant>> bad {{QStringLiteral("max_bins"), 256},
        {QStringLiteral("learning_rate"), 0.0}, {QStringLiteral("subsample"), 0.0},
        {QStringLiteral("early_stopping"), QStringLiteral("sometimes")}, {QStringLiteral("max_leaf_nodes"), 1},
        {QStringLiteral("validation_fraction"), 1.0}, {QStringLiteral("n_estimators"), 0}};
    for (const auto &[name, value] : bad) {
        const Base::Status status = model.setParams({{name, value}});
        QVERIFY2(!status.ok(), qPrintable(name));
        QVERIFY2(status.error().message.contains(name), qPrintable(status.error().message));
    }
    // A validation share that leaves no validation row.
    Matrix X = Matrix::Random(5, 2);
    Vector y = Vector::LinSpaced(5, 0.0, 1.0);
    QVERIFY(model
                .setParams({{QStringLiteral("early_stopping"), QStringLiteral("true")},
                    {QStringLiteral("validation_fraction"), 0.05}})
                .ok());
    FitContext context;
    const Base::Status status = model.fit(X, y, context);
    QVERIFY(!status.ok());
    QVERIFY2(
        status.error().message.contains(QStringLiteral("validation_fraction")), qPrintable(status.error().message));
}

void TestGbdt::registryEntries()
{
    for (const QString &id : {QStringLiteral("gbdt"), QStringLiteral("gbdt_reg")}) {
        const ModelInfo *info = Registry::instance().find(id);
        QVERIFY2(info, qPrintable(id));
        QVERIFY(info->input == ModelInfo::Input::Raw);
        const auto model = info->create();
        QCOMPARE(model->id(), id);
        QVERIFY(model->acceptsMissingValues());
    }
    QCOMPARE(Registry::instance().find(QStringLiteral("gbdt"))->task, Task::Classification);
    QCOMPARE(Registry::instance().find(QStringLiteral("gbdt_reg"))->task, Task::Regression);
}

QTEST_GUILESS_MAIN(TestGbdt)
#include "tst_gbdt.moc"
