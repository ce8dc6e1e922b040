// SPDX-License-Identifier: GPL-3.0-or-later
// Eval::crossValidate: the per-fold protocol (a fresh pipeline and estimator fitted
// on the training rows only), class indices that survive a fold without a class,
// rows with a missing target, determinism, progress, stopping and the errors.
#include "core/data/CsvReader.h"
#include "core/data/Dataset.h"
#include "core/eval/CrossValidation.h"
#include "core/eval/Splits.h"
#include "core/learn/FitContext.h"
#include "core/learn/Registry.h"
#include "core/learn/preprocess/Pipeline.h"
#include "tests/support/RecordingSink.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace Tandem;
using Tandem::Testing::RecordingSink;

namespace {

std::shared_ptr<const Data::Dataset> load(const QByteArray &csv)
{
    Base::NullProgressSink sink;
    auto loaded = Data::CsvReader::readBytes(csv, QStringLiteral("test.csv"), {}, Base::Progress(sink));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error().toString()));
    return loaded.value().dataset;
}

std::shared_ptr<const Data::Dataset> iris()
{
    auto loaded = Data::CsvReader::read(QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/iris.csv"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error().toString()));
    return loaded.value().dataset;
}

Learn::PipelineSpec pipelineFor(const QString &target, Learn::Task task, Learn::Scaling scaling)
{
    Learn::PipelineSpec spec;
    spec.target = target;
    spec.task = task;
    spec.scaling = scaling;
    return spec;
}

Base::Result<Eval::EvaluationResult> evaluate(const Data::Dataset &dataset, const Learn::PipelineSpec &pipeline,
    const QString &model, const Eval::EvaluationSpec &spec = {}, const Learn::ParamValues &params = {})
{
    Base::NullProgressSink sink;
    return Eval::crossValidate(dataset, pipeline, model, params, spec, Base::Progress(sink));
}

/// A small classification table: x numeric with a missing cell, a colour category,
/// and a class "rare" on a single row.
QByteArray smallTable()
{
    QByteArray csv = "x,colour,label\n";
    for (int i = 0; i < 30; ++i) {
        const char *label = i == 7 ? "rare" : (i % 2 == 0 ? "even" : "odd");
        const QByteArray x = i == 3 ? QByteArray() : QByteArray::number(i * 1.5 + (i % 2) * 10.0);
        csv += x + ',' + (i % 3 == 0 ? "red" : "blue") + ',' + label + '\n';
    }
    return csv;
}

} // namespace

class TestCrossValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void foldsRepeatAFitOnTheTrainingRowsOnly()
    {
        // knn depends on the scaling: a pipeline fitted on all rows would change the
        // neighbours. Each fold must equal a pipeline + estimator fitted on its train rows.
        const auto data = iris();
        const auto pipeline
            = pipelineFor(QStringLiteral("species"), Learn::Task::Classification, Learn::Scaling::MinMax);
        Eval::EvaluationSpec spec;
        spec.folds = 4;
        const auto result = evaluate(*data, pipeline, QStringLiteral("knn"), spec);
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(result->folds.size(), 4);
        QVERIFY(result->stratified);

        Eigen::VectorXd classes(150);
        for (int i = 0; i < 150; ++i)
            classes[i] = i / 50;
        Eval::KFoldOptions options;
        options.folds = 4;
        options.shuffle = true;
        const auto plan = Eval::stratifiedKFoldSplit(classes, options);
        QVERIFY(plan.ok());
        for (qsizetype f = 0; f < 4; ++f) {
            const Eval::Fold &fold = plan->folds.at(f);
            const Eval::FoldOutcome &outcome = result->folds.at(f);
            QCOMPARE(outcome.predictions.rows, fold.test);
            QCOMPARE(outcome.trainRows, qint64(fold.train.size()));

            Learn::PipelineSpec foldSpec = pipeline;
            foldSpec.classes = result->classes;
            Learn::Pipeline manual;
            QVERIFY(manual.fit(*data, fold.train, foldSpec).ok());
            auto estimator = Learn::Registry::instance().create(QStringLiteral("knn"));
            QVERIFY(estimator.ok());
            Learn::FitContext context;
            context.classCount = 3;
            QVERIFY(estimator.value()
                        ->fit(manual.transform(*data, fold.train).value(),
                            manual.encodeTarget(*data, fold.train).value(), context)
                        .ok());
            const Learn::Matrix xTest = manual.transform(*data, fold.test).value();
            QCOMPARE(outcome.predictions.predicted, estimator.value()->predict(xTest).value());
            QCOMPARE(outcome.predictions.probabilities, estimator.value()->predictProba(xTest).value());
            QCOMPARE(outcome.predictions.truth, manual.encodeTarget(*data, fold.test).value());
            const auto metrics = Eval::classificationMetrics(
                outcome.predictions.truth, outcome.predictions.predicted, 3, outcome.predictions.probabilities);
            QCOMPARE(outcome.metrics, metrics.value());
        }
        QCOMPARE(result->metrics.foldCount(), 4);
    }

    void aClassMissingFromAFoldKeepsItsIndex()
    {
        const auto data = load(smallTable());
        const auto result = evaluate(*data,
            pipelineFor(QStringLiteral("label"), Learn::Task::Classification, Learn::Scaling::Standard),
            QStringLiteral("logreg"));
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(
            result->classes, (QStringList {QStringLiteral("even"), QStringLiteral("odd"), QStringLiteral("rare")}));
        QVERIFY2(!result->warnings.isEmpty(), "a class with fewer rows than folds is warned about");
        for (const Eval::FoldOutcome &fold : result->folds) {
            QCOMPARE(fold.predictions.probabilities.cols(), 3);
            QCOMPARE(fold.predictions.probabilities.rows(), qsizetype(fold.predictions.rows.size()));
        }
    }

    void rowsWithoutATargetAreLeftOutAndCounted()
    {
        const auto data = load("x,y\n1,2\n2,\n3,6.5\n4,8\n5,\n6,12.5\n7,14\n8,16\n9,18\n10,20.5\n");
        Eval::EvaluationSpec spec;
        spec.folds = 4;
        const auto result
            = evaluate(*data, pipelineFor(QStringLiteral("y"), Learn::Task::Regression, Learn::Scaling::None),
                QStringLiteral("linreg"), spec);
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(result->rows, 8);
        QCOMPARE(result->droppedRows, 2);
        QVERIFY(!result->stratified);
        qsizetype tested = 0;
        for (const Eval::FoldOutcome &fold : result->folds) {
            for (const qint64 row : fold.predictions.rows)
                QVERIFY(row != 1 && row != 4);
            tested += qsizetype(fold.predictions.rows.size());
            QCOMPARE(fold.metrics.first().name, QStringLiteral("rmse"));
        }
        QCOMPARE(tested, 8);
    }

    void holdoutIsOneStratifiedSplit()
    {
        const auto data = iris();
        Eval::EvaluationSpec spec;
        spec.method = Eval::EvaluationSpec::Method::Holdout;
        spec.holdoutFraction = 0.2;
        const auto result = evaluate(*data,
            pipelineFor(QStringLiteral("species"), Learn::Task::Classification, Learn::Scaling::Standard),
            QStringLiteral("gnb"), spec);
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(result->folds.size(), 1);
        QCOMPARE(result->folds.first().testRows, 30);
        QCOMPARE(result->folds.first().trainRows, 120);
        QVERIFY(result->stratified);
    }

    void sameSeedSameResultOnAnyThreadCount()
    {
        const auto data = iris();
        const auto pipeline
            = pipelineFor(QStringLiteral("species"), Learn::Task::Classification, Learn::Scaling::Standard);
        Eval::EvaluationSpec spec;
        spec.repeats = 2;
        spec.seed = 42;
        spec.threads = 1;
        const auto one = evaluate(*data, pipeline, QStringLiteral("logreg"), spec);
        spec.threads = 4;
        const auto four = evaluate(*data, pipeline, QStringLiteral("logreg"), spec);
        QVERIFY(one.ok() && four.ok());
        QCOMPARE(one->folds.size(), 10);
        for (qsizetype f = 0; f < one->folds.size(); ++f) {
            QCOMPARE(one->folds.at(f).metrics, four->folds.at(f).metrics);
            QCOMPARE(one->folds.at(f).predictions.probabilities, four->folds.at(f).predictions.probabilities);
        }
        spec.seed = 43;
        const auto other = evaluate(*data, pipeline, QStringLiteral("logreg"), spec);
        QVERIFY(other.ok());
        QVERIFY(other->folds.first().predictions.rows != one->folds.first().predictions.rows);
    }

    void permutationImportancePerInputColumn()
    {
        // y depends on x and on the category; noise does not enter it. The category's
        // one-hot columns are shuffled together: one importance per input column.
        QByteArray csv = "x,color,noise,y\n";
        for (int i = 0; i < 120; ++i) {
            const char *color = i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue";
            const double x = (i * 37 % 101) / 10.0;
            const double y = 2.0 * x + (i % 3 == 0 ? 10.0 : 0.0);
            csv += QByteArray::number(x) + ',' + color + ',' + QByteArray::number((i * 53) % 17) + ','
                + QByteArray::number(y) + '\n';
        }
        const auto data = load(csv);
        Eval::EvaluationSpec spec;
        spec.folds = 3;
        spec.importanceRepeats = 3;
        const auto result
            = evaluate(*data, pipelineFor(QStringLiteral("y"), Learn::Task::Regression, Learn::Scaling::Standard),
                QStringLiteral("linreg"), spec);
        QVERIFY2(result.ok(), qPrintable(result.error().message));
        for (const Eval::FoldOutcome &fold : result->folds) {
            QCOMPARE(fold.permutationImportance.size(), 3);
            QCOMPARE(fold.permutationImportance.at(0).name, QStringLiteral("x"));
            QCOMPARE(fold.permutationImportance.at(1).name, QStringLiteral("color"));
            QCOMPARE(fold.permutationImportance.at(2).name, QStringLiteral("noise"));
            QVERIFY(fold.permutationImportance.at(0).value > 0.5);
            QVERIFY(fold.permutationImportance.at(1).value > 0.1);
            QVERIFY(std::abs(fold.permutationImportance.at(2).value) < 0.01);
            QVERIFY(fold.impurityImportance.isEmpty()); // linear regression has none
        }
        // Off by default.
        QVERIFY(evaluate(*data, pipelineFor(QStringLiteral("y"), Learn::Task::Regression, Learn::Scaling::Standard),
            QStringLiteral("linreg"))
                    ->folds.first()
                    .permutationImportance.isEmpty());
    }

    void progressIsOneMonotoneBarAndStops()
    {
        const auto data = iris();
        const auto pipeline
            = pipelineFor(QStringLiteral("species"), Learn::Task::Classification, Learn::Scaling::Standard);
        RecordingSink sink;
        const auto result
            = Eval::crossValidate(*data, pipeline, QStringLiteral("logreg"), {}, {}, Base::Progress(sink));
        QVERIFY(result.ok());
        const std::vector<double> fractions = sink.fractions();
        QVERIFY(!fractions.empty());
        for (std::size_t i = 1; i < fractions.size(); ++i)
            QVERIFY2(fractions.at(i) >= fractions.at(i - 1), qPrintable(QString::number(i)));
        QCOMPARE(fractions.back(), 1.0);
        QVERIFY(sink.stages().contains(QStringLiteral("Fold 3/5")));

        RecordingSink stopping(RecordingSink::Stop::AfterReports, 1);
        const auto stopped
            = Eval::crossValidate(*data, pipeline, QStringLiteral("logreg"), {}, {}, Base::Progress(stopping));
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().message, Learn::FitContext::stoppedMessage());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("task");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("message");
        const QByteArray labels = "x,label\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n7,a\n8,b\n9,a\n10,b\n";
        QByteArray continuous = "x,y\n";
        for (int i = 0; i < 20; ++i)
            continuous += QByteArray::number(i) + ',' + QByteArray::number(i * 0.37) + '\n';
        QByteArray manyIntegers = "x,y\n";
        for (int i = 0; i < 2 * Eval::maxClassesForNumericTarget + 2; ++i)
            manyIntegers += QByteArray::number(i) + ',' + QByteArray::number(i / 2) + '\n';
        const int classification = int(Learn::Task::Classification), regression = int(Learn::Task::Regression);

        QTest::newRow("unknown model") << labels << QStringLiteral("label") << classification << QStringLiteral("svm")
                                       << QStringLiteral("unknown model svm (known: ");
        QTest::newRow("task mismatch") << labels << QStringLiteral("label") << regression << QStringLiteral("logreg")
                                       << QStringLiteral("logreg is a classification model, but the pipeline "
                                                         "prepares a regression target");
        QTest::newRow("no such target") << labels << QStringLiteral("species") << classification
                                        << QStringLiteral("gnb")
                                        << QStringLiteral("target column species not found (the columns are: x, "
                                                          "label)");
        QTest::newRow("regression on labels")
            << labels << QStringLiteral("label") << regression << QStringLiteral("ridge")
            << QStringLiteral("target label is categorical; regression needs a "
                              "numeric target");
        QTest::newRow("continuous classes") << continuous << QStringLiteral("y") << classification
                                            << QStringLiteral("gnb") << QStringLiteral("target y is continuous (");
        QTest::newRow("too many classes")
            << manyIntegers << QStringLiteral("y") << classification << QStringLiteral("knn")
            << QStringLiteral("target y has %1 distinct numeric values, too many for classification")
                   .arg(Eval::maxClassesForNumericTarget + 1);
    }

    void errors()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, target);
        QFETCH(int, task);
        QFETCH(QString, model);
        QFETCH(QString, message);
        const auto data = load(csv);
        Eval::EvaluationSpec spec;
        spec.folds = 2;
        const auto result
            = evaluate(*data, pipelineFor(target, Learn::Task(task), Learn::Scaling::Standard), model, spec);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.startsWith(message), qPrintable(result.error().message));
    }

    void outOfRangeParameterIsRefused()
    {
        const auto result = evaluate(*iris(),
            pipelineFor(QStringLiteral("species"), Learn::Task::Classification, Learn::Scaling::Standard),
            QStringLiteral("logreg"), {}, {{QStringLiteral("C"), -1.0}});
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message, QStringLiteral("C must be > 0, got -1"));
    }
};

QTEST_GUILESS_MAIN(TestCrossValidation)
#include "tst_eval_crossvalidation.moc"
