// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/MetricsPage.h"

#include "core/eval/MetricSet.h"
#include "ui/charts/ChartPanel.h"
#include "ui/charts/ErrorBarChart.h"
#include "ui/charts/RunColors.h"
#include "ui/charts/StripBoxChart.h"
#include "ui/compare/CompareFormat.h"
#include "ui/compare/CriticalDifferenceWidget.h"
#include "ui/compare/MetricTableModel.h"
#include "ui/compare/PairTestsModel.h"
#include "ui/compare/RunChip.h"
#include "ui/compare/TableCopy.h"
#include "ui/compare/WinTieLossModel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Tandem::Ui {
namespace {

/// The metric shown first: what `tandem-cli compare` tests by default (accuracy for
/// classifiers, r2 for regressors), else the first one the runs have.
QString defaultMetric(const QStringList &metrics)
{
    for (const QString &preferred : {QStringLiteral("accuracy"), QStringLiteral("r2")}) {
        if (metrics.contains(preferred))
            return preferred;
    }
    return metrics.value(0);
}

QTableView *makeTable(QWidget *parent, const QString &objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectItems);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    makeTableCopyable(view);
    return view;
}

/// Columns as wide as their contents, but run names (a sweep's are long parameter
/// lists) at most a quarter of the view, elided, whole in their tooltip.
void fitColumns(QTableView *view, const QList<int> &runColumns)
{
    view->resizeColumnsToContents();
    const int widest = std::max(140, view->width() / 4);
    for (int column : runColumns) {
        if (view->columnWidth(column) > widest)
            view->setColumnWidth(column, widest);
    }
}

/// The height a chart needs for its title, axis titles and a legend column.
constexpr int chartHeight = 360;
/// Below this page width the two charts are stacked, each getting the full width
/// (a dozen runs' bars then still have room for their labels).
constexpr int sideBySideWidth = 1100;

