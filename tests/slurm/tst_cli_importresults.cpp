// SPDX-License-Identifier: GPL-3.0-or-later
// tandem-cli workspace import-results, and runs list importing on its own: the
// results of a cluster batch whose submitting process ended.
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/support/CliRunner.h"
#include "tests/support/ClusterBatch.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <unistd.h>

using namespace Tandem;
using Store::RunStatus;
using Testing::runCli;

namespace {

/// Two interrupted runs: task 0's result whole, task 1's cut short. The test
/// process lets go of the workspace (tandem-cli opens it as another process).
std::unique_ptr<Testing::ClusterBatch> abandonedBatch()
{
    auto batch = Testing::queuedBatch(Testing::irisClusterSweepSpec());
    if (!batch || !Testing::runTask(*batch, 0) || !Testing::runTask(*batch, 1))
        return nullptr;
    const QByteArray whole = Testing::readAll(batch->resultPath(1));
    if (!Testing::writeAll(batch->resultPath(1), whole.left(whole.size() - 40)))
        return nullptr;
    batch->workspace.reset();
    return batch;
}

RunStatus statusOf(const Testing::ClusterBatch &batch, int index)
{
    auto workspace = Store::Workspace::open(batch.workspacePath(), Store::Workspace::Access::ReadOnly).value();
    return workspace->store().run(batch.runIds.at(index)).value().run.status;
}

} // namespace

class TestCliImportResults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importResultsJson()
    {
        auto batch = abandonedBatch();
        QVERIFY(batch);
        const auto result = runCli({QStringLiteral("workspace"), QStringLiteral("import-results"),
            QStringLiteral("--json"), batch->workspacePath()});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("imported")).toArray(), QJsonArray {batch->runIds.at(0)});
        QCOMPARE(json.value(QStringLiteral("without_result")).toInt(), 0);
        const QJsonArray problems = json.value(QStringLiteral("problems")).toArray();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).toObject().value(QStringLiteral("file")).toString(), batch->resultPath(1));
        // The skipped file is named on stderr too.
        QVERIFY2(result.err.contains(QStringLiteral("tandem-cli: warning: ") + batch->resultPath(1)),
            qPrintable(result.describe()));
        QCOMPARE(statusOf(*batch, 0), RunStatus::Done);
        QCOMPARE(statusOf(*batch, 1), RunStatus::Interrupted);

        // Again: nothing to import.
        const auto again
            = runCli({QStringLiteral("workspace"), QStringLiteral("import-results"), batch->workspacePath()});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QCOMPARE(again.out, QStringLiteral("no cluster results to import\n"));
    }

    void importResultsText()
    {
        auto batch = abandonedBatch();
        QVERIFY(batch);
        const auto result
            = runCli({QStringLiteral("workspace"), QStringLiteral("import-results"), batch->workspacePath()});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QCOMPARE(result.out, QStringLiteral("imported 1 cluster result (run %1)\n").arg(batch->runIds.at(0)));
    }

    // runs list opens the workspace for writing, so it imports first and lists
    // the run as done, with a note on stderr; stdout stays the listing.
    void runsListImportsFirst()
    {
        auto batch = abandonedBatch();
        QVERIFY(batch);
        const auto result = runCli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--json"),
            QStringLiteral("--workspace"), batch->workspacePath()});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        const QJsonArray runs = QJsonDocument::fromJson(result.out.toUtf8()).array();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QCOMPARE(runs.at(1).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
        QVERIFY2(
            result.err.contains(QStringLiteral("note: imported 1 cluster result (run %1)").arg(batch->runIds.at(0))),
            qPrintable(result.describe()));
    }

    void readOnlyWorkspaceIsRefused()
    {
        auto batch = abandonedBatch();
        QVERIFY(batch);
        QFile::setPermissions(batch->workspacePath(), QFile::ReadOwner | QFile::ExeOwner);
        const auto result
            = runCli({QStringLiteral("workspace"), QStringLiteral("import-results"), batch->workspacePath()});
        QFile::setPermissions(batch->workspacePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (result.exitCode == 0 && geteuid() == 0)
            QSKIP("root writes a read-only folder");
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("cannot import cluster results")), qPrintable(result.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliImportResults)
#include "tst_cli_importresults.moc"
