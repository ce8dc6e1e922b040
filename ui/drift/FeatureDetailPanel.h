// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QButtonGroup;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace Tandem::Drift {
struct DriftAnalysis;
}

namespace Tandem::Ui {

class ChartSurface;
class ErrorBarChart;
class HistogramChart;
class XYChart;

/// One feature's two distributions in full: overlaid histograms or empirical
/// CDFs (a toggle) for a numeric feature, bars side by side for a categorical
/// one, under a line with its test, score, threshold, verdict and findings.
/// Charts come from ui/charts, each in a ChartPanel (zoom, table, export).
class FeatureDetailPanel : public QWidget
{
    Q_OBJECT
public:
    enum class NumericView { Histogram, Ecdf };

    explicit FeatureDetailPanel(QWidget *parent = nullptr);

    /// Shows feature `index` of `analysis` (none: a hint to select one).
    void showFeature(std::shared_ptr<const Drift::DriftAnalysis> analysis, int index);
    int feature() const { return m_index; }

    void setNumericView(NumericView view);
    NumericView numericView() const { return m_view; }

    /// The chart in view, and its number of series (2: reference and current).
    ChartSurface *shownChart() const;
    int shownSeriesCount() const;
    HistogramChart *histogramChart() const { return m_histogram; }
    XYChart *ecdfChart() const { return m_ecdf; }
    ErrorBarChart *barChart() const { return m_bars; }
    QLabel *summaryLabel() const { return m_summary; }

private:
    void update();

    std::shared_ptr<const Drift::DriftAnalysis> m_analysis;
    int m_index = -1;
    NumericView m_view = NumericView::Histogram;
    QLabel *m_summary;
    QToolButton *m_histogramButton;
    QToolButton *m_ecdfButton;
    QStackedWidget *m_stack;
    QLabel *m_hint;
    HistogramChart *m_histogram;
    XYChart *m_ecdf;
    ErrorBarChart *m_bars;
};

} // namespace Tandem::Ui