QLabel *makeNote(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MetricsPage::MetricsPage(QWidget *parent)
    : ComparePage(parent)
    , m_tableModel(new MetricTableModel(this))
    , m_tableSort(new QSortFilterProxyModel(this))
    , m_pairs(new PairTestsModel(this))
    , m_pairsSort(new QSortFilterProxyModel(this))
    , m_matrix(new WinTieLossModel(this))
{
    setObjectName(QStringLiteral("metricsPage"));

    // The metric and level the charts and tests are about.
    m_metricChooser = new QComboBox(this);
    m_metricChooser->setObjectName(QStringLiteral("compareMetric"));
    m_metricChooser->setToolTip(tr("The metric the charts and the significance tests show"));
    m_metricChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_direction = new QLabel(this);
    m_direction->setEnabled(false);
    m_alphaChooser = new QDoubleSpinBox(this);
    m_alphaChooser->setObjectName(QStringLiteral("compareAlpha"));
    m_alphaChooser->setDecimals(3);
    m_alphaChooser->setRange(0.001, 0.5);
    m_alphaChooser->setSingleStep(0.01);
    m_alphaChooser->setValue(0.05);
    m_alphaChooser->setToolTip(tr("Significance level α: a difference counts when its p-value is below α"));
    auto *controls = new QHBoxLayout;
    auto *metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(m_metricChooser);
    auto *alphaLabel = new QLabel(tr("Significance &level α:"), this);
    alphaLabel->setBuddy(m_alphaChooser);
    controls->addWidget(metricLabel);
    controls->addWidget(m_metricChooser);
    controls->addWidget(m_direction);
    controls->addSpacing(24);
    controls->addWidget(alphaLabel);
    controls->addWidget(m_alphaChooser);
    controls->addStretch();

    // Every metric per run.
    m_table = makeTable(this, QStringLiteral("compareMetricTable"));
    m_tableSort->setSourceModel(m_tableModel);
    m_tableSort->setSortRole(MetricTableModel::SortRole);
    m_table->setModel(m_tableSort);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setToolTip(QString());
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const QString metric = index.data(MetricTableModel::MetricRole).toString();
        if (!metric.isEmpty())
            setMetric(metric);
    });

    // The chosen metric per run, and per fold.
    m_bars = new ErrorBarChart;
    m_bars->setObjectName(QStringLiteral("compareBars"));
    m_barPanel = new ChartPanel(m_bars, this);
    m_folds = new StripBoxChart;
    m_folds->setObjectName(QStringLiteral("compareFolds"));
    m_foldPanel = new ChartPanel(m_folds, this);
    m_charts = new QSplitter(Qt::Horizontal, this);
    m_charts->setObjectName(QStringLiteral("compareCharts"));
    m_charts->addWidget(m_barPanel);
    m_charts->addWidget(m_foldPanel);
    m_charts->setChildrenCollapsible(false);

    // Significance: paired tests and their win/tie/loss matrix; ranks over datasets.
    m_testTabs = new QTabWidget(this);
    m_testTabs->setObjectName(QStringLiteral("compareTests"));
    m_testTabs->setDocumentMode(true);
    auto *pairsPage = new QWidget(m_testTabs);
    m_pairsNote = makeNote(pairsPage, QStringLiteral("comparePairsNote"));
    m_pairsView = makeTable(pairsPage, QStringLiteral("comparePairs"));
    m_pairsSort->setSourceModel(m_pairs);
    m_pairsSort->setSortRole(PairTestsModel::SortRole);
    m_pairsView->setModel(m_pairsSort);
    m_pairsView->setSortingEnabled(true);
    m_pairsView->sortByColumn(-1, Qt::AscendingOrder);
    m_pairsView->verticalHeader()->hide();
    m_matrixView = makeTable(pairsPage, QStringLiteral("compareWinTieLoss"));
    m_matrixView->setModel(m_matrix);
    m_matrixView->setAlternatingRowColors(false);
    m_matrixView->horizontalHeader()->setDefaultSectionSize(56);
    m_matrixView->setToolTip(tr("Row's run against column's run: win (significantly better), tie (no "
                                "significant difference), loss, or – (not compared)"));
    auto *pairsSplit = new QSplitter(Qt::Horizontal, pairsPage);
    pairsSplit->addWidget(m_pairsView);
    pairsSplit->addWidget(m_matrixView);
    pairsSplit->setStretchFactor(0, 3);
    pairsSplit->setStretchFactor(1, 2);
    pairsSplit->setChildrenCollapsible(false);
    auto *pairsLayout = new QVBoxLayout(pairsPage);
    pairsLayout->setContentsMargins(0, 4, 0, 0);
    pairsLayout->addWidget(m_pairsNote);
    pairsLayout->addWidget(pairsSplit, 1);
    m_testTabs->addTab(pairsPage, tr("Paired Tests"));

    m_ranksPage = new QWidget(m_testTabs);
    m_ranksSummary = makeNote(m_ranksPage, QStringLiteral("compareRanksSummary"));
    m_criticalDifference = new CriticalDifferenceWidget;
    m_criticalDifference->setObjectName(QStringLiteral("compareCriticalDifference"));
    m_criticalDifferencePanel = new ChartPanel(m_criticalDifference, m_ranksPage);
    auto *ranksLayout = new QVBoxLayout(m_ranksPage);
    ranksLayout->setContentsMargins(0, 4, 0, 0);
    ranksLayout->addWidget(m_ranksSummary);
    ranksLayout->addWidget(m_criticalDifferencePanel, 1);
    m_testTabs->addTab(m_ranksPage, tr("Ranks over Datasets"));

    // Table, charts and tests each keep a readable height; below that the page scrolls
    // rather than squeeze axis titles and legends away.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("metricsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_charts);
    split->addWidget(m_testTabs);
    m_table->setMinimumHeight(150);
    m_charts->setMinimumHeight(chartHeight);
    m_testTabs->setMinimumHeight(300);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 3);
    split->setSizes({200, 360, 340});
    split->setChildrenCollapsible(false);
    scroll->setWidget(split);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(scroll, 1);

    connect(m_metricChooser, &QComboBox::currentIndexChanged, this, &MetricsPage::showMetric);
    connect(m_alphaChooser, &QDoubleSpinBox::valueChanged, this, [this](double alpha) {
        m_pairs->setAlpha(alpha);
        m_matrix->setAlpha(alpha);
        showTests();
        showRanks();
    });
    changeEvent(nullptr);
}

MetricsPage::~MetricsPage() = default;

QString MetricsPage::title() const
{
    return tr("Metrics");
}

QString MetricsPage::metric() const
{
    return m_metricChooser->currentData().toString();
}

void MetricsPage::setMetric(const QString &metric)
{
    const int i = m_metricChooser->findData(metric);
    if (i >= 0)
        m_metricChooser->setCurrentIndex(i);
}

double MetricsPage::alpha() const
{
    return m_alphaChooser->value();
}

