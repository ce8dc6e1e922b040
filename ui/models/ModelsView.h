// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"
#include "ui/models/BundleEntry.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QThreadPool>
#include <QWidget>

#include <memory>

class QAction;
class QFileSystemWatcher;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolBar;

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Ui {

class BundleDetails;
class BundleListModel;
class DatasetLoader;
class DatasetsView;
class EmptyState;
class MessageBar;

/// The Models section: the model bundles (.tandem) in the workspace's `models`
/// folder, and any the user added from elsewhere (remembered per workspace in
/// QSettings), with what their manifests say and a details pane. A file that is
/// not a usable bundle is listed with its refusal. The folder is watched, so a
/// bundle exported by `tandem-cli export` appears by itself.
///
/// Actions: Add Bundle…, Score Dataset… (a job: the data with prediction columns
/// is saved in `<workspace>/scored` and opened in Datasets), Send to Drift (the
/// bundle's training data against the last data scored with it), Show in Folder,
/// Remove from List. Bundles are read off the GUI thread on a worker of the
/// view's own. Before there is any bundle an empty state says how to export one.
class ModelsView : public QWidget
{
    Q_OBJECT
public:
    /// `datasets` and `loader` give the data to offer for scoring and how each file
    /// is read; `emptyStateActions` are offered by the empty state (Go to Runs).
    ModelsView(Runs::JobQueue *jobs, DatasetsView *datasets, DatasetLoader *loader,
        const QList<QAction *> &emptyStateActions, QWidget *parent = nullptr);
    ~ModelsView() override;

    void setWorkspace(std::shared_ptr<Store::Workspace> workspace);
    /// Reads the list again in the background (bundlesLoaded() when done); files
    /// unchanged since the last read are not read again.
    void rescan();

    /// Lists `path` (remembered for this workspace) and selects it; false with a
    /// message when it is not a file.
    bool addBundle(const QString &path);
    /// Takes `path` off the list: an added bundle is forgotten, one in the models
    /// folder is hidden (the file stays; Add Bundle… lists it again).
    void removeFromList(const QString &path);
    /// Selects `path` now, or once the next read has listed it.
    void selectBundle(const QString &path);
    QString currentBundle() const;

    /// Scores `dataPath` with the bundle `bundlePath` as a job; the scored file is
    /// saved in the workspace's scored folder and scoredDatasetReady() says where.
    void scoreDataset(const QString &bundlePath, const QString &dataPath, bool probabilities = true,
        bool allowUnknownCategories = false);
    /// Send to Drift: emits driftRequested() with the bundle's training data (when
    /// the file is there) and `currentPath`, or the last data scored with it.
    void sendToDrift(const QString &bundlePath, const QString &currentPath = {});
    /// The last file scored with `bundlePath` in this session, or empty.
    QString lastScored(const QString &bundlePath) const { return m_lastScored.value(bundlePath); }

    bool showsEmptyState() const;
    BundleListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    BundleDetails *details() const { return m_details; }
    MessageBar *messageBar() const { return m_messageBar; }
    QAction *scoreAction() const { return m_scoreAction; }
    QAction *driftAction() const { return m_driftAction; }
    QAction *removeAction() const { return m_removeAction; }
    QAction *addBundleAction() const { return m_addAction; }

Q_SIGNALS:
    void bundlesLoaded();
    /// A scored copy of `dataPath` was saved as `scoredPath` (to open as a dataset).
    void scoredDatasetReady(const QString &scoredPath, const QString &bundlePath);
    /// Send to Drift: compare `currentPath` with `referencePath` (either may be
    /// empty when it is not known: the Drift view asks).
    void driftRequested(const QString &referencePath, const QString &currentPath);

private:
    void createActions();
    QList<std::pair<QString, bool>> listedPaths() const;
    void loadFinished(quint64 generation, QList<BundleEntry> entries);
    void updateWatches();
    void updatePage();
    void updateActions();
    void showCurrent();
    void showContextMenu(const QPoint &pos);
    void showError(const QString &text);
    void chooseBundleToAdd();
    void chooseDatasetToScore();
    QString chooseCurrentForDrift(const QString &bundlePath);
    void revealCurrent();
    QStringList datasetChoices() const;
    const BundleEntry *currentEntry() const;

    QString settingsKey(const QString &name) const;
    QStringList remembered(const QString &name) const;
    void remember(const QString &name, const QStringList &paths);

    Runs::JobQueue *m_jobs;
    DatasetsView *m_datasets;
    DatasetLoader *m_loader;
    std::shared_ptr<Store::Workspace> m_workspace;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loadPending = false;
    bool m_loadedOnce = false;
    /// Files the read under way lists (none: the empty state can show at once).
    qsizetype m_listedCount = 0;
    QString m_pendingSelection;
    QHash<QString, QString> m_lastScored;

    QFileSystemWatcher *m_watcher;
    QTimer *m_rescanTimer;
    MessageBar *m_messageBar;
    QStackedWidget *m_pages;
    EmptyState *m_empty;
    QToolBar *m_toolBar;
    QTableView *m_table;
    BundleListModel *m_model;
    QSortFilterProxyModel *m_sorted;
    BundleDetails *m_details;

    QAction *m_addAction;
    QAction *m_scoreAction;
    QAction *m_driftAction;
    QAction *m_revealAction;
    QAction *m_removeAction;
    QAction *m_refreshAction;
};

} // namespace Tandem::Ui
