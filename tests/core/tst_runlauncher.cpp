// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "core/runs/HalvingSweep.h"
#include "core/runs/JobQueue.h"
#include "core/runs/OutOfFoldPredictions.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

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
        }
        QVERIFY(cancelled >= 11);
    }
};

QTEST_GUILESS_MAIN(TestRunLauncher)
#include "tst_runlauncher.moc"
