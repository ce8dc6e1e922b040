// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/CurvesPage.h"

#include "core/compare/Comparison.h"
#include "core/compare/PredictionTable.h"
#include "core/eval/Curves.h"
#include "core/store/ExperimentStore.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/XYChart.h"
#include "ui/compare/PageRead.h"
#include "ui/compare/PageWidgets.h"
#include "ui/compare/RunChip.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QMap>
#include <QStackedWidget>
#include <QTabBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace Tandem::Ui {

/// What is read for the compared runs, once per comparison.
struct CurvesPage::Loaded {
    struct Run {
        qint64 id = 0;
        QString label; ///< runLabel, cut to fit a legend by legendRunName
        Learn::Task task = Learn::Task::Classification;
        /// Per per-step metric: (step, mean over the folds that reached it), by step.
        QMap<QString, std::vector<std::pair<qint64, double>>> steps;
        /// Classification runs: the out-of-fold predictions, or why there are none.
        std::shared_ptr<const Compare::PredictionTable> predictions;
        QString predictionsNote;
    };
    QList<Run> runs;
    /// Every per-step metric of any run, in the order first met.
    QStringList stepMetrics;
    /// Every class label of any run's predictions, in the order first met.
    QStringList classes;
};

/// The ROC and precision-recall series for one class.
struct CurvesPage::ClassCurves {
    QString className;
    QList<XYSeries> roc;
    QList<XYSeries> precisionRecall;
    QStringList notes;
};

namespace {

enum StackPage { NotePage, ChartPage };
/// The pages of the ROC/PR stack: its note, then one chart per kind.
enum CurvesStackPage { CurvesNotePage, RocPage, PrecisionRecallPage };

/// Every metric point with a step, averaged per (metric, step) over the folds.
QMap<QString, std::vector<std::pair<qint64, double>>> meanSteps(
    const QList<Store::MetricPoint> &points, QStringList &order)
{
    std::map<std::pair<QString, qint64>, std::pair<double, int>> sums;
    for (const Store::MetricPoint &point : points) {
        if (!point.step || std::isnan(point.value))
            continue;
        if (!order.contains(point.name))
            order.append(point.name);
        auto &[sum, count] = sums[{point.name, *point.step}];
        sum += point.value;
        ++count;
    }
    QMap<QString, std::vector<std::pair<qint64, double>>> steps;
    for (const auto &[key, sum] : sums)
        steps[key.first].emplace_back(key.second, sum.first / sum.second);
    return steps;
}

/// A legend with more entries than this goes to the right of the plot, one per
/// line, where a name and its score fit.
constexpr qsizetype rightLegendFrom = 4;

QString curveName(const QString &label, qint64 runId, qsizetype runCount)
{
    return runCount >= rightLegendFrom ? legendRunName(label, runId, 1, 24) : legendRunName(label, runId, runCount, 90);
}

Qt::Alignment legendAlignment(qsizetype runCount)
{
    return runCount >= rightLegendFrom ? Qt::AlignRight : Qt::AlignBottom;
}

QString formatScore(double value)
{
    return QString::number(value, 'f', 3);
}

/// The ROC and PR curves of every run with predictions for class `className`
/// against the rest (runs off the GUI thread).
CurvesPage::ClassCurves curvesFor(const CurvesPage::Loaded &loaded, const QString &className)
{
    CurvesPage::ClassCurves curves;
    curves.className = className;
    for (const auto &run : loaded.runs) {
        if (run.task != Learn::Task::Classification) {
            curves.notes << QCoreApplication::translate("Tandem::Ui::CurvesPage", "#%1: a regression run").arg(run.id);
            continue;
        }
        if (!run.predictions) {
            curves.notes << QStringLiteral("#%1: %2").arg(run.id).arg(run.predictionsNote);
            continue;
        }
        const Compare::PredictionTable &table = *run.predictions;
        const qsizetype k = table.classes.indexOf(className);
        if (k < 0 || k >= table.probabilities.cols()) {
            curves.notes << QCoreApplication::translate("Tandem::Ui::CurvesPage", "#%1: no probabilities for class %2")
                                .arg(run.id)
                                .arg(className);
            continue;
        }
        // Entries without a truth or a probability (a model without probabilities) are left out.
        Eigen::VectorXd truth(table.size());
        Eigen::VectorXd scores(table.size());
        Eigen::Index n = 0;
        for (Eigen::Index i = 0; i < Eigen::Index(table.size()); ++i) {
            const double score = table.probabilities(i, Eigen::Index(k));
            if (std::isnan(table.truth[i]) || std::isnan(score))
                continue;
            truth[n] = table.truth[i] == double(k) ? 1.0 : 0.0;
            scores[n] = score;
            ++n;
        }
        truth.conservativeResize(n);
        scores.conservativeResize(n);
        const auto auc = Eval::rocAuc(truth, scores);
        const auto roc = Eval::rocCurve(truth, scores);
        const auto pr = Eval::precisionRecallCurve(truth, scores);
        const auto ap = Eval::averagePrecision(truth, scores);
        if (!auc.ok() || !roc.ok() || !pr.ok() || !ap.ok()) {
            const Base::Error &error = !auc.ok() ? auc.error()
                : !roc.ok()                      ? roc.error()
                : !pr.ok()                       ? pr.error()
                                                 : ap.error();
            curves.notes << QStringLiteral("#%1: %2").arg(run.id).arg(error.message);
            continue;
        }
        XYSeries rocSeries;
        // Half a page wide, with room for the score after the name.
        const QString name = curveName(run.label, run.id, loaded.runs.size());
        rocSeries.name = QStringLiteral("%1 (AUC %2)").arg(name, formatScore(auc.value()));
        rocSeries.runId = run.id;
        rocSeries.x.assign(roc->fpr.data(), roc->fpr.data() + roc->fpr.size());
        rocSeries.y.assign(roc->tpr.data(), roc->tpr.data() + roc->tpr.size());
        curves.roc.append(std::move(rocSeries));

        XYSeries prSeries;
        prSeries.name = QStringLiteral("%1 (AP %2)").arg(name, formatScore(ap.value()));
        prSeries.runId = run.id;
        prSeries.x.assign(pr->recall.data(), pr->recall.data() + pr->recall.size());
        prSeries.y.assign(pr->precision.data(), pr->precision.data() + pr->precision.size());
        curves.precisionRecall.append(std::move(prSeries));
    }
    return curves;
}

/// A label and its chooser, as one widget that can be hidden with its label.
QWidget *chooserRow(QLabel *label, QComboBox *combo, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(combo);
    label->setBuddy(combo);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return row;
}

} // namespace

