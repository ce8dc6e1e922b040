// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "core/eval/CrossValidation.h"
#include "core/runs/FeatureImportances.h"
#include "core/runs/HalvingSweep.h"
#include "core/runs/JobQueue.h"
#include "core/runs/OutOfFoldPredictions.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Tandem;
using Runs::RunSpec;
using Store::RunStatus;

namespace {

const QString examples = QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples");

struct Outcome {
    QList<Store::RunRecord> runs; // in run order
    std::optional<qint64> experimentId;
};

/// Runs `spec` in a new workspace in `dir`, `concurrency` at a time, and waits for every run.
Outcome launchAndWait(const RunSpec &spec, const QString &dir, int concurrency, bool cancelAtOnce = false)
{
    Outcome outcome;
    auto workspace = Store::Workspace::create(dir);
    if (!workspace.ok()) {
        qWarning() << workspace.error().toString();
        return outcome;
    }
    Base::NullProgressSink sink;
    auto data = spec.loadDataset(Base::Progress(sink));
    if (!data.ok()) {
        qWarning() << data.error().toString();
        return outcome;
    }
    Runs::JobQueue queue(concurrency);
    qsizetype ended = 0;
    auto launch = Runs::launchRuns(workspace.value(), queue, spec, data.value().dataset,
        [&ended](const Runs::LaunchedRun &, RunStatus, const QString &) { ++ended; });
    if (!launch.ok()) {
        qWarning() << launch.error().toString();
        return outcome;
    }
    if (cancelAtOnce)
        queue.cancelAll();
    const qsizetype total = launch.value().runs.size();
    if (!QTest::qWaitFor([&] { return ended == total; }, 60000))
        return outcome;
    outcome.experimentId = launch.value().experimentId;
    for (const Runs::LaunchedRun &run : launch.value().runs)
        outcome.runs.append(workspace.value()->store().run(run.runId).value().run);
    return outcome;
}

} // namespace

