// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/compare/ComparePage.h"

#include <QThreadPool>

#include <memory>

class QComboBox;
class QLabel;
class QSpinBox;
class QStackedWidget;

namespace Tandem::Ui {

class ErrorBarChart;

/// The Compare view's Importance tab: the feature importances each run recorded
/// (Runs::featureImportancesFileName: impurity importance of tree models,
/// permutation importance when the spec asked for it), each bar a feature's mean
/// over the run's folds with ± one standard deviation, for one chosen run or for
/// every run side by side (grouped bars in the runs' colours). Only the most
/// important features are drawn (top N by the mean over the runs shown), so a run
/// over 784 pixels stays readable. Importances are read off the GUI thread.
class ImportancePage : public ComparePage
{
    Q_OBJECT
public:
    explicit ImportancePage(QWidget *parent = nullptr);
    ~ImportancePage() override;

    void setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
        std::shared_ptr<const Compare::Comparison> comparison) override;
    QString title() const override;

    bool isLoading() const override { return m_reading; }
    ErrorBarChart *chart() const { return m_chart; }
    /// "All runs" (data 0) then each run with importances (its id as data).
    QComboBox *runChooser() const { return m_runCombo; }
    /// The kinds recorded ("impurity", "permutation" as data).
    QComboBox *kindChooser() const { return m_kindCombo; }
    QSpinBox *topChooser() const { return m_topSpin; }
    /// Shows run `runId` alone, or every run side by side for 0.
    bool showRun(qint64 runId);
    bool showKind(const QString &kind);
    /// What stands in for the chart when there is none; empty while it is shown.
    QString emptyText() const;

    /// Internal: the importances read per comparison.
    struct Loaded;

Q_SIGNALS:
    /// The runs' importances were read (or failed to be) and the page shows them.
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyLoaded(std::shared_ptr<const Loaded> data, const QString &error);
    void showChart();
    void showEmpty(const QString &text);

    std::shared_ptr<const Loaded> m_loaded;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_reading = false;

    QComboBox *m_runCombo;
    QComboBox *m_kindCombo;
    QSpinBox *m_topSpin;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    ErrorBarChart *m_chart;
    QLabel *m_note;
};

} // namespace Tandem::Ui
