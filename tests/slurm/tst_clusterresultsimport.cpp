// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ClusterPlan.h"
#include "core/runs/ClusterResultsImport.h"
#include "core/runs/TaskResult.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/support/ClusterBatch.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Runs::ClusterResultsImport;
using Store::RunStatus;
using Testing::queuedBatch;
using Testing::readAll;
using Testing::runTask;
using Testing::writeAll;

namespace {

/// Three runs submitted to a cluster by a process that then ended: tasks 0 and 1
/// wrote their results, task 1's file cut short; task 2 never ended. The
/// workspace is opened again, so the three runs are interrupted.
struct AbandonedBatch {
    std::unique_ptr<Testing::ClusterBatch> batch;
    QByteArray wholeResult1;
};

AbandonedBatch abandonedBatch()
{
    AbandonedBatch abandoned;
    abandoned.batch = queuedBatch(Testing::irisClusterSweepSpec(QByteArrayLiteral("[0.1, 1.0, 3.0]")));
    Testing::ClusterBatch &batch = *abandoned.batch;
    if (!runTask(batch, 0) || !runTask(batch, 1))
        return {};
    abandoned.wholeResult1 = readAll(batch.resultPath(1));
    if (!writeAll(batch.resultPath(1), abandoned.wholeResult1.left(abandoned.wholeResult1.size() / 2)))
        return {};
    batch.workspace.reset(); // the submitting process ends: its session is gone
    batch.workspace = Store::Workspace::open(batch.workspacePath()).value();
    return abandoned;
}

} // namespace

class TestClusterResultsImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsTheResultsOfInterruptedRuns()
    {
        AbandonedBatch abandoned = abandonedBatch();
        QVERIFY(abandoned.batch);
        Testing::ClusterBatch &batch = *abandoned.batch;
        QCOMPARE(batch.workspace->interruptedOnOpen(), batch.runIds);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(batch.details(i).run.status, RunStatus::Interrupted);

        const auto report = Runs::importPendingClusterResults(batch.workspace->store());
        QVERIFY2(report.ok(), qPrintable(report.error().toString()));
        QCOMPARE(report.value().importedRunIds, QList<qint64> {batch.runIds.at(0)});
        QCOMPARE(report.value().withoutResult, 1);
        QCOMPARE(report.value().problems.size(), 1);
        QCOMPARE(QFileInfo(report.value().problems.first().file), QFileInfo(batch.resultPath(1)));
        QVERIFY2(report.value().problems.first().toString().contains(QLatin1String("truncated")),
            qPrintable(report.value().problems.first().toString()));

        // Run 0 holds exactly what its task recorded.
        const Runs::TaskResult written = Runs::TaskResult::load(batch.resultPath(0)).value();
        const Store::RunDetails imported = batch.details(0);
        QCOMPARE(imported.run.status, RunStatus::Done);
        QVERIFY(imported.run.error.isEmpty());
        QVERIFY(imported.metrics.size() > 30);
        QCOMPARE(imported.metrics, written.result.metrics);
        QCOMPARE(imported.run.params, written.result.params);
        QCOMPARE(imported.run.host, written.result.host);
        QCOMPARE(imported.run.endedAt, written.result.endedAt);
        // The truncated result and the missing one leave their runs as they were.
        for (int i : {1, 2}) {
            QCOMPARE(batch.details(i).run.status, RunStatus::Interrupted);
            QVERIFY(batch.details(i).metrics.isEmpty());
        }

        // Again: nothing changes; the damaged file is reported again.
        const auto again = Runs::importPendingClusterResults(batch.workspace->store());
        QVERIFY(again.ok());
        QVERIFY(again.value().importedRunIds.isEmpty());
        QCOMPARE(again.value().problems.size(), 1);
        const Store::RunDetails after = batch.details(0);
        QCOMPARE(after.metrics, imported.metrics);
        QCOMPARE(after.run.endedAt, imported.run.endedAt);
        QCOMPARE(batch.details(1).run.status, RunStatus::Interrupted);

        // Once the file is whole (a slow shared filesystem caught up), it comes in.
        QVERIFY(writeAll(batch.resultPath(1), abandoned.wholeResult1));
        const auto whole = Runs::importPendingClusterResults(batch.workspace->store());
        QVERIFY(whole.ok());
        QCOMPARE(whole.value().importedRunIds, QList<qint64> {batch.runIds.at(1)});
        QVERIFY(whole.value().problems.isEmpty());
        QCOMPARE(batch.details(1).run.status, RunStatus::Done);
    }

    // A run that ended is never changed, whatever file lies in its batch.
    void finishedRunsAreLeftAlone()
    {
        auto batch = queuedBatch(Testing::irisClusterSweepSpec());
        QVERIFY(batch && runTask(*batch, 0));
        Store::ExperimentStore &store = batch->workspace->store();
        QVERIFY(store.markRunning(batch->runIds.at(0)).ok());
        QVERIFY(store.finishRun(batch->runIds.at(0), RunStatus::Cancelled).ok());
        const auto report = Runs::importPendingClusterResults(store);
        QVERIFY(report.ok());
        QVERIFY(report.value().importedRunIds.isEmpty());
        QVERIFY(report.value().problems.isEmpty());
        QCOMPARE(batch->details(0).run.status, RunStatus::Cancelled);
        QVERIFY(batch->details(0).metrics.isEmpty());
    }

    // A damaged plan is reported and the other batches still come in; a folder
    // without cluster batches is no work at all.
    void damagedPlanIsReportedAndSkipped()
    {
        auto batch = queuedBatch(Testing::irisClusterSweepSpec());
        QVERIFY(batch && runTask(*batch, 0));
        const Runs::BatchFiles broken(batch->workspace->path(), QStringLiteral("00000000-000000-000000"));
        QVERIFY(QDir().mkpath(broken.resultsDirectory()));
        QVERIFY(writeAll(broken.planPath(), QByteArrayLiteral("{\"format\": \"tandem-cluster-pl")));
        QVERIFY(writeAll(broken.resultPath(0), readAll(batch->resultPath(0))));
        const auto report = Runs::importPendingClusterResults(batch->workspace->store());
        QVERIFY(report.ok());
        QCOMPARE(report.value().importedRunIds, QList<qint64> {batch->runIds.at(0)});
        QCOMPARE(report.value().problems.size(), 1);
        QCOMPARE(report.value().problems.first().file, broken.planPath());

        QTemporaryDir empty;
        auto plain = Store::Workspace::create(empty.path()).value();
        const auto nothing = Runs::importPendingClusterResults(plain->store());
        QVERIFY(nothing.ok());
        QVERIFY(nothing.value().importedRunIds.isEmpty() && nothing.value().problems.isEmpty());
        QCOMPARE(nothing.value().withoutResult, 0);
    }

    void readOnlyWorkspaceIsRefused()
    {
        auto batch = queuedBatch(Testing::irisClusterSweepSpec());
        QVERIFY(batch);
        const QString path = batch->workspace->path();
        batch->workspace.reset();
        auto readOnly = Store::Workspace::open(path, Store::Workspace::Access::ReadOnly).value();
        QVERIFY(!Runs::importPendingClusterResults(readOnly->store()).ok());
    }
};

QTEST_GUILESS_MAIN(TestClusterResultsImport)
#include "tst_clusterresultsimport.moc"
