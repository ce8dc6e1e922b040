// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/ModelsView.h"

#include "core/bundle/Bundle.h"
#include "core/store/Workspace.h"
#include "ui/data/DatasetLoader.h"
#include "ui/data/DatasetsView.h"
#include "ui/models/BundleDetails.h"
#include "ui/models/BundleListModel.h"
#include "ui/models/BundleScoring.h"
#include "ui/models/ModelFolders.h"
#include "ui/models/ScoreDatasetDialog.h"
#include "ui/shell/Counting.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MessageBar.h"
#include "ui/shell/ThemedIcon.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Tandem::Ui {
namespace {

enum Page { EmptyPage, ListPage };

const QString addedKey = QStringLiteral("added");
const QString hiddenKey = QStringLiteral("hidden");

QString absolute(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

ModelsView::ModelsView(Runs::JobQueue *jobs, DatasetsView *datasets, DatasetLoader *loader,
    const QList<QAction *> &emptyStateActions, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_datasets(datasets)
    , m_loader(loader)
    , m_watcher(new QFileSystemWatcher(this))
    , m_rescanTimer(new QTimer(this))
    , m_messageBar(new MessageBar(this))
    , m_pages(new QStackedWidget(this))
    , m_toolBar(new QToolBar(this))
    , m_table(new QTableView(this))
    , m_model(new BundleListModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_details(new BundleDetails(this))
{
    m_pool.setMaxThreadCount(1);
    m_rescanTimer->setSingleShot(true);
    m_rescanTimer->setInterval(300);
    connect(m_rescanTimer, &QTimer::timeout, this, &ModelsView::rescan);
    // A CLI export writes a temporary file and renames it: wait for the folder to settle.
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_rescanTimer, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_rescanTimer, qOverload<>(&QTimer::start));

    createActions();

    QList<QAction *> startActions = emptyStateActions;
    startActions << m_addAction;
    m_empty = new EmptyState(QStringLiteral("models"), tr("No model bundles yet"),
        tr("A model bundle is one file holding a trained model with its preprocessing, the columns it reads and "
           "where it came from, ready to score new data here or with tandem-cli predict. To make one, select a "
           "finished run in Runs and choose Export Model… (Ctrl+E), or run tandem-cli export. Bundles saved in the "
           "workspace's models folder are listed here by themselves; Add Bundle… lists one from elsewhere."),
        startActions, this);

    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_addAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_scoreAction);
    m_toolBar->addAction(m_driftAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_revealAction);
    m_toolBar->addAction(m_removeAction);
    m_toolBar->addAction(m_refreshAction);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(BundleListModel::SortRole);
    m_table->setObjectName(QStringLiteral("bundlesTable"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(BundleListModel::Created, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    const QList<std::pair<int, int>> widths {{BundleListModel::Name, 180}, {BundleListModel::Model, 130},
        {BundleListModel::Task, 95}, {BundleListModel::Target, 80}, {BundleListModel::Classes, 130},
        {BundleListModel::Metrics, 270}, {BundleListModel::Dataset, 130}, {BundleListModel::Created, 130},
        {BundleListModel::Run, 150}};
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    connect(m_table, &QWidget::customContextMenuRequested, this, &ModelsView::showContextMenu);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this] { chooseDatasetToScore(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showCurrent();
        updateActions();
    });
    // A failed bundle's refusal reads across its row, wherever sorting puts it.
    const auto spanRefusals = [this] {
        m_table->clearSpans();
        for (int row = 0; row < m_sorted->rowCount(); ++row) {
            if (m_sorted->index(row, 0).data(BundleListModel::FailedRole).toBool())
                m_table->setSpan(row, BundleListModel::Model, 1, BundleListModel::Size - BundleListModel::Model);
        }
    };
    connect(m_sorted, &QAbstractItemModel::modelReset, this, spanRefusals);
    connect(m_sorted, &QAbstractItemModel::layoutChanged, this, spanRefusals);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({2000, 3000});
    splitter->setChildrenCollapsible(false);

    auto *listPage = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_toolBar);
    listLayout->addWidget(splitter, 1);

    m_pages->addWidget(m_empty);
    m_pages->addWidget(listPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_pages, 1);
    m_details->setEntry(nullptr);
    updatePage();
    updateActions();
    rescan();
}

ModelsView::~ModelsView()
{
    m_rescanTimer->stop();
    m_pool.waitForDone();
}

void ModelsView::createActions()
{
    auto make = [this](const QString &text, const QString &tip, auto slot) {
        auto *action = new QAction(text, this);
        action->setToolTip(tip);
        connect(action, &QAction::triggered, this, slot);
        QWidget::addAction(action);
        return action;
    };
    m_addAction = make(tr("Add Bundle…"), tr("List a bundle file from another folder (it is not copied)"),
        [this] { chooseBundleToAdd(); });
    m_addAction->setObjectName(QStringLiteral("addBundle"));
    m_addAction->setIcon(themedIcon(QStringLiteral("open")));
    m_scoreAction = make(tr("Score Dataset…"),
        tr("Predict with this model on a dataset: the data with prediction columns opens in Datasets"),
        [this] { chooseDatasetToScore(); });
    m_scoreAction->setObjectName(QStringLiteral("scoreDataset"));
    m_scoreAction->setIcon(themedIcon(QStringLiteral("datasets")));
    m_driftAction = make(tr("Send to Drift"),
        tr("Compare the data last scored with this model against the data it was trained on"),
        [this] { sendToDrift(currentBundle()); });
    m_driftAction->setObjectName(QStringLiteral("sendToDrift"));
    m_driftAction->setIcon(themedIcon(QStringLiteral("drift")));
    m_revealAction = make(tr("Show in Folder"), tr("Open the folder holding this bundle in the file manager"),
        [this] { revealCurrent(); });
    m_removeAction = make(tr("Remove from List"), tr("Stop listing this bundle here (the file is not deleted)"),
        [this] { removeFromList(currentBundle()); });
    m_removeAction->setObjectName(QStringLiteral("removeBundle"));
    m_refreshAction = make(tr("Refresh"), tr("Read the bundles again (F5)"), [this] { rescan(); });
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
}

void ModelsView::setWorkspace(std::shared_ptr<Store::Workspace> workspace)
{
    m_workspace = std::move(workspace);
    ++m_generation;
    m_loadedOnce = false;
    m_pendingSelection.clear();
    m_messageBar->hide();
    m_model->setEntries({});
    updateWatches();
    rescan();
}

// --- the list and where it comes from ---------------------------------------------

QString ModelsView::settingsKey(const QString &name) const
{
    // Per workspace: a hash of its path keeps the key short and free of separators.
    const QByteArray id
        = QCryptographicHash::hash((m_workspace ? m_workspace->path() : QString()).toUtf8(), QCryptographicHash::Sha1)
              .toHex()
              .left(16);
    return QStringLiteral("models/%1/%2").arg(QString::fromLatin1(id), name);
}

QStringList ModelsView::remembered(const QString &name) const
{
    return QSettings().value(settingsKey(name)).toStringList();
}

void ModelsView::remember(const QString &name, const QStringList &paths)
{
    QSettings settings;
    if (paths.isEmpty())
        settings.remove(settingsKey(name));
    else
        settings.setValue(settingsKey(name), paths);
}

QList<std::pair<QString, bool>> ModelsView::listedPaths() const
{
    QList<std::pair<QString, bool>> paths;
    QStringList seen;
    if (m_workspace) {
        const QStringList hidden = remembered(hiddenKey);
        const QDir folder(modelsFolder(m_workspace->path()));
        const QStringList names = folder.entryList(
            {QLatin1Char('*') + Bundle::bundleSuffix()}, QDir::Files | QDir::Readable | QDir::Hidden, QDir::Name);
        for (const QString &name : names) {
            const QString path = absolute(folder.filePath(name));
            if (!hidden.contains(path)) {
                paths.append({path, false});
                seen << path;
            }
        }
    }
    for (const QString &path : remembered(addedKey)) {
        if (!seen.contains(path)) {
            paths.append({path, true});
            seen << path;
        }
    }
    return paths;
}

void ModelsView::rescan()
{
    if (m_loading) {
        m_loadPending = true;
        return;
    }
    m_loading = true;
    m_loadPending = false;
    const quint64 generation = m_generation;
    const QList<std::pair<QString, bool>> paths = listedPaths();
    const QList<BundleEntry> known = m_model->entries();
    m_listedCount = paths.size();
    updatePage();
    QtConcurrent::run(&m_pool, [paths, known] {
        return readBundleEntries(paths, known);
    }).then(this, [this, generation](QList<BundleEntry> entries) {
        // Posted, so that bundlesLoaded() always comes after rescan() returns.
        QMetaObject::invokeMethod(
            this, [this, generation, entries] { loadFinished(generation, entries); }, Qt::QueuedConnection);
    });
}

void ModelsView::loadFinished(quint64 generation, QList<BundleEntry> entries)
{
    m_loading = false;
    if (generation == m_generation) {
        const QString selected = m_pendingSelection.isEmpty() ? currentBundle() : m_pendingSelection;
        m_model->setEntries(std::move(entries));
        m_loadedOnce = true;
        const int row = m_model->rowOf(selected);
        if (row >= 0) {
            m_pendingSelection.clear();
            const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
            m_table->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->scrollTo(index);
        } else if (m_sorted->rowCount() > 0) {
            m_table->selectionModel()->setCurrentIndex(
                m_sorted->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        showCurrent();
        updateWatches();
        updatePage();
        updateActions();
        Q_EMIT bundlesLoaded();
    }
    if (m_loadPending)
        rescan();
}

void ModelsView::updateWatches()
{
    if (const QStringList watched = m_watcher->files() + m_watcher->directories(); !watched.isEmpty())
        m_watcher->removePaths(watched);
    QStringList paths;
    if (m_workspace) {
        // The workspace folder tells when models/ appears; models/ when a bundle comes or goes.
        paths << m_workspace->path();
        if (const QString folder = modelsFolder(m_workspace->path()); QFileInfo(folder).isDir())
            paths << folder;
    }
    for (const BundleEntry &entry : m_model->entries()) {
        if (entry.added && entry.size >= 0)
            paths << entry.path;
    }
    if (!paths.isEmpty())
        m_watcher->addPaths(paths);
}

// --- what is shown -----------------------------------------------------------------

void ModelsView::updatePage()
{
    const bool none = m_model->rowCount() == 0 && (m_loadedOnce || m_listedCount == 0);
    m_pages->setCurrentIndex(none ? EmptyPage : ListPage);
}

bool ModelsView::showsEmptyState() const
{
    return m_pages->currentIndex() == EmptyPage;
}

const BundleEntry *ModelsView::currentEntry() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        return nullptr;
    return m_model->entry(m_sorted->mapToSource(current).row());
}

QString ModelsView::currentBundle() const
{
    const BundleEntry *entry = currentEntry();
    return entry ? entry->path : QString();
}

void ModelsView::selectBundle(const QString &path)
{
    const QString wanted = absolute(path);
    const int row = m_model->rowOf(wanted);
    if (row < 0) {
        m_pendingSelection = wanted;
        rescan();
        return;
    }
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    // It may have been replaced since it was read (an export over an older bundle).
    if (m_model->entry(row)->isStale())
        rescan();
}

void ModelsView::showCurrent()
{
    m_details->setEntry(currentEntry());
}

void ModelsView::updateActions()
{
    const BundleEntry *entry = currentEntry();
    const bool usable = entry && entry->loaded();
    m_scoreAction->setEnabled(usable && m_workspace);
    m_scoreAction->setToolTip(m_workspace || !usable
            ? tr("Predict with this model on a dataset: the data with prediction columns opens in Datasets")
            : tr("Open a workspace first: scored data is saved in its scored folder"));
    m_driftAction->setEnabled(usable);
    m_revealAction->setEnabled(entry && entry->size >= 0);
    m_removeAction->setEnabled(entry != nullptr);
}

void ModelsView::showError(const QString &text)
{
    m_messageBar->showMessage(MessageBar::Kind::Error, text);
}

void ModelsView::showContextMenu(const QPoint &pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_scoreAction);
    menu.addAction(m_driftAction);
    menu.addSeparator();
    menu.addAction(m_revealAction);
    menu.addAction(m_removeAction);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

// --- actions -----------------------------------------------------------------------

bool ModelsView::addBundle(const QString &path)
{
    const QString file = absolute(path);
    if (!QFileInfo(file).isFile()) {
        showError(tr("Cannot add %1: it is not a file.").arg(QDir::toNativeSeparators(file)));
        return false;
    }
    QStringList hidden = remembered(hiddenKey);
    if (hidden.removeAll(file) > 0) {
        remember(hiddenKey, hidden); // a folder bundle listed again
    } else if (!m_workspace || QFileInfo(file).absolutePath() != absolute(modelsFolder(m_workspace->path()))) {
        QStringList added = remembered(addedKey);
        if (!added.contains(file))
            remember(addedKey, added << file);
    }
    selectBundle(file);
    return true;
}

void ModelsView::removeFromList(const QString &path)
{
    const int row = m_model->rowOf(path);
    if (row < 0)
        return;
    const BundleEntry entry = *m_model->entry(row);
    if (entry.added) {
        QStringList added = remembered(addedKey);
        added.removeAll(entry.path);
        remember(addedKey, added);
    } else {
        QStringList hidden = remembered(hiddenKey);
        if (!hidden.contains(entry.path))
            remember(hiddenKey, hidden << entry.path);
        m_messageBar->showMessage(MessageBar::Kind::Information,
            tr("“%1” is no longer listed. The file stays in %2; Add Bundle… lists it again.")
                .arg(entry.name(), QDir::toNativeSeparators(QFileInfo(entry.path).absolutePath())));
    }
    QList<BundleEntry> entries = m_model->entries();
    entries.removeAt(row);
    m_model->setEntries(std::move(entries));
    updateWatches();
    updatePage();
    showCurrent();
    updateActions();
}

void ModelsView::chooseBundleToAdd()
{
    const QString start = m_workspace ? m_workspace->path() : QString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Add Bundle"), start, tr("Tandem model bundles (*%1);;All files (*)").arg(Bundle::bundleSuffix()));
    if (!path.isEmpty())
        addBundle(path);
}

void ModelsView::revealCurrent()
{
    if (const BundleEntry *entry = currentEntry())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(entry->path).absolutePath()));
}

QStringList ModelsView::datasetChoices() const
{
    QStringList paths = m_datasets ? m_datasets->datasets() : QStringList();
    if (m_workspace) {
        for (const QString &path : m_workspace->datasetPaths()) {
            if (!paths.contains(path))
                paths << path;
        }
    }
    return paths;
}

void ModelsView::chooseDatasetToScore()
{
    const BundleEntry *entry = currentEntry();
    if (!entry || !entry->loaded() || !m_workspace)
        return;
    const QString bundlePath = entry->path;
    const QString workspacePath = m_workspace->path();
    ScoreDatasetDialog dialog(
        entry->name(), *entry->manifest, datasetChoices(), m_datasets ? m_datasets->currentDataset() : QString(),
        [workspacePath, bundlePath](const QString &data) { return defaultScoredPath(workspacePath, data, bundlePath); },
        this);
    if (dialog.exec() == QDialog::Accepted)
        scoreDataset(bundlePath, dialog.dataPath(), dialog.probabilities(), dialog.allowUnknownCategories());
}

void ModelsView::scoreDataset(
    const QString &bundlePath, const QString &dataPath, bool probabilities, bool allowUnknownCategories)
{
    if (!m_workspace) {
        showError(tr("Open a workspace first: scored data is saved in its scored folder."));
        return;
    }
    ScoringRequest request;
    request.bundlePath = bundlePath;
    request.dataPath = absolute(dataPath);
    request.csv = m_loader ? m_loader->options(request.dataPath) : Data::CsvOptions();
    request.probabilities = probabilities;
    request.allowUnknownCategories = allowUnknownCategories;
    request.outPath = defaultScoredPath(m_workspace->path(), request.dataPath, bundlePath);
    const QString dataName = QFileInfo(request.dataPath).fileName();
    const QString bundleName = QFileInfo(bundlePath).completeBaseName();
    QPointer<ModelsView> self(this);
    const quint64 generation = m_generation;
    startScoring(*m_jobs, request,
        [self, generation, request, dataName, bundleName](const Runs::JobInfo &info, const ScoringOutcome &outcome) {
            if (!self || generation != self->m_generation)
                return;
            if (info.state == Runs::JobState::Cancelled)
                return;
            if (info.state != Runs::JobState::Done) {
                const QString why = outcome.error ? outcome.error->message : info.message;
                self->showError(tr("Cannot score %1 with “%2”: %3").arg(dataName, bundleName, why));
                return;
            }
            self->m_lastScored.insert(request.bundlePath, request.outPath);
            auto *drift = new QAction(tr("Send to Drift"), self->m_messageBar);
            connect(drift, &QAction::triggered, self,
                [self, bundlePath = request.bundlePath] { self->sendToDrift(bundlePath); });
            self->m_messageBar->showMessage(MessageBar::Kind::Information,
                tr("Scored %1 of %2 with “%3”: the data with its predictions is saved as %4 and opened in Datasets.")
                    .arg(countOf(outcome.summary.rows, tr("row"), tr("rows")), dataName, bundleName,
                        QDir::toNativeSeparators(request.outPath)),
                {drift});
            Q_EMIT self->scoredDatasetReady(request.outPath, request.bundlePath);
        });
}

QString ModelsView::chooseCurrentForDrift(const QString &bundlePath)
{
    QStringList choices = datasetChoices();
    QStringList names;
    for (const QString &path : choices)
        names << QDir::toNativeSeparators(path);
    const QString other = tr("Another file…");
    names << other;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Send to Drift"),
        tr("Nothing was scored with “%1” yet. Which data should be compared with its training data?")
            .arg(QFileInfo(bundlePath).completeBaseName()),
        names, 0, false, &ok);
    if (!ok)
        return {};
    if (chosen == other)
        return QFileDialog::getOpenFileName(this, tr("Data to Compare"), QString(), tr("All files (*)"));
    return QDir::fromNativeSeparators(chosen);
}

void ModelsView::sendToDrift(const QString &bundlePath, const QString &currentPath)
{
    const int row = m_model->rowOf(bundlePath);
    const BundleEntry *entry = m_model->entry(row);
    if (!entry || !entry->loaded())
        return;
    const QString training = entry->manifest->datasetPath;
    const QString reference = !training.isEmpty() && QFileInfo(training).isFile() ? training : QString();
    QString current = currentPath;
    if (current.isEmpty() && QFileInfo(m_lastScored.value(bundlePath)).isFile())
        current = m_lastScored.value(bundlePath);
    if (current.isEmpty()) {
        current = chooseCurrentForDrift(bundlePath);
        if (current.isEmpty())
            return;
    }
    if (reference.isEmpty())
        m_messageBar->showMessage(MessageBar::Kind::Warning,
            tr("The data “%1” was trained on is not at %2 any more: choose the reference in Drift.")
                .arg(entry->name(), QDir::toNativeSeparators(training)));
    Q_EMIT driftRequested(reference, current);
}

} // namespace Tandem::Ui