CurvesPage::CurvesPage(QWidget *parent)
    : ComparePage(parent)
    , m_kindBar(new QTabBar(this))
    , m_metricCombo(new QComboBox(this))
    , m_learningStack(new QStackedWidget(this))
    , m_learningEmpty(makePageNote(this))
    , m_learningChart(new XYChart)
    , m_classLabel(new QLabel(tr("&Positive class:"), this))
    , m_classCombo(new QComboBox(this))
    , m_curvesStack(new QStackedWidget(this))
    , m_curvesEmpty(makePageNote(this))
    , m_rocChart(new XYChart)
    , m_precisionRecallChart(new XYChart)
    , m_curvesNote(new QLabel(this))
{
    m_pool.setMaxThreadCount(1);
    // One chart at a time, each with the whole page: three side by side leave
    // none of them room for its axes and a legend of a dozen runs.
    m_kindBar->setObjectName(QStringLiteral("curvesKind"));
    m_kindBar->addTab(tr("Learning curves"));
    m_kindBar->addTab(tr("ROC"));
    m_kindBar->addTab(tr("Precision-recall"));
    m_kindBar->setExpanding(false);
    m_kindBar->setDrawBase(false);
    // Every tab always readable: the choosers beside it give way instead.
    m_kindBar->setUsesScrollButtons(false);
    m_kindBar->setTabToolTip(
        LearningCurves, tr("Each run's per-step metric (mean over its folds) by iteration or epoch"));
    m_kindBar->setTabToolTip(RocCurves, tr("True against false positive rate of the out-of-fold predictions"));
    m_kindBar->setTabToolTip(PrecisionRecallCurves, tr("Precision against recall of the out-of-fold predictions"));
    m_metricCombo->setObjectName(QStringLiteral("curvesMetric"));
    m_metricCombo->setToolTip(tr("The per-step metric drawn for every run (mean over its folds at each step)"));
    m_classCombo->setObjectName(QStringLiteral("curvesClass"));
    m_curvesNote->setWordWrap(true);
    m_curvesNote->setForegroundRole(QPalette::PlaceholderText);
    m_curvesNote->setVisible(false);

    m_metricRow = chooserRow(new QLabel(tr("&Metric:"), this), m_metricCombo, this);
    m_classRow = chooserRow(m_classLabel, m_classCombo, this);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_kindBar);
    controls->addSpacing(16);
    controls->addWidget(m_metricRow);
    controls->addWidget(m_classRow);
    controls->addStretch(1);

    m_learningStack->addWidget(m_learningEmpty);
    m_learningStack->addWidget(new ChartPanel(m_learningChart, m_learningStack));
    m_curvesStack->addWidget(m_curvesEmpty);
    m_curvesStack->addWidget(new ChartPanel(m_rocChart, m_curvesStack));
    m_curvesStack->addWidget(new ChartPanel(m_precisionRecallChart, m_curvesStack));
    m_views = new QStackedWidget(this);
    m_views->addWidget(m_learningStack);
    m_views->addWidget(m_curvesStack);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_views, 1);
    layout->addWidget(m_curvesNote);

    connect(m_kindBar, &QTabBar::currentChanged, this, [this] { showKind(); });
    connect(m_metricCombo, &QComboBox::currentIndexChanged, this, [this] { showLearningCurves(); });
    connect(m_classCombo, &QComboBox::currentIndexChanged, this, [this] { computeCurves(); });
    showLearningEmpty(tr("No runs to show"));
    showCurvesEmpty(tr("No runs to show"));
    showKind();
}

