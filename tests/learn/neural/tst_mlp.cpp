// SPDX-License-Identifier: GPL-3.0-or-later
// The multilayer perceptron: gradients, scikit-learn 1.2.1's updates replayed from
// given weights, accuracy next to scikit-learn's, stopping, progress, threads, files.
#include "core/base/SeededRandom.h"
#include "core/learn/Registry.h"
#include "core/learn/neural/BatchGradient.h"
#include "core/learn/neural/MultilayerPerceptron.h"
#include "tests/learn/tst_linear_fixtures.h"
#include "tests/support/RecordingSink.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Tandem;
using namespace Tandem::Learn;
using namespace Tandem::Learn::Neural;
using namespace LinearFixtures;
using Tandem::Testing::RecordingSink;

namespace {

QJsonArray fixtureCases(const QString &file)
{
    QFile json(QStringLiteral(TANDEM_FIXTURES_DIR "/learn/neural/") + file);
    if (!json.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(json.readAll()).object().value(QStringLiteral("cases")).toArray();
}

Matrix matrixFrom(const QJsonArray &rows)
{
    Matrix m(rows.size(), rows.isEmpty() ? 0 : rows.first().toArray().size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonArray row = rows[i].toArray();
        for (qsizetype j = 0; j < row.size(); ++j)
            m(i, j) = row[j].toDouble();
    }
    return m;
}

Vector vectorFrom(const QJsonArray &values)
{
    Vector v(values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        v[i] = values[i].toDouble();
    return v;
}

/// A network with the shape of the given weights, holding them.
Network networkFrom(const QJsonArray &weights, const QJsonArray &biases, Activation hidden, Output output)
{
    std::vector<Eigen::Index> units;
    for (const QJsonValue &layer : weights) {
        const Matrix W = matrixFrom(layer.toArray());
        if (units.empty())
            units.push_back(W.rows());
        units.push_back(W.cols());
    }
    Network network(units, hidden, output);
    for (int l = 0; l < network.layerCount(); ++l) {
        network.weights(network.parameters(), l) = matrixFrom(weights[l].toArray());
        network.biases(network.parameters(), l) = vectorFrom(biases[l].toArray());
    }
    return network;
}

/// n × p standard normal features; labels from a random two-layer rule (classes > 0) or a smooth target.
Xy synthetic(Eigen::Index n, Eigen::Index p, int classes, quint64 seed, double noise = 0.0)
{
    Base::SeededRandom random(seed);
    const auto normal = [&] {
        const double u = std::max(random.uniform(), 1e-300), v = random.uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
    };
    Xy data {Matrix(n, p), Vector(n)};
    for (Eigen::Index k = 0; k < data.X.size(); ++k)
        data.X.data()[k] = normal();
    Matrix W(p, std::max(classes, 1));
    for (Eigen::Index k = 0; k < W.size(); ++k)
        W.data()[k] = normal();
    const Matrix scores
        = (data.X * W).array().tanh().matrix() + data.X.leftCols(1) * Eigen::RowVectorXd::Ones(W.cols());
    for (Eigen::Index i = 0; i < n; ++i) {
        if (classes == 0) {
            data.y[i] = scores(i, 0) + noise * normal();
            continue;
        }
        Eigen::Index best = 0;
        (scores.row(i) + noise * Eigen::RowVectorXd::NullaryExpr(classes, normal)).maxCoeff(&best);
        data.y[i] = double(best);
    }
    return data;
}

std::unique_ptr<Estimator> create(const QString &id, const QVariantMap &params)
{
    auto created = Registry::instance().create(id, params);
    return created.ok() ? std::move(created).value() : nullptr;
}

double accuracy(const Vector &predicted, const Vector &y)
{
    return (predicted.array() == y.array()).cast<double>().mean();
}

double rSquared(const Vector &predicted, const Vector &y)
{
    return 1.0 - (y - predicted).squaredNorm() / (y.array() - y.mean()).square().sum();
}

} // namespace

class TestMlp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<int>("activation");
        QTest::addColumn<int>("output");
        QTest::addColumn<int>("rows");
        for (Activation a : {Activation::Identity, Activation::Logistic, Activation::Tanh, Activation::Relu}) {
            for (Output o : {Output::Softmax, Output::Logistic, Output::Identity}) {
                QTest::addRow("%s, output %d", qPrintable(activationName(a)), int(o)) << int(a) << int(o) << 9;
            }
        }
        // Enough rows to be split into blocks, summed in order.
        QTest::newRow("relu, softmax, blocks") << int(Activation::Relu) << int(Output::Softmax) << 300;
    }
    void gradientMatchesFiniteDifferences()
    {
        QFETCH(int, activation);
        QFETCH(int, output);
        QFETCH(int, rows);
        const auto out = Output(output);
        const int classes = out == Output::Softmax ? 3 : out == Output::Logistic ? 2 : 0;
        const Eigen::Index features = rows > 100 ? 100 : 4;
        const Xy data = synthetic(rows, features, classes, 5, 0.5);
        Network network({features, 6, 5, classes == 3 ? 3 : 1}, Activation(activation), out);
        Base::SeededRandom random(3);
        network.initialize(random);
        const double alpha = 0.05;
        BatchGradient batch(network, alpha, 2);
        if (rows > 100)
            QVERIFY(batch.blockCount(rows) > 1);
        Vector gradient;
        const auto loss = [&](Vector &g) { return batch.compute(network, data.X, data.y, g, {}).value(); };
        loss(gradient);
        QCOMPARE(gradient.size(), network.parameterCount());
        Vector scratch;
        double worst = 0.0;
        for (Eigen::Index k = 0; k < network.parameterCount(); ++k) {
            const double saved = network.parameters()[k], h = 1e-5;
            network.parameters()[k] = saved + h;
            const double up = loss(scratch);
            network.parameters()[k] = saved - h;
            const double down = loss(scratch);
            network.parameters()[k] = saved;
            worst = std::max(worst, std::abs((up - down) / (2.0 * h) - gradient[k]) / (1e-3 + std::abs(gradient[k])));
        }
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
    }

