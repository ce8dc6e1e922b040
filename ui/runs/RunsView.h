// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/bundle/BundleManifest.h"
#include "core/runs/JobQueue.h"
#include "core/store/RunRecord.h"

#include <QJsonObject>
#include <QList>
#include <QThreadPool>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTimer;
class QToolBar;

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Ui {

class LineChart;
class MessageBar;
class RunsFilterModel;
class RunsTableModel;

/// The Runs section: the workspace's runs as a sortable, filterable table (columns
/// chosen from the header's context menu and remembered) and the selected run's
/// details: its spec, per-fold metrics, a learning curve that follows the run
/// while it trains, its error text, tags and notes. Actions: re-run, duplicate and
/// edit, delete, rename, tags, notes, and marking a run of another process
/// interrupted (its machine died: a lock held from another host never goes stale).
///
/// Runs are read off the GUI thread, on a connection of this view's own (one
/// worker), when jobs are added or end, after an edit, and every second while a
/// run is queued or running. Without a workspace, or before the first run, an
/// empty state says what to do.
class RunsView : public QWidget
{
    Q_OBJECT
public:
    /// `workspaceActions` are offered while no workspace is open.
    RunsView(Runs::JobQueue *jobs, const QList<QAction *> &workspaceActions, QWidget *parent = nullptr);
    ~RunsView() override;

    void setWorkspace(std::shared_ptr<Store::Workspace> workspace);
    /// Reads the runs again (in the background; runsLoaded() tells when done).
    void refresh();

    // The actions, also for tests (no dialogs).
    void deleteRuns(const QList<qint64> &runIds);
    void renameRun(qint64 runId, const QString &name);
    void setTags(qint64 runId, const QStringList &tags);
    void addNote(qint64 runId, const QString &text);
    /// Records a running run of another process as interrupted (Store::ExperimentStore::markInterrupted).
    void markInterrupted(qint64 runId);
    /// True for a running run that this process does not run (its own runs are cancelled instead).
    bool isRunningElsewhere(const Store::RunRecord &run) const;
    /// Queues each run's spec again as a new run (data read in a job first).
    void rerun(const QList<qint64> &runIds);
    void selectRun(qint64 runId);
    /// Compare: enabled with two or more runs selected; emits compareRequested.
    QAction *compareAction() const { return m_compareAction; }
    /// Export Model… (Ctrl+E): the selected run as a model bundle (ExportModelDialog).
    QAction *exportModelAction() const { return m_exportModelAction; }
    /// Exports run `runId` to the bundle `path` as a job (no dialog); modelExported()
    /// once the file is written, the message bar says why when it cannot be.
    void exportModel(qint64 runId, const QString &path, Bundle::FitScope scope);

    QList<qint64> selectedRunIds() const;
    qint64 currentRunId() const;
    bool showsNoWorkspace() const;
    bool showsEmptyState() const;
    RunsTableModel *model() const { return m_model; }
    RunsFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterField() const { return m_filterField; }
    QComboBox *statusFilter() const { return m_statusFilter; }
    QTableWidget *foldTable() const { return m_foldTable; }
    LineChart *learningCurve() const { return m_curve; }
    QString specText() const;
    /// The error shown for the selected run (empty when none is shown).
    QString errorText() const;
    QStringList notes() const;
    MessageBar *messageBar() const { return m_messageBar; }
    /// Column choice by key (RunsTableModel::columnKeys), remembered in QSettings.
    /// An optional column (RunsTableModel::isOptionalKey) is shown when the user
    /// chose it, or, unless they hid it, when it tells the runs apart.
    bool isColumnShown(const QString &key) const;
    void setColumnShown(const QString &key, bool shown);

Q_SIGNALS:
    void newRunRequested();
    /// Compare (Ctrl+K): the selected runs, two or more, by id.
    void compareRequested(const QList<qint64> &runIds);
    /// Duplicate and edit: a copy of the run's spec for the New Run dialog.
    void editSpecRequested(const QJsonObject &spec);
    void runsLoaded();
    /// A run's model was exported to the bundle `path`.
    void modelExported(qint64 runId, const QString &path);
    /// The message bar's Show in Models after an export.
    void showBundleRequested(const QString &path);
    void detailsLoaded(qint64 runId);

private:
    struct Snapshot;
    void createActions();
    void createDetails(QWidget *parent);
    void scheduleRefresh(int delayMs = 150);
    void startLoad();
    void loadFinished(const Snapshot &snapshot);
    void applySnapshot(const Snapshot &snapshot);
    void showDetails(const std::optional<Store::RunDetails> &details);
    void updatePage();
    void updateActions();
    void applyColumnChoice();
    void showHeaderMenu(const QPoint &pos);
    void showContextMenu(const QPoint &pos);
    void showError(const QString &text);
    void confirmDelete();
    void confirmMarkInterrupted();
    void editTags();
    void duplicateAndEdit();
    void chooseModelExport();
    bool storeAvailable(bool forWriting);

    Runs::JobQueue *m_jobs;
    std::shared_ptr<Store::Workspace> m_workspace;
    QThreadPool m_pool;
    /// The worker's own connection; touched on the worker thread only.
    std::shared_ptr<struct RunsReader> m_reader;
    bool m_loading = false;
    bool m_loadPending = false;
    bool m_runsLoadedOnce = false;
    quint64 m_generation = 0;
    QTimer *m_refreshTimer;
    QTimer *m_pollTimer;
    qint64 m_shownRunId = 0;

    QStackedWidget *m_pages;
    MessageBar *m_messageBar;
    QToolBar *m_toolBar;
    QLineEdit *m_filterField;
    QComboBox *m_statusFilter;
    QLabel *m_countLabel;
    QSplitter *m_splitter;
    QTableView *m_table;
    RunsTableModel *m_model;
    RunsFilterModel *m_filter;
    QStringList m_hiddenColumns;
    /// Optional columns the user chose to show.
    QStringList m_shownColumns;

    QStackedWidget *m_detailPages;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_error;
    QTabWidget *m_tabs;
    QTableWidget *m_foldTable;
    LineChart *m_curve;
    QPlainTextEdit *m_spec;
    QListWidget *m_notes;
    QPlainTextEdit *m_noteEdit;

    QAction *m_newRunAction;
    QAction *m_rerunAction;
    QAction *m_duplicateAction;
    QAction *m_deleteAction;
    QAction *m_renameAction;
    QAction *m_tagsAction;
    QAction *m_noteAction;
    QAction *m_markInterruptedAction;
    QAction *m_refreshAction;
    QAction *m_compareAction;
    QAction *m_exportModelAction;
};

} // namespace Tandem::Ui
