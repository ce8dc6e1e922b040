// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare view over real runs in a temporary workspace: the metric table shows
// the Comparison's numbers (those `tandem-cli compare` prints), the best marked;
// the charts follow the chosen metric; pairs on different splits say why they were
// not tested; win/tie/loss follows alpha; runs across datasets get Friedman and a
// critical-difference diagram; runs arrive by drag and drop and by the Runs
// view's Compare action; fewer than two runs show the empty state.
// With TANDEM_SCREENSHOT_DIR set, the view is saved there as PNG.
#include "core/base/Progress.h"
#include "core/compare/Comparison.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunPlan.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/StripBoxChart.h"
#include "ui/compare/CompareFormat.h"
#include "ui/compare/CompareView.h"
#include "ui/compare/CriticalDifferenceWidget.h"
#include "ui/compare/MetricTableModel.h"
#include "ui/compare/MetricsPage.h"
#include "ui/compare/PairTestsModel.h"
#include "ui/compare/TableCopy.h"
#include "ui/compare/WinTieLossModel.h"
#include "ui/runs/RunsFilterModel.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/RunsView.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFont>
#include <QImage>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Tandem;
using Compare::Comparison;
using Runs::RunSpec;
using Ui::CompareView;
using Ui::MetricsPage;
using Ui::MetricTableModel;

namespace {

const QString samples = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples");
const QString irisFingerprint = QStringLiteral("743e9674227a2c21ffda8455887e13405db4102e6b059de4e026e500d4d85a8a");
const QString accuracy = QStringLiteral("accuracy");

RunSpec makeSpec(const QString &file, const QString &target, const QString &model, const QByteArray &evaluation,
    const QString &fingerprint)
{
    QJsonObject dataset {{QStringLiteral("path"), samples + QLatin1Char('/') + file}};
    if (!fingerprint.isEmpty())
        dataset.insert(QStringLiteral("fingerprint"), fingerprint);
    const QJsonObject json {{QStringLiteral("dataset"), dataset}, {QStringLiteral("target"), target},
        {QStringLiteral("model"), QJsonObject {{QStringLiteral("id"), model}}},
        {QStringLiteral("evaluation"), QJsonDocument::fromJson(evaluation).object()}};
    auto spec = RunSpec::fromJson(json);
    if (!spec.ok())
        qFatal("bad test spec: %s", qPrintable(spec.error().toString()));
    return spec.value();
}

/// Runs `spec` (one configuration) to the end in `workspace`, as a job would; its id, or 0.
qint64 runToEnd(Store::Workspace &workspace, const RunSpec &spec)
{
    Base::NullProgressSink sink;
    const Base::Progress progress(sink);
    auto data = spec.loadDataset(progress);
    if (!data.ok())
        return 0;
    auto planned = Runs::planRuns(spec, *data->dataset);
    if (!planned.ok() || planned->size() != 1)
        return 0;
    Store::ExperimentStore &store = workspace.store();
    auto id = Runs::queueRun(store, planned->first());
    if (!id.ok())
        return 0;
    const Base::Status done = Runs::executeRun(store, id.value(), planned->first().spec, *data->dataset, 1, progress);
    return done.ok() ? id.value() : 0;
}

MetricsPage *metricsPage(const CompareView &view)
{
    for (Ui::ComparePage *page : view.pages()) {
        if (auto *metrics = qobject_cast<MetricsPage *>(page))
            return metrics;
    }
    return nullptr;
}

/// The source row of run `runId` in the metric table.
int rowOf(const MetricTableModel &model, qint64 runId)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(MetricTableModel::RunIdRole).toLongLong() == runId)
            return row;
    }
    return -1;
}

