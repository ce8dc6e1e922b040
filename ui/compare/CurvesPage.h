// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/compare/ComparePage.h"

#include <QThreadPool>

#include <memory>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabBar;

namespace Tandem::Ui {

class XYChart;

/// The Compare view's Curves tab:
///
/// - learning curves: the chosen per-step metric (train_loss, validation_loss, ...)
///   of every run, each step's value the mean over the folds that reached it;
/// - ROC and precision-recall curves of every classification run from its
///   out-of-fold predictions pooled over the folds (Eval::rocCurve,
///   Eval::precisionRecallCurve), for a chosen positive class (binary) or class
///   against the rest (multiclass), with the run's ROC AUC / average precision in
///   its legend entry.
///
/// One chart at a time, chosen in a tab bar, so each has the page's room. Per-step
/// metrics and predictions are read off the GUI thread; the curves of a newly
/// chosen class are computed there too. Each chart sits in a ChartPanel (a legend
/// of four runs or more goes to the right of the plot); a chart without data says
/// why instead ("These runs have no per-step metrics",
/// "Regression runs have no ROC curve").
class CurvesPage : public ComparePage
{
    Q_OBJECT
public:
    explicit CurvesPage(QWidget *parent = nullptr);
    ~CurvesPage() override;

    void setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
        std::shared_ptr<const Compare::Comparison> comparison) override;
    QString title() const override;

    /// The chart shown: one at a time, chosen in a tab bar.
    enum CurveKind { LearningCurves, RocCurves, PrecisionRecallCurves };
    CurveKind curveKind() const;
    void showCurveKind(CurveKind kind);

    /// True while runs are read or curves computed.
    bool isLoading() const override;

    XYChart *learningChart() const { return m_learningChart; }
    XYChart *rocChart() const { return m_rocChart; }
    XYChart *precisionRecallChart() const { return m_precisionRecallChart; }
    /// The per-step metric shown and the class the curves are drawn for.
    QComboBox *metricChooser() const { return m_metricCombo; }
    QComboBox *classChooser() const { return m_classCombo; }
    /// What stands in for the learning curves or the ROC/PR charts when they have
    /// no data; empty while the chart is shown.
    QString learningEmptyText() const;
    QString curvesEmptyText() const;
    /// Runs left out of the ROC/PR charts and why ("#4: regression run").
    QString curvesNote() const;

Q_SIGNALS:
    /// The runs' data was read (or failed to be) and every chart shows it.
    void loaded();

public:
    /// Internal: what is read per comparison, and the curves of one class.
    struct Loaded;
    struct ClassCurves;

private:
    void applyLoaded(quint64 generation, std::shared_ptr<const Loaded> data, const QString &error);
    void showKind();
    void showLearningCurves();
    void computeCurves();
    void applyCurves(quint64 generation, const ClassCurves &curves);
    void showLearningEmpty(const QString &text);
    void showCurvesEmpty(const QString &text);

    std::shared_ptr<const Compare::Comparison> m_comparison;
    std::shared_ptr<const Loaded> m_loaded;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    quint64 m_curvesGeneration = 0;
    bool m_reading = false;
    bool m_computing = false;
    /// The ROC/PR charts show the current class's curves (else their note stands in).
    bool m_curvesReady = false;

    QTabBar *m_kindBar;
    QWidget *m_metricRow = nullptr;
    QWidget *m_classRow = nullptr;
    QStackedWidget *m_views = nullptr;
    QComboBox *m_metricCombo;
    QStackedWidget *m_learningStack;
    QLabel *m_learningEmpty;
    XYChart *m_learningChart;
    QLabel *m_classLabel;
    QComboBox *m_classCombo;
    QStackedWidget *m_curvesStack;
    QLabel *m_curvesEmpty;
    XYChart *m_rocChart;
    XYChart *m_precisionRecallChart;
    QLabel *m_curvesNote;
};

} // namespace Tandem::Ui
