// SPDX-License-Identifier: GPL-3.0-or-later
// The Drift view on generated files: the analysis runs as a job and the shifted
// feature tops the table, flagged, with two distributions in its chart (histogram,
// ECDF, or bars for categories); drift over time and performance per window; the
// HTML export; errors in the message bar (a missing file, a wrong column,
// schemas that differ) after which the view still works; Ctrl+Return; a
// feature's own test; a run's training data as the reference, its model's
// predictions, and Retrain, which ends in a comparison of the old and new model.
// With TANDEM_SCREENSHOT_DIR set, the view is saved there as PNG.
#include "../../monitor/MonitorTestData.h"

#include "core/base/SeededRandom.h"
#include "core/drift/DriftAnalysis.h"
#include "core/monitor/ExternalEvaluation.h"
#include "core/monitor/Retrain.h"
#include "core/runs/JobQueue.h"
#include "core/runs/RunLauncher.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/HistogramChart.h"
#include "ui/charts/XYChart.h"
#include "ui/data/DatasetLoader.h"
#include "ui/drift/DriftAlertList.h"
#include "ui/drift/DriftSetup.h"
#include "ui/drift/DriftSourcePicker.h"
#include "ui/drift/DriftTimePanel.h"
#include "ui/drift/DriftVerdictBanner.h"
#include "ui/drift/DriftView.h"
#include "ui/drift/FeatureDetailPanel.h"
#include "ui/drift/FeatureDriftModel.h"
#include "ui/shell/MessageBar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace Tandem;
using Ui::DriftView;
using Ui::FeatureDriftModel;

namespace {

constexpr int analysisTimeout = 30000;

double normal(Base::SeededRandom &random)
{
    const double u = 1.0 - random.uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * random.uniform());
}

/// 400 rows of: shifted (N(0, 1); on the current side + 1.5 from row 200 on),
/// stable (N(5, 2) on both sides), colour (a, b, c; the current side's later half
/// also d), time (the row number), label (yes when shifted + noise > 0) and a
/// logged prediction that is right on the reference and wrong in a third of the
/// current's later rows.
QByteArray pairCsv(bool current, bool withStable = true)
{
    Base::SeededRandom random(current ? 7 : 3);
    QByteArray text = withStable ? "shifted,stable,colour,time,label,logged\n" : "shifted,colour,time,label,logged\n";
    static const char *const colours[] = {"a", "b", "c", "d"};
    for (int row = 0; row < 400; ++row) {
        const bool later = current && row >= 200;
        const double shifted = normal(random) + (later ? 1.5 : 0.0);
        const double stable = 5.0 + 2.0 * normal(random);
        const int colour = later && random.uniform() < 0.3 ? 3 : int(random.bounded(3));
        const bool yes = shifted + 0.3 * normal(random) > 0.0;
        const bool wrong = later && row % 3 == 0;
        text += QByteArray::number(shifted, 'g', 17) + ','
            + (withStable ? QByteArray::number(stable, 'g', 17) + ',' : QByteArray()) + colours[colour] + ','
            + QByteArray::number(row) + ',' + (yes ? "yes" : "no") + ',' + ((yes != wrong) ? "yes" : "no") + '\n';
    }
    return text;
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    return MonitorTest::writeFile(dir.filePath(name), bytes);
}

QString cell(const DriftView &view, int row, int column, int role = Qt::DisplayRole)
{
    const QAbstractItemModel *model = view.featureTable()->model();
    return model->data(model->index(row, column), role).toString();
}

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(QDir(dir).filePath(name));
}

} // namespace

