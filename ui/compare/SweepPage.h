// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/compare/ComparePage.h"

#include <QList>
#include <QStringList>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTabBar;

namespace Tandem::Ui {

class ParallelCoordinatesWidget;
class StripBoxChart;
class XYChart;

/// The Compare view's Hyperparameters tab, for runs of a sweep:
///
/// - a chosen hyperparameter against a chosen metric (each run's mean over its
///   folds): a scatter, one point per run in its colour, with a log x axis where
///   the parameter is swept on a log scale (Learn::ParamSpec::logScale); a
///   categorical parameter gets a box and strip per value instead;
/// - parallel coordinates of every varying parameter and the metric, categorical
///   parameters on categorical axes. Brushing an axis filters runs: the others
///   fade there and leave the scatter, "N of M runs selected" says how many pass,
///   and runSelectionChanged carries their ids.
///
/// The two charts share the page, one at a time (tabs), with the selection line
/// above both. A parameter varies when every run has it and the runs do not all share its
/// value; without one the page says the runs are not a sweep. Everything comes
/// from the Comparison and the model registry: nothing is read from the store.
class SweepPage : public ComparePage
{
    Q_OBJECT
public:
    explicit SweepPage(QWidget *parent = nullptr);
    ~SweepPage() override;

    void setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
        std::shared_ptr<const Compare::Comparison> comparison) override;
    QString title() const override;

    /// The chart shown: one at a time, chosen in a tab bar.
    enum SweepChart { ParameterChart, ParallelChart };
    SweepChart chart() const;
    void showChart(SweepChart chart);

    /// The varying parameters, in the model family's order.
    QStringList varyingParameters() const;
    QComboBox *parameterChooser() const { return m_parameterCombo; }
    QComboBox *metricChooser() const { return m_metricCombo; }
    /// The scatter (numeric parameters) and the strip chart (categorical ones).
    XYChart *scatter() const { return m_scatter; }
    StripBoxChart *stripChart() const { return m_strip; }
    /// True when the chosen parameter is drawn as a strip chart.
    bool showsStripChart() const;
    ParallelCoordinatesWidget *parallelCoordinates() const { return m_parallel; }
    /// The runs inside every brush (all runs when nothing is brushed).
    QList<qint64> selectedRunIds() const { return m_selected; }
    /// "5 of 12 runs selected".
    QString selectionText() const;
    /// What stands in for the charts when the runs are not a sweep; empty otherwise.
    QString emptyText() const;

    /// One varying parameter over the compared runs.
    struct Parameter {
        QString name;
        /// Swept on a log scale (Learn::ParamSpec::logScale) and every value > 0.
        bool log = false;
        /// Non-empty for a categorical parameter (text, choice, boolean): `values`
        /// are then indices into it.
        QStringList categories;
        /// One per run, in the comparison's order.
        QList<double> values;
    };
    QList<Parameter> parameters() const { return m_parameters; }

Q_SIGNALS:
    /// The runs inside the brushes changed (all runs when no brush is left).
    void runSelectionChanged(const QList<qint64> &runIds);

private:
    void rebuild();
    void showChartKind();
    void showScatter();
    void showParallelCoordinates();
    void applySelection(const QList<qint64> &runIds);
    void showEmpty(const QString &text);

    std::shared_ptr<const Compare::Comparison> m_comparison;
    QList<Parameter> m_parameters;
    QList<qint64> m_selected;

    QTabBar *m_chartBar;
    QWidget *m_parameterRow = nullptr;
    QStackedWidget *m_charts = nullptr;
    QComboBox *m_parameterCombo;
    QComboBox *m_metricCombo;
    QCheckBox *m_colourByMetric;
    QLabel *m_selection;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QStackedWidget *m_scatterStack;
    XYChart *m_scatter;
    StripBoxChart *m_strip;
    ParallelCoordinatesWidget *m_parallel;
};

} // namespace Tandem::Ui
