// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QDockWidget>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace Tandem::Runs {
class Executor;
}

namespace Tandem::Ui {

class JobListModel;

/// The Jobs dock: every job of the process's queue, and of the cluster executors
/// added, with its state, where it runs, a progress bar, the time left, its stage
/// or error and a Cancel button; above them the current batch's overall bar with
/// "Cancel all". The selected running jobs can be cancelled too.
class JobsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit JobsDock(Runs::JobQueue *queue, QWidget *parent = nullptr);

    /// Lists a cluster executor's jobs too (JobListModel::addExecutor), and from then
    /// on shows where each job runs (hidden while every job runs here).
    void addExecutor(Runs::Executor *executor);

    JobListModel *model() const { return m_model; }
    /// True while the "no jobs yet" panel is showing.
    bool showsEmptyState() const;
    /// The overall bar, its "3 of 40 jobs done" label and Cancel all (for tests).
    QProgressBar *overallBar() const { return m_overall; }
    QLabel *overallLabel() const { return m_overallLabel; }
    QToolButton *cancelAllButton() const { return m_cancelAll; }
    QTableView *view() const { return m_view; }

private:
    void updatePage();
    void updateOverall();
    void cancelSelected();

    JobListModel *m_model;
    QStackedWidget *m_pages;
    QTableView *m_view;
    QToolButton *m_cancel;
    QProgressBar *m_overall;
    QLabel *m_overallLabel;
    QToolButton *m_cancelAll;
    QTimer *m_overallTimer;
};

} // namespace Tandem::Ui
