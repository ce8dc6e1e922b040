// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/FakeSlurm.h"
#include "core/runs/ClusterPlan.h"
#include "core/runs/ClusterTask.h"
#include "core/runs/SlurmExecutor.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/cluster/ClusterExecutors.h"
#include "ui/jobs/JobListModel.h"
#include "ui/jobs/JobsDock.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/runs/newrun/NewRunDialog.h"
#include "ui/shell/AppSettings.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Tandem;

namespace {

const QString irisPath = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/iris.csv");

/// A three-run sweep on iris.
QJsonObject sweepSpec()
{
    return QJsonObject {{QStringLiteral("name"), QStringLiteral("iris on the cluster")},
        {QStringLiteral("dataset"), QJsonObject {{QStringLiteral("path"), irisPath}}},
        {QStringLiteral("target"), QStringLiteral("species")},
        {QStringLiteral("model"), QJsonObject {{QStringLiteral("id"), QStringLiteral("gnb")}}},
        {QStringLiteral("evaluation"),
            QJsonObject {{QStringLiteral("method"), QStringLiteral("kfold")}, {QStringLiteral("folds"), 3}}},
        {QStringLiteral("sweep"),
            QJsonObject {{QStringLiteral("method"), QStringLiteral("grid")},
                {QStringLiteral("params"),
                    QJsonObject {{QStringLiteral("var_smoothing"), QJsonArray {1e-9, 1e-6, 1e-3}}}}}}};
}

Runs::ClusterProfile hpc()
{
    Runs::ClusterProfile profile;
    profile.name = QStringLiteral("hpc");
    profile.partition = QStringLiteral("batch");
    profile.pollIntervalSeconds = 1;
    profile.resultWaitSeconds = 0;
    return profile;
}

} // namespace