/// Sends a drag-enter and a drop of `mime` to `target`; whether the enter was accepted.
bool drop(QWidget *target, QMimeData *mime)
{
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent dropped(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
    return true;
}

void saveScreenshot(QWidget &widget, const QString &name)
{
    if (const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR"); !dir.isEmpty())
        widget.grab().save(QDir(dir).filePath(name));
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Store::Workspace> m_workspace;
    /// logreg, knn, gnb on iris with 5 folds, seed 42 (same splits); knn with seed 7.
    QList<qint64> m_sameSplits;
    qint64 m_otherSeed = 0;
    /// 3 models × 3 datasets, 3 folds.
    QList<qint64> m_datasets;

    /// Shows `view` comparing `ids` and waits until its pages have the comparison.
    static bool compareAndWait(CompareView &view, const QList<qint64> &ids)
    {
        QSignalSpy loaded(&view, &CompareView::comparisonLoaded);
        view.compareRuns(ids);
        return loaded.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setApplicationName(QStringLiteral("TandemTest"));
        auto workspace = Store::Workspace::create(m_dir.filePath(QStringLiteral("ws")));
        QVERIFY2(workspace.ok(), qPrintable(workspace.error().toString()));
        m_workspace = std::move(workspace).value();
        const QByteArray seed42 = R"({"method": "kfold", "folds": 5, "seed": 42})";
        for (const char *model : {"logreg", "knn", "gnb"}) {
            m_sameSplits << runToEnd(*m_workspace,
                makeSpec(QStringLiteral("iris.csv"), QStringLiteral("species"), QString::fromLatin1(model), seed42,
                    irisFingerprint));
            QVERIFY(m_sameSplits.last() > 0);
        }
        m_otherSeed = runToEnd(*m_workspace,
            makeSpec(QStringLiteral("iris.csv"), QStringLiteral("species"), QStringLiteral("knn"),
                R"({"method": "kfold", "folds": 5, "seed": 7})", irisFingerprint));
        QVERIFY(m_otherSeed > 0);

        const QByteArray threeFolds = R"({"method": "kfold", "folds": 3, "seed": 0})";
        const QList<std::pair<QString, QString>> datasets {{QStringLiteral("iris.csv"), QStringLiteral("species")},
            {QStringLiteral("wine.csv"), QStringLiteral("cultivar")},
            {QStringLiteral("breast_cancer.csv"), QStringLiteral("diagnosis")}};
        for (const auto &[file, target] : datasets) {
            for (const char *model : {"logreg", "gnb", "knn"}) {
                m_datasets << runToEnd(
                    *m_workspace, makeSpec(file, target, QString::fromLatin1(model), threeFolds, QString()));
                QVERIFY(m_datasets.last() > 0);
            }
        }
    }

    void fewerThanTwoRunsShowTheEmptyState()
    {
        CompareView view;
        QVERIFY(view.showsEmptyState());
        QVERIFY(view.emptyState()->text().contains(QStringLiteral("drop runs here")));
        view.setWorkspace(m_workspace);
        view.compareRuns({m_sameSplits.first()});
        QVERIFY(view.showsEmptyState());
        QVERIFY(!view.comparison());
        QVERIFY(compareAndWait(view, m_sameSplits.mid(0, 2)));
        QVERIFY(!view.showsEmptyState());
        // Taking one of two away leaves one run: the empty state again.
        view.removeRun(m_sameSplits.first());
        QVERIFY(view.showsEmptyState());
        QCOMPARE(view.runIds(), QList<qint64>({m_sameSplits.at(1)}));
    }

    // The table shows the Comparison's mean ± sd and 95 % interval, the best marked.
    void tableShowsTheComparisonsNumbers()
    {
        CompareView view;
        view.setWorkspace(m_workspace);
        QList<qint64> ids = m_sameSplits;
        ids << m_otherSeed;
        QVERIFY(compareAndWait(view, ids));
        QVERIFY(view.runList()->count() == ids.size());
        MetricsPage *page = metricsPage(view);
        QVERIFY(page);
        MetricTableModel *model = page->metricModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        const auto expected = Comparison::load(m_workspace->store(), ids);
        QVERIFY(expected.ok());
        QCOMPARE(model->rowCount(), int(ids.size()));
        QCOMPARE(model->metrics(), expected->metricNames());
        QVERIFY(model->metrics().contains(accuracy));
        int marked = 0;
        for (const QString &metric : model->metrics()) {
            const int column = model->columnOf(metric);
            const QList<int> best = expected->best(metric);
            for (int i = 0; i < int(ids.size()); ++i) {
                const QModelIndex cell = model->index(rowOf(*model, ids.at(i)), column);
                const Eval::MetricSummary s = expected->summary(i, metric);
                const double shown = cell.data(MetricTableModel::MeanRole).toDouble();
                QVERIFY(std::isnan(s.mean) ? std::isnan(shown) : shown == s.mean);
                const QString text = cell.data().toString();
                if (std::isfinite(s.mean))
                    QVERIFY2(text.startsWith(Ui::compareMetricText(s.mean)), qPrintable(text));
                if (std::isfinite(s.std))
                    QVERIFY(text.contains(QStringLiteral(" ± ") + Ui::compareMetricText(s.std)));
                if (std::isfinite(s.ciLow)) {
                    const QString interval = QStringLiteral("[%1, %2]")
                                                 .arg(Ui::compareMetricText(s.ciLow), Ui::compareMetricText(s.ciHigh));
                    QVERIFY(text.contains(interval));
                    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(interval));
                }
                const bool isBest = best.contains(i);
                QCOMPARE(cell.data(MetricTableModel::BestRole).toBool(), isBest);
                QCOMPARE(text.contains(QStringLiteral("★")), isBest);
                QCOMPARE(cell.data(Qt::FontRole).value<QFont>().bold(), isBest);
                marked += isBest ? 1 : 0;
            }
        }
        QVERIFY(marked >= model->metrics().size());

        // Sorting by a metric orders the rows by their means.
        QTableView *table = page->metricTable();
        const int column = model->columnOf(accuracy);
        table->sortByColumn(column, Qt::DescendingOrder);
        double previous = std::numeric_limits<double>::infinity();
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const double mean = table->model()->index(row, column).data(MetricTableModel::MeanRole).toDouble();
            QVERIFY(mean <= previous);
            previous = mean;
        }
        // Copy: the header and the cells, as shown.
        table->selectAll();
        const QString tsv = Ui::selectedCellsAsTsv(table);
        QVERIFY(tsv.startsWith(QStringLiteral("Run\tModel\tFolds\t")));
        QVERIFY(tsv.contains(Ui::compareMetricText(expected->summary(0, accuracy).mean)));
        QCOMPARE(tsv.count(QLatin1Char('\n')), ids.size() + 1);

        view.resize(1300, 860);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        saveScreenshot(view, QStringLiteral("compare-metrics.png"));
    }

    // The bar and fold charts show the chosen metric; choosing another redraws them.
    void changingTheMetricUpdatesTheCharts()
    {
        CompareView view;
        view.setWorkspace(m_workspace);
        QVERIFY(compareAndWait(view, m_sameSplits));
        MetricsPage *page = metricsPage(view);
        QCOMPARE(page->metric(), accuracy); // what tandem-cli compare tests by default
        const auto expected = Comparison::load(m_workspace->store(), m_sameSplits);
        QVERIFY(expected.ok());

        const auto checkCharts = [&](const QString &metric) {
            const Ui::BarChartData &bars = page->barChart()->data();
            QCOMPARE(bars.valueTitle, metric);
            QCOMPARE(bars.series.size(), m_sameSplits.size());
            const Ui::StripChartData &folds = page->foldChart()->data();
            QCOMPARE(folds.valueTitle, metric);
            for (int i = 0; i < int(m_sameSplits.size()); ++i) {
                const Eval::MetricSummary s = expected->summary(i, metric);
                QCOMPARE(bars.series.at(i).runId, m_sameSplits.at(i));
                QCOMPARE(bars.series.at(i).values.at(i), s.mean);
                QCOMPARE(bars.series.at(i).lower.at(i), s.ciLow);
                QCOMPARE(bars.series.at(i).upper.at(i), s.ciHigh);
                QCOMPARE(folds.groups.at(i).runId, m_sameSplits.at(i));
                QCOMPARE(folds.groups.at(i).values, expected->runs().at(i).foldValues.value(metric));
            }
        };
        checkCharts(accuracy);
        const QString other = QStringLiteral("f1_macro");
        QVERIFY(expected->hasMetric(other));
        const int index = page->metricChooser()->findData(other);
        QVERIFY(index >= 0);
        page->metricChooser()->setCurrentIndex(index);
        QCOMPARE(page->metric(), other);
        checkCharts(other);
        // The tests follow the metric too.
        QCOMPARE(page->pairsModel()->pairs().first().metric, other);
        // Clicking a metric's cell in the table chooses it.
        const int column = page->metricModel()->columnOf(accuracy);
        QTableView *table = page->metricTable();
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        table->scrollTo(table->model()->index(0, column));
        QTest::mouseClick(
            table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(0, column)).center());
        QCOMPARE(page->metric(), accuracy);
    }

    // Pairs on the same splits carry the Comparison's p-values; the others say why not.
    void pairsNotSharingSplitsSayWhy()
    {
        CompareView view;
        view.setWorkspace(m_workspace);
        QList<qint64> ids = m_sameSplits;
        ids << m_otherSeed;
        QVERIFY(compareAndWait(view, ids));
        MetricsPage *page = metricsPage(view);
        Ui::PairTestsModel *pairs = page->pairsModel();
        QAbstractItemModelTester tester(pairs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto expected = Comparison::load(m_workspace->store(), ids);
        QVERIFY(expected.ok());
        const QList<Compare::PairComparison> reference = expected->pairs(accuracy);
        QCOMPARE(pairs->rowCount(), int(reference.size()));
        int notCompared = 0;
        for (int row = 0; row < pairs->rowCount(); ++row) {
            const Compare::PairComparison &pair = reference.at(row);
            const auto cell = [&](int column) { return pairs->index(row, column).data().toString(); };
            QCOMPARE(cell(Ui::PairTestsModel::DifferenceColumn), Ui::compareDifferenceText(pair.meanDifference));
            const bool otherSeed = expected->runs().at(pair.second).id() == m_otherSeed;
            if (otherSeed) {
                ++notCompared;
                QCOMPARE(pair.test, Compare::PairedTest::None);
                QCOMPARE(cell(Ui::PairTestsModel::PValueColumn), QStringLiteral("–"));
                QCOMPARE(
                    cell(Ui::PairTestsModel::OutcomeColumn), QStringLiteral("Not compared: different seeds (42 vs 7)"));
            } else {
                QCOMPARE(pair.test, Compare::PairedTest::CorrectedTTest);
                QCOMPARE(pairs->index(row, 0).data(Ui::PairTestsModel::PValueRole).toDouble(), pair.pValue);
                QCOMPARE(cell(Ui::PairTestsModel::PValueColumn), Ui::comparePValueText(pair.pValue));
                QCOMPARE(cell(Ui::PairTestsModel::TestColumn), Compare::pairedTestName(pair.test));
            }
        }
        QCOMPARE(notCompared, 3);
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("comparePairsNote"))
                    ->text()
                    .contains(QStringLiteral("3 could not be tested")));

        // The matrix: the same outcomes as Comparison::winTieLoss, the reason in the tooltip.
        Ui::WinTieLossModel *matrix = page->winTieLossModel();
        QAbstractItemModelTester matrixTester(matrix, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto checkMatrix = [&](double alpha) {
            const Eval::WinTieLossMatrix reference = expected->winTieLoss(accuracy, alpha);
            for (int r = 0; r < reference.size(); ++r) {
                for (int c = 0; c < reference.size(); ++c) {
                    if (r == c)
                        continue;
                    const QModelIndex cell = matrix->index(r, c);
                    QCOMPARE(Eval::PairOutcome(cell.data(Ui::WinTieLossModel::OutcomeRole).toInt()),
                        reference.cell(r, c).outcome);
                    QCOMPARE(cell.data().toString(), Ui::compareOutcomeWord(reference.cell(r, c).outcome));
                }
                const Eval::WinTieLossMatrix::Totals t = reference.totals(r);
                QVERIFY(matrix->index(r, matrix->totalsColumn())
                            .data()
                            .toString()
                            .startsWith(QStringLiteral("%1 / %2 / %3").arg(t.wins).arg(t.ties).arg(t.losses)));
            }
        };
        checkMatrix(0.05);
        const int last = int(ids.size()) - 1;
        QCOMPARE(Eval::PairOutcome(matrix->index(0, last).data(Ui::WinTieLossModel::OutcomeRole).toInt()),
            Eval::PairOutcome::NotCompared);
        QVERIFY(matrix->index(0, last).data(Qt::ToolTipRole).toString().contains(QStringLiteral("different seeds")));
        QVERIFY(!matrix->index(0, 1).data(Qt::BackgroundRole).value<QColor>().isValid()
            == (Eval::PairOutcome(matrix->index(0, 1).data(Ui::WinTieLossModel::OutcomeRole).toInt())
                == Eval::PairOutcome::NotCompared));
        // A looser level turns more differences into wins and losses.
        page->alphaChooser()->setValue(0.5);
        QCOMPARE(page->alpha(), 0.5);
        checkMatrix(0.5);
        // One dataset: no ranks over datasets.
        QVERIFY(!page->testTabs()->isTabEnabled(1));
    }

    // Runs over three datasets: Friedman's test and the critical-difference diagram.
    void runsAcrossDatasetsGetRanks()
    {
        CompareView view;
        view.setWorkspace(m_workspace);
        QVERIFY(compareAndWait(view, m_datasets));
        MetricsPage *page = metricsPage(view);
        const auto expected = Comparison::load(m_workspace->store(), m_datasets);
        QVERIFY(expected.ok());
        const auto ranks = expected->acrossDatasets(accuracy, 0.05);
        QVERIFY(ranks.ok());
        QVERIFY(page->testTabs()->isTabEnabled(1));
        QCOMPARE(page->testTabs()->currentIndex(), 1); // shown first: the paired tests all say "different datasets"
        const Ui::CriticalDifferenceData &diagram = page->criticalDifference()->data();
        QCOMPARE(diagram.models, ranks->models);
        QCOMPARE(diagram.criticalDifference, ranks->nemenyi.criticalDifference);
        QCOMPARE(diagram.groups, ranks->nemenyi.groups);
        for (int m = 0; m < diagram.models.size(); ++m)
            QCOMPARE(diagram.averageRanks.at(m), ranks->friedman.averageRanks[m]);
        const QString summary = page->ranksSummary()->text();
        QVERIFY2(summary.contains(
                     QStringLiteral("Friedman χ² = %1").arg(QLocale().toString(ranks->friedman.chiSquare, 'f', 3))),
            qPrintable(summary));
        QVERIFY(summary.contains(Ui::comparePValueText(ranks->friedman.imanDavenportPValue)));
        QVERIFY(summary.contains(QStringLiteral("iris.csv")));

        view.resize(1300, 860);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        saveScreenshot(view, QStringLiteral("compare-ranks.png"));
        // The diagram: ranks left to right, labels apart, and it exports like any chart.
        Ui::CriticalDifferenceWidget *widget = page->criticalDifference();
        QVERIFY(widget->isVisible());
        QVERIFY(widget->rankX(1.0) < widget->rankX(2.0));
        for (int a = 0; a < diagram.models.size(); ++a) {
            QVERIFY(widget->rect().contains(widget->labelRect(a).toRect()));
            for (int b = a + 1; b < diagram.models.size(); ++b)
                QVERIFY(!widget->labelRect(a).intersects(widget->labelRect(b)));
        }
        const QPointF onLabel = widget->labelRect(0).center();
        QCOMPARE(widget->modelAt(onLabel), 0);
        QVERIFY(widget->modelText(0).contains(diagram.models.at(0)));
        QTemporaryDir out;
        QVERIFY(page->criticalDifferencePanel()->exportTo(out.filePath(QStringLiteral("cd.png"))));
        QVERIFY(page->criticalDifferencePanel()->exportTo(out.filePath(QStringLiteral("cd.svg"))));
        QVERIFY(!QImage(out.filePath(QStringLiteral("cd.png"))).isNull());
        const Ui::PlotTable table = widget->plottedTable();
        QCOMPARE(table.columnName(1), QStringLiteral("average rank"));
        QCOMPARE(table.number(0, 1), diagram.averageRanks.at(0));
        if (const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR"); !dir.isEmpty())
            page->criticalDifferencePanel()->exportTo(QDir(dir).filePath(QStringLiteral("compare-cd.png")));
    }

    // Rows dragged from the Runs table carry their ids; the Compare view takes them.
    void dragAndDropRoundTrip()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView runs(&jobs, {});
        QSignalSpy loaded(&runs, &Ui::RunsView::runsLoaded);
        runs.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(10000));
        Ui::RunsTableModel *model = runs.model();
        QVERIFY(model->mimeTypes().contains(Ui::RunsTableModel::runIdsMimeType()));
        QModelIndexList rows;
        for (qint64 id : m_sameSplits.mid(0, 2)) {
            const int row = model->rowOf(id);
            QVERIFY(row >= 0);
            rows << model->index(row, 0) << model->index(row, 1); // several cells of a row: the id once
            QVERIFY(model->flags(model->index(row, 0)) & Qt::ItemIsDragEnabled);
        }
        std::unique_ptr<QMimeData> mime(model->mimeData(rows));
        QVERIFY(mime);
        QCOMPARE(Ui::RunsTableModel::runIdsFromMimeData(mime.get()), m_sameSplits.mid(0, 2));
        QVERIFY(mime->hasText());

        CompareView view;
        view.setWorkspace(m_workspace);
        QSignalSpy compared(&view, &CompareView::comparisonLoaded);
        QVERIFY(drop(&view, mime.get()));
        QVERIFY(compared.wait(20000));
        QCOMPARE(view.runIds(), m_sameSplits.mid(0, 2));
        QCOMPARE(view.comparison()->runs().size(), 2);
        // A second drop adds to the runs compared; ids already there stay once.
        std::unique_ptr<QMimeData> more(Ui::RunsTableModel::runIdsMimeData({m_sameSplits.at(1), m_sameSplits.at(2)}));
        QVERIFY(drop(&view, more.get()));
        QVERIFY(compared.wait(20000));
        QCOMPARE(view.runIds(), m_sameSplits);
        QCOMPARE(view.runList()->count(), 3);
        // Other drops (files) are not taken.
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile(m_dir.path())});
        QVERIFY(!drop(&view, &files));
        // Removing a run narrows what is shown at once, without reading again.
        view.removeRun(m_sameSplits.at(1));
        QCOMPARE(view.comparison()->runs().size(), 2);
        QCOMPARE(metricsPage(view)->metricModel()->rowCount(), 2);
        QCOMPARE(view.runList()->count(), 2);
    }

    // Runs view: select runs, Compare; the window shows Compare with those runs.
    void runsViewCompareActionSwitchesToCompare()
    {
        Runs::JobQueue jobs(1);
        Ui::AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        Ui::MainWindow window(&jobs, &settings);
        Ui::RunsView *runs = window.runsView();
        QSignalSpy loaded(runs, &Ui::RunsView::runsLoaded);
        QVERIFY(window.openWorkspace(m_workspace->path()));
        QVERIFY(loaded.wait(10000));
        window.showSection(Ui::MainWindow::Section::Runs);
        QAction *compare = runs->compareAction();
        QCOMPARE(compare->shortcut(), QKeySequence(QStringLiteral("Ctrl+K")));
        runs->selectRun(m_sameSplits.at(0));
        QVERIFY(!compare->isEnabled()); // one run: nothing to compare
        QTableView *table = runs->table();
        for (qint64 id : {m_sameSplits.at(0), m_sameSplits.at(2)}) {
            const QModelIndex index
                = runs->filterModel()->mapFromSource(runs->model()->index(runs->model()->rowOf(id), 0));
            table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        QCOMPARE(runs->selectedRunIds(), QList<qint64>({m_sameSplits.at(0), m_sameSplits.at(2)}));
        QVERIFY(compare->isEnabled());
        QSignalSpy compared(window.compareView(), &CompareView::comparisonLoaded);
        compare->trigger();
        QCOMPARE(window.currentSection(), Ui::MainWindow::Section::Compare);
        QCOMPARE(window.compareView()->runIds(), QList<qint64>({m_sameSplits.at(0), m_sameSplits.at(2)}));
        QVERIFY(compared.wait(20000));
        QVERIFY(!window.compareView()->showsEmptyState());
        QCOMPARE(metricsPage(*window.compareView())->metricModel()->rowCount(), 2);
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