CurvesPage::~CurvesPage()
{
    m_pool.waitForDone();
}

QString CurvesPage::title() const
{
    return tr("Curves");
}

bool CurvesPage::isLoading() const
{
    return m_reading || m_computing;
}

QString CurvesPage::learningEmptyText() const
{
    return m_learningStack->currentIndex() == NotePage ? m_learningEmpty->text() : QString();
}

QString CurvesPage::curvesEmptyText() const
{
    return m_curvesReady ? QString() : m_curvesEmpty->text();
}

QString CurvesPage::curvesNote() const
{
    return m_curvesReady ? m_curvesNote->text() : QString();
}

CurvesPage::CurveKind CurvesPage::curveKind() const
{
    return CurveKind(m_kindBar->currentIndex());
}

void CurvesPage::showCurveKind(CurveKind kind)
{
    m_kindBar->setCurrentIndex(kind);
}

void CurvesPage::showKind()
{
    const CurveKind kind = curveKind();
    const bool learning = kind == LearningCurves;
    m_metricRow->setVisible(learning);
    m_classRow->setVisible(!learning);
    m_views->setCurrentIndex(learning ? 0 : 1);
    if (m_curvesReady)
        m_curvesStack->setCurrentIndex(kind == RocCurves ? RocPage : PrecisionRecallPage);
    m_curvesNote->setVisible(!learning && m_curvesReady && !m_curvesNote->text().isEmpty());
}

