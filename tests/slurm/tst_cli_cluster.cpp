// SPDX-License-Identifier: GPL-3.0-or-later
// tandem-cli's side of cluster execution, as a black box: `run --task-index` on a
// sweep spec and on a cluster plan (what a Slurm task runs).
#include "core/data/Dataset.h"
#include "core/runs/ClusterPlan.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunPlan.h"
#include "core/runs/RunSpec.h"
#include "core/runs/TaskResult.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/support/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Testing::runCli;

namespace {

const QByteArray sweepJson = QByteArray(R"({
    "version": 1, "name": "iris task", "dataset": {"path": ")")
    + QByteArray(TANDEM_SOURCE_DIR "/resources/samples/iris.csv") + QByteArray(R"("},
    "target": "species", "model": {"id": "logreg", "params": {"max_iter": 100}},
    "evaluation": {"method": "kfold", "folds": 3, "seed": 9},
    "sweep": {"method": "grid", "params": {"C": [0.1, 1.0, 10.0]}}})");

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
    return path;
}

QJsonArray runsOf(const QString &workspace)
{
    const auto listed = runCli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--workspace"),
        workspace, QStringLiteral("--json")});
    return QJsonDocument::fromJson(listed.out.toUtf8()).array();
}

/// A workspace with the spec's runs queued and a plan for them, as SlurmExecutor
/// leaves it; `workspace` keeps it open, as the submitting process does.
QString queuedPlan(const QString &workspacePath, QList<qint64> &runIds, std::shared_ptr<Store::Workspace> &workspace)
{
    workspace = Store::Workspace::create(workspacePath).value();
    const auto spec = Runs::RunSpec::parse(sweepJson).value();
    Base::NullProgressSink sink;
    const auto data = spec.loadDataset(Base::Progress(sink)).value().dataset;
    Runs::ClusterPlan plan;
    plan.batch = QStringLiteral("b1");
    plan.workspace = workspace->path();
    const auto planned = Runs::planRuns(spec, *data);
    for (const Runs::PlannedRun &run : planned.value()) {
        const qint64 id = Runs::queueRun(workspace->store(), run, std::nullopt, QStringLiteral("slurm")).value();
        runIds.append(id);
        plan.tasks.append(Runs::ClusterTask {id, run.name, run.spec.toJson()});
    }
    const QString path = Runs::BatchFiles(workspace->path(), plan.batch).planPath();
    return plan.save(path).ok() ? path : QString();
}

} // namespace

