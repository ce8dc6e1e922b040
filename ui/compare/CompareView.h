// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QThreadPool>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Compare {
class Comparison;
}

namespace Tandem::Ui {

class ComparePage;
class EmptyState;
class MessageBar;

/// The Compare section: runs chosen in the Runs view (its Compare action, or rows
/// dragged onto this view) side by side, on pages in tabs (Metrics, then the
/// pages added with addPage). The list on the left names the compared runs in
/// their colour (RunColors), the same in every chart; runs can be removed there.
///
/// The Comparison is read off the GUI thread on a connection of the view's own
/// (one worker) and handed to every page once read; removing a run narrows the
/// runs already read without reading again. With fewer than two runs an empty
/// state says how to begin.
class CompareView : public QWidget
{
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);
    /// `emptyStateActions` are offered by the empty state (Go to Runs).
    explicit CompareView(const QList<QAction *> &emptyStateActions, QWidget *parent = nullptr);
    ~CompareView() override;

    /// Adds a tab; the page gets every comparison from now on (and the current one).
    void addPage(ComparePage *page);
    QList<ComparePage *> pages() const { return m_pages; }
    QTabWidget *tabs() const { return m_tabs; }
    /// Shows the page whose title is `title` (case and '&' ignored); false when none is.
    bool showPage(const QString &title);

    /// Forgets the compared runs (they belong to the previous workspace).
    void setWorkspace(std::shared_ptr<Store::Workspace> workspace);
    /// Compares exactly `runIds` (in that order), read in the background;
    /// comparisonLoaded() tells when the pages have it.
    void compareRuns(const QList<qint64> &runIds);
    /// Adds runs to those compared (a drop).
    void addRuns(const QList<qint64> &runIds);
    /// Takes a run out of the comparison.
    void removeRun(qint64 runId);

    /// The runs chosen, in order (also while they are being read).
    QList<qint64> runIds() const { return m_runIds; }
    /// The comparison the pages show; null before one was read or with fewer than two runs.
    std::shared_ptr<const Compare::Comparison> comparison() const { return m_comparison; }
    /// True while the comparison, or anything a page shows, is still being read.
    bool isLoading() const;
    bool showsEmptyState() const;
    EmptyState *emptyState() const { return m_empty; }
    QListWidget *runList() const { return m_runList; }
    MessageBar *messageBar() const { return m_messageBar; }

Q_SIGNALS:
    /// Every page has the comparison of runIds().
    void comparisonLoaded();
    /// Reading the runs failed; the message bar says why.
    void comparisonFailed(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void startLoad();
    void applyComparison(
        quint64 generation, std::shared_ptr<const Compare::Comparison> comparison, const QString &error);
    void showComparison(std::shared_ptr<const Compare::Comparison> comparison);
    void updateRunList();
    void updatePage();
    void removeSelectedRuns();

    std::shared_ptr<Store::Workspace> m_workspace;
    QList<qint64> m_runIds;
    std::shared_ptr<const Compare::Comparison> m_comparison;
    QList<ComparePage *> m_pages;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_loading = false;

    MessageBar *m_messageBar;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QListWidget *m_runList;
    QToolButton *m_removeButton;
    QLabel *m_status;
    QTabWidget *m_tabs;
};

} // namespace Tandem::Ui