void MetricsPage::setAlpha(double alpha)
{
    m_alphaChooser->setValue(alpha);
}

void MetricsPage::setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
    std::shared_ptr<const Compare::Comparison> comparison)
{
    Q_UNUSED(workspace)
    Q_UNUSED(runIds)
    m_comparison = std::move(comparison);
    m_tableModel->setComparison(m_comparison);
    fitColumns(m_table, {MetricTableModel::RunColumn});
    m_table->resizeRowsToContents();

    // Keep the metric chosen when the new runs have it too.
    const QString previous = metric();
    const QStringList metrics = m_comparison ? m_comparison->metricNames() : QStringList();
    {
        const QSignalBlocker block(m_metricChooser);
        m_metricChooser->clear();
        for (const QString &name : metrics)
            m_metricChooser->addItem(name, name);
        setMetric(metrics.contains(previous) ? previous : defaultMetric(metrics));
    }
    showMetric();
}

void MetricsPage::showMetric()
{
    const QString name = metric();
    m_direction->setText(name.isEmpty()   ? QString()
            : Eval::greaterIsBetter(name) ? tr("(higher is better)")
                                          : tr("(lower is better)"));
    m_metricPairs = m_comparison && !name.isEmpty() ? m_comparison->pairs(name) : QList<Compare::PairComparison>();
    m_pairs->setPairs(m_comparison, m_metricPairs, alpha());
    m_matrix->setPairs(m_comparison, m_metricPairs, alpha());
    m_pairsView->resizeColumnsToContents();
    m_matrixView->resizeColumnsToContents();
    // The matrix takes no more room than it fills; the pairs' outcomes get the rest.
    m_matrixView->setMaximumWidth(m_matrixView->verticalHeader()->sizeHint().width()
        + m_matrixView->horizontalHeader()->length() + 2 * m_matrixView->frameWidth()
        + m_matrixView->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2);
    updateCharts();
    showTests();
    showRanks();
}

void MetricsPage::updateCharts()
{
    const QString name = metric();
    BarChartData bars;
    bars.title = tr("%1: mean and 95 % interval per run").arg(name);
    bars.categoryTitle = tr("run");
    bars.valueTitle = name;
    bars.errorName = tr("95 % interval");
    StripChartData folds;
    folds.title = tr("%1 per fold").arg(name);
    folds.groupTitle = tr("run");
    folds.valueTitle = name;
    if (m_comparison && !name.isEmpty()) {
        const int n = int(m_comparison->runs().size());
        for (int i = 0; i < n; ++i) {
            const Compare::ComparedRun &run = m_comparison->runs().at(i);
            // Short names ("#12") keep axis labels and legend entries whole for many runs; the
            // table and the run list beside the charts give each colour its full name.
            const QString label = QStringLiteral("#%1").arg(run.id());
            const Eval::MetricSummary s = m_comparison->summary(i, name);
            bars.categories << label;
            BarSeriesData series;
            series.name = label;
            series.runId = run.id();
            for (int c = 0; c < n; ++c) {
                series.values << (c == i ? s.mean : std::nan(""));
                series.lower << (c == i ? s.ciLow : std::nan(""));
                series.upper << (c == i ? s.ciHigh : std::nan(""));
            }
            bars.series << series;

            StripGroup group;
            group.name = label;
            group.runId = run.id();
            const QList<double> values = run.foldValues.value(name);
            for (int fold = 0; fold < values.size(); ++fold) {
                if (!std::isfinite(values.at(fold)))
                    continue;
                group.values << values.at(fold);
                group.pointLabels << tr("fold %1").arg(fold + 1);
            }
            folds.groups << group;
        }
    }
    // Beyond a handful of runs their legend entries no longer fit in one row below the
    // plot: a column on the right keeps every one whole.
    const Qt::Alignment legendSide = bars.series.size() > 5 ? Qt::AlignRight : Qt::AlignBottom;
    bars.legendAlignment = legendSide;
    folds.legendAlignment = legendSide;
    m_bars->setData(std::move(bars));
    m_folds->setData(std::move(folds));
}