/// New Run's "Execute on" a cluster profile: the runs go to a SlurmExecutor as one
/// job array (stand-in Slurm commands), the Jobs dock shows each task's Slurm state
/// and cancels with scancel, and the Runs view tells the runs by their executor.
class TestClusterLaunch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// The dock's row of array task `task`, or -1.
    static int rowOfTask(const Ui::JobListModel &model, int task)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto *executor = qobject_cast<Runs::SlurmExecutor *>(model.executorAt(row));
            if (executor && executor->slurmJob(model.jobAt(row)).taskIndex == task)
                return row;
        }
        return -1;
    }

    static QString cell(const Ui::JobListModel &model, int task, int column, int role = Qt::DisplayRole)
    {
        const int row = rowOfTask(model, task);
        return row < 0 ? QString() : model.index(row, column).data(role).toString();
    }

    /// Triggers File > New Run…, asks for `cluster` under Execute on with `spec`,
    /// and starts once the dialog accepts the spec; the options offered come back.
    QStringList startFromDialog(Ui::MainWindow &window, const QJsonObject &spec, const QString &cluster)
    {
        QStringList offered;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<Ui::NewRunDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            auto *executeOn = dialog->findChild<QComboBox *>(QStringLiteral("executeOn"));
            for (int i = 0; executeOn && i < executeOn->count(); ++i)
                offered << executeOn->itemText(i);
            QCOMPARE(dialog->executeOn(), QString()); // this machine by default
            dialog->setSpec(spec);
            dialog->setExecuteOn(cluster);
            if (!QTest::qWaitFor([dialog] { return dialog->isValid(); }, 30000)) {
                qWarning() << dialog->validationError();
                dialog->reject();
                return;
            }
            dialog->startButton()->click();
        });
        window.newRunAction()->trigger();
        return offered;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("TandemClusterTest"));
        QVERIFY(m_dir.isValid());
    }

    void newRunOnAClusterFollowsTheJobArray()
    {
        FakeSlurm slurm;
        QVERIFY(slurm.answer(QStringLiteral("sbatch"), "4242\n"));
        QVERIFY(slurm.answer(QStringLiteral("squeue"),
            "4242|0|PENDING|Priority|\n4242|1|PENDING|Priority|\n4242|2|PENDING|JobArrayTaskLimit|\n"));
        Runs::JobQueue jobs(2);
        Ui::AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        settings.setClusterProfiles({hpc()});
        Ui::MainWindow window(&jobs, &settings);
        window.resize(1300, 850);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openWorkspace(m_dir.filePath(QStringLiteral("ws")), true));

        // Edit > Settings… is there, with Ctrl+,.
        QVERIFY(window.settingsAction());
        QCOMPARE(window.settingsAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));

        const QStringList offered = startFromDialog(window, sweepSpec(), QStringLiteral("hpc"));
        QCOMPARE(offered, QStringList({QStringLiteral("This machine"), QStringLiteral("Slurm: hpc")}));

        // One job array of three tasks, through the profile's SlurmExecutor.
        QTRY_COMPARE_WITH_TIMEOUT(slurm.calls(QStringLiteral("sbatch")).size(), 1, 30000);
        const QStringList sbatch = slurm.calls(QStringLiteral("sbatch")).constFirst();
        QVERIFY2(sbatch.contains(QStringLiteral("--array=0-2")), qPrintable(sbatch.join(QLatin1Char(' '))));
        QVERIFY(sbatch.contains(QStringLiteral("--partition=batch")));
        QCOMPARE(window.clusterExecutors()->executors().size(), 1);
        Runs::SlurmExecutor *executor = window.clusterExecutors()->executors().constFirst();
        QCOMPARE(executor->profile(), hpc());

        const auto runs = window.workspace()->store().runs();
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), 3);
        for (const Store::RunRecord &run : runs.value())
            QCOMPARE(run.executor, QStringLiteral("slurm"));

        // The Jobs dock: each task with its Slurm state and array id.
        const Ui::JobListModel &model = *window.jobsDock()->model();
        int clusterRows = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            clusterRows += model.executorAt(row) == executor ? 1 : 0;
        QCOMPARE(clusterRows, 3); // besides reading the dataset, which ran here
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 2, Ui::JobListModel::StateColumn), QStringLiteral("PENDING"), 20000);
        QCOMPARE(cell(model, 2, Ui::JobListModel::WhereColumn), QStringLiteral("Slurm hpc · 4242_2"));
        QCOMPARE(cell(model, 2, Ui::JobListModel::DetailColumn),
            QStringLiteral("Slurm 4242_2: PENDING (JobArrayTaskLimit)"));
        QVERIFY(cell(model, 2, Ui::JobListModel::StateColumn, Qt::ToolTipRole)
                    .contains(QLatin1String("reason: JobArrayTaskLimit")));
        QCOMPARE(model.headerData(Ui::JobListModel::WhereColumn, Qt::Horizontal).toString(), QStringLiteral("Runs on"));
        QVERIFY(!window.jobsDock()->view()->isColumnHidden(Ui::JobListModel::WhereColumn));

        QVERIFY(slurm.answer(QStringLiteral("squeue"),
            "4242|0|RUNNING|None|node1\n4242|1|PENDING|Priority|\n4242|2|PENDING|JobArrayTaskLimit|\n"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 0, Ui::JobListModel::StateColumn), QStringLiteral("RUNNING"), 20000);
        QVERIFY(cell(model, 0, Ui::JobListModel::StateColumn, Qt::ToolTipRole).contains(QLatin1String("on node1")));

        // Cancel (the row's button) is scancel of that array task.
        QTableView *view = window.jobsDock()->view();
        const QRect button = view->visualRect(model.index(rowOfTask(model, 1), Ui::JobListModel::CancelColumn));
        QVERIFY(button.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, button.center());
        QTRY_COMPARE_WITH_TIMEOUT(slurm.calls(QStringLiteral("scancel")).size(), 1, 20000);
        QCOMPARE(slurm.calls(QStringLiteral("scancel")).constFirst(), QStringList({QStringLiteral("4242_1")}));
        QVERIFY(slurm.answer(QStringLiteral("squeue"),
            "4242|0|RUNNING|None|node1\n4242|1|CANCELLED|None|\n4242|2|FAILED|NonZeroExitCode|node2\n"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 1, Ui::JobListModel::StateColumn), QStringLiteral("CANCELLED"), 20000);

        // A task that failed without a result: Slurm's state, its reason and its log.
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 2, Ui::JobListModel::StateColumn), QStringLiteral("FAILED"), 20000);
        const QString tip = cell(model, 2, Ui::JobListModel::DetailColumn, Qt::ToolTipRole);
        const Runs::SlurmJobInfo failed = executor->slurmJob(model.jobAt(rowOfTask(model, 2)));
        QVERIFY2(tip.contains(QLatin1String("NonZeroExitCode")), qPrintable(tip));
        QVERIFY2(tip.contains(failed.logPath), qPrintable(tip));
        QVERIFY(!model.index(rowOfTask(model, 2), Ui::JobListModel::CancelColumn)
                     .data(Ui::JobListModel::CancellableRole)
                     .toBool());

        screenshots(window);

        // Task 0 runs here, as its node would, and leaves its result: done.
        const Runs::SlurmJobInfo first = executor->slurmJob(model.jobAt(rowOfTask(model, 0)));
        const Runs::BatchFiles files(window.workspace()->path(), first.batch);
        Base::NullProgressSink sink;
        QVERIFY(Runs::runClusterTask(files.planPath(), 0, window.workspace()->path(), 1, Base::Progress(sink)).ok());
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 0, Ui::JobListModel::StateColumn), QStringLiteral("COMPLETED"), 20000);
        QCOMPARE(cell(model, 0, Ui::JobListModel::DetailColumn),
            QStringLiteral("Slurm 4242_0: COMPLETED on node1, result imported"));
        QCOMPARE(executor->activeCount(), 0);

        // The Runs view: an Executor column, shown since these runs ran elsewhere,
        // and the failed run's details carry Slurm's reason and the log.
        Ui::RunsView *runsView = window.runsView();
        runsView->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(runsView->model()->rowCount(), 3, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const Store::RunRecord &run : runsView->model()->runs()) {
                    if (run.status == Store::RunStatus::Queued || run.status == Store::RunStatus::Running)
                        return false;
                }
                return true;
            }(),
            20000);
        const int executorColumn = runsView->model()->columnOf(QStringLiteral("executor"));
        QVERIFY(executorColumn >= 0);
        QCOMPARE(runsView->model()->headerData(executorColumn, Qt::Horizontal).toString(), QStringLiteral("Executor"));
        QCOMPARE(runsView->model()->index(0, executorColumn).data().toString(), QStringLiteral("slurm"));
        QVERIFY(runsView->isColumnShown(QStringLiteral("executor")));
        QVERIFY(!runsView->table()->isColumnHidden(executorColumn));
        const Store::RunRecord *failedRun = runsView->model()->runById(failed.runId);
        QVERIFY(failedRun);
        QCOMPARE(failedRun->status, Store::RunStatus::Failed);
        QVERIFY2(failedRun->error.contains(QLatin1String("NonZeroExitCode")), qPrintable(failedRun->error));
        QVERIFY2(failedRun->error.contains(failed.logPath), qPrintable(failedRun->error));
        runsView->selectRun(failed.runId);
        QTRY_VERIFY_WITH_TIMEOUT(runsView->errorText().contains(QLatin1String("NonZeroExitCode")), 20000);
        QVERIFY(runsView->errorText().contains(failed.logPath));
        auto *subtitle = runsView->findChild<QLabel *>(QStringLiteral("runSubtitle"));
        QVERIFY(subtitle);
        QVERIFY2(subtitle->text().contains(QLatin1String("executor: slurm")), qPrintable(subtitle->text()));
    }

    // While every job runs here, the dock does not say where each runs.
    void jobsDockSaysWhereOnlyWithACluster()
    {
        Runs::JobQueue jobs(1);
        Ui::JobsDock dock(&jobs);
        QVERIFY(dock.view()->isColumnHidden(Ui::JobListModel::WhereColumn));
        auto workspace = Store::Workspace::create(m_dir.filePath(QStringLiteral("dock-ws"))).value();
        Runs::SlurmExecutor executor(hpc(), workspace);
        dock.addExecutor(&executor);
        QVERIFY(!dock.view()->isColumnHidden(Ui::JobListModel::WhereColumn));
    }

    // Runs executed here only: the Executor column is there but hidden until chosen.
    void executorColumnHiddenForLocalRuns()
    {
        QSettings().remove(QStringLiteral("runs"));
        Ui::RunsTableModel model;
        Store::RunRecord run;
        run.id = 1;
        run.name = QStringLiteral("local run");
        model.setRuns({run});
        QVERIFY(!model.hasRunsElsewhere());
        QVERIFY(Ui::RunsTableModel::isOptionalKey(QStringLiteral("executor")));
        QCOMPARE(model.index(0, model.columnOf(QStringLiteral("executor"))).data().toString(), QStringLiteral("local"));
        run.executor = QStringLiteral("slurm");
        model.setRuns({run});
        QVERIFY(model.hasRunsElsewhere());
    }

    // A New Run for a cluster refuses successive halving (it runs here only).
    void halvingStaysOnThisMachine()
    {
        Ui::NewRunDialog dialog;
        dialog.setClusterProfiles({QStringLiteral("hpc")});
        QJsonObject spec = sweepSpec();
        QJsonObject sweep = spec.value(QStringLiteral("sweep")).toObject();
        sweep.insert(QStringLiteral("halving"), QJsonObject {{QStringLiteral("factor"), 3}});
        spec.insert(QStringLiteral("sweep"), sweep);
        dialog.setSpec(spec);
        QVERIFY(QTest::qWaitFor([&] { return dialog.isValid(); }, 30000));
        dialog.setExecuteOn(QStringLiteral("hpc"));
        QCOMPARE(dialog.executeOn(), QStringLiteral("hpc"));
        QVERIFY(!dialog.isValid());
        QVERIFY2(dialog.validationError().contains(QLatin1String("successive halving")),
            qPrintable(dialog.validationError()));
        dialog.setExecuteOn(QString());
        QVERIFY(dialog.isValid());
    }

private:
    void screenshots(Ui::MainWindow &window)
    {
        const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        window.jobsDock()->show();
        window.resizeDocks({window.jobsDock()}, {260}, Qt::Vertical);
        QTest::qWait(100);
        QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("jobs-cluster.png"))));
        QVERIFY(window.jobsDock()->grab().save(QDir(dir).filePath(QStringLiteral("jobs-cluster-dock.png"))));
        Ui::NewRunDialog dialog;
        dialog.setClusterProfiles({QStringLiteral("hpc"), QStringLiteral("gpu-login")});
        dialog.setSpec(sweepSpec());
        dialog.setExecuteOn(QStringLiteral("hpc"));
        dialog.resize(1150, 820);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(QTest::qWaitFor([&] { return dialog.isValid(); }, 30000));
        QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("newrun-execute-on.png"))));
    }
};

QTEST_MAIN(TestClusterLaunch)
#include "tst_clusterlaunch.moc"
