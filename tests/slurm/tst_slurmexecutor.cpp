// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/Dataset.h"
#include "core/runs/ClusterTask.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/RunSpec.h"
#include "core/runs/SlurmExecutor.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/support/FakeSlurm.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Runs::JobState;
using Store::RunStatus;

namespace {

Runs::RunSpec twoRuns()
{
    const QByteArray json = QByteArray(R"({
        "version": 1, "name": "iris on slurm", "dataset": {"path": ")")
        + QByteArray(TANDEM_SOURCE_DIR "/resources/samples/iris.csv") + QByteArray(R"("},
        "target": "species", "model": {"id": "logreg", "params": {"max_iter": 100}},
        "evaluation": {"method": "kfold", "folds": 3, "seed": 5},
        "sweep": {"method": "grid", "params": {"C": [0.1, 3.0]}}})");
    return Runs::RunSpec::parse(json).value();
}

} // namespace

class TestSlurmExecutor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeSlurm> m_slurm;

    /// What `tool` answers from now on.
    void answer(const QString &tool, const QByteArray &output, bool fail = false)
    {
        QVERIFY(m_slurm->answer(tool, output, fail));
    }
    /// Each call's arguments, as the tool received them.
    QList<QStringList> calls(const QString &tool) const { return m_slurm->calls(tool); }

    struct Launched {
        std::shared_ptr<Store::Workspace> workspace;
        std::unique_ptr<Runs::SlurmExecutor> executor;
        QList<Runs::LaunchedRun> runs;
        QHash<qint64, QString> errors;
        int ended = 0;
    };

    std::unique_ptr<Launched> launch(const QString &workspaceName, Runs::ClusterProfile profile = {})
    {
        auto launched = std::make_unique<Launched>();
        launched->workspace = Store::Workspace::create(m_dir.filePath(workspaceName)).value();
        profile.pollIntervalSeconds = 1;
        profile.resultWaitSeconds = 0;
        launched->executor = std::make_unique<Runs::SlurmExecutor>(profile, launched->workspace);
        const Runs::RunSpec spec = twoRuns();
        Base::NullProgressSink sink;
        const auto data = spec.loadDataset(Base::Progress(sink)).value().dataset;
        Launched *raw = launched.get();
        auto started = Runs::launchRuns(launched->workspace, *launched->executor, spec, data,
            [raw](const Runs::LaunchedRun &run, RunStatus, const QString &error) {
                raw->errors.insert(run.runId, error);
                ++raw->ended;
            });
        if (!started.ok()) {
            qWarning() << started.error().toString();
            return nullptr;
        }
        launched->runs = started.value().runs;
        return launched;
    }

    static Store::RunRecord stored(const Launched &launched, int index)
    {
        return launched.workspace->store().run(launched.runs.at(index).runId).value().run;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Stand-ins with a fresh control folder for each test.
    void init()
    {
        m_slurm = std::make_unique<FakeSlurm>();
        answer(QStringLiteral("sbatch"), "4242\n");
        answer(QStringLiteral("squeue"), "4242|0|PENDING|Priority|\n4242|1|PENDING|Priority|\n");
    }

    void cleanup() { m_slurm.reset(); }

    // The sweep is one job array; a task seen running marks its run running; the
    // result a task leaves is imported (the run done, with its metrics); a task
    // that fails without a result fails its run with Slurm's state and its log.
    void sweepIsOneJobArrayFollowedToTheEnd()
    {
        auto launched = launch(QStringLiteral("sweep"));
        QVERIFY(launched);
        Runs::SlurmExecutor &executor = *launched->executor;
        QSignalSpy started(&executor, &Runs::Executor::jobStarted);
        QSignalSpy changes(&executor, &Runs::SlurmExecutor::slurmJobChanged);
        QCOMPARE(executor.slurmJobs().size(), 2);
        QVERIFY(
            QTest::qWaitFor([&] { return executor.slurmJob(launched->runs.at(0).jobId).arrayJobId == 4242; }, 10000));

        const QList<QStringList> sbatch = calls(QStringLiteral("sbatch"));
        QCOMPARE(sbatch.size(), 1);
        const Runs::SlurmJobInfo first = executor.slurmJob(launched->runs.at(0).jobId);
        const Runs::BatchFiles files(launched->workspace->path(), first.batch);
        QCOMPARE(sbatch.first(),
            QStringList({QStringLiteral("--parsable"), QStringLiteral("--array=0-1"),
                QStringLiteral("--job-name=tandem-iris_on_slurm"), QStringLiteral("--output=") + files.logPattern(),
                QStringLiteral("--chdir=") + files.directory(), QStringLiteral("--cpus-per-task=1"),
                files.scriptPath()}));
        QCOMPARE(first.logPath, files.logPath(0));
        QCOMPARE(first.resultPath, files.resultPath(0));
        QVERIFY(QFile::exists(files.planPath()));
        QCOMPARE(stored(*launched, 0).executor, QStringLiteral("slurm"));

        answer(QStringLiteral("squeue"), "4242|0|RUNNING|None|node1\n4242|1|PENDING|Priority|\n");
        QVERIFY(QTest::qWaitFor([&] { return started.size() == 1; }, 10000));
        QCOMPARE(started.first().at(0).value<Runs::JobId>(), launched->runs.at(0).jobId);
        QCOMPARE(stored(*launched, 0).status, RunStatus::Running);
        QCOMPARE(executor.info(launched->runs.at(0).jobId).stage, QStringLiteral("Slurm 4242_0: RUNNING on node1"));
        QCOMPARE(executor.info(launched->runs.at(1).jobId).stage, QStringLiteral("Slurm 4242_1: PENDING (Priority)"));
        QVERIFY(!changes.isEmpty());

        // Task 0 runs here, as its node would, and leaves its result.
        Base::NullProgressSink sink;
        QVERIFY(Runs::runClusterTask(files.planPath(), 0, launched->workspace->path(), 1, Base::Progress(sink)).ok());
        QVERIFY(QTest::qWaitFor([&] { return launched->ended == 1; }, 10000));
        QCOMPARE(executor.info(launched->runs.at(0).jobId).state, JobState::Done);
        QCOMPARE(stored(*launched, 0).status, RunStatus::Done);
        QVERIFY(stored(*launched, 0).metrics.contains(QStringLiteral("accuracy")));

        answer(QStringLiteral("squeue"), "4242|0|COMPLETED|None|node1\n4242|1|FAILED|NonZeroExitCode|node2\n");
        QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
        const Runs::JobInfo failed = executor.info(launched->runs.at(1).jobId);
        QCOMPARE(failed.state, JobState::Failed);
        QVERIFY2(failed.message.contains(QStringLiteral("Slurm task 4242_1 ended FAILED (NonZeroExitCode) on node2")),
            qPrintable(failed.message));
        QVERIFY2(failed.message.contains(QStringLiteral("log: ") + files.logPath(1)), qPrintable(failed.message));
        QCOMPARE(stored(*launched, 1).status, RunStatus::Failed);
        QCOMPARE(stored(*launched, 1).error, failed.message);
        QCOMPARE(executor.slurmJob(launched->runs.at(1).jobId).state, JobState::Failed);
        QCOMPARE(executor.activeCount(), 0);
    }

    void sbatchRefusalFailsEveryRun()
    {
        answer(QStringLiteral("sbatch"), "sbatch: error: invalid partition specified: nope\n", true);
        auto launched = launch(QStringLiteral("refused"));
        QVERIFY(launched);
        QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(stored(*launched, i).status, RunStatus::Failed);
            QVERIFY2(stored(*launched, i).error.contains(QStringLiteral("invalid partition specified: nope")),
                qPrintable(stored(*launched, i).error));
        }
    }

    // One task is cancelled with its array index, all of them with the array's id;
    // Slurm's CANCELLED ends the runs cancelled, with no error text.
    void cancelGoesThroughScancel()
    {
        auto launched = launch(QStringLiteral("cancel"));
        QVERIFY(launched);
        Runs::SlurmExecutor &executor = *launched->executor;
        QVERIFY(
            QTest::qWaitFor([&] { return executor.slurmJob(launched->runs.at(0).jobId).arrayJobId == 4242; }, 10000));
        executor.cancel(launched->runs.at(1).jobId);
        QVERIFY(QTest::qWaitFor([&] { return calls(QStringLiteral("scancel")).size() == 1; }, 10000));
        QCOMPARE(calls(QStringLiteral("scancel")).first(), QStringList {QStringLiteral("4242_1")});
        executor.cancelAll();
        QVERIFY(QTest::qWaitFor([&] { return calls(QStringLiteral("scancel")).size() == 2; }, 10000));
        QCOMPARE(calls(QStringLiteral("scancel")).at(1), QStringList {QStringLiteral("4242")});
        answer(QStringLiteral("squeue"), "4242|0|CANCELLED|None|node1\n4242|1|CANCELLED|Priority|\n");
        QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(executor.info(launched->runs.at(i).jobId).state, JobState::Cancelled);
            QCOMPARE(stored(*launched, i).status, RunStatus::Cancelled);
            QCOMPARE(stored(*launched, i).error, QString());
        }
    }

    // A cancel before sbatch has answered is carried out once it has.
    void cancelWhileSubmitting()
    {
        auto launched = launch(QStringLiteral("early"));
        QVERIFY(launched);
        launched->executor->cancelAll();
        QVERIFY(QTest::qWaitFor([&] { return calls(QStringLiteral("scancel")).size() == 1; }, 10000));
        QCOMPARE(calls(QStringLiteral("scancel")).first(), QStringList {QStringLiteral("4242")});
        answer(QStringLiteral("squeue"), "4242|0|CANCELLED|None|\n4242|1|CANCELLED|None|\n");
        QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
        QCOMPARE(stored(*launched, 0).status, RunStatus::Cancelled);
    }

    // Tasks the controller has forgotten are looked up with sacct; a task neither
    // knows fails saying so.
    void forgottenTasksAreLookedUpInAccounting()
    {
        answer(QStringLiteral("squeue"), "slurm_load_jobs error: Invalid job id specified\n", true);
        answer(QStringLiteral("sacct"), "4242_0|TIMEOUT|0:0|TimeLimit|node4\n4242_0.batch|CANCELLED|0:15||node4\n");
        auto launched = launch(QStringLiteral("forgotten"));
        QVERIFY(launched);
        QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
        QVERIFY2(
            stored(*launched, 0).error.contains(QStringLiteral("ended TIMEOUT (TimeLimit) on node4 without a result")),
            qPrintable(stored(*launched, 0).error));
        QVERIFY2(stored(*launched, 1).error.contains(QStringLiteral("Slurm no longer lists it")),
            qPrintable(stored(*launched, 1).error));
        QCOMPARE(calls(QStringLiteral("sacct")).first().last(),
            QStringLiteral("--format=JobID,State,ExitCode,Reason,NodeList"));
    }

    // Through a login node: every command goes to ssh as one line, which a shell
    // there reads back into the same words.
    void sshCarriesEveryCommand()
    {
        Runs::ClusterProfile profile;
        profile.sshHost = QStringLiteral("me@login");
        profile.partition = QStringLiteral("short");
        auto launched = launch(QStringLiteral("remote"), profile);
        QVERIFY(launched);
        QVERIFY(QTest::qWaitFor([&] { return !calls(QStringLiteral("squeue")).isEmpty(); }, 10000));
        const QList<QStringList> ssh = calls(QStringLiteral("ssh"));
        QVERIFY(ssh.size() >= 2);
        QCOMPARE(ssh.first().mid(4, 2), QStringList({QStringLiteral("--"), QStringLiteral("me@login")}));
        QVERIFY(ssh.first().at(6).startsWith(QStringLiteral("'sbatch' '--parsable'")));
        QVERIFY(calls(QStringLiteral("sbatch")).first().contains(QStringLiteral("--partition=short")));
        QCOMPARE(calls(QStringLiteral("squeue")).first().at(3), QStringLiteral("--jobs=4242"));
        launched->executor->cancelAll();
        answer(QStringLiteral("squeue"), "4242|0|CANCELLED|None|\n4242|1|CANCELLED|None|\n");
        QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
    }

    // What cannot be handed to the cluster safely is refused before anything is submitted.
    void refusalsSubmitNothing()
    {
        {
            auto launched = launch(QStringLiteral("a workspace with spaces"));
            QVERIFY(launched);
            QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
            QVERIFY2(stored(*launched, 0).error.contains(QStringLiteral("workspace path")),
                qPrintable(stored(*launched, 0).error));
        }
        {
            Runs::ClusterProfile profile;
            profile.extraSbatchArguments = {QStringLiteral("--wrap=id")};
            auto launched = launch(QStringLiteral("badprofile"), profile);
            QVERIFY(launched);
            QVERIFY(QTest::qWaitFor([&] { return launched->ended == 2; }, 10000));
            QVERIFY(stored(*launched, 0).error.contains(QStringLiteral("cluster profile")));
        }
        // Work that exists only as a function cannot go to a cluster.
        auto workspace = Store::Workspace::create(m_dir.filePath(QStringLiteral("plain"))).value();
        Runs::SlurmExecutor executor(Runs::ClusterProfile {}, workspace);
        Runs::JobRequest request;
        request.title = QStringLiteral("load a file");
        request.work = [](const Runs::JobContext &) { return Base::Status(); };
        QString message;
        const Runs::JobId id
            = executor.submit(request, [&message](const Runs::JobInfo &job) { message = job.message; });
        QCOMPARE(executor.info(id).state, JobState::Queued); // completions come later, never inside submit
        QVERIFY(QTest::qWaitFor([&] { return !message.isEmpty(); }, 10000));
        QVERIFY(message.contains(QStringLiteral("cannot run on a Slurm cluster")));
        QVERIFY(calls(QStringLiteral("sbatch")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSlurmExecutor)
#include "tst_slurmexecutor.moc"