void CurvesPage::setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
    std::shared_ptr<const Compare::Comparison> comparison)
{
    Q_UNUSED(runIds)
    m_comparison = std::move(comparison);
    const quint64 generation = ++m_generation;
    ++m_curvesGeneration;
    m_computing = false;
    if (!workspace || !m_comparison) {
        m_reading = false;
        m_loaded.reset();
        showLearningEmpty(tr("No runs to show"));
        showCurvesEmpty(tr("No runs to show"));
        Q_EMIT loaded();
        return;
    }
    m_reading = true;
    showLearningEmpty(tr("Reading the runs…"));
    showCurvesEmpty(tr("Reading the runs…"));

    readInBackground(
        m_pool, this, std::move(workspace),
        [comparison = m_comparison](
            const Store::ExperimentStore &store) -> Base::Result<std::shared_ptr<const Loaded>> {
            auto loaded = std::make_shared<Loaded>();
            for (const Compare::ComparedRun &compared : comparison->runs()) {
                Loaded::Run run;
                run.id = compared.id();
                run.label = runLabel(compared);
                run.task = compared.task;
                auto details = store.run(run.id);
                if (!details.ok())
                    return details.error();
                run.steps = meanSteps(details->metrics, loaded->stepMetrics);
                if (run.task == Learn::Task::Classification) {
                    auto table = Compare::loadPredictionTable(store, run.id, run.task);
                    if (table.ok()) {
                        for (const QString &label : std::as_const(table->classes)) {
                            if (!loaded->classes.contains(label))
                                loaded->classes.append(label);
                        }
                        run.predictions = std::make_shared<const Compare::PredictionTable>(std::move(table).value());
                    } else {
                        run.predictionsNote = table.error().message;
                    }
                }
                loaded->runs.append(std::move(run));
            }
            return std::shared_ptr<const Loaded>(std::move(loaded));
        },
        [this, generation](Base::Result<std::shared_ptr<const Loaded>> result) {
            if (generation != m_generation)
                return;
            if (result.ok())
                applyLoaded(generation, result.value(), {});
            else
                applyLoaded(generation, nullptr, result.error().toString());
        });
}

void CurvesPage::applyLoaded(quint64 generation, std::shared_ptr<const Loaded> data, const QString &error)
{
    Q_UNUSED(generation)
    m_reading = false;
    m_loaded = std::move(data);
    if (!m_loaded) {
        showLearningEmpty(tr("Cannot read the runs: %1").arg(error));
        showCurvesEmpty(tr("Cannot read the runs: %1").arg(error));
        Q_EMIT loaded();
        return;
    }

    // Keep the chosen metric and class across comparisons when they still exist.
    const QString metric = m_metricCombo->currentText();
    {
        const QSignalBlocker blocker(m_metricCombo);
        m_metricCombo->clear();
        m_metricCombo->addItems(m_loaded->stepMetrics);
        int index = m_loaded->stepMetrics.indexOf(metric);
        if (index < 0) {
            // Validation curves say more about a model than training ones.
            for (qsizetype i = 0; i < m_loaded->stepMetrics.size() && index < 0; ++i) {
                if (m_loaded->stepMetrics.at(i).startsWith(QLatin1String("validation")))
                    index = int(i);
            }
        }
        m_metricCombo->setCurrentIndex(std::max(0, index));
        m_metricCombo->setEnabled(!m_loaded->stepMetrics.isEmpty());
    }
    showLearningCurves();

    const QString className = m_classCombo->currentText();
    {
        const QSignalBlocker blocker(m_classCombo);
        m_classCombo->clear();
        m_classCombo->addItems(m_loaded->classes);
        const bool binary = m_loaded->classes.size() == 2;
        m_classLabel->setText(binary ? tr("&Positive class:") : tr("&Class (one vs rest):"));
        m_classCombo->setToolTip(binary ? tr("The class whose probability ranks the predictions")
                                        : tr("The class drawn against all others"));
        int index = int(m_loaded->classes.indexOf(className));
        // Binary: the second label is the positive one, as scikit-learn takes it.
        if (index < 0)
            index = binary ? 1 : 0;
        m_classCombo->setCurrentIndex(m_loaded->classes.isEmpty() ? -1 : index);
        m_classCombo->setEnabled(!m_loaded->classes.isEmpty());
    }
    // Start where there is something to see.
    if (curveKind() == LearningCurves && m_loaded->stepMetrics.isEmpty() && !m_loaded->classes.isEmpty())
        showCurveKind(RocCurves);
    else if (curveKind() != LearningCurves && m_loaded->classes.isEmpty() && !m_loaded->stepMetrics.isEmpty())
        showCurveKind(LearningCurves);
    computeCurves();
}