class TestRunLauncher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A sweep is one experiment of one run per configuration, each with its
    // parameters, per-fold and mean metrics and out-of-fold predictions, and the
    // same numbers whether the runs go one or three at a time.
    void sweepGivesTheSameRunsAtAnyConcurrency()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/wine_logreg_grid.json"));
        QVERIFY2(spec.ok(), qPrintable(spec.error().toString()));
        QTemporaryDir one;
        QTemporaryDir three;
        const Outcome serial = launchAndWait(spec.value(), one.path(), 1);
        const Outcome parallel = launchAndWait(spec.value(), three.path(), 3);
        QCOMPARE(serial.runs.size(), 12);
        QCOMPARE(parallel.runs.size(), 12);
        for (qsizetype i = 0; i < serial.runs.size(); ++i) {
            const Store::RunRecord &a = serial.runs.at(i);
            const Store::RunRecord &b = parallel.runs.at(i);
            QCOMPARE(a.status, RunStatus::Done);
            QCOMPARE(b.status, RunStatus::Done);
            QCOMPARE(a.name, b.name);
            QCOMPARE(a.experimentName, QStringLiteral("wine: regularisation"));
            QCOMPARE(a.executor, QStringLiteral("local"));
            QCOMPARE(a.seed, std::optional<quint64>(7));
            QCOMPARE(a.params, b.params);
            QCOMPARE(a.metrics, b.metrics);
            QVERIFY(a.metrics.contains(QStringLiteral("accuracy")));
            QCOMPARE(a.spec, b.spec);
            // The stored spec repeats the run: one configuration, absolute data path, pinned data.
            auto stored = RunSpec::fromJson(a.spec);
            QVERIFY2(stored.ok(), qPrintable(stored.error().toString()));
            QVERIFY(!stored.value().sweep);
            QVERIFY(QFileInfo(stored.value().datasetPath).isAbsolute());
            QCOMPARE(stored.value().datasetFingerprint.size(), 64);
        }
        QCOMPARE(serial.runs.first().params.value(QStringLiteral("penalty")).toString(), QStringLiteral("l2"));

        auto workspace = Store::Workspace::open(one.path());
        QVERIFY(workspace.ok());
        const auto details = workspace.value()->store().run(serial.runs.first().id);
        QVERIFY(details.ok());
        int perFold = 0;
        int means = 0;
        for (const Store::MetricPoint &point : details.value().metrics) {
            if (point.name == QLatin1String("accuracy") && !point.step)
                (point.fold ? perFold : means) += 1;
        }
        QCOMPARE(perFold, 5);
        QCOMPARE(means, 1);
        QCOMPARE(details.value().artifacts, QStringList {Runs::outOfFoldPredictionsFileName});
        QFile predictions(workspace.value()->store().artifactDir(serial.runs.first().id) + QLatin1Char('/')
            + Runs::outOfFoldPredictionsFileName);
        QVERIFY(predictions.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = predictions.readAll().split('\n');
        QCOMPARE(
            lines.first(), QByteArray("row,fold,truth,predicted,proba_cultivar_1,proba_cultivar_2,proba_cultivar_3"));
        QCOMPARE(lines.size(), 178 + 2); // header, 178 rows, and the empty piece after the last \n
    }

    // Successive halving: weak configurations stop early (tagged, done on fewer folds),
    // the best get every fold, and who stops where does not depend on the concurrency.
    void halvingStopsWeakConfigurationsTheSameWayAtAnyConcurrency()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/breast_cancer_forest_random.json"));
        QVERIFY2(spec.ok(), qPrintable(spec.error().toString()));
        QTemporaryDir one;
        QTemporaryDir three;
        const Outcome serial = launchAndWait(spec.value(), one.path(), 1);
        const Outcome parallel = launchAndWait(spec.value(), three.path(), 3);
        QCOMPARE(serial.runs.size(), 12);
        QCOMPARE(parallel.runs.size(), 12);
        auto workspace = Store::Workspace::open(one.path());
        QVERIFY(workspace.ok());
        int stopped = 0;
        int full = 0;
        for (qsizetype i = 0; i < serial.runs.size(); ++i) {
            const Store::RunRecord &a = serial.runs.at(i);
            const Store::RunRecord &b = parallel.runs.at(i);
            QCOMPARE(a.status, RunStatus::Done);
            QCOMPARE(b.status, RunStatus::Done);
            QCOMPARE(a.tags, b.tags);
            QCOMPARE(a.metrics, b.metrics);
            const auto details = workspace.value()->store().run(a.id);
            QVERIFY(details.ok());
            int folds = 0;
            for (const Store::MetricPoint &point : details.value().metrics)
                folds += point.name == QLatin1String("roc_auc") && point.fold && !point.step ? 1 : 0;
            if (a.tags.contains(Runs::haltingTag)) {
                ++stopped;
                QVERIFY2(folds < 5, qPrintable(a.name));
            } else {
                ++full;
                QCOMPARE(folds, 5);
            }
        }
        // 12 configurations, factor 3, min_folds 1: 8 stop after the first fold.
        QVERIFY(stopped >= 8);
        QVERIFY(full >= 1);
    }

    // Halving's jobs are context work: each takes its share of the thread budget when it
    // starts, and the fits' per-step metrics reach the queue live (the learning curve drawn
    // while a run trains), as for runs without halving.
    void halvingJobsTakeAThreadShareAndReportLiveSteps()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/wine_logreg_grid.json"));
        QVERIFY(spec.ok());
        spec.value().sweep->halving = Runs::HalvingSpec {3, 1, QStringLiteral("accuracy")};
        QTemporaryDir dir;
        auto workspace = Store::Workspace::create(dir.path());
        QVERIFY(workspace.ok());
        Base::NullProgressSink sink;
        auto data = spec.value().loadDataset(Base::Progress(sink));
        QVERIFY(data.ok());
        Runs::JobQueue queue(2);
        queue.setThreadBudget(4);
        QList<int> shares;
        int liveSteps = 0;
        connect(
            &queue, &Runs::JobQueue::jobStarted, this, [&](Runs::JobId id) { shares.append(queue.info(id).threads); });
        connect(&queue, &Runs::JobQueue::jobMetrics, this,
            [&](Runs::JobId, const QList<Runs::JobMetric> &metrics) { liveSteps += int(metrics.size()); });
        qsizetype ended = 0;
        auto launch = Runs::launchRuns(workspace.value(), queue, spec.value(), data.value().dataset,
            [&ended](const Runs::LaunchedRun &, RunStatus, const QString &) { ++ended; });
        QVERIFY(launch.ok());
        QVERIFY(QTest::qWaitFor([&] { return ended == launch.value().runs.size(); }, 60000));
        QVERIFY(!shares.isEmpty());
        for (const int share : std::as_const(shares))
            QVERIFY2(share >= 2, "two jobs at once share a budget of four threads");
        QVERIFY(liveSteps > 0);
    }

    // The fits' per-step metrics (logistic regression's training loss) are kept per fold and step.
    void stepMetricsAreRecordedPerFold()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/iris_logreg.json"));
        QVERIFY(spec.ok());
        QTemporaryDir dir;
        const Outcome outcome = launchAndWait(spec.value(), dir.path(), 0);
        QCOMPARE(outcome.runs.size(), 1);
        QCOMPARE(outcome.runs.first().status, RunStatus::Done);
        QCOMPARE(outcome.runs.first().experimentName, QStringLiteral("iris baselines"));
        auto workspace = Store::Workspace::open(dir.path());
        QVERIFY(workspace.ok());
        const auto details = workspace.value()->store().run(outcome.runs.first().id);
        QVERIFY(details.ok());
        QList<int> folds;
        for (const Store::MetricPoint &point : details.value().metrics) {
            if (point.step && point.name == QLatin1String("train_loss") && point.fold && !folds.contains(*point.fold))
                folds.append(*point.fold);
        }
        std::sort(folds.begin(), folds.end());
        QCOMPARE(folds, (QList<int> {0, 1, 2, 3, 4}));
    }

    // A forest with permutation importance asked for keeps, per fold, each feature's
    // impurity and permutation importance in its artifact: the numbers of the
    // evaluation itself, and no metric rows named after features. A logistic
    // regression without importance_repeats keeps no such artifact.
    void featureImportancesAreRecordedPerFold()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/iris_logreg.json"));
        QVERIFY(spec.ok());
        RunSpec forest = spec.value();
        forest.modelId = QStringLiteral("forest");
        forest.params = {{QStringLiteral("n_estimators"), 15}};
        forest.pipeline.reset();
        forest.evaluation.importanceRepeats = 2;
        QTemporaryDir dir;
        const Outcome outcome = launchAndWait(forest, dir.path(), 1);
        QCOMPARE(outcome.runs.size(), 1);
        QCOMPARE(outcome.runs.first().status, RunStatus::Done);
        const qint64 runId = outcome.runs.first().id;

        auto workspace = Store::Workspace::open(dir.path());
        QVERIFY(workspace.ok());
        const Store::ExperimentStore &store = workspace.value()->store();
        const auto recorded = Runs::loadFeatureImportances(store, runId);
        QVERIFY2(recorded.ok(), qPrintable(recorded.error().toString()));

        // The same evaluation again, outside the store: a seed gives the same forest.
        Base::NullProgressSink sink;
        auto data = forest.loadDataset(Base::Progress(sink));
        QVERIFY(data.ok());
        const auto expected = Eval::crossValidate(*data->dataset, forest.pipelineSpec(), forest.modelId, forest.params,
            forest.evaluationSpec(1), Base::Progress(sink));
        QVERIFY(expected.ok());
        QCOMPARE(expected->folds.size(), 5);
        const QStringList features {QStringLiteral("sepal_length"), QStringLiteral("sepal_width"),
            QStringLiteral("petal_length"), QStringLiteral("petal_width")};
        QList<Runs::FeatureImportance> wanted;
        for (int f = 0; f < 5; ++f) {
            const Eval::FoldOutcome &fold = expected->folds.at(f);
            QCOMPARE(fold.impurityImportance.size(), 4);
            QCOMPARE(fold.permutationImportance.size(), 4);
            double impuritySum = 0.0;
            for (int j = 0; j < 4; ++j) {
                QCOMPARE(fold.impurityImportance.at(j).name, features.at(j));
                wanted.append({Runs::impurityImportanceKind, features.at(j), f, fold.impurityImportance.at(j).value});
                impuritySum += fold.impurityImportance.at(j).value;
            }
            QVERIFY(std::abs(impuritySum - 1.0) < 1e-9);
            for (int j = 0; j < 4; ++j)
                wanted.append(
                    {Runs::permutationImportanceKind, features.at(j), f, fold.permutationImportance.at(j).value});
        }
        QCOMPARE(recorded.value(), wanted);
        QCOMPARE(Runs::importanceKinds(recorded.value()),
            (QStringList {Runs::impurityImportanceKind, Runs::permutationImportanceKind}));
        const auto summaries = Runs::summarizeImportances(recorded.value(), Runs::permutationImportanceKind);
        QCOMPARE(summaries.size(), 4);
        QCOMPARE(summaries.at(2).name, QStringLiteral("petal_length"));
        QCOMPARE(summaries.at(2).count, 5);

        const auto details = store.run(runId);
        QVERIFY(details.ok());
        QVERIFY(details->artifacts.contains(Runs::featureImportancesFileName));
        for (const Store::MetricPoint &point : details->metrics)
            QVERIFY2(!features.contains(point.name) && !point.name.contains(QLatin1String("importance")),
                qPrintable(point.name));

        QTemporaryDir plainDir;
        const Outcome plain = launchAndWait(spec.value(), plainDir.path(), 1);
        QCOMPARE(plain.runs.size(), 1);
        QCOMPARE(plain.runs.first().status, RunStatus::Done);
        auto plainWorkspace = Store::Workspace::open(plainDir.path());
        QVERIFY(plainWorkspace.ok());
        QVERIFY(!QFile::exists(QDir(plainWorkspace.value()->store().artifactDir(plain.runs.first().id))
                                   .filePath(Runs::featureImportancesFileName)));
        const auto none = Runs::loadFeatureImportances(plainWorkspace.value()->store(), plain.runs.first().id);
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    // The artifact reads back what was written, quoting and missing values
    // included, and a bad kind or fold is refused with its line.
    void featureImportancesRoundTrip()
    {
        const QList<Runs::FeatureImportance> importances {
            {Runs::impurityImportanceKind, QStringLiteral("colour=red, dark"), 0, 0.25},
            {Runs::permutationImportanceKind, QStringLiteral("size \"xl\""), 3, std::nan("")},
            {Runs::permutationImportanceKind, QStringLiteral("weight"), 3, -0.1}};
        const auto back = Runs::parseFeatureImportances(Runs::featureImportancesCsv(importances));
        QVERIFY2(back.ok(), qPrintable(back.error().toString()));
        QCOMPARE(back->size(), 3);
        QCOMPARE(back->at(0), importances.at(0));
        QCOMPARE(back->at(1).feature, importances.at(1).feature);
        QVERIFY(std::isnan(back->at(1).value));
        QCOMPARE(back->at(2), importances.at(2));

        const auto badKind = Runs::parseFeatureImportances("kind,feature,fold,importance\ngain,a,0,1\n");
        QVERIFY(!badKind.ok());
        QCOMPARE(badKind.error().line, qint64(2));
        const auto badFold
            = Runs::parseFeatureImportances("kind,feature,fold,importance\nimpurity,a,0,1\nimpurity,a,-1,1\n");
        QVERIFY(!badFold.ok());
        QCOMPARE(badFold.error().line, qint64(3));
    }

    // A run whose evaluation fails ends failed with the error's text; its
    // neighbours are not affected.
    void failedRunKeepsItsMessage()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/wine_logreg_grid.json"));
        QVERIFY(spec.ok());
        spec.value().target = QStringLiteral("alcohol"); // continuous: no classes to learn
        spec.value().features.clear();
        spec.value().sweep.reset();
        QTemporaryDir dir;
        const Outcome outcome = launchAndWait(spec.value(), dir.path(), 2);
        QCOMPARE(outcome.runs.size(), 1);
        QCOMPARE(outcome.runs.first().status, RunStatus::Failed);
        QVERIFY2(
            outcome.runs.first().error.contains(QStringLiteral("continuous")), qPrintable(outcome.runs.first().error));
    }

    // Cancelling every job: each run ends cancelled or done, none stays queued or running.
    void cancelledRunsEndCancelled()
    {
        auto spec = RunSpec::load(examples + QStringLiteral("/wine_logreg_grid.json"));
        QVERIFY(spec.ok());
        QTemporaryDir dir;
        const Outcome outcome = launchAndWait(spec.value(), dir.path(), 1, true);
        QCOMPARE(outcome.runs.size(), 12);
        int cancelled = 0;
        for (const Store::RunRecord &run : outcome.runs) {
            QVERIFY2(run.status == RunStatus::Cancelled || run.status == RunStatus::Done,
                qPrintable(Store::runStatusName(run.status)));
            cancelled += run.status == RunStatus::Cancelled ? 1 : 0;
            // A run that never ran still shows the parameters its spec gave it.
            QVERIFY2(run.params.contains(QStringLiteral("C")) && run.params.contains(QStringLiteral("penalty")),
                QJsonDocument(run.params).toJson(QJsonDocument::Compact).constData());
        }
        QVERIFY(cancelled >= 11);
    }
};

QTEST_GUILESS_MAIN(TestRunLauncher)
#include "tst_runlauncher.moc"
