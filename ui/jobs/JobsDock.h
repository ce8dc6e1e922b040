// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QDockWidget>

class QStackedWidget;
class QTableView;
class QToolButton;

namespace Tandem::Ui {

class JobListModel;

/// The Jobs dock: every job of the process's queue with its state, a progress
/// bar and its stage or error; the selected running jobs can be cancelled.
class JobsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit JobsDock(Runs::JobQueue *queue, QWidget *parent = nullptr);

    JobListModel *model() const { return m_model; }
    /// True while the "no jobs yet" panel is showing.
    bool showsEmptyState() const;

private:
    void updatePage();
    void cancelSelected();

    Runs::JobQueue *m_queue;
    JobListModel *m_model;
    QStackedWidget *m_pages;
    QTableView *m_view;
    QToolButton *m_cancel;
};

} // namespace Tandem::Ui
