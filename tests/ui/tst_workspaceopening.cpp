// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SampleRuns.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "tests/support/IniSettings.h"
#include "ui/jobs/JobListModel.h"
#include "ui/jobs/JobsDock.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBar.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Ui::MainWindow;

namespace {

QAction *runsViewAction(const MainWindow &window, const QString &text)
{
    for (QAction *action : window.runsView()->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

} // namespace

/// What MainWindow does as a workspace opens: a read-only one says so and offers
/// nothing that would write; the sample workspace runs its examples once.
class TestWorkspaceOpening : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;

    std::unique_ptr<Ui::AppSettings> settings() const
    {
        return Testing::iniSettings(m_tmp.filePath(QStringLiteral("settings.ini")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("TandemTest"));
    }

    void readOnlyWorkspaceSaysSoAndDisablesWriting()
    {
        QTemporaryDir dir;
        qint64 runId = 0;
        {
            auto workspace = Store::Workspace::create(dir.path());
            QVERIFY(workspace.ok());
            Store::NewRun run;
            run.name = QStringLiteral("kept");
            auto added = workspace.value()->store().addRun(run);
            QVERIFY2(added.ok(), qPrintable(added.error().toString()));
            runId = added.value();
            QVERIFY(workspace.value()->store().markRunning(runId).ok());
            QVERIFY(workspace.value()->store().finishRun(runId, Store::RunStatus::Done).ok());
        }

        Runs::JobQueue jobs(1);
        auto config = settings();
        MainWindow window(&jobs, config.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.newRunAction()->isEnabled());
        const QString writableTip = window.newRunAction()->toolTip();

        QVERIFY(window.openWorkspaceReadOnly(dir.path()));
        const QString notice = window.workspace()->readOnlyNotice();
        QVERIFY(!notice.isEmpty());
        // A notice in the message bar (no dialog), kept in the status bar as well.
        QVERIFY(!window.messageBar()->isHidden());
        QCOMPARE(window.messageBar()->kind(), Ui::MessageBar::Kind::Warning);
        QCOMPARE(window.messageBar()->text(), notice);
        QVERIFY(QApplication::activeModalWidget() == nullptr);
        auto *label = window.findChild<QLabel *>(QStringLiteral("workspaceLabel"));
        QVERIFY(label);
        QVERIFY2(label->text().contains(QStringLiteral("read-only")), qPrintable(label->text()));
        QVERIFY(label->toolTip().contains(notice));
        QVERIFY(window.windowTitle().contains(QStringLiteral("read-only")));

        // New Run is off, and its tooltip says why.
        QVERIFY(!window.newRunAction()->isEnabled());
        QVERIFY2(window.newRunAction()->toolTip().contains(notice), qPrintable(window.newRunAction()->toolTip()));
        // So are the Runs view's edits, with the run selected.
        QTRY_COMPARE(window.runsView()->model()->rowCount(), 1);
        window.runsView()->selectRun(runId);
        QCOMPARE(window.runsView()->currentRunId(), runId);
        const QStringList writingActions {QStringLiteral("Delete…"), QStringLiteral("Rename"), QStringLiteral("Tags…")};
        for (const QString &text : writingActions) {
            QAction *action = runsViewAction(window, text);
            QVERIFY2(action, qPrintable(text));
            QVERIFY2(!action->isEnabled(), qPrintable(text));
        }

        if (const QString shots = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR"); !shots.isEmpty()) {
            window.resize(1200, 700);
            window.showSection(MainWindow::Section::Runs);
            QVERIFY(window.grab().save(QDir(shots).filePath(QStringLiteral("readonly-workspace.png"))));
        }

        // A dataset can still be looked at, but it is not added to the workspace.
        QVERIFY(window.openDataset(QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/iris.csv")));
        QVERIFY(window.workspace()->datasetPaths().isEmpty());

        // A writable workspace takes the notice away and gives New Run back.
        QVERIFY(window.openWorkspace(m_tmp.filePath(QStringLiteral("writable")), true));
        QVERIFY(window.messageBar()->isHidden());
        QVERIFY(window.newRunAction()->isEnabled());
        QCOMPARE(window.newRunAction()->toolTip(), writableTip);
        QVERIFY(!label->text().contains(QStringLiteral("read-only")));
    }

    // A new sample workspace launches every example spec on the job queue, so the
    // Jobs dock lists them and the Runs view fills with real runs in the specs'
    // experiments; opened again, it launches nothing more.
    void sampleWorkspaceRunsItsExamplesOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sample"));
        Runs::JobQueue jobs(2);
        auto config = settings();
        MainWindow window(&jobs, config.get());
        QVERIFY(window.openSampleWorkspace(path));
        QCOMPARE(window.messageBar()->kind(), Ui::MessageBar::Kind::Information);
        QVERIFY2(
            window.messageBar()->text().contains(QStringLiteral("example")), qPrintable(window.messageBar()->text()));

        constexpr int exampleRuns = 1 + 12 + 12; // iris single run, wine grid, breast cancer random search
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto runs = window.workspace()->store().runs();
                if (!runs.ok() || runs->size() != exampleRuns)
                    return false;
                for (const Store::RunRecord &run : runs.value()) {
                    if (run.status != Store::RunStatus::Done)
                        return false;
                }
                return true;
            }(),
            120000);
        QVERIFY(window.jobsDock()->model()->rowCount() >= exampleRuns);
        QTRY_COMPARE(window.runsView()->model()->rowCount(), exampleRuns);
        const auto runs = window.workspace()->store().runs();
        QVERIFY(runs.ok());
        QSet<QString> experiments;
        for (const Store::RunRecord &run : runs.value())
            experiments << run.experimentName;
        QCOMPARE(experiments,
            (QSet<QString> {QStringLiteral("iris baselines"), QStringLiteral("wine: regularisation"),
                QStringLiteral("breast cancer: forests")}));

        // Opened again (its data now read, so a launch would queue runs at once): nothing new.
        QTRY_COMPARE(jobs.activeCount(), 0);
        QVERIFY(window.openSampleWorkspace(path));
        QCOMPARE(jobs.activeCount(), 0);
        QCOMPARE(window.workspace()->store().runs()->size(), exampleRuns);
        QVERIFY(window.messageBar()->isHidden());
    }
};

QTEST_MAIN(TestWorkspaceOpening)
#include "tst_workspaceopening.moc"