void CurvesPage::showLearningCurves()
{
    if (!m_loaded)
        return;
    if (m_loaded->stepMetrics.isEmpty()) {
        showLearningEmpty(tr("These runs have no per-step metrics: their models report no learning curve "
                             "(logistic regression, boosting and neural networks do)."));
        return;
    }
    const QString metric = m_metricCombo->currentText();
    XYChartData data;
    data.title = tr("Learning curve: %1 (mean over folds)").arg(metric);
    data.xTitle = tr("step (iteration or epoch)");
    data.yTitle = metric;
    for (const auto &run : m_loaded->runs) {
        const auto found = run.steps.constFind(metric);
        if (found == run.steps.constEnd())
            continue;
        XYSeries series;
        series.name = curveName(run.label, run.id, m_loaded->runs.size());
        series.runId = run.id;
        for (const auto &[step, value] : *found) {
            series.x.push_back(double(step));
            series.y.push_back(value);
        }
        data.series.append(std::move(series));
    }
    data.legendAlignment = legendAlignment(data.series.size());
    m_learningChart->setData(std::move(data));
    m_learningStack->setCurrentIndex(ChartPage);
}

void CurvesPage::computeCurves()
{
    const quint64 generation = ++m_curvesGeneration;
    if (!m_loaded)
        return;
    const bool anyClassifier = std::any_of(m_loaded->runs.cbegin(), m_loaded->runs.cend(),
        [](const Loaded::Run &run) { return run.task == Learn::Task::Classification; });
    if (!anyClassifier) {
        m_computing = false;
        showCurvesEmpty(tr("Regression runs have no ROC curve: ROC and precision-recall curves rank the "
                           "predicted probabilities of a class."));
        Q_EMIT loaded();
        return;
    }
    if (m_loaded->classes.isEmpty()) {
        m_computing = false;
        QStringList reasons;
        for (const auto &run : m_loaded->runs) {
            if (!run.predictionsNote.isEmpty())
                reasons << QStringLiteral("#%1: %2").arg(run.id).arg(run.predictionsNote);
        }
        showCurvesEmpty(tr("These runs have no out-of-fold predictions to draw curves from.") + QLatin1Char('\n')
            + reasons.join(QLatin1Char('\n')));
        Q_EMIT loaded();
        return;
    }
    m_computing = true;
    const QString className = m_classCombo->currentText();
    auto data = m_loaded;
    QtConcurrent::run(&m_pool, [data, className] {
        return curvesFor(*data, className);
    }).then(this, [this, generation](const ClassCurves &curves) {
        QMetaObject::invokeMethod(
            this, [this, generation, curves] { applyCurves(generation, curves); }, Qt::QueuedConnection);
    });
}

void CurvesPage::applyCurves(quint64 generation, const ClassCurves &curves)
{
    if (generation != m_curvesGeneration)
        return;
    m_computing = false;
    const bool binary = m_loaded && m_loaded->classes.size() == 2;
    const QString against
        = binary ? tr("positive class %1").arg(curves.className) : tr("class %1 vs rest").arg(curves.className);
    m_curvesNote->setText(
        curves.notes.isEmpty() ? QString() : tr("Not drawn: %1").arg(curves.notes.join(QStringLiteral("; "))));
    m_curvesNote->setVisible(!curves.notes.isEmpty());
    if (curves.roc.isEmpty()) {
        showCurvesEmpty(tr("No run has probabilities for class %1.").arg(curves.className));
        Q_EMIT loaded();
        return;
    }
    const Qt::Alignment legend = legendAlignment(curves.roc.size());
    m_rocChart->setData({tr("ROC, %1 (out-of-fold)").arg(against), tr("false positive rate"), tr("true positive rate"),
        false, false, curves.roc, legend});
    m_precisionRecallChart->setData({tr("Precision-recall, %1 (out-of-fold)").arg(against), tr("recall"),
        tr("precision"), false, false, curves.precisionRecall, legend});
    m_curvesReady = true;
    showKind();
    Q_EMIT loaded();
}

void CurvesPage::showLearningEmpty(const QString &text)
{
    m_learningEmpty->setText(text);
    m_learningStack->setCurrentIndex(NotePage);
}

void CurvesPage::showCurvesEmpty(const QString &text)
{
    m_curvesEmpty->setText(text);
    m_curvesReady = false;
    m_curvesStack->setCurrentIndex(CurvesNotePage);
    m_curvesNote->setVisible(false);
}

} // namespace Tandem::Ui