class TestDriftView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_reference = write(m_dir, QStringLiteral("reference.csv"), pairCsv(false));
        m_current = write(m_dir, QStringLiteral("current.csv"), pairCsv(true));
        m_noStable = write(m_dir, QStringLiteral("no-stable.csv"), pairCsv(true, false));
    }

    void init()
    {
        m_loader = std::make_unique<Ui::DatasetLoader>(&m_jobs);
        m_view = std::make_unique<DriftView>(&m_jobs, m_loader.get(), QList<QAction *> {});
        m_view->resize(1300, 800);
    }

    void cleanup()
    {
        m_view.reset();
        m_jobs.cancelAll();
        QVERIFY(m_jobs.waitForAll(30000));
        m_loader.reset();
    }

    void emptyStateBeforeAnalysis()
    {
        QVERIFY(m_view->showsEmptyState());
        QVERIFY(!m_view->exportAction()->isEnabled());
        QVERIFY(!m_view->retrainAction()->isEnabled());
        m_view->analyse();
        QVERIFY(m_view->messageBar()->isVisibleTo(m_view.get()));
        QCOMPARE(m_view->messageBar()->kind(), Ui::MessageBar::Kind::Error);
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("Choose both")));
        QVERIFY(!m_view->isBusy());
    }

    void theShiftedFeatureComesFirst()
    {
        QSignalSpy added(&m_jobs, &Runs::JobQueue::jobAdded);
        m_view->setReference(m_reference);
        m_view->setCurrent(m_current);
        m_view->setup()->setTarget(QStringLiteral("label")); // not a feature
        m_view->analyse();
        QVERIFY(m_view->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, analysisTimeout);
        QVERIFY(!m_view->isBusy());
        QVERIFY(!m_view->showsEmptyState());
        // Reading and analysing were jobs: they show in the Jobs dock.
        bool analysisJob = false;
        for (const QList<QVariant> &job : std::as_const(added))
            analysisJob = analysisJob || job.at(1).toString().startsWith(QStringLiteral("Drift of current.csv"));
        QVERIFY(analysisJob);

        QAbstractItemModelTester tester(m_view->featureModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView *table = m_view->featureTable();
        QCOMPARE(table->model()->rowCount(), 5); // shifted, stable, colour, time, logged: the target is left out
        QCOMPARE(cell(*m_view, 0, FeatureDriftModel::Feature), QStringLiteral("shifted"));
        QCOMPARE(cell(*m_view, 0, FeatureDriftModel::Verdict), QStringLiteral("Drifted"));
        QVERIFY(table->model()->index(0, 0).data(FeatureDriftModel::DriftedRole).toBool());
        QCOMPARE(cell(*m_view, 0, FeatureDriftModel::Test), QStringLiteral("KS")); // 400 values
        QVERIFY(cell(*m_view, 0, FeatureDriftModel::Score).toDouble() < 0.05);
        const int stableRow = int(
            table->model()
                ->match(table->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("stable"), 1, Qt::MatchExactly)
                .value(0)
                .row());
        QCOMPARE(cell(*m_view, stableRow, FeatureDriftModel::Verdict), QStringLiteral("Stable"));
        QVERIFY(cell(*m_view, 0, FeatureDriftModel::Distribution, FeatureDriftModel::ReferenceSharesRole).isEmpty());
        QVERIFY(table->model()
                    ->index(0, FeatureDriftModel::Distribution)
                    .data(FeatureDriftModel::ReferenceSharesRole)
                    .isValid());

        // The first row is selected: its two distributions, over each other.
        QCOMPARE(m_view->selectedFeature(), m_view->featureModel()->rowOf(QStringLiteral("shifted")));
        Ui::FeatureDetailPanel *detail = m_view->detailPanel();
        QCOMPARE(detail->shownChart(), static_cast<Ui::ChartSurface *>(detail->histogramChart()));
        QCOMPARE(detail->shownSeriesCount(), 2);
        QCOMPARE(detail->histogramChart()->data().series.at(0).name, QStringLiteral("reference"));
        QCOMPARE(detail->histogramChart()->data().edges.size(), std::size_t(31));
        detail->setNumericView(Ui::FeatureDetailPanel::NumericView::Ecdf);
        QCOMPARE(detail->shownChart(), static_cast<Ui::ChartSurface *>(detail->ecdfChart()));
        QCOMPARE(detail->shownSeriesCount(), 2);
        detail->setNumericView(Ui::FeatureDetailPanel::NumericView::Histogram);

        // The verdict and the alerts.
        QVERIFY(m_view->verdictBanner()->text().contains(QStringLiteral("features drifted")));
        bool shiftedAlert = false;
        for (const Drift::DriftAlert &alert : m_view->alertList()->alerts())
            shiftedAlert = shiftedAlert
                || (alert.kind == Drift::DriftAlert::Kind::Feature && alert.subject == QStringLiteral("shifted"));
        QVERIFY(shiftedAlert);
        QVERIFY(m_view->tabs()->tabText(3).contains(QString::number(m_view->alertList()->alerts().size())));
        QVERIFY(m_view->exportAction()->isEnabled());
        QVERIFY(!m_view->retrainAction()->isEnabled()); // the reference is a file, not a run's data

        // Sorting by name puts colour first.
        table->sortByColumn(FeatureDriftModel::Feature, Qt::AscendingOrder);
        QCOMPARE(cell(*m_view, 0, FeatureDriftModel::Feature), QStringLiteral("colour"));

        // A categorical feature: bars side by side, the new category among them.
        m_view->selectFeature(m_view->featureModel()->rowOf(QStringLiteral("colour")));
        QCOMPARE(detail->shownChart(), static_cast<Ui::ChartSurface *>(detail->barChart()));
        QCOMPARE(detail->shownSeriesCount(), 2);
        QVERIFY(detail->barChart()->data().categories.contains(QStringLiteral("d")));
        QVERIFY(detail->summaryLabel()->text().contains(QStringLiteral("new categories d")));
        saveScreenshot(*m_view, QStringLiteral("driftview.png"));
    }

    void exportsTheReportAsHtml()
    {
        m_view->setReference(m_reference);
        m_view->setCurrent(m_current);
        m_view->analyse();
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, analysisTimeout);
        const QString path = m_dir.filePath(QStringLiteral("report.html"));
        QVERIFY(m_view->exportHtml(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        QCOMPARE(html.count(QStringLiteral("<tr class=\"feature ")), m_view->featureTable()->model()->rowCount());
        QVERIFY(html.contains(QStringLiteral("<a href=\"#feature-0\">shifted</a>")));
        QVERIFY(html.contains(QStringLiteral("<title>Drift of current.csv against reference.csv</title>")));
        QCOMPARE(m_view->messageBar()->kind(), Ui::MessageBar::Kind::Information);

        QVERIFY(!m_view->exportHtml(m_dir.filePath(QStringLiteral("no/such/folder/report.html"))));
        QCOMPARE(m_view->messageBar()->kind(), Ui::MessageBar::Kind::Error);
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("report.html")));
    }

    void aMissingFileIsAnErrorAndTheViewStillWorks()
    {
        QSignalSpy failed(m_view.get(), &DriftView::analysisFailed);
        const QString missing = m_dir.filePath(QStringLiteral("gone.csv"));
        m_view->setReference(m_reference);
        m_view->setCurrent(missing);
        m_view->analyse();
        QCOMPARE(failed.count(), 1);
        QCOMPARE(m_view->messageBar()->kind(), Ui::MessageBar::Kind::Error);
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("gone.csv")));
        QVERIFY(m_view->messageBar()->text().contains(QStringLiteral("does not exist")));
        QVERIFY(!m_view->isBusy());
        QVERIFY(m_view->showsEmptyState());

        m_view->setCurrent(m_current);
        m_view->analyse();
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, analysisTimeout);
        QVERIFY(!m_view->messageBar()->isVisibleTo(m_view.get()));
    }

    void wrongColumnsAreNamed_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<QString>("time");
        QTest::addColumn<QString>("message");
        QTest::newRow("time column missing") << QStringLiteral("current.csv") << QStringLiteral("when")
                                             << QStringLiteral("There is no column named 'when' (time column) in the "
                                                               "reference data");
        QTest::newRow("schemas differ") << QStringLiteral("no-stable.csv") << QString()
                                        << QStringLiteral("Column 'stable' of the reference is missing from the "
                                                          "current data");
        QTest::newRow("text time column") << QStringLiteral("current.csv") << QStringLiteral("colour")
                                          << QStringLiteral("The time column 'colour' is categorical");
    }
    void wrongColumnsAreNamed()
    {
        QFETCH(QString, current);
        QFETCH(QString, time);
        QFETCH(QString, message);
        QSignalSpy failed(m_view.get(), &DriftView::analysisFailed);
        m_view->setReference(m_reference);
        m_view->setCurrent(m_dir.filePath(current));
        m_view->setup()->setTime(time);
        m_view->analyse();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, analysisTimeout);
        QCOMPARE(m_view->messageBar()->kind(), Ui::MessageBar::Kind::Error);
        QVERIFY2(m_view->messageBar()->text().contains(message), qPrintable(m_view->messageBar()->text()));
        QVERIFY(!m_view->isBusy());
        QVERIFY(m_view->analyseAction()->isEnabled());
    }

    void overTimeAndPerformance()
    {
        m_view->setReference(m_reference);
        m_view->setCurrent(m_current);
        QTRY_VERIFY(m_view->setup()->timeBox()->findData(QStringLiteral("time")) >= 0); // the reference's columns
        m_view->setup()->setTime(QStringLiteral("time"));
        m_view->setup()->setTarget(QStringLiteral("label"));
        m_view->setup()->setPredictionColumn(QStringLiteral("logged"));
        m_view->setup()->setWindows(4);
        m_view->analyse();
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, analysisTimeout);
        const Drift::DriftAnalysis &analysis = *m_view->analysis();
        QVERIFY(analysis.windows);
        QCOMPARE(analysis.windows->windows.size(), std::size_t(4));
        QCOMPARE(m_view->featureTable()->model()->rowCount(), 3); // time, label and logged are not features
        // The shift starts at row 200: the last two windows drift, the first two do not.
        const int shifted = m_view->featureModel()->rowOf(QStringLiteral("shifted"));
        QCOMPARE(analysis.windows->windows[0].drifted[std::size_t(shifted)], false);
        QCOMPARE(analysis.windows->windows[3].drifted[std::size_t(shifted)], true);

        QVERIFY(m_view->showPage(QStringLiteral("over time")));
        Ui::DriftTimePanel *time = m_view->timePanel();
        QVERIFY(time->hasWindows());
        QCOMPARE(time->featureChart()->seriesCount(), 2); // the score and its threshold
        QCOMPARE(time->featureChart()->data().series.at(0).y.size(), std::size_t(4));
        QVERIFY(time->featureChart()->data().logY); // a p-value
        QCOMPARE(time->shareChart()->seriesCount(), 2);
        saveScreenshot(*m_view, QStringLiteral("driftview-time.png"));

        QVERIFY(analysis.performance);
        QCOMPARE(analysis.performance->reference, 1.0);
        QVERIFY(analysis.performance->windows[3].alert);
        QVERIFY(!analysis.performance->windows[0].alert);
        QVERIFY(m_view->showPage(QStringLiteral("performance")));
        QCOMPARE(m_view->performancePanel()->chart()->seriesCount(), 3); // accuracy, reference, alert level
        saveScreenshot(*m_view, QStringLiteral("driftview-performance.png"));
    }

    void ctrlReturnAnalyses()
    {
        m_view->setReference(m_reference);
        m_view->setCurrent(m_current);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        m_view->featureTable()->setFocus();
        QTest::keyClick(m_view->featureTable(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(m_view->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, analysisTimeout);
    }

    void cancelLeavesTheViewReady()
    {
        m_view->setReference(m_reference);
        m_view->setCurrent(m_current);
        m_view->analyse();
        QVERIFY(m_view->isBusy());
        QVERIFY(!m_view->analyseAction()->isEnabled());
        m_view->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->isBusy(), analysisTimeout);
        QVERIFY(m_view->analyseAction()->isEnabled());
        m_view->analyse();
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, analysisTimeout);
    }

    void aFeatureCanHaveItsOwnTest()
    {
        m_view->setReference(m_reference);
        m_view->setCurrent(m_current);
        m_view->setup()->setTest(Drift::DriftTest::Wasserstein);
        m_view->setFeatureTest(QStringLiteral("stable"), Drift::DriftTest::PopulationStability);
        m_view->analyse();
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, analysisTimeout);
        const auto &features = m_view->analysis()->report.features();
        const auto testOf = [&](const QString &name) {
            return features[std::size_t(m_view->featureModel()->rowOf(name))].outcome.test;
        };
        QCOMPARE(testOf(QStringLiteral("stable")), Drift::DriftTest::PopulationStability);
        QCOMPARE(testOf(QStringLiteral("shifted")), Drift::DriftTest::Wasserstein);
        QCOMPARE(testOf(QStringLiteral("colour")), Drift::DriftTest::ChiSquare); // Wasserstein does not fit it
    }

    // A run's training data as the reference: its model's predictions, and Retrain.
    void retrainFromARunsTrainingData()
    {
        const QString reference = MonitorTest::writeFile(
            m_dir.filePath(QStringLiteral("monitor-reference.csv")), MonitorTest::tableCsv(false));
        const QString current = MonitorTest::writeFile(
            m_dir.filePath(QStringLiteral("monitor-current.csv")), MonitorTest::tableCsv(true));
        auto created = Store::Workspace::create(m_dir.filePath(QStringLiteral("ws")));
        QVERIFY(created.ok());
        std::shared_ptr<Store::Workspace> workspace = created.value();
        const Runs::RunSpec spec = MonitorTest::treeSpec(reference);
        bool ended = false;
        auto launch = Runs::launchRuns(workspace, m_jobs, spec, MonitorTest::parse(MonitorTest::tableCsv(false)),
            [&ended](const Runs::LaunchedRun &, Store::RunStatus, const QString &) { ended = true; });
        QVERIFY(launch.ok());
        QTRY_VERIFY_WITH_TIMEOUT(ended, 60000);
        const qint64 runId = launch->runs.first().runId;

        m_view->setWorkspace(workspace);
        // The run is offered as a reference; choosing it fills the target and offers its model.
        QComboBox *references = m_view->referencePicker()->comboBox();
        int runIndex = -1;
        for (int i = 0; i < references->count(); ++i) {
            if (references->itemText(i).startsWith(QStringLiteral("#%1 ").arg(runId)))
                runIndex = i;
        }
        QVERIFY(runIndex >= 0);
        references->setCurrentIndex(runIndex);
        QCOMPARE(m_view->referencePicker()->source().runId, std::optional<qint64>(runId));
        QVERIFY(!m_view->setReferenceRun(runId + 100));
        QVERIFY(m_view->setReferenceRun(runId)); // as tandem --drift run:ID does
        QCOMPARE(m_view->referencePicker()->source().runId, std::optional<qint64>(runId));
        QCOMPARE(m_view->setup()->choice().target, QStringLiteral("label"));
        QComboBox *predictions = m_view->setup()->predictionsBox();
        const int modelIndex = predictions->findText(QStringLiteral("Model of run #%1").arg(runId));
        QVERIFY(modelIndex >= 0);
        predictions->setCurrentIndex(modelIndex);
        m_view->setCurrent(current);
        m_view->analyse();
        QTRY_VERIFY_WITH_TIMEOUT(m_view->analysis() != nullptr, 60000);
        QVERIFY(m_view->analysis()->prediction);
        QVERIFY(m_view->analysis()->performance);
        QCOMPARE(m_view->analysis()->modelName, QStringLiteral("the model of run #%1").arg(runId));
        QVERIFY(m_view->retrainAction()->isEnabled());

        QSignalSpy compare(m_view.get(), &DriftView::compareRequested);
        QVERIFY(m_view->retrain(Monitor::RetrainData::CurrentOnly));
        QTRY_COMPARE_WITH_TIMEOUT(compare.count(), 1, 60000);
        const QList<qint64> ids = compare.at(0).at(0).value<QList<qint64>>();
        QCOMPARE(ids.size(), 2);
        const auto oldOnCurrent = workspace->store().run(ids.at(0));
        const auto retrained = workspace->store().run(ids.at(1));
        QVERIFY(oldOnCurrent.ok() && retrained.ok());
        QVERIFY(oldOnCurrent->run.tags.contains(Monitor::modelOfTag(runId)));
        QVERIFY(retrained->run.tags.contains(Monitor::retrainOfTag(runId)));
        QCOMPARE(retrained->run.status, Store::RunStatus::Done);
        QCOMPARE(retrained->run.experimentId, workspace->store().run(runId)->run.experimentId);
    }

private:
    QTemporaryDir m_dir;
    QString m_reference;
    QString m_current;
    QString m_noStable;
    Runs::JobQueue m_jobs {2};
    std::unique_ptr<Ui::DatasetLoader> m_loader;
    std::unique_ptr<DriftView> m_view;
};

QTEST_MAIN(TestDriftView)
#include "tst_driftview.moc"
