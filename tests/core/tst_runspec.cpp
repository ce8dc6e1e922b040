// SPDX-License-Identifier: GPL-3.0-or-later
// Runs::RunSpec: the JSON run document. Field-path error messages, the round trip,
// relative dataset paths, the fingerprint check, the accessors crossValidate takes,
// thread-count independence, and the shipped examples under resources/examples/.
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"
#include "core/runs/Sweep.h"
#include "core/runs/SweepHalving.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Runs::RunSpec;

namespace {

const QString samples = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples");
const QString examples = QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples");

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

/// A valid spec on iris; tests change one field of it.
QJsonObject irisSpec()
{
    return object(R"({
        "dataset": {"path": "iris.csv"},
        "target": "species",
        "model": {"id": "logreg", "params": {"C": 0.5}}
    })");
}

/// Sets the value at a dotted path ("evaluation.folds"), creating objects on the way.
void setAt(QJsonObject &json, const QStringList &path, const QJsonValue &value)
{
    if (path.size() == 1) {
        json.insert(path.first(), value);
        return;
    }
    QJsonObject child = json.value(path.first()).toObject();
    setAt(child, path.mid(1), value);
    json.insert(path.first(), child);
}

std::shared_ptr<const Data::Dataset> iris()
{
    auto loaded = Data::CsvReader::read(samples + QStringLiteral("/iris.csv"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error().toString()));
    return loaded.value().dataset;
}

Eval::EvaluationResult evaluate(const RunSpec &spec, const Data::Dataset &data, int threads)
{
    auto configurations = Runs::expandSweep(spec);
    if (!configurations.ok())
        qFatal("%s", qPrintable(configurations.error().message));
    Base::NullProgressSink sink;
    auto result = Eval::crossValidate(data, spec.pipelineSpec(), spec.modelId, configurations->first().params,
        spec.evaluationSpec(threads), Base::Progress(sink));
    if (!result.ok())
        qFatal("%s", qPrintable(result.error().message));
    return result.value();
}

} // namespace

class TestRunSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minimalSpecTakesDefaults()
    {
        auto spec = RunSpec::fromJson(irisSpec(), samples);
        QVERIFY2(spec.ok(), qPrintable(spec.error().message));
        QCOMPARE(spec->modelId, QStringLiteral("logreg"));
        QCOMPARE(spec->params, (Learn::ParamValues {{QStringLiteral("C"), 0.5}}));
        QCOMPARE(spec->evaluation.method, Eval::EvaluationSpec::Method::KFold);
        QCOMPARE(spec->evaluation.folds, 5);
        QCOMPARE(spec->evaluation.seed, quint64(0));
        QVERIFY(!spec->evaluation.stratify);
        QVERIFY(!spec->pipeline);
        QVERIFY(!spec->sweep);
        // No pipeline: the family's default, with the spec's target and the model's task.
        Learn::PipelineSpec expected
            = Learn::defaultPipeline(*Learn::Registry::instance().find(QStringLiteral("logreg")));
        expected.target = QStringLiteral("species");
        QCOMPARE(spec->pipelineSpec(), expected);
        QCOMPARE(spec->evaluationSpec(4).threads, 4);
        QCOMPARE(spec->resolvedDatasetPath(), QDir::cleanPath(samples + QStringLiteral("/iris.csv")));
    }

    void partialPipelineOverridesTheDefault()
    {
        QJsonObject json = irisSpec();
        json.insert(QStringLiteral("pipeline"), object(R"({"scaling": "minmax", "target": "species"})"));
        json.insert(
            QStringLiteral("features"), QJsonArray {QStringLiteral("petal_length"), QStringLiteral("petal_width")});
        auto spec = RunSpec::fromJson(json);
        QVERIFY2(spec.ok(), qPrintable(spec.error().message));
        const Learn::PipelineSpec pipeline = spec->pipelineSpec();
        QCOMPARE(pipeline.scaling, Learn::Scaling::MinMax);
        QCOMPARE(pipeline.task, Learn::Task::Classification);
        QCOMPARE(pipeline.target, QStringLiteral("species"));
        QCOMPARE(pipeline.features, (QStringList {QStringLiteral("petal_length"), QStringLiteral("petal_width")}));
        // Keys not given keep the family default (forest: ordinal categories, missing kept).
        QJsonObject forest = irisSpec();
        setAt(forest, {QStringLiteral("model")}, object(R"({"id": "forest"})"));
        forest.insert(QStringLiteral("pipeline"), object(R"({"scaling": "standard"})"));
        auto treeSpec = RunSpec::fromJson(forest);
        QVERIFY2(treeSpec.ok(), qPrintable(treeSpec.error().message));
        QCOMPARE(treeSpec->pipelineSpec().categoricalEncoding, Learn::CategoricalEncoding::Ordinal);
        QCOMPARE(treeSpec->pipelineSpec().scaling, Learn::Scaling::Standard);
    }

    void roundTrips()
    {
        const QJsonObject full = object(R"({
            "version": 1, "name": "full", "experiment": "tests",
            "dataset": {"path": "data/iris.csv", "fingerprint": "B2F5FA7986443CAB6B83E7EA2D2958EBE505A3A4539E3A325FE30A0B2FB798A8"},
            "target": "species", "features": ["sepal_length", "petal_width"],
            "pipeline": {"scaling": "minmax", "numeric_imputation": "median"},
            "model": {"id": "logreg", "params": {"C": 2, "penalty": "l1", "max_iter": 300.0, "fit_intercept": false}},
            "evaluation": {"method": "kfold", "folds": 4, "repeats": 2, "shuffle": true, "stratify": true,
                           "seed": 9007199254740992, "importance_repeats": 2},
            "sweep": {"method": "random", "n_iter": 7, "seed": 5,
                      "params": {"C": {"min": 0.01, "max": 10, "log": false}, "penalty": ["l1", "l2", "l1"],
                                 "max_iter": {"min": 50, "max": 500}},
                      "halving": {"factor": 2, "min_folds": 2, "metric": "f1_macro"}}
        })");
        auto spec = RunSpec::fromJson(full, QStringLiteral("/specs"));
        QVERIFY2(spec.ok(), qPrintable(spec.error().message));
        QCOMPARE(spec->datasetFingerprint,
            QStringLiteral("b2f5fa7986443cab6b83e7ea2d2958ebe505a3a4539e3a325fe30a0b2fb798a8"));
        QCOMPARE(spec->params.value(QStringLiteral("max_iter")).typeId(), QMetaType::LongLong);
        QCOMPARE(spec->evaluation.seed, quint64(1) << 53);
        QCOMPARE(spec->sweep->params.size(), 3);
        QCOMPARE(spec->sweep->params[1].values.size(), 2); // the repeated l1 counted once
        QCOMPARE(spec->resolvedDatasetPath(), QStringLiteral("/specs/data/iris.csv"));

        const QJsonObject written = spec->toJson();
        auto again = RunSpec::fromJson(written, QStringLiteral("/specs"));
        QVERIFY2(again.ok(), qPrintable(again.error().message));
        QVERIFY(again.value() == spec.value());
        QCOMPARE(again->toJson(), written);
        // Through text too, as files and the store keep it.
        auto reparsed = RunSpec::parse(QJsonDocument(written).toJson(), QStringLiteral("/specs"));
        QVERIFY2(reparsed.ok(), qPrintable(reparsed.error().message));
        QVERIFY(reparsed.value() == spec.value());

        auto minimal = RunSpec::fromJson(irisSpec());
        auto minimalAgain = RunSpec::fromJson(minimal->toJson());
        QVERIFY(minimalAgain.ok());
        QVERIFY(minimalAgain.value() == minimal.value());
        QVERIFY(!minimalAgain->pipeline); // an absent pipeline stays absent (the family default)
    }

    void errorsNameTheField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("value"); // JSON text; empty removes the key
        QTest::addColumn<QString>("message");

        const auto row = [](const char *name, const char *path, const char *value, const char *message) {
            QTest::newRow(name) << QString::fromUtf8(path) << QString::fromUtf8(value) << QString::fromUtf8(message);
        };
        row("negative C", "model.params.C", "-1", "model.params.C must be > 0, got -1");
        row("folds 1", "evaluation.folds", "1", "evaluation.folds must be an integer >= 2, got 1");
        row("folds 2.5", "evaluation.folds", "2.5", "evaluation.folds must be an integer >= 2, got 2.5");
        row("folds text", "evaluation.folds", "\"5\"", "evaluation.folds must be an integer >= 2, got \"5\"");
        row("unknown top key", "modle", "{}", "unknown key modle (allowed: version, name, experiment, dataset");
        row("unknown model key", "model.parms", "{}", "unknown key model.parms (allowed in model: id, params)");
        row("unknown evaluation key", "evaluation.fold", "3", "unknown key evaluation.fold (allowed in evaluation:");
        row("unknown dataset key", "dataset.file", "\"x\"",
            "unknown key dataset.file (allowed in dataset: path, fingerprint)");
        row("unknown model", "model.id", "\"svm\"", "model.id: unknown model svm (known: ");
        row("unknown param", "model.params.gamma", "1",
            "model.params.gamma is not a parameter of logreg (it takes: C, ");
        row("bad choice", "model.params.penalty", "\"l3\"", "model.params.penalty must be one of l2, l1, none, got l3");
        row("fractional int", "model.params.max_iter", "10.5", "model.params.max_iter must be an integer, got 10.5");
        row("params not object", "model.params", "[1]", "model.params must be an object, got a list");
        row("no target", "target", "", "target is missing");
        row("empty target", "target", "\"\"", "target must not be empty");
        row("no dataset", "dataset", "", "dataset is missing");
        row("no dataset path", "dataset.path", "", "dataset.path is missing");
        row("no model id", "model.id", "", "model.id is missing");
        row("bad fingerprint", "dataset.fingerprint", "\"abc\"", "dataset.fingerprint must be a SHA-256 in hex");
        row("bad method", "evaluation.method", "\"loo\"", "evaluation.method must be kfold or holdout, got \"loo\"");
        row("holdout 1", "evaluation.holdout_fraction", "1", "evaluation.holdout_fraction must be in (0, 1), got 1");
        row("negative seed", "evaluation.seed", "-1", "evaluation.seed must be an integer >= 0, got -1");
        row("huge seed", "evaluation.seed", "1e300", "evaluation.seed must be an integer >= 0, got 1e+300");
        row("shuffle text", "evaluation.shuffle", "\"yes\"", "evaluation.shuffle must be true or false, got \"yes\"");
        row("scaling", "pipeline.scaling", "\"zscore\"",
            "pipeline.scaling must be one of none, standard, minmax, got zscore");
        row("pipeline key", "pipeline.bogus", "1", "pipeline: unknown key bogus");
        row("pipeline target", "pipeline.target", "\"sepal_length\"",
            "pipeline.target must be the spec's target (species) or left out, got \"sepal_length\"");
        row("pipeline task", "pipeline.task", "\"regression\"",
            "pipeline.task must be classification (the task of logreg) or left out, got \"regression\"");
        row("features with target", "features", "[\"sepal_length\", \"species\"]", "features lists the target species");
        row("features twice", "features", "[\"sepal_length\", \"sepal_length\"]", "features lists sepal_length twice");
        row("feature not string", "features", "[1]", "features[0] must be a string, got 1");
        row("newer version", "version", "2", "version 2 is newer than this Tandem reads (1)");
        row("name not string", "name", "3", "name must be a string, got 3");
        row("sweep method", "sweep", "{\"params\": {\"C\": [1]}}", "sweep.method must be grid or random, got nothing");
        row("sweep unknown key", "sweep", "{\"method\": \"grid\", \"params\": {\"C\": [1]}, \"iters\": 3}",
            "unknown key sweep.iters (allowed in sweep: method, params, n_iter, seed, halving)");
        row("sweep min", "sweep", "{\"method\": \"grid\", \"params\": {\"C\": {\"min\": 0, \"max\": 1, \"steps\": 3}}}",
            "sweep.params.C.min must be > 0, got 0");
        row("sweep no steps", "sweep", "{\"method\": \"grid\", \"params\": {\"C\": {\"min\": 0.1, \"max\": 1}}}",
            "sweep.params.C.steps is missing");
        row("sweep steps 1", "sweep",
            "{\"method\": \"grid\", \"params\": {\"C\": {\"min\": 0.1, \"max\": 1, \"steps\": 1}}}",
            "sweep.params.C.steps must be an integer in [2, 10000], got 1");
        row("sweep random steps", "sweep",
            "{\"method\": \"random\", \"n_iter\": 3, \"params\": {\"C\": {\"min\": 0.1, \"max\": 1, \"steps\": 3}}}",
            "sweep.params.C.steps is for grid search");
        row("sweep grid n_iter", "sweep", "{\"method\": \"grid\", \"n_iter\": 3, \"params\": {\"C\": [1]}}",
            "sweep.n_iter is for random search");
        row("sweep random no n_iter", "sweep", "{\"method\": \"random\", \"params\": {\"C\": [1]}}",
            "sweep.n_iter is missing");
        row("sweep n_iter huge", "sweep", "{\"method\": \"random\", \"n_iter\": 100000, \"params\": {\"C\": [1]}}",
            "sweep.n_iter must be an integer in [1, 10000], got 100000");
        row("sweep range on choice", "sweep",
            "{\"method\": \"random\", \"n_iter\": 3, \"params\": {\"penalty\": {\"min\": 1, \"max\": 2}}}",
            "sweep.params.penalty: penalty is not numeric, so it takes a list of values, not a range");
        row("sweep min above max", "sweep",
            "{\"method\": \"random\", \"n_iter\": 3, \"params\": {\"C\": {\"min\": 2, \"max\": 1}}}",
            "sweep.params.C.min must be below sweep.params.C.max, got 2 and 1");
        row("sweep int min out of range", "sweep",
            "{\"method\": \"random\", \"n_iter\": 3, \"params\": {\"max_iter\": {\"min\": 0, \"max\": 10, \"log\": "
            "true}}}",
            "sweep.params.max_iter.min must be in [1, 1000000000], got 0");
        row("sweep bad list value", "sweep", "{\"method\": \"grid\", \"params\": {\"penalty\": [\"l2\", \"l3\"]}}",
            "sweep.params.penalty[1] must be one of l2, l1, none, got l3");
        row("sweep empty list", "sweep", "{\"method\": \"grid\", \"params\": {\"penalty\": []}}",
            "sweep.params.penalty must list at least one value");
        row("sweep unknown param", "sweep", "{\"method\": \"grid\", \"params\": {\"gamma\": [1]}}",
            "sweep.params.gamma is not a parameter of this model (it takes: C, ");
        row("sweep no params", "sweep", "{\"method\": \"grid\", \"params\": {}}",
            "sweep.params must name at least one parameter");
        row("halving factor", "sweep",
            "{\"method\": \"grid\", \"params\": {\"C\": [1, 2]}, \"halving\": {\"factor\": 1}}",
            "sweep.halving.factor must be in (1, 100], got 1");
        row("halving metric", "sweep",
            "{\"method\": \"grid\", \"params\": {\"C\": [1, 2]}, \"halving\": {\"metric\": \"acc\"}}",
            "sweep.halving.metric must be one of accuracy, ");
        row("halving metric of the other task", "sweep",
            "{\"method\": \"grid\", \"params\": {\"C\": [1, 2]}, \"halving\": {\"metric\": \"rmse\"}}",
            "sweep.halving.metric must be a classification metric for logreg (accuracy, ");
        row("halving min_folds", "sweep",
            "{\"method\": \"grid\", \"params\": {\"C\": [1, 2]}, \"halving\": {\"min_folds\": 5}}",
            "sweep.halving.min_folds must be below the evaluation's 5 folds, got 5");
    }

    void errorsNameTheField()
    {
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QJsonObject json = irisSpec();
        const QStringList parts = path.split(QLatin1Char('.'));
        if (value.isEmpty()) {
            QJsonObject parent = parts.size() == 1 ? json : json.value(parts.first()).toObject();
            parent.remove(parts.last());
            if (parts.size() == 1)
                json = parent;
            else
                json.insert(parts.first(), parent);
        } else {
            const QJsonDocument document = QJsonDocument::fromJson(QByteArrayLiteral("[") + value.toUtf8() + "]");
            QVERIFY2(document.isArray(), qPrintable(value));
            setAt(json, parts, document.array().first());
        }
        auto spec = RunSpec::fromJson(json);
        QVERIFY2(!spec.ok(), "the spec was accepted");
        QVERIFY2(spec.error().message.startsWith(message),
            qPrintable(QStringLiteral("got: %1\nwanted: %2").arg(spec.error().message, message)));
    }

    void combinationsAreChecked_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("holdout repeats") << QStringLiteral(R"({"method": "holdout", "repeats": 2})")
                                         << QStringLiteral("evaluation.repeats must be 1 with a holdout");
        QTest::newRow("unshuffled repeats") << QStringLiteral(R"({"repeats": 3, "shuffle": false})")
                                            << QStringLiteral("evaluation.repeats > 1 needs evaluation.shuffle true");
    }

    void combinationsAreChecked()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        QJsonObject spec = irisSpec();
        spec.insert(QStringLiteral("evaluation"), QJsonDocument::fromJson(json.toUtf8()).object());
        auto parsed = RunSpec::fromJson(spec);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.startsWith(message), qPrintable(parsed.error().message));
    }

    void stratifyNeedsClassification()
    {
        QJsonObject json = irisSpec();
        setAt(json, {QStringLiteral("target")}, QStringLiteral("sepal_length"));
        setAt(json, {QStringLiteral("model")}, object(R"({"id": "ridge"})"));
        setAt(json, {QStringLiteral("evaluation"), QStringLiteral("stratify")}, true);
        auto spec = RunSpec::fromJson(json);
        QVERIFY(!spec.ok());
        QCOMPARE(
            spec.error().message, QStringLiteral("evaluation.stratify needs classes, but ridge is a regression model"));
    }

    void halvingNeedsKFold()
    {
        QJsonObject json = irisSpec();
        setAt(json, {QStringLiteral("evaluation"), QStringLiteral("method")}, QStringLiteral("holdout"));
        json.insert(QStringLiteral("sweep"),
            object(R"({"method": "grid", "params": {"C": [1, 2]}, "halving": {"factor": 2}})"));
        auto spec = RunSpec::fromJson(json);
        QVERIFY(!spec.ok());
        QVERIFY2(spec.error().message.startsWith(QStringLiteral("sweep.halving needs evaluation.method kfold")),
            qPrintable(spec.error().message));
    }

    void syntaxErrorsPointIntoTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"target\": \"species\",\n  \"model\": ,\n}\n");
        file.close();
        auto spec = RunSpec::load(path);
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().file, path);
        QCOMPARE(spec.error().line, qint64(3));
        QVERIFY(spec.error().message.startsWith(QStringLiteral("not valid JSON")));

        auto missing = RunSpec::load(dir.filePath(QStringLiteral("absent.json")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.startsWith(QStringLiteral("cannot read the run spec")));

        auto notObject = RunSpec::parse("[1, 2]");
        QVERIFY(!notObject.ok());
        QCOMPARE(notObject.error().message, QStringLiteral("a run spec must be a JSON object"));

        // Validation errors from a file name the file as well as the field.
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"dataset": {"path": "x.csv"}, "target": "y", "model": {"id": "logreg"},
                       "evaluation": {"folds": 0}})");
        file.close();
        auto invalid = RunSpec::load(path);
        QVERIFY(!invalid.ok());
        QCOMPARE(invalid.error().file, path);
        QCOMPARE(invalid.error().message, QStringLiteral("evaluation.folds must be an integer >= 2, got 0"));
    }

    void relativePathsFollowTheSpecFile()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("specs")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("data")));
        QVERIFY(QFile::copy(samples + QStringLiteral("/iris.csv"), dir.filePath(QStringLiteral("data/flowers.csv"))));
        const QString specPath = dir.filePath(QStringLiteral("specs/run.json"));
        QFile file(specPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"dataset": {"path": "../data/flowers.csv"}, "target": "species", "model": {"id": "gnb"}})");
        file.close();

        auto spec = RunSpec::load(specPath);
        QVERIFY2(spec.ok(), qPrintable(spec.error().toString()));
        QCOMPARE(spec->baseDirectory, QFileInfo(specPath).absolutePath());
        QCOMPARE(spec->resolvedDatasetPath(), QDir::cleanPath(dir.filePath(QStringLiteral("data/flowers.csv"))));
        Base::NullProgressSink sink;
        auto loaded = spec->loadDataset(Base::Progress(sink));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        QCOMPARE(loaded->dataset->rowCount(), qint64(150));

        // An absolute path is taken as it is.
        RunSpec absolute = spec.value();
        absolute.datasetPath = samples + QStringLiteral("/iris.csv");
        QCOMPARE(absolute.resolvedDatasetPath(), QDir::cleanPath(samples + QStringLiteral("/iris.csv")));
    }

    void fingerprintMismatchNamesBoth()
    {
        const auto data = iris();
        auto spec = RunSpec::fromJson(irisSpec(), samples);
        QVERIFY(spec.ok());
        QVERIFY(spec->checkDataset(*data).ok()); // not pinned: any data goes

        RunSpec pinned = spec.value();
        pinned.datasetFingerprint = data->fingerprint();
        QVERIFY(pinned.checkDataset(*data).ok());
        Base::NullProgressSink sink;
        QVERIFY(pinned.loadDataset(Base::Progress(sink)).ok());

        const QString wrong(64, QLatin1Char('0'));
        pinned.datasetFingerprint = wrong;
        const Base::Status status = pinned.checkDataset(*data);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.startsWith(QStringLiteral("dataset.fingerprint: ")),
            qPrintable(status.error().message));
        QVERIFY(status.error().message.contains(wrong));
        QVERIFY(status.error().message.contains(data->fingerprint()));
        auto loaded = pinned.loadDataset(Base::Progress(sink));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().file, pinned.resolvedDatasetPath());
    }

    void columnsAreCheckedAgainstTheData()
    {
        const auto data = iris();
        auto spec = RunSpec::fromJson(irisSpec()).value();
        spec.target = QStringLiteral("kind");
        QVERIFY(spec.checkDataset(*data).error().message.startsWith(QStringLiteral("target: column kind not found")));
        spec.target = QStringLiteral("species");
        spec.features = {QStringLiteral("sepal_length"), QStringLiteral("petal")};
        QVERIFY2(
            spec.checkDataset(*data).error().message.startsWith(QStringLiteral("features[1]: column petal not found")),
            qPrintable(spec.checkDataset(*data).error().message));
    }

    void sameMetricsOnAnyThreadCount_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("logreg") << QStringLiteral(R"({"id": "logreg", "params": {"C": 0.3}})");
        QTest::newRow("forest") << QStringLiteral(R"({"id": "forest", "params": {"n_estimators": 30}})");
        QTest::newRow("gbdt") << QStringLiteral(R"({"id": "gbdt", "params": {"n_estimators": 20}})");
        QTest::newRow("mlp") << QStringLiteral(R"({"id": "mlp", "params": {"max_iter": 30}})");
        QTest::newRow("knn") << QStringLiteral(R"({"id": "knn"})");
    }

    void sameMetricsOnAnyThreadCount()
    {
        QFETCH(QString, model);
        QJsonObject json = irisSpec();
        json.insert(QStringLiteral("model"), QJsonDocument::fromJson(model.toUtf8()).object());
        json.insert(QStringLiteral("evaluation"), object(R"({"folds": 4, "repeats": 2, "seed": 1234})"));
        auto spec = RunSpec::fromJson(json, samples);
        QVERIFY2(spec.ok(), qPrintable(spec.error().message));
        Base::NullProgressSink sink;
        auto loaded = spec->loadDataset(Base::Progress(sink));
        QVERIFY(loaded.ok());

        const Eval::EvaluationResult one = evaluate(spec.value(), *loaded->dataset, 1);
        const Eval::EvaluationResult three = evaluate(spec.value(), *loaded->dataset, 3);
        QCOMPARE(one.folds.size(), 8);
        QCOMPARE(three.folds.size(), one.folds.size());
        for (qsizetype f = 0; f < one.folds.size(); ++f) {
            QCOMPARE(three.folds[f].metrics, one.folds[f].metrics);
            QCOMPARE(three.folds[f].predictions.rows, one.folds[f].predictions.rows);
            QVERIFY(three.folds[f].predictions.probabilities == one.folds[f].predictions.probabilities);
        }
        // And again with the same spec read back from its JSON.
        auto again = RunSpec::fromJson(spec->toJson(), samples);
        QVERIFY(again.ok());
        const Eval::EvaluationResult reread = evaluate(again.value(), *loaded->dataset, 2);
        for (qsizetype f = 0; f < one.folds.size(); ++f)
            QCOMPARE(reread.folds[f].metrics, one.folds[f].metrics);
    }

    void examplesLoadAndValidate_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("configurations");
        QTest::newRow("iris single run") << QStringLiteral("iris_logreg.json") << 1;
        QTest::newRow("wine grid") << QStringLiteral("wine_logreg_grid.json") << 12;
        QTest::newRow("breast cancer random") << QStringLiteral("breast_cancer_forest_random.json") << 12;
    }

    void examplesLoadAndValidate()
    {
        QFETCH(QString, file);
        QFETCH(int, configurations);
        auto spec = RunSpec::load(examples + QLatin1Char('/') + file);
        QVERIFY2(spec.ok(), qPrintable(spec.error().toString()));
        QVERIFY(QDir::isRelativePath(spec->datasetPath));
        Base::NullProgressSink sink;
        auto loaded = spec->loadDataset(Base::Progress(sink));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        auto expanded = Runs::expandSweep(spec.value());
        QVERIFY2(expanded.ok(), qPrintable(expanded.error().message));
        QCOMPARE(expanded->size(), configurations);
        if (spec->sweep && spec->sweep->halving) {
            auto plan = Runs::HalvingPlan::make(
                *spec->sweep->halving, int(expanded->size()), spec->evaluation.folds * spec->evaluation.repeats);
            QVERIFY2(plan.ok(), qPrintable(plan.error().message));
            QVERIFY(plan->rungs().size() > 1);
        }
        // Every file in the folder is covered by a row here.
        const QStringList all = QDir(examples).entryList({QStringLiteral("*.json")}, QDir::Files);
        QCOMPARE(all.size(), 3);
    }

    void singleExampleRunsThroughCrossValidate()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/iris_logreg.json"));
        QVERIFY2(spec.ok(), qPrintable(spec.error().toString()));
        QVERIFY(!spec->sweep);
        QVERIFY(!spec->datasetFingerprint.isEmpty());
        Base::NullProgressSink sink;
        auto loaded = spec->loadDataset(Base::Progress(sink));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
        const Eval::EvaluationResult result = evaluate(spec.value(), *loaded->dataset, 2);
        QCOMPARE(result.folds.size(), 5);
        QVERIFY(result.stratified);
        QCOMPARE(result.params.value(QStringLiteral("max_iter")).toLongLong(), qint64(200));
        double accuracy = 0.0;
        for (const Eval::FoldOutcome &fold : result.folds)
            accuracy += fold.metrics.first().value / 5.0;
        QCOMPARE(result.folds.first().metrics.first().name, QStringLiteral("accuracy"));
        QVERIFY2(accuracy > 0.9, qPrintable(QString::number(accuracy)));
    }
};

QTEST_GUILESS_MAIN(TestRunSpec)
#include "tst_runspec.moc"
