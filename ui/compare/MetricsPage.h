// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/compare/Comparison.h"
#include "ui/compare/ComparePage.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace Tandem::Ui {

class ChartPanel;
class CriticalDifferenceWidget;
class ErrorBarChart;
class MetricTableModel;
class PairTestsModel;
class StripBoxChart;
class WinTieLossModel;

/// The Compare view's Metrics tab, the numbers `tandem-cli compare` prints:
///
/// - a table of every metric per run (mean ± sd over the folds, 95 % interval, the
///   best of each column bold and marked ★; sortable, Ctrl+C copies);
/// - for the metric chosen above: its mean per run with 95 % interval bars, and
///   its value per fold as points over a box per run;
/// - the paired tests of each two runs at the chosen α (mean difference, p-value,
///   test, outcome, or why they were not compared) and the win/tie/loss matrix;
/// - when the runs cover several datasets, Friedman's test and a
///   critical-difference diagram of the model configurations.
class MetricsPage : public ComparePage
{
    Q_OBJECT
public:
    explicit MetricsPage(QWidget *parent = nullptr);
    ~MetricsPage() override;

    void setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
        std::shared_ptr<const Compare::Comparison> comparison) override;
    QString title() const override;

    /// The metric the charts and tests show.
    QString metric() const;
    void setMetric(const QString &metric);
    double alpha() const;
    void setAlpha(double alpha);

    QComboBox *metricChooser() const { return m_metricChooser; }
    QDoubleSpinBox *alphaChooser() const { return m_alphaChooser; }
    QTableView *metricTable() const { return m_table; }
    MetricTableModel *metricModel() const { return m_tableModel; }
    ErrorBarChart *barChart() const { return m_bars; }
    StripBoxChart *foldChart() const { return m_folds; }
    ChartPanel *barPanel() const { return m_barPanel; }
    ChartPanel *foldPanel() const { return m_foldPanel; }
    QTableView *pairsTable() const { return m_pairsView; }
    PairTestsModel *pairsModel() const { return m_pairs; }
    QTableView *winTieLossTable() const { return m_matrixView; }
    WinTieLossModel *winTieLossModel() const { return m_matrix; }
    QTabWidget *testTabs() const { return m_testTabs; }
    /// The Friedman result (or why there is none) over datasets.
    QLabel *ranksSummary() const { return m_ranksSummary; }
    CriticalDifferenceWidget *criticalDifference() const { return m_criticalDifference; }
    ChartPanel *criticalDifferencePanel() const { return m_criticalDifferencePanel; }

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void showMetric();
    void showTests();
    void showRanks();
    void updateCharts();

    std::shared_ptr<const Compare::Comparison> m_comparison;
    /// The chosen metric's pairs, computed once per metric (alpha only re-reads them).
    QList<Compare::PairComparison> m_metricPairs;
    bool m_ranksShownOnce = false;

    QComboBox *m_metricChooser;
    QLabel *m_direction;
    QDoubleSpinBox *m_alphaChooser;
    QTableView *m_table;
    MetricTableModel *m_tableModel;
    QSortFilterProxyModel *m_tableSort;
    ErrorBarChart *m_bars;
    StripBoxChart *m_folds;
    QSplitter *m_charts;
    ChartPanel *m_barPanel;
    ChartPanel *m_foldPanel;
    QTabWidget *m_testTabs;
    QLabel *m_pairsNote;
    QTableView *m_pairsView;
    PairTestsModel *m_pairs;
    QSortFilterProxyModel *m_pairsSort;
    QTableView *m_matrixView;
    WinTieLossModel *m_matrix;
    QWidget *m_ranksPage;
    QLabel *m_ranksSummary;
    CriticalDifferenceWidget *m_criticalDifference;
    ChartPanel *m_criticalDifferencePanel;
};

} // namespace Tandem::Ui