class TestCliCluster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // `run SPEC --task-index I` is the sweep's I-th run, with its numbers.
    void taskIndexRunsOneConfigurationOfASweep()
    {
        QTemporaryDir dir;
        const QString spec = writeFile(dir, QStringLiteral("sweep.json"), sweepJson);
        const auto swept = runCli(
            {QStringLiteral("sweep"), spec, QStringLiteral("--workspace"), dir.filePath(QStringLiteral("all"))});
        QCOMPARE(swept.exitCode, 0);
        const auto one = runCli({QStringLiteral("run"), spec, QStringLiteral("--task-index"), QStringLiteral("1"),
            QStringLiteral("--workspace"), dir.filePath(QStringLiteral("one")), QStringLiteral("--json")});
        QVERIFY2(one.exitCode == 0, qPrintable(one.describe()));
        const QJsonObject run = QJsonDocument::fromJson(one.out.toUtf8()).object();
        QCOMPARE(run.value(QStringLiteral("name")).toString(), QStringLiteral("C=1"));
        QCOMPARE(run.value(QStringLiteral("experiment")).toString(), QStringLiteral("iris task"));
        QCOMPARE(run.value(QStringLiteral("executor")).toString(), QStringLiteral("local"));
        bool found = false;
        for (const QJsonValue &value : runsOf(dir.filePath(QStringLiteral("all")))) {
            const QJsonObject other = value.toObject();
            if (other.value(QStringLiteral("name")) != run.value(QStringLiteral("name")))
                continue;
            found = true;
            QCOMPARE(other.value(QStringLiteral("metrics")), run.value(QStringLiteral("metrics")));
            QCOMPARE(other.value(QStringLiteral("params")), run.value(QStringLiteral("params")));
        }
        QVERIFY(found);

        const auto past = runCli({QStringLiteral("run"), spec, QStringLiteral("--task-index"), QStringLiteral("3"),
            QStringLiteral("--workspace"), dir.filePath(QStringLiteral("one"))});
        QCOMPARE(past.exitCode, 1);
        QVERIFY2(past.err.contains(QStringLiteral("(0..2)")), qPrintable(past.err));
        QCOMPARE(runCli({QStringLiteral("run"), spec, QStringLiteral("--task-index"), QStringLiteral("-1"),
                            QStringLiteral("--workspace"), dir.filePath(QStringLiteral("one"))})
                     .exitCode,
            2);
    }

    // A plan's task runs without the store: the run stays queued there, its
    // artifacts and result file appear, and the numbers do not depend on the
    // CPUs Slurm gives it.
    void planTaskWritesItsResultAndLeavesTheStoreAlone()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath(QStringLiteral("ws"));
        QList<qint64> runIds;
        std::shared_ptr<Store::Workspace> submitter;
        const QString plan = queuedPlan(workspace, runIds, submitter);
        QVERIFY(!plan.isEmpty());
        const QDateTime storeWritten = QFileInfo(QDir(workspace).filePath(QStringLiteral("tandem.db"))).lastModified();

        QList<Store::MetricPoint> metricsByCpus[2];
        for (int cpus : {1, 2}) {
            QProcess process;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("SLURM_CPUS_PER_TASK"), QString::number(cpus));
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(TANDEM_CLI_PATH),
                {QStringLiteral("run"), plan, QStringLiteral("--task-index"), QStringLiteral("2"),
                    QStringLiteral("--workspace"), workspace});
            QVERIFY(process.waitForFinished(60000));
            const QString out = QString::fromUtf8(process.readAllStandardOutput());
            QVERIFY2(process.exitCode() == 0, qPrintable(QString::fromUtf8(process.readAllStandardError())));
            QVERIFY2(out.startsWith(QStringLiteral("run %1 done (task 2 on ").arg(runIds.at(2))), qPrintable(out));
            const QString result = Runs::BatchFiles::ofPlan(plan).resultPath(2);
            const auto read = Runs::TaskResult::load(result);
            QVERIFY2(read.ok(), qPrintable(read.error().toString()));
            QCOMPARE(read.value().runId, runIds.at(2));
            metricsByCpus[cpus - 1] = read.value().result.metrics;
            QVERIFY(QFile::exists(
                QDir(workspace).filePath(QStringLiteral("artifacts/%1/oof_predictions.csv").arg(runIds.at(2)))));
        }
        QVERIFY(!metricsByCpus[0].isEmpty());
        QCOMPARE(metricsByCpus[1], metricsByCpus[0]);
        QCOMPARE(QFileInfo(QDir(workspace).filePath(QStringLiteral("tandem.db"))).lastModified(), storeWritten);
        const Store::RunDetails run = submitter->store().run(runIds.at(2)).value();
        QCOMPARE(run.run.status, Store::RunStatus::Queued);
        QVERIFY(run.metrics.isEmpty());
    }

    void planUsageErrors()
    {
        QTemporaryDir dir;
        QList<qint64> runIds;
        std::shared_ptr<Store::Workspace> submitter;
        const QString plan = queuedPlan(dir.filePath(QStringLiteral("ws")), runIds, submitter);
        QCOMPARE(
            runCli({QStringLiteral("run"), plan, QStringLiteral("--task-index"), QStringLiteral("0")}).exitCode, 2);
        QCOMPARE(
            runCli({QStringLiteral("run"), plan, QStringLiteral("--task-index"), QStringLiteral("0"),
                       QStringLiteral("--workspace"), dir.filePath(QStringLiteral("ws")), QStringLiteral("--json")})
                .exitCode,
            2);
        const auto past = runCli({QStringLiteral("run"), plan, QStringLiteral("--task-index"), QStringLiteral("7"),
            QStringLiteral("--workspace"), dir.filePath(QStringLiteral("ws"))});
        QCOMPARE(past.exitCode, 1);
        QVERIFY2(past.err.contains(QStringLiteral("task index 7 is not one of the plan's tasks (0..2)")),
            qPrintable(past.err));
        QVERIFY(!QFile::exists(Runs::BatchFiles::ofPlan(plan).resultPath(7)));
    }
};

QTEST_GUILESS_MAIN(TestCliCluster)
#include "tst_cli_cluster.moc"
