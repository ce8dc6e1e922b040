// SPDX-License-Identifier: GPL-3.0-or-later
// A model's drift: its predictions compared as a feature, its performance per
// window against a level that is honest (cross-validated on its training data),
// the class encoding with labels it never saw, and the order column.
#include "MonitorTestData.h"

#include "core/bundle/ModelSource.h"
#include "core/drift/PredictionDrift.h"
#include "core/monitor/DriftWithModel.h"
#include "core/monitor/ExternalEvaluation.h"
#include "core/monitor/ModelDrift.h"

#include <QTest>

#include <cmath>

using namespace Tandem;
using namespace Tandem::MonitorTest;

class TestModelDrift : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_reference = parse(tableCsv(false), QStringLiteral("reference.csv"));
        m_current = parse(tableCsv(true), QStringLiteral("current.csv"));
        QVERIFY(m_reference && m_current);
        m_model = bundleFor(*m_reference, treeSpec(QStringLiteral("reference.csv")),
            {{QStringLiteral("accuracy"), 0.9}, {QStringLiteral("f1_macro"), 0.8}});
        QVERIFY(m_model);
    }

    // The predictions are compared as featureDrift compares a column of them.
    void predictionDriftIsTheScoredLabelsDrift()
    {
        Base::NullProgressSink sink;
        const auto drift = Monitor::modelDrift(m_model, *m_reference, QStringLiteral("reference.csv"), *m_current,
            QStringLiteral("current.csv"), {}, Base::Progress(sink));
        QVERIFY2(drift.ok(), qPrintable(drift.error().toString()));
        const auto referenceScores = Bundle::scoreDataset(m_model, *m_reference, QStringLiteral("r"));
        const auto currentScores = Bundle::scoreDataset(m_model, *m_current, QStringLiteral("c"));
        QVERIFY(referenceScores.ok() && currentScores.ok());
        const auto expected = Drift::predictionDrift(referenceScores->labels, currentScores->labels);
        QVERIFY(expected.ok());
        QCOMPARE(drift->prediction.kind, Drift::FeatureKind::Categorical);
        QCOMPARE(drift->prediction.outcome.test, expected->outcome.test);
        QCOMPARE(drift->prediction.outcome.score, expected->outcome.score);
        QVERIFY(drift->prediction.drifted()); // x moved up: many more "hi"
        QVERIFY(drift->probability.has_value());
        QCOMPARE(drift->probability->name, QStringLiteral("proba_lo"));
        QVERIFY(!drift->performance.has_value());
    }

    // On its training data the model is measured by its run's cross-validation,
    // elsewhere by its predictions.
    void referenceLevel()
    {
        Monitor::ModelDriftOptions options;
        options.target = QStringLiteral("label");
        options.performance.windows.count = 4;
        Base::NullProgressSink sink;
        const auto onTraining = Monitor::modelDrift(m_model, *m_reference, QStringLiteral("reference.csv"), *m_current,
            QStringLiteral("current.csv"), options, Base::Progress(sink));
        QVERIFY2(onTraining.ok(), qPrintable(onTraining.error().toString()));
        QCOMPARE(onTraining->referenceLevel, Monitor::ReferenceLevel::CrossValidation);
        QCOMPARE(onTraining->performance->reference, 0.9);
        QCOMPARE(onTraining->performance->alertLevel, 0.9 - 0.09);
        QCOMPARE(onTraining->performance->windows.size(), std::size_t(4));
        for (const Drift::PerformanceWindow &window : onTraining->performance->windows)
            QCOMPARE(window.alert, window.value < 0.81);

        options.performance.metric = QStringLiteral("f1_macro");
        const auto f1 = Monitor::modelDrift(m_model, *m_reference, QStringLiteral("reference.csv"), *m_current,
            QStringLiteral("current.csv"), options, Base::Progress(sink));
        QVERIFY(f1.ok());
        QCOMPARE(f1->performance->reference, 0.8);

        // The current data as reference: the model's accuracy there, as externalMetrics measures it.
        options.performance.metric.clear();
        const auto elsewhere = Monitor::modelDrift(m_model, *m_current, QStringLiteral("current.csv"), *m_current,
            QStringLiteral("current.csv"), options, Base::Progress(sink));
        QVERIFY(elsewhere.ok());
        QCOMPARE(elsewhere->referenceLevel, Monitor::ReferenceLevel::ReferencePredictions);
        const auto external = Monitor::externalMetrics(m_model, *m_current, QStringLiteral("current.csv"));
        QVERIFY(external.ok());
        QCOMPARE(external->labelledRows, 120);
        QCOMPARE(external->metrics.first().name, QStringLiteral("accuracy"));
        QCOMPARE(elsewhere->performance->reference, external->metrics.first().value);
        // Counted by hand: the labels the bundle predicts against the file's.
        const auto scores = Bundle::scoreDataset(m_model, *m_current, QStringLiteral("c"));
        const Data::Column &truth = m_current->column(m_current->indexOf(QStringLiteral("label")));
        int right = 0;
        for (qint64 row = 0; row < truth.size(); ++row)
            right += scores->labels.at(row) == truth.toString(row) ? 1 : 0;
        QCOMPARE(external->metrics.first().value, double(right) / 120.0);
    }

    // The analysis the Drift view and the CLI show: the features' drift, and the
    // model's predictions and performance exactly as modelDrift measures them.
    void analysisWithAModelHasItsDrift()
    {
        Drift::DriftAnalysisOptions options;
        options.target = QStringLiteral("label");
        options.order = QStringLiteral("x");
        options.windows.count = 4;
        Base::NullProgressSink sink;
        const auto withModel = Monitor::analyseDriftWithModel(*m_reference, QStringLiteral("reference.csv"), *m_current,
            QStringLiteral("current.csv"), options, m_model, QStringLiteral("tree"), Base::Progress(sink));
        QVERIFY2(withModel.ok(), qPrintable(withModel.error().toString()));
        const Drift::DriftAnalysis &analysis = withModel->analysis;
        QCOMPARE(analysis.referenceName, QStringLiteral("reference.csv"));
        QCOMPARE(analysis.modelName, QStringLiteral("tree"));
        QCOMPARE(analysis.report.features().size(), std::size_t(1)); // color: label and x are target and order
        QCOMPARE(analysis.sketches.size(), std::size_t(1));
        QVERIFY(analysis.windows.has_value());
        QVERIFY(analysis.target.has_value());

        Monitor::ModelDriftOptions modelOptions;
        modelOptions.target = options.target;
        modelOptions.currentOrder = Monitor::orderValues(*m_current, options.order).value();
        modelOptions.performance.windows.count = 4;
        const auto expected = Monitor::modelDrift(m_model, *m_reference, QStringLiteral("reference.csv"), *m_current,
            QStringLiteral("current.csv"), modelOptions, Base::Progress(sink));
        QVERIFY(expected.ok());
        QCOMPARE(withModel->referenceLevel, expected->referenceLevel);
        QCOMPARE(analysis.prediction->outcome.score, expected->prediction.outcome.score);
        QCOMPARE(analysis.probability->outcome.score, expected->probability->outcome.score);
        QCOMPARE(analysis.performance->windows.size(), expected->performance->windows.size());
        for (std::size_t w = 0; w < expected->performance->windows.size(); ++w)
            QCOMPARE(analysis.performance->windows[w].value, expected->performance->windows[w].value);

        // Numbers only (the CLI without --html): no sketches, no drift per window.
        options.charts = false;
        const auto numbers = Monitor::analyseDriftWithModel(*m_reference, QStringLiteral("reference.csv"), *m_current,
            QStringLiteral("current.csv"), options, m_model, QStringLiteral("tree"), Base::Progress(sink));
        QVERIFY(numbers.ok());
        QVERIFY(numbers->analysis.sketches.empty());
        QVERIFY(!numbers->analysis.windows.has_value());
        QCOMPARE(numbers->analysis.report.features()[0].outcome.score, analysis.report.features()[0].outcome.score);
        QVERIFY(numbers->analysis.performance.has_value());
    }

    // A label the model never saw is a class of its own, never predicted.
    void unknownLabels()
    {
        QByteArray csv = tableCsv(true);
        csv.replace(",lo\n", ",mid\n");
        const auto current = parse(csv);
        const Data::Column &truth = current->column(current->indexOf(QStringLiteral("label")));
        const Data::Column *truths[] = {&truth};
        const QStringList classes = Monitor::classEncoding(*m_model, truths);
        QCOMPARE(classes, (QStringList {QStringLiteral("hi"), QStringLiteral("lo"), QStringLiteral("mid")}));
        Bundle::ScoreOptions withProbabilities;
        withProbabilities.probabilities = true;
        const auto scores = Bundle::scoreDataset(m_model, *current, QStringLiteral("c"), withProbabilities);
        QVERIFY(scores.ok());
        const auto labelled = Monitor::labelledScores(*m_model, scores.value(), truth, classes);
        QVERIFY(labelled.ok());
        QCOMPARE(labelled->classCount, 3);
        QCOMPARE(labelled->probabilities.cols(), Eigen::Index(3));
        QCOMPARE(labelled->probabilities.col(2).cwiseAbs().maxCoeff(), 0.0);
        const auto external = Monitor::externalMetrics(m_model, *current, QStringLiteral("c"));
        QVERIFY(external.ok());
        int hi = 0;
        for (qint64 row = 0; row < truth.size(); ++row)
            hi += truth.toString(row) == QLatin1String("hi") && scores->labels.at(row) == QLatin1String("hi") ? 1 : 0;
        QCOMPARE(external->metrics.first().value, double(hi) / 120.0); // every "mid" row is wrong
    }

    void regressionPredictionsAreNumbers()
    {
        Runs::RunSpec spec = treeSpec(QStringLiteral("reference.csv"));
        spec.modelId = QStringLiteral("linreg");
        spec.params.clear();
        spec.target = QStringLiteral("x");
        spec.features = {QStringLiteral("color"), QStringLiteral("label")};
        const auto model = bundleFor(*m_reference, spec);
        QVERIFY(model);
        Base::NullProgressSink sink;
        Monitor::ModelDriftOptions options;
        options.target = QStringLiteral("x");
        const auto drift = Monitor::modelDrift(
            model, *m_reference, QStringLiteral("r"), *m_current, QStringLiteral("c"), options, Base::Progress(sink));
        QVERIFY2(drift.ok(), qPrintable(drift.error().toString()));
        QCOMPARE(drift->prediction.referenceType, Data::ColumnType::Numeric);
        QVERIFY(!drift->probability);
        QCOMPARE(drift->performance->metric, QStringLiteral("rmse"));
        QVERIFY(!drift->performance->greaterIsBetter);
    }

    void errorsNameTheColumn()
    {
        Base::NullProgressSink sink;
        Monitor::ModelDriftOptions options;
        options.target = QStringLiteral("y");
        const auto noTarget = Monitor::modelDrift(m_model, *m_reference, QStringLiteral("reference.csv"), *m_current,
            QStringLiteral("current.csv"), options, Base::Progress(sink));
        QVERIFY(!noTarget.ok());
        QCOMPARE(noTarget.error().message, QStringLiteral("There is no target column 'y' in reference.csv"));

        QByteArray csv = tableCsv(true);
        csv.replace("x,color", "z,color");
        const auto renamed = parse(csv);
        const auto noInput = Monitor::modelDrift(m_model, *m_reference, QStringLiteral("reference.csv"), *renamed,
            QStringLiteral("renamed.csv"), {}, Base::Progress(sink));
        QVERIFY(!noInput.ok());
        QVERIFY2(noInput.error().message.contains(QStringLiteral("column \"x\" is missing")),
            qPrintable(noInput.error().toString()));

        const auto order = Monitor::orderValues(*m_current, QStringLiteral("color"));
        QVERIFY(!order.ok());
        QCOMPARE(order.error().message,
            QStringLiteral("The order column 'color' is categorical: it must hold numbers or datetimes"));
        QCOMPARE(Monitor::orderValues(*m_current, QStringLiteral("x")).value().size(), std::size_t(120));
    }

    void modelSourceFromArgument()
    {
        QCOMPARE(Bundle::ModelSource::fromArgument(QStringLiteral("7"), QStringLiteral("/ws")).value().runId,
            std::optional<qint64>(7));
        QVERIFY(!Bundle::ModelSource::fromArgument(QStringLiteral("7"), QString()).ok());
        QCOMPARE(
            Bundle::ModelSource::fromArgument(QStringLiteral("m.tandem"), QStringLiteral("/ws")).value().bundlePath,
            QStringLiteral("m.tandem"));
        const auto missing
            = Bundle::loadModel(Bundle::ModelSource::bundleFile(QStringLiteral("/nonexistent/m.tandem")), 1, [] {
                  static Base::NullProgressSink sink;
                  return Base::Progress(sink);
              }());
        QVERIFY(!missing.ok());
    }

private:
    std::shared_ptr<const Data::Dataset> m_reference;
    std::shared_ptr<const Data::Dataset> m_current;
    std::shared_ptr<const Bundle::Bundle> m_model;
};

QTEST_GUILESS_MAIN(TestModelDrift)
#include "tst_modeldrift.moc"
