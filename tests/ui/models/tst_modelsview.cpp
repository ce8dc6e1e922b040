// SPDX-License-Identifier: GPL-3.0-or-later
// The Models view: bundles of the workspace's models folder listed with what
// their manifests say and a details pane; files that are not usable bundles
// listed with their refusal; a bundle written into the folder (a CLI export)
// appearing by itself; added and removed bundles remembered; scoring a dataset
// as a job into <workspace>/scored, opened as a dataset whose predictions are
// the Scorer's; schema errors naming line and column; Send to Drift.
#include "core/bundle/Bundle.h"
#include "core/bundle/Scorer.h"
#include "core/data/CsvReader.h"
#include "tests/ui/models/ModelsTestWorkspace.h"
#include "ui/data/DatasetTableModel.h"
#include "ui/data/DatasetsView.h"
#include "ui/models/BundleDetails.h"
#include "ui/models/BundleListModel.h"
#include "ui/models/ModelsView.h"
#include "ui/models/ScoreDatasetDialog.h"
#include "ui/shell/AppSettings.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/MessageBar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace Tandem;
using namespace Tandem::ModelsTest;
using Ui::BundleListModel;

namespace {

bool loaded(Ui::ModelsView &view)
{
    QSignalSpy spy(&view, &Ui::ModelsView::bundlesLoaded);
    view.rescan();
    return spy.wait(10000);
}

QString cell(const Ui::ModelsView &view, const QString &path, int column, int role = Qt::DisplayRole)
{
    const int row = view.model()->rowOf(path);
    return row < 0 ? QStringLiteral("<not listed>") : view.model()->index(row, column).data(role).toString();
}

} // namespace

