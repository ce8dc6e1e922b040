// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/shell/AppSettings.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QJsonArray>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Tandem;

/// File > New Run… and what MainWindow does with the dialog's spec.
class TestNewRunLaunch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("TandemTest"));
    }

    void launchesIntoTheWorkspace()
    {
        QTemporaryDir tmp;
        Runs::JobQueue jobs(2);
        Ui::AppSettings settings(
            std::make_unique<QSettings>(tmp.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        Ui::MainWindow window(&jobs, &settings);

        QAction *action = window.newRunAction();
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::New));
        QVERIFY(!action->toolTip().isEmpty());
        QVERIFY(window.menuBar()->actions().first()->menu()->actions().contains(action));

        const QJsonObject spec {{QStringLiteral("name"), QStringLiteral("iris check")},
            {QStringLiteral("dataset"),
                QJsonObject {
                    {QStringLiteral("path"), QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/iris.csv")}}},
            {QStringLiteral("target"), QStringLiteral("species")},
            {QStringLiteral("model"), QJsonObject {{QStringLiteral("id"), QStringLiteral("gnb")}}},
            {QStringLiteral("evaluation"), QJsonObject {{QStringLiteral("folds"), 3}}},
            {QStringLiteral("sweep"),
                QJsonObject {{QStringLiteral("method"), QStringLiteral("grid")},
                    {QStringLiteral("params"),
                        QJsonObject {{QStringLiteral("var_smoothing"), QJsonArray {1e-9, 1e-6}}}}}}};
        // Without a workspace nothing starts.
        QVERIFY(!window.launchRunSpec(spec));

        QVERIFY(window.openWorkspace(tmp.filePath(QStringLiteral("ws")), true));
        // Reads the data as a job, then queues the runs.
        QVERIFY2(window.launchRunSpec(spec), qPrintable(window.statusBar()->currentMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto runs = window.workspace()->store().runs();
                if (!runs.ok() || runs->size() != 2)
                    return false;
                for (const Store::RunRecord &run : runs.value()) {
                    if (run.status != Store::RunStatus::Done)
                        return false;
                }
                return true;
            }(),
            60000);

        // The next New Run offers the workspace's experiments (the sweep made one).
        const auto experiments = window.workspace()->store().experiments();
        QVERIFY(experiments.ok() && !experiments->isEmpty());
        QStringList offered;
        QTimer::singleShot(0, this, [&offered] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            if (auto *experiment = dialog->findChild<QComboBox *>(QStringLiteral("experiment"))) {
                for (int i = 0; i < experiment->count(); ++i)
                    offered << experiment->itemText(i);
            }
            dialog->reject();
        });
        action->trigger();
        for (const Store::Experiment &experiment : experiments.value())
            QVERIFY2(offered.contains(experiment.name), qPrintable(offered.join(QLatin1String(", "))));
    }
};

QTEST_MAIN(TestNewRunLaunch)
#include "tst_newrunlaunch.moc"
