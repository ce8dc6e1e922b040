// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;
class QToolButton;

namespace Tandem::Drift {
struct DriftAnalysis;
}

namespace Tandem::Ui {

class XYChart;

/// Drift over time: the current rows cut into windows along the time column,
/// each compared with the reference. Two line charts, one at a time (a toggle):
/// the selected feature's score per window with its threshold (a p-value on a log
/// axis), and the share of drifted features per window with the drift share.
/// Without a time column a line says how to get them.
class DriftTimePanel : public QWidget
{
    Q_OBJECT
public:
    explicit DriftTimePanel(QWidget *parent = nullptr);

    enum class Chart { Feature, Share };

    void showAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis, int feature);
    bool hasWindows() const;
    void setChart(Chart chart);
    Chart chart() const { return m_chart; }

    XYChart *featureChart() const { return m_featureChart; }
    XYChart *shareChart() const { return m_shareChart; }

private:
    std::shared_ptr<const Drift::DriftAnalysis> m_analysis;
    Chart m_chart = Chart::Feature;
    QStackedWidget *m_stack;
    QStackedWidget *m_charts;
    QLabel *m_summary;
    QToolButton *m_featureButton;
    QToolButton *m_shareButton;
    XYChart *m_featureChart;
    XYChart *m_shareChart;
};

/// Performance over time: the model's metric per window of current rows, with
/// its reference level and the alert level.
class PerformancePanel : public QWidget
{
    Q_OBJECT
public:
    explicit PerformancePanel(QWidget *parent = nullptr);

    void showAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis);
    bool hasPerformance() const;
    XYChart *chart() const { return m_chart; }

private:
    std::shared_ptr<const Drift::DriftAnalysis> m_analysis;
    QStackedWidget *m_stack;
    QLabel *m_summary;
    XYChart *m_chart;
};

} // namespace Tandem::Ui
