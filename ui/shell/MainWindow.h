// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/JobQueue.h"
#include "ui/shell/AppSettings.h"

#include <QJsonObject>
#include <QMainWindow>

#include <memory>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace Tandem::Runs {
struct RunSpec;
}

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Ui {

class ClusterExecutors;
class ClusterResultsRecovery;
class CompareView;
class DatasetLoader;
class DatasetsView;
class DriftView;
class JobsDock;
class MessageBar;
class ModelsView;
class RunsView;

/// The workbench window: a navigator over the sections (Datasets, Runs, Compare,
/// Drift, Models), the Jobs dock, menus, a status bar and an inline message bar.
/// It owns the open workspace; every way of opening a file (menu, recent files,
/// drag and drop, command line) goes through openDataset() / openWorkspace().
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Section { Datasets, Runs, Compare, Drift, Models };
    static constexpr int sectionCount = 5;

    MainWindow(Runs::JobQueue *jobs, AppSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens (or with `create`, creates) the workspace in `dir`. On failure the
    /// message bar says why and the current workspace stays open. A workspace that
    /// opens read-only keeps its notice in the message bar and the status bar, and
    /// the actions that would write to it are disabled, saying why. A writable one
    /// imports, in the background, the cluster results that finished while Tandem
    /// was closed (ClusterResultsRecovery), saying so in the message bar.
    bool openWorkspace(const QString &dir, bool create = false);
    /// Opens the workspace in `dir` read-only (Store::Workspace::Access::ReadOnly),
    /// to look at its runs without changing anything.
    bool openWorkspaceReadOnly(const QString &dir);
    /// Creates or refreshes the bundled sample workspace in `dir` (by default
    /// Store::defaultSampleWorkspaceDir()) and opens it. While it holds no run, its
    /// example specs are launched on the job queue (launchRunSpec), so it shows real
    /// runs and experiments as they finish.
    bool openSampleWorkspace(const QString &dir = {});
    /// The one open path for datasets. Adds the file to the workspace and to the
    /// recent files and shows it; refuses what is not a readable dataset file.
    bool openDataset(const QString &path);
    /// File > New Run…: shows the New Run dialog (filled from `startFrom` for the Runs
    /// view's Duplicate and Edit) and launches what it makes.
    void newRun(const QJsonObject &startFrom = {});
    /// Launches the run spec `json` on the job queue into the open workspace (its
    /// dataset read first when it is not loaded); false with a message when it cannot.
    /// With `cluster`, the name of a cluster profile (AppSettings::clusterProfiles),
    /// the runs go to that Slurm cluster as one job array instead (ClusterExecutors).
    bool launchRunSpec(const QJsonObject &json, const QString &cluster = {});
    /// The same for a spec already read (a spec file's relative dataset path resolves
    /// against its baseDirectory). Should another workspace be opened while the data
    /// is read, the spec is not launched into it.
    bool launchRunSpec(const Runs::RunSpec &spec, const QString &cluster = {});
    QAction *newRunAction() const { return m_newRunAction; }
    /// Edit > Settings… (Ctrl+,): the SettingsDialog.
    QAction *settingsAction() const { return m_settingsAction; }
    ClusterExecutors *clusterExecutors() const { return m_clusterExecutors; }

    void showSection(Section section);
    Section currentSection() const;
    QWidget *sectionWidget(Section section) const;

    Store::Workspace *workspace() const { return m_workspace.get(); }
    MessageBar *messageBar() const { return m_messageBar; }
    JobsDock *jobsDock() const { return m_jobsDock; }
    DatasetsView *datasetsView() const { return m_datasetsView; }
    RunsView *runsView() const { return m_runsView; }
    CompareView *compareView() const { return m_compareView; }
    DriftView *driftView() const { return m_driftView; }
    ModelsView *modelsView() const { return m_modelsView; }
    /// Shows the Compare section on `runIds` (the Runs view's Compare action).
    void compareRuns(const QList<qint64> &runIds);

Q_SIGNALS:
    /// Emitted once a dataset went through the open path successfully.
    void datasetOpened(const QString &path);
    void workspaceChanged(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createCentralArea();
    void createStatusBar();
    void restoreLayout();
    void saveLayout();
    void rebuildRecentMenu();
    void updateTitle();
    void updateJobsLabel();
    /// Enables the actions that write to the workspace only when it can be written.
    void updateWriteActions();
    void launchSampleRuns();
    void showError(const QString &text);
    /// Makes `opened` the open workspace, or says why it could not be opened.
    bool setWorkspace(Base::Result<std::shared_ptr<Store::Workspace>> opened);

    void chooseDataset();
    /// Shows the import dialog for `path`; true when the user accepted new settings.
    bool askImportSettings(const QString &path);
    void chooseWorkspace(bool create);

    Runs::JobQueue *m_jobs;
    AppSettings *m_settings;
    std::shared_ptr<Store::Workspace> m_workspace;

    QListWidget *m_navigator = nullptr;
    QStackedWidget *m_sections = nullptr;
    DatasetLoader *m_datasetLoader = nullptr;
    DatasetsView *m_datasetsView = nullptr;
    RunsView *m_runsView = nullptr;
    CompareView *m_compareView = nullptr;
    DriftView *m_driftView = nullptr;
    ModelsView *m_modelsView = nullptr;
    MessageBar *m_messageBar = nullptr;
    JobsDock *m_jobsDock = nullptr;
    ClusterExecutors *m_clusterExecutors = nullptr;
    ClusterResultsRecovery *m_clusterResults = nullptr;
    QLabel *m_workspaceLabel = nullptr;
    QLabel *m_jobsLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QActionGroup *m_sectionActions = nullptr;

    QAction *m_openDatasetAction = nullptr;
    QAction *m_newWorkspaceAction = nullptr;
    QAction *m_openWorkspaceAction = nullptr;
    QAction *m_sampleWorkspaceAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_newRunAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace Tandem::Ui
