// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "core/runs/ClusterPlan.h"
#include "core/runs/ClusterTask.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/RunPlan.h"
#include "core/runs/RunSpec.h"
#include "core/runs/TaskResult.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/support/ClusterBatch.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Tandem;
using Runs::ImportOutcome;
using Runs::TaskResult;
using Store::RunStatus;

using Testing::queuedBatch;
using Testing::readAll;
using Testing::runTask;
using Testing::writeAll;

class TestTaskResult : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A run carried out as a cluster task and imported records exactly what the
    // same run records locally: every metric value in the same order, parameters,
    // and byte-identical artifacts.
    void importedRunEqualsLocalRun()
    {
        const Runs::RunSpec spec = Testing::irisClusterSweepSpec();
        QTemporaryDir localDir;
        auto local = Store::Workspace::create(localDir.path()).value();
        Base::NullProgressSink sink;
        const auto data = spec.loadDataset(Base::Progress(sink)).value().dataset;
        Runs::JobQueue queue(1);
        int ended = 0;
        auto launch = Runs::launchRuns(
            local, queue, spec, data, [&ended](const Runs::LaunchedRun &, RunStatus, const QString &) { ++ended; });
        QVERIFY(launch.ok());
        QVERIFY(QTest::qWaitFor([&] { return ended == 2; }, 60000));

        auto batch = queuedBatch(spec);
        QVERIFY(batch);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(runTask(*batch, i));
            // Nothing is in the store until the result is imported.
            QCOMPARE(batch->details(i).run.status, RunStatus::Queued);
            QVERIFY(batch->details(i).metrics.isEmpty());
            const auto imported
                = Runs::importTaskResult(batch->workspace->store(), batch->runIds.at(i), batch->resultPath(i));
            QVERIFY2(imported.ok(), qPrintable(imported.error().toString()));
            QCOMPARE(imported.value(), ImportOutcome::Recorded);

            const Store::RunDetails cluster = batch->details(i);
            const Store::RunDetails here = local->store().run(launch.value().runs.at(i).runId).value();
            QCOMPARE(cluster.run.status, RunStatus::Done);
            QCOMPARE(cluster.run.executor, QStringLiteral("slurm"));
            QCOMPARE(here.run.executor, QStringLiteral("local"));
            QCOMPARE(cluster.run.name, here.run.name);
            QCOMPARE(cluster.run.params, here.run.params);
            QVERIFY(cluster.metrics.size() > 30); // steps, folds and means
            QCOMPARE(cluster.metrics, here.metrics);
            QCOMPARE(cluster.run.metrics, here.run.metrics);
            QVERIFY(cluster.run.startedAt.isValid() && cluster.run.endedAt.isValid());
            QCOMPARE(cluster.artifacts, here.artifacts);
            for (const QString &artifact : cluster.artifacts)
                QCOMPARE(readAll(QDir(batch->workspace->store().artifactDir(batch->runIds.at(i))).filePath(artifact)),
                    readAll(QDir(local->store().artifactDir(here.run.id)).filePath(artifact)));
        }
    }

    void importingTwiceChangesNothing()
    {
        auto batch = queuedBatch(Testing::irisClusterSweepSpec());
        QVERIFY(batch && runTask(*batch, 0));
        Store::ExperimentStore &store = batch->workspace->store();
        QCOMPARE(
            Runs::importTaskResult(store, batch->runIds.at(0), batch->resultPath(0)).value(), ImportOutcome::Recorded);
        const Store::RunDetails first = batch->details(0);
        QCOMPARE(Runs::importTaskResult(store, batch->runIds.at(0), batch->resultPath(0)).value(),
            ImportOutcome::AlreadyRecorded);
        const Store::RunDetails second = batch->details(0);
        QCOMPARE(second.metrics, first.metrics);
        QCOMPARE(second.run.params, first.run.params);
        QCOMPARE(second.run.endedAt, first.run.endedAt);
    }

    // A result file cut short anywhere is refused and leaves the run as it was:
    // the parameters it was queued with, no metric, still queued. The whole file then imports.
    void truncatedResultIsRefusedAndRecordsNothing()
    {
        auto batch = queuedBatch(Testing::irisClusterSweepSpec());
        QVERIFY(batch && runTask(*batch, 1));
        const QString path = batch->resultPath(1);
        const QByteArray whole = readAll(path);
        QVERIFY(whole.size() > 1000);
        Store::ExperimentStore &store = batch->workspace->store();
        const QJsonObject queuedParams = batch->details(1).run.params;
        QVERIFY(!queuedParams.isEmpty()); // recorded at queue time, so a run that never ends still shows them
        for (qsizetype length = 0; length < whole.size(); length += 97) {
            QVERIFY(writeAll(path, whole.left(length)));
            const auto imported = Runs::importTaskResult(store, batch->runIds.at(1), path);
            QVERIFY2(!imported.ok(), qPrintable(QStringLiteral("a result cut at %1 bytes was taken").arg(length)));
            QVERIFY(imported.error().message.contains(QStringLiteral("not a usable task result")));
            const Store::RunDetails details = batch->details(1);
            QCOMPARE(details.run.status, RunStatus::Queued);
            QVERIFY(details.metrics.isEmpty());
            QCOMPARE(details.run.params, queuedParams);
        }
        QVERIFY(writeAll(path, whole));
        QCOMPARE(Runs::importTaskResult(store, batch->runIds.at(1), path).value(), ImportOutcome::Recorded);
        QCOMPARE(batch->details(1).run.status, RunStatus::Done);
    }

    // The result file is written last: an artifact that is not the one the task
    // wrote (or not there) keeps the run from being recorded.
    void changedArtifactIsRefused()
    {
        auto batch = queuedBatch(Testing::irisClusterSweepSpec());
        QVERIFY(batch && runTask(*batch, 0));
        Store::ExperimentStore &store = batch->workspace->store();
        const QString predictions
            = QDir(store.artifactDir(batch->runIds.at(0))).filePath(QStringLiteral("oof_predictions.csv"));
        const QByteArray bytes = readAll(predictions);
        QByteArray changed = bytes;
        changed[changed.size() / 2] = changed.at(changed.size() / 2) == '1' ? '2' : '1';
        QVERIFY(writeAll(predictions, changed));
        auto imported = Runs::importTaskResult(store, batch->runIds.at(0), batch->resultPath(0));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().message.contains(QStringLiteral("oof_predictions.csv")),
            qPrintable(imported.error().message));
        QVERIFY(QFile::remove(predictions));
        QVERIFY(!Runs::importTaskResult(store, batch->runIds.at(0), batch->resultPath(0)).ok());
        QCOMPARE(batch->details(0).run.status, RunStatus::Queued);
        QVERIFY(batch->details(0).metrics.isEmpty());
        QVERIFY(writeAll(predictions, bytes));
        QVERIFY(Runs::importTaskResult(store, batch->runIds.at(0), batch->resultPath(0)).ok());
    }

    void resultOfAnotherRunIsRefused()
    {
        auto batch = queuedBatch(Testing::irisClusterSweepSpec());
        QVERIFY(batch && runTask(*batch, 0));
        const auto imported
            = Runs::importTaskResult(batch->workspace->store(), batch->runIds.at(1), batch->resultPath(0));
        QVERIFY(!imported.ok());
        QVERIFY(imported.error().message.contains(QStringLiteral("result of run %1").arg(batch->runIds.at(0))));
        QCOMPARE(batch->details(1).run.status, RunStatus::Queued);
    }

    // A task that fails still writes a result: the run fails with the task's error
    // and the path of its log.
    void failedTaskRecordsItsErrorAndLog()
    {
        Runs::RunSpec spec = Testing::irisClusterSweepSpec();
        auto batch = queuedBatch(spec);
        QVERIFY(batch);
        // The data changes after submission: the pinned fingerprint no longer holds.
        auto plan = Runs::ClusterPlan::load(batch->planPath).value();
        QJsonObject taskSpec = plan.tasks[0].spec;
        QJsonObject dataset = taskSpec.value(QStringLiteral("dataset")).toObject();
        dataset.insert(QStringLiteral("path"), QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/wine.csv"));
        taskSpec.insert(QStringLiteral("dataset"), dataset);
        plan.tasks[0].spec = taskSpec;
        QVERIFY(plan.save(batch->planPath).ok());

        Base::NullProgressSink sink;
        const auto result = Runs::runClusterTask(batch->planPath, 0, batch->workspace->path(), 1, Base::Progress(sink));
        QVERIFY(result.ok());
        QCOMPARE(result.value().result.outcome, RunStatus::Failed);
        QVERIFY(QFile::exists(batch->resultPath(0)));
        QVERIFY(Runs::importTaskResult(batch->workspace->store(), batch->runIds.at(0), batch->resultPath(0),
            QStringLiteral("/shared/logs/task-0.log"))
                    .ok());
        const Store::RunRecord run = batch->details(0).run;
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.error.contains(QStringLiteral("wine.csv")), qPrintable(run.error));
        QVERIFY2(run.error.endsWith(QStringLiteral(" (log: /shared/logs/task-0.log)")), qPrintable(run.error));

        // An index the plan does not have writes nothing.
        QVERIFY(!Runs::runClusterTask(batch->planPath, 2, batch->workspace->path(), 1, Base::Progress(sink)).ok());
        QVERIFY(!QFile::exists(batch->resultPath(2)));
    }

    void resultFileRoundTripsEveryValue()
    {
        TaskResult task;
        task.runId = 12;
        task.taskIndex = 3;
        task.result.outcome = RunStatus::Done;
        task.result.host = QStringLiteral("node7");
        task.result.startedAt = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        task.result.endedAt = QDateTime::fromMSecsSinceEpoch(1700000005456, Qt::UTC);
        task.result.params
            = QJsonObject {{QStringLiteral("C"), 0.1}, {QStringLiteral("penalty"), QStringLiteral("l1")}};
        task.result.metrics = {Store::MetricPoint {QStringLiteral("accuracy"), 0.1 + 0.2, 0, std::nullopt},
            Store::MetricPoint {QStringLiteral("loss"), std::numeric_limits<double>::infinity(), std::nullopt, 5},
            Store::MetricPoint {QStringLiteral("loss"), -std::numeric_limits<double>::infinity(), 1, 6},
            Store::MetricPoint {QStringLiteral("r2"), 1.0 / 3.0, std::nullopt, std::nullopt},
            Store::MetricPoint {QStringLiteral("auc"), 5e-324, std::nullopt, std::nullopt}};
        task.artifacts = {Runs::TaskArtifact {QStringLiteral("sub/a.csv"), 4, QString(64, QLatin1Char('a'))}};
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("results/3.json"));
        QVERIFY(task.save(path).ok());
        const auto back = TaskResult::load(path);
        QVERIFY2(back.ok(), qPrintable(back.error().toString()));
        QCOMPARE(back.value().runId, 12);
        QCOMPARE(back.value().taskIndex, 3);
        QCOMPARE(back.value().result.metrics, task.result.metrics); // bit for bit, infinities included
        QCOMPARE(back.value().result.params, task.result.params);
        QCOMPARE(back.value().result.startedAt, task.result.startedAt);
        QCOMPARE(back.value().result.endedAt, task.result.endedAt);
        QCOMPARE(back.value().result.host, task.result.host);
        QCOMPARE(back.value().artifacts, task.artifacts);

        // NaN has no JSON number: null, read back as NaN.
        task.result.metrics = {Store::MetricPoint {QStringLiteral("x"), std::nan(""), std::nullopt, std::nullopt}};
        QVERIFY(task.save(path).ok());
        QVERIFY(std::isnan(TaskResult::load(path).value().result.metrics.at(0).value));

        // An artifact name that leaves the run's folder is refused.
        QJsonObject forged = task.toJson();
        forged.insert(QStringLiteral("artifacts"),
            QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("../../tandem.db")},
                {QStringLiteral("size"), 1}, {QStringLiteral("sha256"), QString(64, QLatin1Char('0'))}}});
        QVERIFY(!TaskResult::fromJson(forged).ok());
        forged = task.toJson();
        forged.insert(QStringLiteral("status"), QStringLiteral("running"));
        QVERIFY(!TaskResult::fromJson(forged).ok());
    }

    // recordResult is one transaction that a finished run refuses quietly.
    void recordResultTakesQueuedRunningAndInterruptedRunsOnly()
    {
        QTemporaryDir dir;
        auto workspace = Store::Workspace::create(dir.path()).value();
        Store::ExperimentStore &store = workspace->store();
        const qint64 id = store.addRun(Store::NewRun {}).value();
        QVERIFY(store.markRunning(id).ok());
        Store::RunResult result;
        result.outcome = RunStatus::Failed;
        result.error = QStringLiteral("boom");
        result.host = QStringLiteral("node3");
        result.metrics = {Store::MetricPoint {QStringLiteral("accuracy"), 0.5, 0, std::nullopt}};
        QCOMPARE(store.recordResult(id, result).value(), true);
        const auto details = store.run(id).value();
        QCOMPARE(details.run.status, RunStatus::Failed);
        QCOMPARE(details.run.error, QStringLiteral("boom"));
        QCOMPARE(details.run.host, QStringLiteral("node3"));
        QCOMPARE(details.metrics.size(), 1);
        result.outcome = RunStatus::Done;
        QCOMPARE(store.recordResult(id, result).value(), false);
        QCOMPARE(store.run(id).value().run.status, RunStatus::Failed);
        QCOMPARE(store.run(id).value().metrics.size(), 1);
        result.outcome = RunStatus::Running;
        QVERIFY(!store.recordResult(store.addRun(Store::NewRun {}).value(), result).ok());
    }
};

QTEST_GUILESS_MAIN(TestTaskResult)
#include "tst_taskresult.moc"