void MetricsPage::showTests()
{
    if (!m_comparison || m_metricPairs.isEmpty()) {
        m_pairsNote->clear();
        return;
    }
    int notCompared = 0, significant = 0;
    for (const Compare::PairComparison &pair : std::as_const(m_metricPairs)) {
        if (pair.test == Compare::PairedTest::None)
            ++notCompared;
        else if (pair.pValue < alpha())
            ++significant;
    }
    const int total = int(m_metricPairs.size());
    QString note = tr("%1 of %n pair(s) differ significantly on %2 at α = %3.", nullptr, total)
                       .arg(significant)
                       .arg(metric(), QLocale().toString(alpha()));
    if (notCompared > 0)
        note += QLatin1Char(' ')
            + tr("%1 could not be tested: paired tests need runs evaluated on the same splits.").arg(notCompared);
    m_pairsNote->setText(note);
}

void MetricsPage::showRanks()
{
    const bool spans = m_comparison && m_comparison->spansDatasets();
    const int tab = m_testTabs->indexOf(m_ranksPage);
    m_testTabs->setTabEnabled(tab, spans);
    m_testTabs->setTabToolTip(tab,
        spans ? tr("Friedman's test and the Nemenyi critical difference over the datasets the runs cover")
              : tr("The runs are all on one dataset: ranks over datasets need runs on two or more"));
    if (!spans) {
        m_ranksSummary->clear();
        m_criticalDifference->setData({});
        m_ranksShownOnce = false;
        return;
    }
    const QString name = metric();
    const auto ranks = m_comparison->acrossDatasets(name, alpha());
    if (!ranks.ok()) {
        m_ranksSummary->setText(tr("No ranks over datasets: %1").arg(ranks.error().message));
        m_criticalDifferencePanel->hide();
        return;
    }
    const Compare::RankComparison &r = ranks.value();
    CriticalDifferenceData data;
    data.title = tr("%1: average rank over %n dataset(s) (1 is best)", nullptr, int(r.datasets.size())).arg(name);
    data.models = r.models;
    for (Eigen::Index m = 0; m < r.friedman.averageRanks.size(); ++m)
        data.averageRanks << r.friedman.averageRanks[m];
    data.criticalDifference = r.nemenyi.criticalDifference;
    data.groups = r.nemenyi.groups;
    m_criticalDifference->setData(std::move(data));
    m_criticalDifferencePanel->show();

    const QLocale locale;
    QStringList lines;
    lines << tr("%n model(s) on %1: %2.", nullptr, int(r.models.size()))
                 .arg(tr("%n dataset(s)", nullptr, int(r.datasets.size())), r.datasets.join(QStringLiteral(", ")));
    lines << tr("Friedman χ² = %1 (p = %2); Iman–Davenport F = %3 (p = %4): %5")
                 .arg(locale.toString(r.friedman.chiSquare, 'f', 3), comparePValueText(r.friedman.chiSquarePValue),
                     locale.toString(r.friedman.imanDavenport, 'f', 3),
                     comparePValueText(r.friedman.imanDavenportPValue),
                     r.friedman.imanDavenportPValue < alpha()
                         ? tr("the models' ranks differ at α = %1.").arg(locale.toString(alpha()))
                         : tr("no significant difference between the models' "
                              "ranks at α = %1.")
                               .arg(locale.toString(alpha())));
    lines << tr("Nemenyi critical difference %1: models joined by a line are not significantly different.")
                 .arg(compareRankText(r.nemenyi.criticalDifference));
    if (!r.incomplete.isEmpty())
        lines << tr("Left out (not run on every dataset): %1.").arg(r.incomplete.join(QStringLiteral(", ")));
    m_ranksSummary->setText(lines.join(QLatin1Char('\n')));
    // Over several datasets the paired tests mostly say "different datasets": show the ranks first.
    if (!m_ranksShownOnce) {
        m_ranksShownOnce = true;
        m_testTabs->setCurrentWidget(m_ranksPage);
    }
}

void MetricsPage::resizeEvent(QResizeEvent *event)
{
    ComparePage::resizeEvent(event);
    const Qt::Orientation orientation = width() >= sideBySideWidth ? Qt::Horizontal : Qt::Vertical;
    if (m_charts->orientation() != orientation) {
        m_charts->setOrientation(orientation);
        m_charts->setMinimumHeight(orientation == Qt::Horizontal ? chartHeight : 2 * chartHeight);
    }
}

void MetricsPage::changeEvent(QEvent *event)
{
    if (event)
        ComparePage::changeEvent(event);
    if (!event || event->type() == QEvent::PaletteChange) {
        const bool dark = RunColors::isDark(palette());
        m_tableModel->setDarkBackground(dark);
        m_matrix->setDarkBackground(dark);
        m_pairs->setDarkBackground(dark);
    }
}

} // namespace Tandem::Ui
