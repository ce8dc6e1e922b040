// SPDX-License-Identifier: GPL-3.0-or-later
// The Compare view's chart pages (Curves, Confusion, Hyperparameters, Importance)
// on real runs recorded in a temporary workspace: what each chart draws is checked
// against the numbers core/eval computes from the same stored predictions and
// importances. Set TANDEM_SCREENSHOT_DIR to keep a picture of each page.
#include "core/base/Progress.h"
#include "core/compare/Comparison.h"
#include "core/compare/PredictionTable.h"
#include "core/data/Dataset.h"
#include "core/eval/Curves.h"
#include "core/runs/FeatureImportances.h"
#include "core/runs/RunExecution.h"
#include "core/runs/RunPlan.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/HeatmapWidget.h"
#include "ui/charts/ParallelCoordinatesWidget.h"
#include "ui/charts/StripBoxChart.h"
#include "ui/charts/XYChart.h"
#include "ui/compare/ConfusionPage.h"
#include "ui/compare/CurvesPage.h"
#include "ui/compare/ImportancePage.h"
#include "ui/compare/SweepPage.h"

#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Tandem;
using namespace Tandem::Ui;

namespace {

const QString samples = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples");

/// Runs every configuration of the spec `json` (a RunSpec document whose dataset
/// path names a sample file) to the end in `workspace`; their ids in plan order.
QList<qint64> runAll(Store::Workspace &workspace, const QByteArray &json)
{
    QList<qint64> ids;
    QJsonObject object = QJsonDocument::fromJson(json).object();
    QJsonObject dataset = object.value(QStringLiteral("dataset")).toObject();
    dataset.insert(
        QStringLiteral("path"), samples + QLatin1Char('/') + dataset.value(QStringLiteral("path")).toString());
    object.insert(QStringLiteral("dataset"), dataset);
    auto spec = Runs::RunSpec::fromJson(object);
    if (!spec.ok()) {
        qWarning() << spec.error().toString();
        return ids;
    }
    Base::NullProgressSink sink;
    const Base::Progress progress(sink);
    auto data = spec->loadDataset(progress);
    if (!data.ok())
        return ids;
    auto planned = Runs::planRuns(spec.value(), *data->dataset);
    if (!planned.ok())
        return ids;
    for (const Runs::PlannedRun &run : planned.value()) {
        auto id = Runs::queueRun(workspace.store(), run);
        if (!id.ok())
            return {};
        const Base::Status done
            = Runs::executeRun(workspace.store(), id.value(), run.spec, *data->dataset, 1, progress);
        if (!done.ok()) {
            qWarning() << done.error().toString();
            return {};
        }
        ids << id.value();
    }
    return ids;
}

/// The number after `prefix` in a legend name such as "#3 C=0.1 (AUC 0.993)".
double legendNumber(const QString &name, const QString &prefix)
{
    const QRegularExpression pattern(QStringLiteral("\\(%1 ([0-9.]+)\\)$").arg(prefix));
    const QRegularExpressionMatch match = pattern.match(name);
    return match.hasMatch() ? match.captured(1).toDouble() : std::nan("");
}

template<typename Page> bool waitLoaded(Page &page)
{
    QSignalSpy spy(&page, &Page::loaded);
    return spy.wait(60000) || !page.isLoading();
}

} // namespace