class TestModelsView : public QObject
{
    Q_OBJECT
private:
    TestWorkspace m_ws;
    qint64 m_runId = 0;
    QString m_bundle;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TandemTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_modelsview"));
        QSettings().clear();
        QVERIFY(m_ws.workspace);
        m_runId
            = m_ws.run(QStringLiteral("logreg"), Eval::EvaluationSpec::Method::KFold, QStringLiteral("table logreg"));
        QVERIFY(m_runId > 0);
        m_bundle = m_ws.exportRun(m_runId, QStringLiteral("table-logreg.tandem"));
        QVERIFY(!m_bundle.isEmpty());
    }

    void anEmptyWorkspaceExplainsHowToExport()
    {
        TestWorkspace empty;
        Runs::JobQueue jobs(1);
        Ui::ModelsView view(&jobs, nullptr, nullptr, {});
        view.setWorkspace(empty.workspace);
        QVERIFY(view.showsEmptyState()); // nothing to read: no flash of an empty table
        QVERIFY(loaded(view));
        QVERIFY(view.showsEmptyState());
    }

    void bundlesAreListedWithTheirManifest()
    {
        const QString truncated = QDir(m_ws.modelsFolder()).filePath(QStringLiteral("truncated.tandem"));
        QFile source(m_bundle);
        QVERIFY(source.open(QIODevice::ReadOnly));
        QVERIFY(writeFile(truncated, source.readAll().left(500)));
        const QString notABundle = QDir(m_ws.modelsFolder()).filePath(QStringLiteral("notes.tandem"));
        QVERIFY(writeFile(notABundle, "these are my notes\n"));
        const auto cleanup = qScopeGuard([&] {
            QFile::remove(truncated);
            QFile::remove(notABundle);
        });

        Runs::JobQueue jobs(1);
        Ui::ModelsView view(&jobs, nullptr, nullptr, {});
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setWorkspace(m_ws.workspace);
        QVERIFY(loaded(view));
        QVERIFY(!view.showsEmptyState());
        QCOMPARE(view.model()->rowCount(), 3);

        const auto manifest = Bundle::Bundle::loadManifest(m_bundle).value();
        QCOMPARE(cell(view, m_bundle, BundleListModel::Name), QStringLiteral("table-logreg"));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Model), QStringLiteral("Logistic regression"));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Task), QStringLiteral("classification"));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Target), QStringLiteral("label"));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Classes), QStringLiteral("3: a, b, c"));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Metrics), BundleListModel::metricsText(manifest, 2));
        QVERIFY(cell(view, m_bundle, BundleListModel::Metrics).startsWith(QStringLiteral("accuracy 0.")));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Dataset), QStringLiteral("table.csv"));
        QVERIFY(cell(view, m_bundle, BundleListModel::Dataset, Qt::ToolTipRole).contains(manifest.datasetFingerprint));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Run), QStringLiteral("#%1 table logreg").arg(m_runId));
        QCOMPARE(cell(view, m_bundle, BundleListModel::Size), QLocale().formattedDataSize(QFileInfo(m_bundle).size()));
        QVERIFY(cell(view, m_bundle, BundleListModel::Created, Qt::ToolTipRole).contains(manifest.appVersion));

        // The files that are not usable bundles are listed with their refusal, last.
        QVERIFY(view.model()->index(view.model()->rowOf(truncated), 0).data(BundleListModel::FailedRole).toBool());
        QVERIFY2(cell(view, truncated, BundleListModel::Model)
                     .startsWith(QStringLiteral("Cannot be used: the bundle is truncated")),
            qPrintable(cell(view, truncated, BundleListModel::Model)));
        QCOMPARE(cell(view, notABundle, BundleListModel::Model),
            QStringLiteral("Cannot be used: not a Tandem model bundle (it does not start with a bundle's signature)"));
        QCOMPARE(view.table()->model()->index(0, 0).data(BundleListModel::PathRole).toString(), m_bundle);
        const int failedRow = view.table()->model()->rowCount() - 1;
        QCOMPARE(view.table()->columnSpan(failedRow, BundleListModel::Model),
            BundleListModel::Size - BundleListModel::Model);

        // The usable bundle is selected first; the details pane shows its manifest.
        QCOMPARE(view.currentBundle(), m_bundle);
        QVERIFY(view.scoreAction()->isEnabled());
        Ui::BundleDetails *details = view.details();
        QCOMPARE(details->field(QStringLiteral("fingerprint")), manifest.datasetFingerprint);
        QCOMPARE(details->field(QStringLiteral("model")), QStringLiteral("Logistic regression (logreg)"));
        QCOMPARE(details->field(QStringLiteral("dataset")), QDir::toNativeSeparators(m_ws.csvPath));
        QCOMPARE(details->field(QStringLiteral("evaluation")), manifest.evaluation);
        QVERIFY(details->field(QStringLiteral("run")).contains(QStringLiteral("run #%1").arg(m_runId)));
        QVERIFY(details->field(QStringLiteral("fitted")).startsWith(QStringLiteral("120 rows")));
        QTableWidget *schema = details->schemaTable();
        QCOMPARE(schema->rowCount(), manifest.inputs.columns().size());
        for (int row = 0; row < schema->rowCount(); ++row) {
            const Bundle::InputColumn &column = manifest.inputs.columns().at(row);
            QCOMPARE(schema->item(row, 0)->text(), column.name);
            QCOMPARE(schema->item(row, 1)->text(), Data::columnTypeName(column.type));
            QCOMPARE(schema->item(row, 2)->text(), column.categories.join(QStringLiteral(", ")));
        }
        QCOMPARE(schema->item(3, 0)->text(), QStringLiteral("color"));
        QCOMPARE(schema->item(3, 2)->text(), QStringLiteral("blue, green, missing, red")); // missing: its own category
        QCOMPARE(details->metricsTable()->rowCount(), manifest.metrics.size());
        QCOMPARE(QJsonDocument::fromJson(details->specText().toUtf8()).object(), manifest.runSpec);

        // A damaged file's details say why it cannot be used; it cannot be scored.
        view.selectBundle(truncated);
        QVERIFY(details->errorText().contains(QStringLiteral("the bundle is truncated")));
        QVERIFY(!view.scoreAction()->isEnabled());
        QVERIFY(!view.driftAction()->isEnabled());
        QVERIFY(view.removeAction()->isEnabled());
    }

    void aBundleWrittenIntoTheFolderAppearsByItself()
    {
        TestWorkspace ws;
        const qint64 id = ws.run(QStringLiteral("gnb"), Eval::EvaluationSpec::Method::KFold, QStringLiteral("gnb"));
        QVERIFY(id > 0);
        Runs::JobQueue jobs(1);
        Ui::ModelsView view(&jobs, nullptr, nullptr, {});
        view.setWorkspace(ws.workspace);
        QVERIFY(loaded(view));
        QVERIFY(view.showsEmptyState());
        // As `tandem-cli export` does: the folder made, the file saved (QSaveFile: a temporary renamed).
        const QString first = ws.exportRun(id, QStringLiteral("first.tandem"));
        QVERIFY(!first.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowOf(first), 0, 10000);
        QVERIFY(!view.showsEmptyState());
        const QString second = ws.exportRun(id, QStringLiteral("second.tandem"));
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOf(second) >= 0, 10000);
        QFile::remove(first);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowOf(first), -1, 10000);
        QCOMPARE(view.model()->rowCount(), 1);
    }

    void addedAndRemovedBundlesAreRemembered()
    {
        const QString outside = m_ws.dir.filePath(QStringLiteral("copy.tandem"));
        QVERIFY(QFile::copy(m_bundle, outside));
        Runs::JobQueue jobs(1);
        {
            Ui::ModelsView view(&jobs, nullptr, nullptr, {});
            view.setWorkspace(m_ws.workspace);
            QVERIFY(loaded(view));
            QSignalSpy listed(&view, &Ui::ModelsView::bundlesLoaded);
            QVERIFY(view.addBundle(outside));
            QVERIFY(listed.wait(10000));
            QCOMPARE(view.currentBundle(), outside);
            QVERIFY(cell(view, outside, BundleListModel::Name, Qt::ToolTipRole).contains(QStringLiteral("by hand")));
            QVERIFY(!view.addBundle(m_ws.dir.filePath(QStringLiteral("missing.tandem"))));
            QCOMPARE(view.messageBar()->kind(), Ui::MessageBar::Kind::Error);
        }
        {
            // Another view of the same workspace (the next session) lists it too.
            Ui::ModelsView view(&jobs, nullptr, nullptr, {});
            view.setWorkspace(m_ws.workspace);
            QVERIFY(loaded(view));
            QVERIFY(view.model()->rowOf(outside) >= 0);
            view.removeFromList(outside);
            view.removeFromList(m_bundle); // in the folder: hidden, the file stays
            QCOMPARE(view.model()->rowOf(outside), -1);
            QCOMPARE(view.model()->rowOf(m_bundle), -1);
            QVERIFY(QFileInfo::exists(m_bundle));
            QVERIFY(view.messageBar()->text().contains(QStringLiteral("Add Bundle… lists it again")));
        }
        {
            Ui::ModelsView view(&jobs, nullptr, nullptr, {});
            view.setWorkspace(m_ws.workspace);
            QVERIFY(loaded(view));
            QCOMPARE(view.model()->rowOf(outside), -1);
            QCOMPARE(view.model()->rowOf(m_bundle), -1);
            QSignalSpy listed(&view, &Ui::ModelsView::bundlesLoaded);
            QVERIFY(view.addBundle(m_bundle));
            QVERIFY(listed.wait(10000));
            QCOMPARE(view.currentBundle(), m_bundle);
        }
        QFile::remove(outside);
    }

    void scoringOpensTheDataWithTheScorersPredictions()
    {
        Runs::JobQueue jobs(1);
        Ui::AppSettings settings(
            std::make_unique<QSettings>(m_ws.dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        Ui::MainWindow window(&jobs, &settings);
        QVERIFY(window.openWorkspace(m_ws.path()));
        Ui::ModelsView *view = window.modelsView();
        QVERIFY(loaded(*view));
        QSignalSpy opened(&window, &Ui::MainWindow::datasetOpened);
        view->scoreDataset(m_bundle, m_ws.csvPath);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30000);

        // A real file in <workspace>/scored, added to the workspace and shown in Datasets.
        const QString scored = opened.first().first().toString();
        QCOMPARE(scored, QDir(m_ws.scoredFolder()).filePath(QStringLiteral("table-table-logreg.csv")));
        QVERIFY(m_ws.workspace->datasetPaths().contains(scored));
        QCOMPARE(window.currentSection(), Ui::MainWindow::Section::Datasets);
        QCOMPARE(window.datasetsView()->currentDataset(), scored);
        QTRY_COMPARE_WITH_TIMEOUT(window.datasetsView()->tableModel()->columnCount(), 6 + 1 + 3, 10000);
        QCOMPARE(window.datasetsView()->tableModel()->rowCount(), 120);
        QCOMPARE(view->lastScored(m_bundle), scored);
        QVERIFY(view->messageBar()->text().contains(QStringLiteral("Scored 120 rows of table.csv")));

        // The data's columns, then the predictions: those of the Scorer on the table, bit for bit.
        const auto read = Data::CsvReader::read(scored);
        QVERIFY2(read.ok(), qPrintable(read.error().toString()));
        const Data::Dataset &out = *read.value().dataset;
        const auto bundle = std::make_shared<const Bundle::Bundle>(Bundle::Bundle::load(m_bundle).value());
        const Bundle::Scorer scorer(bundle);
        QCOMPARE(out.columnNames(),
            QStringList({QStringLiteral("x"), QStringLiteral("n"), QStringLiteral("flag"), QStringLiteral("color"),
                QStringLiteral("label"), QStringLiteral("y")})
                + scorer.outputColumns(true));
        const auto table = BundleTest::table();
        Bundle::ScoreOptions options;
        options.probabilities = true;
        Bundle::RowPlaces places;
        places.source = QStringLiteral("table");
        const auto scores = scorer.score(*table, places, options);
        QVERIFY(scores.ok());
        const Data::Column &prediction = out.column(out.indexOf(QStringLiteral("prediction")));
        for (qint64 row = 0; row < out.rowCount(); ++row) {
            QCOMPARE(prediction.toString(row), scores.value().labels.at(row));
            for (Eigen::Index k = 0; k < 3; ++k) {
                const Data::Column &proba = out.column(6 + 1 + k);
                QCOMPARE(proba.toDouble(row), scores.value().probabilities(Eigen::Index(row), k));
            }
            QCOMPARE(out.column(0).toString(row), table->column(0).toString(row));
        }

        window.resize(1300, 820);
        window.showSection(Ui::MainWindow::Section::Models);
        saveScreenshot(&window, QStringLiteral("models-after-scoring"));

        // Send to Drift: the training data against the data just scored.
        QSignalSpy drift(view, &Ui::ModelsView::driftRequested);
        window.showSection(Ui::MainWindow::Section::Models);
        view->selectBundle(m_bundle);
        view->driftAction()->trigger();
        QCOMPARE(drift.count(), 1);
        QCOMPARE(drift.first().at(0).toString(), m_ws.csvPath);
        QCOMPARE(drift.first().at(1).toString(), scored);
        QCOMPARE(window.currentSection(), Ui::MainWindow::Section::Drift);
    }

    void theScoreDialogOffersTheDatasets()
    {
        Runs::JobQueue jobs(1);
        Ui::ModelsView view(&jobs, nullptr, nullptr, {});
        view.setWorkspace(m_ws.workspace);
        QVERIFY(loaded(view));
        view.selectBundle(m_bundle);
        bool shown = false;
        whenDialogOpens<Ui::ScoreDatasetDialog>([&](Ui::ScoreDatasetDialog *dialog) {
            QVERIFY(dialog);
            shown = true;
            saveScreenshot(dialog, QStringLiteral("score-dialog"));
            // The workspace's datasets, and where the result goes.
            const QStringList datasets = m_ws.workspace->datasetPaths();
            QCOMPARE(dialog->datasetBox()->count(), datasets.size());
            QVERIFY(dialog->datasetBox()->findData(m_ws.csvPath) >= 0);
            QCOMPARE(dialog->dataPath(), datasets.first());
            QVERIFY(dialog->probabilities());
            QVERIFY(!dialog->allowUnknownCategories());
            const QString other = m_ws.dir.filePath(QStringLiteral("other.csv"));
            dialog->chooseFile(other);
            QCOMPARE(dialog->dataPath(), other);
            QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("scoreOutput"))->text(),
                QDir::toNativeSeparators(QDir(m_ws.scoredFolder()).filePath(QStringLiteral("other-table-logreg.csv"))));
        });
        view.scoreAction()->trigger();
        QVERIFY(shown);
    }

    void schemaErrorsNameTheLineAndColumn()
    {
        QList<QByteArray> lines = BundleTest::tableCsv(20).split('\n');
        lines[4] = "abc,1,true,red,a,1"; // line 5
        const QString bad = m_ws.dir.filePath(QStringLiteral("bad.csv"));
        QVERIFY(writeFile(bad, lines.join('\n')));
        const QString noColor = m_ws.dir.filePath(QStringLiteral("nocolor.csv"));
        QVERIFY(writeFile(noColor, "x,n,flag\n1,2,true\n"));

        Runs::JobQueue jobs(1);
        Ui::ModelsView view(&jobs, nullptr, nullptr, {});
        view.setWorkspace(m_ws.workspace);
        QVERIFY(loaded(view));
        QSignalSpy finished(&jobs, &Runs::JobQueue::jobFinished);
        QSignalSpy ready(&view, &Ui::ModelsView::scoredDatasetReady);
        view.scoreDataset(m_bundle, bad);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(view.messageBar()->kind(), Ui::MessageBar::Kind::Error);
        QCOMPARE(view.messageBar()->text(),
            QStringLiteral("Cannot score bad.csv with “table-logreg”: line 5, column \"x\": \"abc\" is not numeric, "
                           "the type the model reads"));
        view.scoreDataset(m_bundle, noColor);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QCOMPARE(view.messageBar()->text(),
            QStringLiteral("Cannot score nocolor.csv with “table-logreg”: column \"color\" is missing from the header "
                           "(line 1): the model reads x, n, flag, color"));
        // Nothing half-written is left behind.
        QCOMPARE(ready.count(), 0);
        QCOMPARE(QDir(m_ws.scoredFolder()).entryList({QStringLiteral("bad*"), QStringLiteral("nocolor*")}, QDir::Files),
            QStringList());
    }
};

QTEST_MAIN(TestModelsView)
#include "tst_modelsview.moc"
