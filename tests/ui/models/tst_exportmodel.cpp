// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs view's Export Model… (Ctrl+E): the dialog proposes a file in the
// workspace's models folder and the refit its run allows; the export runs as a
// job and writes a bundle that loads; a run that did not finish is refused with
// a message; Show in Models takes the window to the new bundle.
#include "core/bundle/Bundle.h"
#include "tests/ui/models/ModelsTestWorkspace.h"
#include "ui/models/ExportModelDialog.h"
#include "ui/models/ModelsView.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/shell/AppSettings.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBar.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace Tandem;
using namespace Tandem::ModelsTest;

namespace {

bool loaded(Ui::RunsView &view)
{
    QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
    view.refresh();
    return spy.wait(10000);
}

} // namespace

class TestExportModel : public QObject
{
    Q_OBJECT
private:
    TestWorkspace m_ws;
    qint64 m_kfold = 0;
    qint64 m_holdout = 0;
    qint64 m_failed = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TandemTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_exportmodel"));
        QSettings().clear();
        QVERIFY(m_ws.workspace);
        m_kfold
            = m_ws.run(QStringLiteral("logreg"), Eval::EvaluationSpec::Method::KFold, QStringLiteral("table logreg"));
        m_holdout = m_ws.run(
            QStringLiteral("tree"), Eval::EvaluationSpec::Method::Holdout, QStringLiteral("C=1, max_depth=3"));
        m_failed = m_ws.failedRun(QStringLiteral("diverged"), QStringLiteral("the solver diverged"));
        QVERIFY(m_kfold > 0 && m_holdout > 0 && m_failed > 0);
    }

    void theActionExportsACrossValidatedRunRefitted()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        view.setWorkspace(m_ws.workspace);
        QVERIFY(loaded(view));
        QVERIFY(!view.exportModelAction()->isEnabled()); // nothing selected
        view.selectRun(m_kfold);
        QVERIFY(view.exportModelAction()->isEnabled());
        QCOMPARE(view.exportModelAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+E")));

        const QString expected = QDir(m_ws.modelsFolder()).filePath(QStringLiteral("table-logreg.tandem"));
        QString proposed;
        bool refitChecked = false;
        bool refitEnabled = true;
        whenDialogOpens<Ui::ExportModelDialog>([&](Ui::ExportModelDialog *dialog) {
            QVERIFY(dialog);
            saveScreenshot(dialog, QStringLiteral("export-dialog-cross-validated"));
            proposed = dialog->path();
            refitChecked = dialog->refitBox()->isChecked();
            refitEnabled = dialog->refitBox()->isEnabled();
            dialog->acceptWithoutAsking();
        });
        QSignalSpy exported(&view, &Ui::RunsView::modelExported);
        view.exportModelAction()->trigger();
        // The dialog proposed a file in <workspace>/models named after the run, and a
        // cross-validated run can only be refitted (no fold's model is the run's).
        QCOMPARE(proposed, expected);
        QVERIFY(refitChecked);
        QVERIFY(!refitEnabled);

        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        QCOMPARE(exported.first().at(0).toLongLong(), m_kfold);
        QCOMPARE(exported.first().at(1).toString(), expected);
        const auto bundle = Bundle::Bundle::load(expected);
        QVERIFY2(bundle.ok(), qPrintable(bundle.error().toString()));
        const Bundle::BundleManifest &manifest = bundle.value().manifest();
        QCOMPARE(manifest.runId, std::optional<qint64>(m_kfold));
        QCOMPARE(manifest.runName, QStringLiteral("table logreg"));
        QCOMPARE(manifest.fitScope, Bundle::FitScope::AllRows);
        QCOMPARE(manifest.fitRows, qint64(120));
        QCOMPARE(manifest.datasetPath, m_ws.csvPath);

        // The note names the file and offers to show it.
        QVERIFY(view.messageBar()->isVisibleTo(&view));
        QCOMPARE(view.messageBar()->kind(), Ui::MessageBar::Kind::Information);
        QVERIFY(view.messageBar()->text().contains(QDir::toNativeSeparators(expected)));
        QCOMPARE(view.messageBar()->actions().size(), 1);
        QSignalSpy show(&view, &Ui::RunsView::showBundleRequested);
        view.messageBar()->actions().first()->trigger();
        QCOMPARE(show.count(), 1);
        QCOMPARE(show.first().first().toString(), expected);

        // A second export proposes a new name instead of replacing the first.
        const auto run = view.model()->runById(m_kfold);
        QVERIFY(run);
        QCOMPARE(Ui::ExportModelDialog::defaultBundlePath(m_ws.path(), *run),
            QDir(m_ws.modelsFolder()).filePath(QStringLiteral("table-logreg-2.tandem")));
    }

    void aHoldoutRunCanKeepTheModelItEvaluated()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        view.setWorkspace(m_ws.workspace);
        QVERIFY(loaded(view));
        view.selectRun(m_holdout);
        const QString path = m_ws.dir.filePath(QStringLiteral("elsewhere/kept"));
        QString proposed;
        whenDialogOpens<Ui::ExportModelDialog>([&](Ui::ExportModelDialog *dialog) {
            QVERIFY(dialog);
            proposed = dialog->path();
            QVERIFY(dialog->refitBox()->isEnabled());
            QVERIFY(dialog->refitBox()->isChecked()); // refit by default, as tandem-cli export
            dialog->refitBox()->setChecked(false);
            saveScreenshot(dialog, QStringLiteral("export-dialog-holdout"));
            QCOMPARE(dialog->scope(), Bundle::FitScope::HoldoutTraining);
            dialog->pathField()->setText(QDir::toNativeSeparators(path));
            QCOMPARE(dialog->path(), path + QStringLiteral(".tandem")); // the suffix is added
            dialog->acceptWithoutAsking();
        });
        QSignalSpy exported(&view, &Ui::RunsView::modelExported);
        view.exportModelAction()->trigger();
        // A sweep-like name ("C=1, max_depth=3") makes a poor file name: the model and run id instead.
        QCOMPARE(QFileInfo(proposed).fileName(), QStringLiteral("tree-run%1.tandem").arg(m_holdout));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        const auto bundle = Bundle::Bundle::load(path + QStringLiteral(".tandem"));
        QVERIFY2(bundle.ok(), qPrintable(bundle.error().toString()));
        QCOMPARE(bundle.value().manifest().fitScope, Bundle::FitScope::HoldoutTraining);
        QVERIFY(bundle.value().manifest().fitRows < 120);
    }

    void aRunThatDidNotFinishIsRefusedWithAMessage()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        view.setWorkspace(m_ws.workspace);
        QVERIFY(loaded(view));
        view.selectRun(m_failed);
        bool dialogOpened = false;
        whenDialogOpens<Ui::ExportModelDialog>([&](Ui::ExportModelDialog *dialog) {
            dialogOpened = dialog != nullptr;
            if (dialog)
                dialog->reject();
        });
        view.exportModelAction()->trigger();
        QCoreApplication::processEvents();
        QVERIFY(!dialogOpened);
        QCOMPARE(view.messageBar()->kind(), Ui::MessageBar::Kind::Error);
        QCOMPARE(view.messageBar()->text(),
            QStringLiteral("Cannot export “diverged”: it has not finished successfully (status failed: the solver "
                           "diverged). Only a run that is done has a model to export."));
    }

    void aFailedExportSaysWhy()
    {
        // The data a run was fitted on changed since: the export cannot rebuild its model.
        TestWorkspace ws;
        const qint64 id = ws.run(QStringLiteral("logreg"), Eval::EvaluationSpec::Method::KFold, QStringLiteral("x"));
        QVERIFY(id > 0);
        QVERIFY(writeFile(ws.csvPath, BundleTest::tableCsv(60)));
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        view.setWorkspace(ws.workspace);
        QVERIFY(loaded(view));
        const QString path = QDir(ws.modelsFolder()).filePath(QStringLiteral("x.tandem"));
        view.exportModel(id, path, Bundle::FitScope::AllRows);
        QTRY_VERIFY_WITH_TIMEOUT(view.messageBar()->kind() == Ui::MessageBar::Kind::Error, 30000);
        QVERIFY2(view.messageBar()->text().startsWith(QStringLiteral("Cannot export the model of “x”: ")),
            qPrintable(view.messageBar()->text()));
        QVERIFY2(
            view.messageBar()->text().contains(QStringLiteral("fingerprint")), qPrintable(view.messageBar()->text()));
        QVERIFY(!QFileInfo::exists(path));
    }

    void showInModelsSelectsTheBundle()
    {
        Runs::JobQueue jobs(1);
        Ui::AppSettings settings(
            std::make_unique<QSettings>(m_ws.dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        Ui::MainWindow window(&jobs, &settings);
        QVERIFY(window.openWorkspace(m_ws.path()));
        QVERIFY(loaded(*window.runsView()));
        const QString path = QDir(m_ws.modelsFolder()).filePath(QStringLiteral("shown.tandem"));
        QSignalSpy exported(window.runsView(), &Ui::RunsView::modelExported);
        window.runsView()->exportModel(m_kfold, path, Bundle::FitScope::AllRows);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
        window.runsView()->messageBar()->actions().first()->trigger();
        QCOMPARE(window.currentSection(), Ui::MainWindow::Section::Models);
        QTRY_COMPARE_WITH_TIMEOUT(window.modelsView()->currentBundle(), path, 10000);
    }
};

QTEST_MAIN(TestExportModel)
#include "tst_exportmodel.moc"