    void epochsMatchScikitLearn_data()
    {
        QTest::addColumn<int>("index");
        const QJsonArray cases = fixtureCases(QStringLiteral("epochs.json"));
        QCOMPARE(cases.size(), 4);
        for (qsizetype i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].toObject().value(QStringLiteral("name")).toString())) << int(i);
    }
    void epochsMatchScikitLearn()
    {
        QFETCH(int, index);
        const QJsonObject fixture = fixtureCases(QStringLiteral("epochs.json"))[index].toObject();
        const Matrix X = matrixFrom(fixture.value(QStringLiteral("X")).toArray());
        const Vector y = vectorFrom(fixture.value(QStringLiteral("y")).toArray());
        const int classes = fixture.value(QStringLiteral("classes")).toInt();
        QVariantMap params = fixture.value(QStringLiteral("params")).toObject().toVariantMap();
        params.insert(QStringLiteral("shuffle"), false);
        params.insert(QStringLiteral("tol"), 0.0);
        params.insert(QStringLiteral("n_iter_no_change"), 1000);
        params.insert(QStringLiteral("max_iter"), 2);
        MultilayerPerceptron model(
            classes > 0 ? MultilayerPerceptron::Kind::Classifier : MultilayerPerceptron::Kind::Regressor);
        const Base::Status set = model.setParams(params);
        QVERIFY2(set.ok(), qPrintable(set.error().message));
        const Output output = classes == 0 ? Output::Identity : classes == 2 ? Output::Logistic : Output::Softmax;
        const Activation hidden = activationFromName(params.value(QStringLiteral("activation")).toString()).value();
        model.setInitialNetwork(networkFrom(fixture.value(QStringLiteral("initial_weights")).toArray(),
            fixture.value(QStringLiteral("initial_biases")).toArray(), hidden, output));
        FitContext context;
        context.classCount = classes;
        QList<double> losses;
        context.stepSink = [&losses](const StepReport &step) { losses << step.value; };
        const Base::Status fitted = model.fit(X, y, context);
        QVERIFY2(fitted.ok(), qPrintable(fitted.error().message));

        const Vector expectedLosses = vectorFrom(fixture.value(QStringLiteral("losses")).toArray());
        QCOMPARE(losses.size(), 2);
        for (int e = 0; e < 2; ++e)
            QVERIFY2(std::abs(losses[e] - expectedLosses[e]) < 1e-12 * std::abs(expectedLosses[e]),
                qPrintable(QStringLiteral("epoch %1: %2 vs %3")
                               .arg(e + 1)
                               .arg(losses[e], 0, 'g', 17)
                               .arg(expectedLosses[e], 0, 'g', 17)));
        const Network expected = networkFrom(fixture.value(QStringLiteral("weights")).toArray(),
            fixture.value(QStringLiteral("biases")).toArray(), hidden, output);
        QCOMPARE(model.network().units(), expected.units());
        const double error = (model.network().parameters() - expected.parameters()).cwiseAbs().maxCoeff();
        QVERIFY2(error < 1e-12, qPrintable(QString::number(error)));
    }

    void learnsXor()
    {
        Xy data {Matrix(4, 2), Vector(4)};
        data.X << 0, 0, 0, 1, 1, 0, 1, 1;
        data.y << 0, 1, 1, 0;
        auto model = create(QStringLiteral("mlp"),
            {{QStringLiteral("hidden_layer_sizes"), QStringLiteral("8")},
                {QStringLiteral("activation"), QStringLiteral("tanh")}, {QStringLiteral("learning_rate_init"), 0.05},
                {QStringLiteral("max_iter"), 1000}, {QStringLiteral("tol"), 0.0}});
        QVERIFY(model);
        FitContext context;
        context.classCount = 2;
        QVERIFY(model->fit(data.X, data.y, context).ok());
        QCOMPARE(model->predict(data.X).value(), data.y);
        const Matrix proba = model->predictProba(data.X).value();
        QCOMPARE(proba.cols(), Eigen::Index(2));
        QVERIFY(((proba.rowwise().sum().array() - 1.0).abs() < 1e-12).all());
    }

    void accuracyCloseToScikitLearn_data()
    {
        QTest::addColumn<int>("index");
        const QJsonArray cases = fixtureCases(QStringLiteral("accuracy.json"));
        QCOMPARE(cases.size(), 3);
        for (qsizetype i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].toObject().value(QStringLiteral("name")).toString())) << int(i);
    }
    void accuracyCloseToScikitLearn()
    {
        QFETCH(int, index);
        const QJsonObject fixture = fixtureCases(QStringLiteral("accuracy.json"))[index].toObject();
        Xy data = loadCsv(fixture.value(QStringLiteral("dataset")).toString());
        QVERIFY(data.X.rows() > 0);
        const bool classification = fixture.value(QStringLiteral("task")).toString() == QLatin1String("classification");
        if (!classification) {
            // Standardised by mean and population standard deviation, as the reference.
            for (Eigen::Index j = 0; j < data.X.cols(); ++j) {
                auto column = data.X.col(j).array();
                column -= column.mean();
                column /= std::sqrt(column.square().mean());
            }
            data.y.array() -= data.y.mean();
            data.y /= std::sqrt(data.y.array().square().mean());
        }
        std::vector<Eigen::Index> train, test;
        for (Eigen::Index i = 0; i < data.y.size(); ++i)
            (i % 4 == 0 ? test : train).push_back(i);
        const Xy trainSet {data.X(train, Eigen::all), data.y(train)}, testSet {data.X(test, Eigen::all), data.y(test)};
        const int seeds = fixture.value(QStringLiteral("seeds")).toInt();
        double mean = 0.0;
        for (int seed = 0; seed < seeds; ++seed) {
            auto model = create(classification ? QStringLiteral("mlp") : QStringLiteral("mlp_reg"),
                fixture.value(QStringLiteral("params")).toObject().toVariantMap());
            QVERIFY(model);
            FitContext context;
            context.seed = quint64(seed);
            context.classCount = classification ? int(data.y.maxCoeff()) + 1 : 0;
            QVERIFY(model->fit(trainSet.X, trainSet.y, context).ok());
            const Vector predicted = model->predict(testSet.X).value();
            mean += (classification ? accuracy(predicted, testSet.y) : rSquared(predicted, testSet.y)) / seeds;
        }
        const double reference
            = fixture.value(classification ? QStringLiteral("mean_test_accuracy") : QStringLiteral("mean_test_r2"))
                  .toDouble();
        qInfo("%s: mean test score %.4f, scikit-learn %.4f",
            qPrintable(fixture.value(QStringLiteral("name")).toString()), mean, reference);
        QVERIFY2(mean >= reference - (classification ? 0.03 : 0.05), qPrintable(QString::number(mean)));
    }

    void earlyStoppingStopsAndReports_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("classifier") << "mlp";
        QTest::newRow("regressor") << "mlp_reg";
    }
    void earlyStoppingStopsAndReports()
    {
        QFETCH(QString, id);
        const bool classifier = id == QLatin1String("mlp");
        const Xy data = synthetic(600, 5, classifier ? 3 : 0, 17, 1.0);
        auto model = create(id,
            {{QStringLiteral("early_stopping"), true}, {QStringLiteral("max_iter"), 1000},
                {QStringLiteral("n_iter_no_change"), 5}, {QStringLiteral("learning_rate_init"), 0.01}});
        QVERIFY(model);
        RecordingSink sink;
        FitContext context {Base::Progress(sink)};
        context.classCount = classifier ? 3 : 0;
        QList<StepReport> steps;
        context.stepSink = [&steps](const StepReport &step) { steps << step; };
        QVERIFY(model->fit(data.X, data.y, context).ok());
        const auto &mlp = static_cast<const MultilayerPerceptron &>(*model);
        QVERIFY(mlp.converged());
        QVERIFY2(mlp.epochs() < 200, qPrintable(QString::number(mlp.epochs())));
        QCOMPARE(steps.size(), 2 * mlp.epochs());
        double best = -1e300;
        for (int e = 0; e < mlp.epochs(); ++e) {
            QCOMPARE(steps[2 * e].metric, QStringLiteral("train_loss"));
            QCOMPARE(steps[2 * e + 1].metric, QStringLiteral("validation_score"));
            QCOMPARE(steps[2 * e + 1].step, e + 1);
            QVERIFY(steps[2 * e + 1].value <= 1.0);
            best = std::max(best, steps[2 * e + 1].value);
        }
        // Stopped because the best score is more than n_iter_no_change epochs old.
        int bestEpoch = 0;
        for (int e = 0; e < mlp.epochs(); ++e) {
            if (steps[2 * e + 1].value == best) {
                bestEpoch = e;
                break;
            }
        }
        QVERIFY(mlp.epochs() - 1 - bestEpoch > 5);
        const std::vector<double> fractions = sink.fractions();
        QCOMPARE(sink.last(), 1.0);
        QCOMPARE(std::count(fractions.begin(), fractions.end(), 1.0), std::ptrdiff_t(1));
    }

    void progressIsMonotoneAndEndsOnce()
    {
        const Xy data = synthetic(1000, 6, 3, 2, 0.3);
        auto model
            = create(QStringLiteral("mlp"), {{QStringLiteral("max_iter"), 7}, {QStringLiteral("batch_size"), 50}});
        RecordingSink sink;
        FitContext context {Base::Progress(sink)};
        context.classCount = 3;
        QList<StepReport> steps;
        context.stepSink = [&steps](const StepReport &step) { steps << step; };
        QVERIFY(model->fit(data.X, data.y, context).ok());
        const std::vector<double> fractions = sink.fractions();
        QVERIFY(fractions.size() > 7);
        for (std::size_t i = 1; i < fractions.size(); ++i)
            QVERIFY(fractions[i] >= fractions[i - 1]);
        QCOMPARE(fractions.back(), 1.0);
        QCOMPARE(std::count(fractions.begin(), fractions.end(), 1.0), std::ptrdiff_t(1));
        QCOMPARE(steps.size(), 7);
        for (int e = 0; e < 7; ++e) {
            QCOMPARE(steps[e].step, e + 1);
            QCOMPARE(steps[e].metric, QStringLiteral("train_loss"));
        }
        QVERIFY(steps.last().value < steps.first().value);
    }

    void stopRequestIsSeenWithinAnEpoch()
    {
        // 5,000 rows in batches of 10: 500 mini-batches in the first epoch. The sink asks
        // to stop at its 20th poll, so the fit must end before any epoch completes.
        const Xy data = synthetic(5000, 4, 2, 4, 0.3);
        auto model = create(QStringLiteral("mlp"), {{QStringLiteral("batch_size"), 10}});
        RecordingSink sink(RecordingSink::Stop::AfterPolls, 19); // the 20th poll stops
        FitContext context {Base::Progress(sink)};
        context.classCount = 2;
        QList<StepReport> steps;
        context.stepSink = [&steps](const StepReport &step) { steps << step; };
        const Base::Status status = model->fit(data.X, data.y, context);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().message, FitContext::stoppedMessage());
        QVERIFY(steps.isEmpty());
        QVERIFY(!model->isFitted());
        const std::vector<double> fractions = sink.fractions();
        QVERIFY(std::find(fractions.begin(), fractions.end(), 1.0) == fractions.end());
    }

    void sameModelOnAnyThreadCount()
    {
        const Xy data = synthetic(2000, 30, 4, 9, 0.5);
        auto fitWith = [&](int threads) {
            auto model = create(QStringLiteral("mlp"),
                {{QStringLiteral("hidden_layer_sizes"), QStringLiteral("64,32")}, {QStringLiteral("max_iter"), 3}});
            FitContext context;
            context.classCount = 4;
            context.seed = 42;
            context.threads = threads;
            if (!model || !model->fit(data.X, data.y, context).ok())
                return Matrix();
            return model->predictProba(data.X).value();
        };
        // Several blocks per mini-batch, or the test would not test the block sums.
        Network shape({30, 64, 32, 4}, Activation::Relu, Output::Softmax);
        QVERIFY(BatchGradient(shape, 1e-4, 1).blockCount(200) > 1);
        // Large batches: blocks of at most 1,024 rows, so that stop polls stay frequent.
        QCOMPARE(BatchGradient(shape, 1e-4, 1).blockCount(20000), Eigen::Index(20));
        const Matrix one = fitWith(1);
        QCOMPARE(one.rows(), data.X.rows());
        QVERIFY(sameBits(one, fitWith(3)));
        QVERIFY(sameBits(one, fitWith(2)));
    }

    void reloadPredictsBitIdentically_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("classes");
        QTest::newRow("binary") << "mlp" << 2;
        QTest::newRow("multiclass, tanh") << "mlp" << 4;
        QTest::newRow("regressor") << "mlp_reg" << 0;
    }
    void reloadPredictsBitIdentically()
    {
        QFETCH(QString, id);
        QFETCH(int, classes);
        const Xy data = synthetic(300, 5, classes, 8, 0.3);
        auto model = create(id,
            {{QStringLiteral("hidden_layer_sizes"), QStringLiteral("7,3")}, {QStringLiteral("max_iter"), 5},
                {QStringLiteral("activation"), classes == 4 ? QStringLiteral("tanh") : QStringLiteral("relu")}});
        FitContext context;
        context.classCount = classes;
        QVERIFY(model->fit(data.X, data.y, context).ok());
        auto loaded = roundTrip(*model);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
        const Estimator &reloaded = *loaded.value();
        QCOMPARE(reloaded.id(), id);
        QCOMPARE(reloaded.paramValues(), model->paramValues());
        QVERIFY(sameBits(reloaded.predict(data.X).value(), model->predict(data.X).value()));
        if (classes > 0)
            QVERIFY(sameBits(reloaded.predictProba(data.X).value(), model->predictProba(data.X).value()));
        const auto &a = static_cast<const MultilayerPerceptron &>(*model);
        const auto &b = static_cast<const MultilayerPerceptron &>(reloaded);
        QCOMPARE(b.network().units(), a.network().units());
        QCOMPARE(b.network().hidden(), a.network().hidden());
        QCOMPARE(b.epochs(), a.epochs());
    }

    void badParametersAreNamed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("because");
        QTest::newRow("zero units") << "hidden_layer_sizes" << QVariant(QStringLiteral("0")) << "layer 1 has 0 units";
        QTest::newRow("letters") << "hidden_layer_sizes" << QVariant(QStringLiteral("a,b")) << "not a whole number";
        QTest::newRow("empty layer") << "hidden_layer_sizes" << QVariant(QStringLiteral("10,,5")) << "layer 2";
        QTest::newRow("too wide") << "hidden_layer_sizes" << QVariant(QStringLiteral("65537")) << "1 to 65536";
        QTest::newRow("too deep") << "hidden_layer_sizes"
                                  << QVariant(QStringLiteral("1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1")) << "at most 16";
        QTest::newRow("negative rate") << "learning_rate_init" << QVariant(-1.0) << "> 0";
        QTest::newRow("solver") << "solver" << QVariant(QStringLiteral("lbfgs")) << "adam, sgd";
        QTest::newRow("fraction") << "validation_fraction" << QVariant(1.0) << "(0, 1)";
    }
    void badParametersAreNamed()
    {
        QFETCH(QString, name);
        QFETCH(QVariant, value);
        QFETCH(QString, because);
        for (const QString &id : {QStringLiteral("mlp"), QStringLiteral("mlp_reg")}) {
            const auto created = Registry::instance().create(id, {{name, value}});
            QVERIFY(!created.ok());
            const QString message = created.error().message;
            QVERIFY2(message.startsWith(name) && message.contains(because), qPrintable(message));
        }
        QVERIFY(
            Registry::instance()
                .create(QStringLiteral("mlp"), {{QStringLiteral("hidden_layer_sizes"), QStringLiteral(" 256, 128 ")}})
                .ok());
    }

    void registeredWithScaledInput()
    {
        const ModelInfo *classifier = Registry::instance().find(QStringLiteral("mlp"));
        const ModelInfo *regressor = Registry::instance().find(QStringLiteral("mlp_reg"));
        QVERIFY(classifier && regressor);
        QCOMPARE(classifier->task, Task::Classification);
        QCOMPARE(regressor->task, Task::Regression);
        QCOMPARE(classifier->input, ModelInfo::Input::Scaled);
        QCOMPARE(regressor->input, ModelInfo::Input::Scaled);
    }

    void singleClassIsAnError()
    {
        auto model = create(QStringLiteral("mlp"), {});
        FitContext context;
        context.classCount = 1;
        const Base::Status status = model->fit(Matrix::Zero(5, 2), Vector::Zero(5), context);
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(QStringLiteral("two classes")));
    }
};

QTEST_GUILESS_MAIN(TestMlp)
#include "tst_mlp.moc"