class TestComparePages : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<Store::Workspace> m_workspace;
    /// Breast cancer (binary): logistic regression over C × penalty.
    QList<qint64> m_logregSweep;
    /// Iris (three classes): forests over n_estimators, with permutation importance.
    QList<qint64> m_forests;
    /// Wine's alcohol content (regression).
    QList<qint64> m_regression;
    /// Iris with k-NN (no per-step metrics, another family).
    QList<qint64> m_knn;

    std::shared_ptr<const Compare::Comparison> comparison(const QList<qint64> &ids)
    {
        auto loaded = Compare::Comparison::load(m_workspace->store(), ids);
        if (!loaded.ok())
            qFatal("cannot compare: %s", qPrintable(loaded.error().toString()));
        return std::make_shared<const Compare::Comparison>(std::move(loaded).value());
    }

    template<typename Page> void show(Page &page, const QList<qint64> &ids)
    {
        page.resize(1100, 760);
        page.setComparison(m_workspace, ids, comparison(ids));
    }

    void screenshot(QWidget &page, const QString &name)
    {
        const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::qWait(50);
        QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("compare-%1.png").arg(name))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto workspace = Store::Workspace::create(m_dir.path());
        QVERIFY2(workspace.ok(), qPrintable(workspace.error().toString()));
        m_workspace = workspace.value();
        m_logregSweep = runAll(*m_workspace, R"({"version": 1, "dataset": {"path": "breast_cancer.csv"},
            "target": "diagnosis", "model": {"id": "logreg", "params": {"max_iter": 200}},
            "evaluation": {"method": "kfold", "folds": 3, "seed": 5},
            "sweep": {"method": "grid", "params": {"C": [0.001, 0.01, 1, 100], "penalty": ["l2", "l1"]}}})");
        QCOMPARE(m_logregSweep.size(), 8);
        m_forests = runAll(*m_workspace, R"({"version": 1, "dataset": {"path": "iris.csv"}, "target": "species",
            "model": {"id": "forest", "params": {"max_depth": 3}},
            "evaluation": {"method": "kfold", "folds": 3, "seed": 2, "importance_repeats": 2},
            "sweep": {"method": "grid", "params": {"n_estimators": [5, 20]}}})");
        QCOMPARE(m_forests.size(), 2);
        m_regression = runAll(*m_workspace, R"({"version": 1, "dataset": {"path": "wine.csv"}, "target": "alcohol",
            "features": ["malic_acid", "ash", "color_intensity"], "model": {"id": "ridge"},
            "evaluation": {"method": "kfold", "folds": 3, "seed": 1},
            "sweep": {"method": "grid", "params": {"alpha": [0.1, 10]}}})");
        QCOMPARE(m_regression.size(), 2);
        m_knn = runAll(*m_workspace, R"({"version": 1, "dataset": {"path": "iris.csv"}, "target": "species",
            "model": {"id": "knn"}, "evaluation": {"method": "kfold", "folds": 3, "seed": 2}})");
        QCOMPARE(m_knn.size(), 1);
    }

    // One ROC and one PR curve per run, each named with the area core/eval gives
    // for that run's pooled out-of-fold predictions; one learning curve per run.
    void curvesOfABinarySweep()
    {
        const QList<qint64> ids = m_logregSweep.mid(0, 4);
        CurvesPage page;
        show(page, ids);
        QVERIFY(waitLoaded(page));
        QVERIFY(!page.isLoading());
        QCOMPARE(page.curvesEmptyText(), QString());
        QCOMPARE(page.classChooser()->count(), 2);
        const QString positive = page.classChooser()->currentText();

        const XYChartData &roc = page.rocChart()->data();
        const XYChartData &pr = page.precisionRecallChart()->data();
        QCOMPARE(roc.series.size(), ids.size());
        QCOMPARE(pr.series.size(), ids.size());
        for (qsizetype r = 0; r < ids.size(); ++r) {
            QCOMPARE(roc.series.at(r).runId, ids.at(r));
            auto table = Compare::loadPredictionTable(m_workspace->store(), ids.at(r), Learn::Task::Classification);
            QVERIFY(table.ok());
            const qsizetype k = table->classes.indexOf(positive);
            QCOMPARE(k, 1); // the second label is the positive one, as in scikit-learn
            Eigen::VectorXd truth = (table->truth.array() == double(k)).cast<double>();
            const Eigen::VectorXd scores = table->probabilities.col(k);
            const auto auc = Eval::rocAuc(truth, scores);
            const auto ap = Eval::averagePrecision(truth, scores);
            QVERIFY(auc.ok() && ap.ok());
            QVERIFY2(std::abs(legendNumber(roc.series.at(r).name, QStringLiteral("AUC")) - auc.value()) <= 0.0005,
                qPrintable(roc.series.at(r).name));
            QVERIFY2(std::abs(legendNumber(pr.series.at(r).name, QStringLiteral("AP")) - ap.value()) <= 0.0005,
                qPrintable(pr.series.at(r).name));
            // The curve runs from (0, 0) to (1, 1).
            QCOMPARE(roc.series.at(r).x.front(), 0.0);
            QCOMPARE(roc.series.at(r).y.back(), 1.0);
        }

        // Logistic regression reports its training loss at every iteration.
        QCOMPARE(page.learningEmptyText(), QString());
        QVERIFY(page.metricChooser()->findText(QStringLiteral("train_loss")) >= 0);
        QCOMPARE(page.learningChart()->data().series.size(), ids.size());
        QCOMPARE(page.curveKind(), CurvesPage::LearningCurves);
        screenshot(page, QStringLiteral("curves-learning"));
        page.showCurveKind(CurvesPage::RocCurves);
        screenshot(page, QStringLiteral("curves-roc"));
        page.showCurveKind(CurvesPage::PrecisionRecallCurves);
        screenshot(page, QStringLiteral("curves-pr"));
    }

    // Three classes: each class against the rest, chosen in the class list.
    void curvesOneVsRest()
    {
        const QList<qint64> ids = m_forests + m_knn;
        CurvesPage page;
        show(page, ids);
        QVERIFY(waitLoaded(page));
        QCOMPARE(page.classChooser()->count(), 3);
        page.classChooser()->setCurrentIndex(2);
        QVERIFY(waitLoaded(page));
        const QString chosen = page.classChooser()->currentText();
        QVERIFY(page.rocChart()->data().title.contains(chosen));
        const XYChartData &roc = page.rocChart()->data();
        QCOMPARE(roc.series.size(), ids.size());
        for (qsizetype r = 0; r < ids.size(); ++r) {
            auto table = Compare::loadPredictionTable(m_workspace->store(), ids.at(r), Learn::Task::Classification);
            QVERIFY(table.ok());
            const qsizetype k = table->classes.indexOf(chosen);
            Eigen::VectorXd truth = (table->truth.array() == double(k)).cast<double>();
            const auto auc = Eval::rocAuc(truth, table->probabilities.col(k));
            QVERIFY(auc.ok());
            QVERIFY(std::abs(legendNumber(roc.series.at(r).name, QStringLiteral("AUC")) - auc.value()) <= 0.0005);
        }
        // Forests and k-NN report no per-step metrics: the page starts on the ROC curves.
        QVERIFY(page.learningEmptyText().startsWith(QStringLiteral("These runs have no per-step metrics")));
        QCOMPARE(page.curveKind(), CurvesPage::RocCurves);
    }

    void curvesOfRegressionRuns()
    {
        CurvesPage page;
        show(page, m_regression);
        QVERIFY(waitLoaded(page));
        QVERIFY2(page.curvesEmptyText().startsWith(QStringLiteral("Regression runs have no ROC curve")),
            qPrintable(page.curvesEmptyText()));
    }

    // Counts add up to the predictions; row-normalised rows to 1.
    void confusionMatrix()
    {
        const QList<qint64> ids = m_forests + m_knn;
        ConfusionPage page;
        show(page, ids);
        QVERIFY(waitLoaded(page));
        QCOMPARE(page.emptyText(), QString());
        QCOMPARE(page.runChooser()->count(), ids.size());
        for (const qint64 id : ids) {
            QVERIFY(page.showRun(id));
            QCOMPARE(page.shownRunId(), id);
            auto table = Compare::loadPredictionTable(m_workspace->store(), id, Learn::Task::Classification);
            QVERIFY(table.ok());
            page.setRowNormalised(false);
            const HeatmapWidget *heatmap = page.heatmap();
            QCOMPARE(heatmap->rowCount(), 3);
            QCOMPARE(heatmap->data().rowLabels, table->classes);
            double total = 0;
            double diagonal = 0;
            for (int i = 0; i < 3; ++i) {
                for (int j = 0; j < 3; ++j) {
                    total += heatmap->displayedValue(i, j);
                    diagonal += i == j ? heatmap->displayedValue(i, j) : 0.0;
                }
            }
            QCOMPARE(total, double(table->size()));
            qint64 right = 0;
            for (qsizetype e = 0; e < table->size(); ++e)
                right += table->correct(e) ? 1 : 0;
            QCOMPARE(diagonal, double(right));

            page.setRowNormalised(true);
            QCOMPARE(heatmap->scale(), HeatmapWidget::Scale::RowNormalised);
            for (int i = 0; i < 3; ++i) {
                double row = 0;
                for (int j = 0; j < 3; ++j)
                    row += heatmap->displayedValue(i, j);
                QVERIFY(std::abs(row - 1.0) < 1e-12);
            }
        }
        page.setRowNormalised(false);
        QVERIFY(page.showRun(ids.first()));
        screenshot(page, QStringLiteral("confusion"));

        ConfusionPage regression;
        show(regression, m_regression);
        QVERIFY(waitLoaded(regression));
        QVERIFY(regression.emptyText().startsWith(QStringLiteral("Regression runs have no confusion matrix")));
    }

    // C is swept on a log scale (its ParamSpec says so): a log x axis, and a log
    // axis in the parallel coordinates; penalty is categorical there.
    void sweepUsesLogAxisForC()
    {
        SweepPage page;
        show(page, m_logregSweep);
        QCOMPARE(page.emptyText(), QString());
        QCOMPARE(page.varyingParameters(), (QStringList {QStringLiteral("C"), QStringLiteral("penalty")}));
        page.parameterChooser()->setCurrentIndex(page.parameterChooser()->findText(QStringLiteral("C")));
        QVERIFY(!page.showsStripChart());
        const XYChartData &scatter = page.scatter()->data();
        QVERIFY(scatter.logX);
        QCOMPARE(scatter.series.size(), m_logregSweep.size());
        const auto compared = comparison(m_logregSweep);
        const QString metric = page.metricChooser()->currentText();
        for (qsizetype r = 0; r < m_logregSweep.size(); ++r) {
            QCOMPARE(scatter.series.at(r).runId, m_logregSweep.at(r));
            QCOMPARE(scatter.series.at(r).x.front(),
                compared->runs().at(r).record.params.value(QStringLiteral("C")).toDouble());
            QCOMPARE(scatter.series.at(r).y.front(), compared->summary(int(r), metric).mean);
        }

        const ParallelCoordinatesData &parallel = page.parallelCoordinates()->data();
        QCOMPARE(parallel.axes.size(), 3);
        QCOMPARE(parallel.axes.at(0).name, QStringLiteral("C"));
        QVERIFY(parallel.axes.at(0).log);
        QCOMPARE(parallel.axes.at(1).name, QStringLiteral("penalty"));
        QCOMPARE(parallel.axes.at(1).categories, (QStringList {QStringLiteral("l2"), QStringLiteral("l1")}));
        QCOMPARE(parallel.axes.at(2).name, metric);

        // A categorical parameter is drawn as a box and strip per value.
        page.parameterChooser()->setCurrentIndex(page.parameterChooser()->findText(QStringLiteral("penalty")));
        QVERIFY(page.showsStripChart());
        QCOMPARE(page.stripChart()->data().groups.size(), 2);
        QCOMPARE(page.stripChart()->data().groups.at(0).values.size(), 4);
        page.parameterChooser()->setCurrentIndex(0);
        screenshot(page, QStringLiteral("sweep"));

        // k-NN next to logistic regression share no parameter.
        SweepPage notSweep;
        show(notSweep, {m_logregSweep.first(), m_knn.first()});
        QVERIFY(notSweep.emptyText().startsWith(QStringLiteral("Not a sweep: the runs share no varying parameter")));
    }

    // Brushing the metric axis selects the runs whose mean lies in the range.
    void brushingSelectsRuns()
    {
        SweepPage page;
        show(page, m_logregSweep);
        const auto compared = comparison(m_logregSweep);
        const QString metric = page.metricChooser()->currentText();
        QCOMPARE(page.selectionText(), QStringLiteral("8 of 8 runs selected"));
        double best = -1;
        for (int r = 0; r < m_logregSweep.size(); ++r)
            best = std::max(best, compared->summary(r, metric).mean);
        const double low = best - 0.02;
        QList<qint64> expected;
        for (int r = 0; r < m_logregSweep.size(); ++r) {
            if (compared->summary(r, metric).mean >= low)
                expected << m_logregSweep.at(r);
        }
        QVERIFY(!expected.isEmpty() && expected.size() < m_logregSweep.size());

        QSignalSpy selected(&page, &SweepPage::runSelectionChanged);
        page.parallelCoordinates()->setBrush(2, low, 1.0);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().value<QList<qint64>>(), expected);
        QCOMPARE(page.selectedRunIds(), expected);
        QCOMPARE(page.selectionText(), QStringLiteral("%1 of 8 runs selected").arg(expected.size()));
        // Runs outside the brush leave the scatter.
        for (int r = 0; r < m_logregSweep.size(); ++r)
            QCOMPARE(page.scatter()->isSeriesShown(r), expected.contains(m_logregSweep.at(r)));
        screenshot(page, QStringLiteral("sweep-brushed-scatter"));
        page.showChart(SweepPage::ParallelChart);
        QCOMPARE(page.chart(), SweepPage::ParallelChart);
        screenshot(page, QStringLiteral("sweep-brushed-parallel"));

        // A second brush, on penalty = l2 (index 0), narrows further.
        page.parallelCoordinates()->setBrush(1, -0.5, 0.5);
        QList<qint64> l2;
        for (qint64 id : std::as_const(expected)) {
            if (compared->runs().at(compared->indexOf(id)).record.params.value(QStringLiteral("penalty")).toString()
                == QLatin1String("l2"))
                l2 << id;
        }
        QCOMPARE(page.selectedRunIds(), l2);
        page.parallelCoordinates()->clearBrushes();
        QCOMPARE(page.selectedRunIds(), m_logregSweep);
        QCOMPARE(page.selectionText(), QStringLiteral("8 of 8 runs selected"));
    }

    // Bars are the recorded importances' means over folds, ± their sd.
    void importanceBarsAreTheRecordedImportances()
    {
        ImportancePage page;
        show(page, m_forests);
        QVERIFY(waitLoaded(page));
        QCOMPARE(page.emptyText(), QString());
        QCOMPARE(page.kindChooser()->count(), 2);
        for (const QString &kind : {Runs::impurityImportanceKind, Runs::permutationImportanceKind}) {
            QVERIFY(page.showKind(kind));
            // Side by side: one series per run, the four iris features.
            QVERIFY(page.showRun(0));
            QCOMPARE(page.chart()->data().series.size(), 2);
            QCOMPARE(page.chart()->data().categories.size(), 4);
            for (qsizetype r = 0; r < m_forests.size(); ++r) {
                const qint64 id = m_forests.at(r);
                auto recorded = Runs::loadFeatureImportances(m_workspace->store(), id);
                QVERIFY(recorded.ok());
                const auto summaries = Runs::summarizeImportances(recorded.value(), kind);
                QCOMPARE(summaries.size(), 4);
                for (const bool alone : {false, true}) {
                    if (alone)
                        QVERIFY(page.showRun(id));
                    const BarChartData &data = page.chart()->data();
                    const BarSeriesData &series = alone ? data.series.first() : data.series.at(r);
                    QCOMPARE(series.runId, id);
                    for (const Eval::MetricSummary &summary : summaries) {
                        const qsizetype c = data.categories.indexOf(summary.name);
                        QVERIFY2(c >= 0, qPrintable(summary.name));
                        QCOMPARE(series.values.at(c), summary.mean);
                        QCOMPARE(series.upper.at(c), summary.mean + summary.std);
                    }
                }
                QVERIFY(page.showRun(0));
            }
        }
        // Top 2 keeps the two features with the largest mean over the runs.
        page.topChooser()->setValue(2);
        QCOMPARE(page.chart()->data().categories.size(), 2);
        page.topChooser()->setValue(15);
        page.showKind(Runs::impurityImportanceKind);
        screenshot(page, QStringLiteral("importance"));

        ImportancePage none;
        show(none, m_logregSweep.mid(0, 2));
        QVERIFY(waitLoaded(none));
        QVERIFY(none.emptyText().startsWith(QStringLiteral("These runs recorded no feature importances")));
    }
};

QTEST_MAIN(TestComparePages)
#include "tst_comparepages.moc"
