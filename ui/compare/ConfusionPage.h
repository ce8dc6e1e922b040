// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/compare/ComparePage.h"

#include <QThreadPool>

#include <memory>

class QComboBox;
class QLabel;
class QRadioButton;
class QStackedWidget;

namespace Tandem::Ui {

class HeatmapWidget;

/// The Compare view's Confusion tab: the confusion matrix (Eval::confusionMatrix)
/// of one run's out-of-fold predictions, pooled over its folds, as a heatmap
/// (rows: true class, columns: predicted class), for the run chosen in a list of
/// the compared classification runs; counts, or each row as shares of its true
/// class (row-normalised). Predictions are read and counted off the GUI thread,
/// for every run at once, so switching runs is immediate.
class ConfusionPage : public ComparePage
{
    Q_OBJECT
public:
    explicit ConfusionPage(QWidget *parent = nullptr);
    ~ConfusionPage() override;

    void setComparison(std::shared_ptr<const Store::Workspace> workspace, QList<qint64> runIds,
        std::shared_ptr<const Compare::Comparison> comparison) override;
    QString title() const override;

    bool isLoading() const override { return m_reading; }
    HeatmapWidget *heatmap() const { return m_heatmap; }
    /// The runs with a matrix, as run ids in the items' data.
    QComboBox *runChooser() const { return m_runCombo; }
    /// Shows run `runId`'s matrix; false when it has none.
    bool showRun(qint64 runId);
    qint64 shownRunId() const;
    void setRowNormalised(bool normalised);
    bool isRowNormalised() const;
    /// What stands in for the heatmap when there is none; empty while it is shown.
    QString emptyText() const;

    /// Internal: the matrices read per comparison.
    struct Loaded;

Q_SIGNALS:
    /// The runs' predictions were read (or failed to be) and the page shows them.
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyLoaded(std::shared_ptr<const Loaded> data, const QString &error);
    void showCurrentRun();
    void showEmpty(const QString &text);

    std::shared_ptr<const Loaded> m_loaded;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_reading = false;

    QComboBox *m_runCombo;
    QRadioButton *m_counts;
    QRadioButton *m_normalised;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    HeatmapWidget *m_heatmap;
    QLabel *m_note;
};

} // namespace Tandem::Ui
