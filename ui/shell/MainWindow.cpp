// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/MainWindow.h"

#include "core/data/DatasetReader.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/RunSpec.h"
#include "core/runs/SampleRuns.h"
#include "core/runs/SlurmExecutor.h"
#include "core/store/ExperimentStore.h"
#include "core/store/SampleWorkspace.h"
#include "core/store/Workspace.h"
#include "ui/cluster/ClusterExecutors.h"
#include "ui/cluster/ClusterResultsRecovery.h"
#include "ui/compare/CompareView.h"
#include "ui/data/DatasetLoader.h"
#include "ui/data/DatasetsView.h"
#include "ui/data/ImportDialog.h"
#include "ui/drift/DriftView.h"
#include "ui/jobs/JobsDock.h"
#include "ui/models/ModelsView.h"
#include "ui/runs/RunsView.h"
#include "ui/runs/newrun/NewRunDialog.h"
#include "ui/shell/AboutDialog.h"
#include "ui/shell/Counting.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MessageBar.h"
#include "ui/shell/SettingsDialog.h"
#include "ui/shell/Theme.h"
#include "ui/shell/ThemedIcon.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace Tandem::Ui {
namespace {

struct SectionInfo {
    const char *iconName;
    const char *title;
};

constexpr SectionInfo sectionInfo[MainWindow::sectionCount] = {
    {"datasets", QT_TRANSLATE_NOOP("Tandem::Ui::MainWindow", "Datasets")},
    {"runs", QT_TRANSLATE_NOOP("Tandem::Ui::MainWindow", "Runs")},
    {"compare", QT_TRANSLATE_NOOP("Tandem::Ui::MainWindow", "Compare")},
    {"drift", QT_TRANSLATE_NOOP("Tandem::Ui::MainWindow", "Drift")},
    {"models", QT_TRANSLATE_NOOP("Tandem::Ui::MainWindow", "Models")},
};

} // namespace

MainWindow::MainWindow(Runs::JobQueue *jobs, AppSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_jobs(jobs), m_settings(settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(appIcon());
    setAcceptDrops(true);
    setDocumentMode(true);
    createActions();
    createCentralArea();
    m_jobsDock = new JobsDock(jobs, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    m_clusterExecutors = new ClusterExecutors(this);
    connect(m_clusterExecutors, &ClusterExecutors::executorAdded, this, [this](Runs::SlurmExecutor *executor) {
        m_jobsDock->addExecutor(executor);
        connect(executor, &Runs::Executor::jobAdded, this, &MainWindow::updateJobsLabel);
        connect(executor, &Runs::Executor::jobFinished, this, &MainWindow::updateJobsLabel);
    });
    // Cluster jobs of a workspace no longer open are still followed to their end.
    connect(this, &MainWindow::workspaceChanged, m_clusterExecutors,
        [this] { m_clusterExecutors->keepOnlyWorkspace(m_workspace.get()); });
    m_clusterResults = new ClusterResultsRecovery(this);
    connect(m_clusterResults, &ClusterResultsRecovery::finished, this,
        [this](const QString &path, int imported, const QString &note, bool problem) {
            if (!m_workspace || m_workspace->path() != path)
                return;
            m_messageBar->showMessage(problem ? MessageBar::Kind::Warning : MessageBar::Kind::Information, note);
            if (imported > 0)
                m_runsView->refresh();
        });
    createMenus();
    createStatusBar();
    updateWriteActions();
    connect(jobs, &Runs::JobQueue::jobAdded, this, &MainWindow::updateJobsLabel);
    connect(jobs, &Runs::JobQueue::jobFinished, this, &MainWindow::updateJobsLabel);
    restoreLayout();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openDatasetAction = new QAction(themedIcon(QStringLiteral("open")), tr("&Open Dataset…"), this);
    m_openDatasetAction->setShortcut(QKeySequence::Open);
    m_openDatasetAction->setToolTip(tr("Open a CSV, TSV or ARFF file and add it to the workspace (Ctrl+O)"));
    connect(m_openDatasetAction, &QAction::triggered, this, &MainWindow::chooseDataset);

    m_newWorkspaceAction = new QAction(themedIcon(QStringLiteral("workspace")), tr("&New Workspace…"), this);
    m_newWorkspaceAction->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    m_newWorkspaceAction->setToolTip(tr("Create a workspace: a folder that keeps datasets, runs and models together"));
    connect(m_newWorkspaceAction, &QAction::triggered, this, [this] { chooseWorkspace(true); });

    m_openWorkspaceAction = new QAction(tr("Open &Workspace…"), this);
    m_openWorkspaceAction->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_openWorkspaceAction->setToolTip(tr("Open an existing workspace folder"));
    connect(m_openWorkspaceAction, &QAction::triggered, this, [this] { chooseWorkspace(false); });

    m_sampleWorkspaceAction = new QAction(tr("Open &Sample Workspace"), this);
    m_sampleWorkspaceAction->setToolTip(
        tr("Open a workspace with the bundled Iris, Wine and Breast Cancer datasets and example runs on them"));
    connect(m_sampleWorkspaceAction, &QAction::triggered, this, [this] { openSampleWorkspace(); });

    m_newRunAction = new QAction(themedIcon(QStringLiteral("runs")), tr("New &Run…"), this);
    m_newRunAction->setShortcut(QKeySequence::New);
    connect(m_newRunAction, &QAction::triggered, this, [this] { newRun(); });

    m_settingsAction = new QAction(tr("&Settings…"), this);
    m_settingsAction->setShortcut(QKeySequence(tr("Ctrl+,")));
    m_settingsAction->setToolTip(tr("Settings, such as the Slurm clusters runs can be sent to (Ctrl+,)"));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, [this] { SettingsDialog(m_settings, this).exec(); });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About Tandem"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] { AboutDialog(this).exec(); });
}

void MainWindow::createCentralArea()
{
    m_navigator = new QListWidget(this);
    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_navigator->setIconSize(QSize(20, 20));
    m_navigator->setFrameShape(QFrame::NoFrame);
    m_navigator->setSpacing(2);
    m_navigator->setFixedWidth(170);
    m_navigator->setAutoFillBackground(false);
    m_navigator->viewport()->setAutoFillBackground(false);

    m_sections = new QStackedWidget(this);
    m_datasetLoader = new DatasetLoader(m_jobs, this);
    m_datasetsView = new DatasetsView(m_openDatasetAction, m_datasetLoader, m_jobs, this);
    connect(m_datasetsView, &DatasetsView::importSettingsRequested, this, [this](const QString &path) {
        if (askImportSettings(path))
            m_datasetsView->reload();
    });

    auto *showDatasets = new QAction(themedIcon(QStringLiteral("datasets")), tr("Go to Datasets"), this);
    connect(showDatasets, &QAction::triggered, this, [this] { showSection(Section::Datasets); });
    auto *showRuns = new QAction(themedIcon(QStringLiteral("runs")), tr("Go to Runs"), this);
    connect(showRuns, &QAction::triggered, this, [this] { showSection(Section::Runs); });

    m_runsView = new RunsView(m_jobs, {m_newWorkspaceAction, m_openWorkspaceAction, m_sampleWorkspaceAction}, this);
    connect(m_runsView, &RunsView::newRunRequested, this, [this] { newRun(); });
    connect(m_runsView, &RunsView::editSpecRequested, this, [this](const QJsonObject &spec) { newRun(spec); });
    connect(m_runsView, &RunsView::compareRequested, this, &MainWindow::compareRuns);
    m_compareView = new CompareView({showRuns}, this);
    m_modelsView = new ModelsView(m_jobs, m_datasetsView, m_datasetLoader, {showRuns}, this);
    connect(m_runsView, &RunsView::showBundleRequested, this, [this](const QString &path) {
        showSection(Section::Models);
        m_modelsView->selectBundle(path);
    });
    connect(m_modelsView, &ModelsView::scoredDatasetReady, this, [this](const QString &path) { openDataset(path); });
    m_driftView = new DriftView(m_jobs, m_datasetLoader, {showDatasets}, this);
    connect(m_driftView, &DriftView::compareRequested, this, &MainWindow::compareRuns);
    connect(m_modelsView, &ModelsView::driftRequested, this,
        [this](const QString &referencePath, const QString &currentPath) {
            showSection(Section::Drift);
            if (!referencePath.isEmpty())
                m_driftView->setReference(referencePath);
            if (!currentPath.isEmpty())
                m_driftView->setCurrent(currentPath);
            if (!referencePath.isEmpty() && !currentPath.isEmpty())
                m_driftView->analyse();
        });

    QWidget *pages[sectionCount] = {
        m_datasetsView,
        m_runsView,
        m_compareView,
        m_driftView,
        m_modelsView,
    };
    for (int i = 0; i < sectionCount; ++i) {
        const QString title = tr(sectionInfo[i].title);
        pages[i]->setObjectName(QStringLiteral("section") + title);
        m_sections->addWidget(pages[i]);
        auto *item = new QListWidgetItem(themedIcon(QString::fromLatin1(sectionInfo[i].iconName)), title, m_navigator);
        item->setSizeHint(QSize(0, 36));
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(i + 1));
    }
    connect(m_navigator, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_sections->setCurrentIndex(row);
        if (m_sectionActions && m_sectionActions->actions().size() > row)
            m_sectionActions->actions().at(row)->setChecked(true);
    });

    m_messageBar = new MessageBar(this);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 6, 6, 0);
    rightLayout->addWidget(m_messageBar);
    rightLayout->addWidget(m_sections, 1);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigator);
    layout->addWidget(right, 1);
    setCentralWidget(central);
    m_navigator->setCurrentRow(0);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openDatasetAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(m_newRunAction);
    file->addSeparator();
    file->addAction(m_newWorkspaceAction);
    file->addAction(m_openWorkspaceAction);
    file->addAction(m_sampleWorkspaceAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_settingsAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_sectionActions = new QActionGroup(this);
    for (int i = 0; i < sectionCount; ++i) {
        QAction *action
            = view->addAction(themedIcon(QString::fromLatin1(sectionInfo[i].iconName)), tr(sectionInfo[i].title));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        m_sectionActions->addAction(action);
        connect(action, &QAction::triggered, this, [this, i] { showSection(Section(i)); });
    }
    m_sectionActions->actions().at(m_navigator->currentRow())->setChecked(true);
    view->addSeparator();
    QAction *jobs = m_jobsDock->toggleViewAction();
    jobs->setShortcut(QKeySequence(tr("Ctrl+J")));
    jobs->setToolTip(tr("Show or hide the Jobs dock (Ctrl+J)"));
    view->addAction(jobs);

    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    const std::pair<ThemeMode, QString> modes[]
        = {{ThemeMode::System, tr("Follow &System")}, {ThemeMode::Light, tr("&Light")}, {ThemeMode::Dark, tr("&Dark")}};
    for (const auto &[mode, label] : modes) {
        QAction *action = theme->addAction(label);
        action->setCheckable(true);
        action->setChecked(m_settings->themeMode() == mode);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode = mode] {
            m_settings->setThemeMode(mode);
            applyTheme(mode);
        });
    }
    view->addSeparator();
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setShortcut(QKeySequence::FullScreen);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    m_workspaceLabel = new QLabel(this);
    m_workspaceLabel->setObjectName(QStringLiteral("workspaceLabel"));
    m_jobsLabel = new QLabel(this);
    m_jobsLabel->setObjectName(QStringLiteral("jobsLabel"));
    statusBar()->addPermanentWidget(m_workspaceLabel);
    statusBar()->addPermanentWidget(m_jobsLabel);
    updateJobsLabel();
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1200, 780);
    if (!restoreState(m_settings->windowState())) {
        // First start: give the views the room. Dock sizes apply once laid out.
        QTimer::singleShot(0, this, [this] { resizeDocks({m_jobsDock}, {130}, Qt::Vertical); });
    }
}

void MainWindow::saveLayout()
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

void MainWindow::showSection(Section section)
{
    m_navigator->setCurrentRow(int(section));
}

MainWindow::Section MainWindow::currentSection() const
{
    return Section(m_sections->currentIndex());
}

QWidget *MainWindow::sectionWidget(Section section) const
{
    return m_sections->widget(int(section));
}

void MainWindow::compareRuns(const QList<qint64> &runIds)
{
    showSection(Section::Compare);
    m_compareView->compareRuns(runIds);
}

bool MainWindow::openWorkspace(const QString &dir, bool create)
{
    return setWorkspace(create ? Store::Workspace::create(dir) : Store::Workspace::open(dir));
}

bool MainWindow::openWorkspaceReadOnly(const QString &dir)
{
    return setWorkspace(Store::Workspace::open(dir, Store::Workspace::Access::ReadOnly));
}

bool MainWindow::setWorkspace(Base::Result<std::shared_ptr<Store::Workspace>> opened)
{
    if (!opened.ok()) {
        showError(tr("Cannot open the workspace: %1").arg(opened.error().toString()));
        return false;
    }
    m_workspace = std::move(opened).value();
    m_settings->setLastWorkspace(m_workspace->path());
    m_datasetsView->setDatasets(m_workspace->datasetPaths());
    m_runsView->setWorkspace(m_workspace);
    m_compareView->setWorkspace(m_workspace);
    m_driftView->setWorkspace(m_workspace);
    m_modelsView->setWorkspace(m_workspace);
    // Read-only is said where it stays in view, not in a dialog to click away.
    if (m_workspace->isReadOnly())
        m_messageBar->showMessage(MessageBar::Kind::Warning, m_workspace->readOnlyNotice());
    else
        m_messageBar->hide();
    updateTitle();
    updateWriteActions();
    statusBar()->showMessage(tr("Opened workspace %1").arg(m_workspace->name()), 5000);
    m_clusterResults->start(m_workspace);
    Q_EMIT workspaceChanged(m_workspace->path());
    return true;
}

bool MainWindow::openSampleWorkspace(const QString &dir)
{
    const auto path = Store::createSampleWorkspace(dir.isEmpty() ? Store::defaultSampleWorkspaceDir() : dir);
    if (!path.ok()) {
        showError(tr("Cannot create the sample workspace: %1").arg(path.error().toString()));
        return false;
    }
    if (!openWorkspace(path.value()))
        return false;
    launchSampleRuns();
    return true;
}

void MainWindow::launchSampleRuns()
{
    const auto wanted = Runs::sampleRunsWanted(*m_workspace);
    if (!wanted.ok()) {
        showError(tr("Cannot run the sample workspace's examples: %1").arg(wanted.error().toString()));
        return;
    }
    if (!wanted.value())
        return;
    const auto specs = Runs::sampleRunSpecs(m_workspace->path());
    if (!specs.ok()) {
        showError(tr("Cannot run the sample workspace's examples: %1").arg(specs.error().toString()));
        return;
    }
    // Said first, so that an error starting one of them is what stays in view.
    m_messageBar->showMessage(MessageBar::Kind::Information,
        tr("The sample workspace started its example specs (they are in its examples folder): a single run, "
           "a grid sweep and a random search with successive halving. Their runs show in Runs as they finish, "
           "grouped by experiment."));
    for (const Runs::RunSpec &spec : specs.value())
        launchRunSpec(spec);
}

bool MainWindow::openDataset(const QString &path)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (!info.exists()) {
        showError(tr("Cannot open %1: the file does not exist.").arg(shown));
        return false;
    }
    if (!info.isFile() || !info.isReadable()) {
        showError(tr("Cannot open %1: it is not a readable file.").arg(shown));
        return false;
    }
    if (!Data::DatasetReader::isSupportedName(info.fileName())) {
        showError(tr("Cannot open %1: Tandem reads CSV/TSV, ARFF and IDX files (%2).")
                      .arg(shown, Data::DatasetReader::supportedPatterns().join(QStringLiteral(" "))));
        return false;
    }
    const QString absolute = info.absoluteFilePath();
    // A read-only workspace cannot list the file, but it can still be looked at.
    const bool addToWorkspace = m_workspace && !m_workspace->isReadOnly();
    if (addToWorkspace) {
        if (const Base::Status added = m_workspace->addDataset(absolute); !added.ok()) {
            showError(tr("Cannot add %1 to the workspace: %2").arg(shown, added.error().toString()));
            return false;
        }
    }
    m_settings->addRecentFile(absolute);
    rebuildRecentMenu();
    m_datasetLoader->forget(absolute); // opening a file again reads its current content
    m_datasetsView->showDataset(absolute);
    showSection(Section::Datasets);
    statusBar()->showMessage(addToWorkspace || !m_workspace
            ? tr("Opened %1").arg(info.fileName())
            : tr("Opened %1 (not added to the workspace: it is read-only)").arg(info.fileName()),
        5000);
    Q_EMIT datasetOpened(absolute);
    return true;
}

void MainWindow::newRun(const QJsonObject &startFrom)
{
    if (!m_workspace || m_workspace->isReadOnly()) {
        showError(m_workspace ? tr("Cannot start runs: %1").arg(m_workspace->readOnlyNotice())
                              : tr("Open or create a workspace first: runs are recorded in it."));
        return;
    }
    NewRunDialog dialog(m_datasetLoader, this);
    dialog.setDatasets(m_workspace->datasetPaths());
    if (const auto experiments = m_workspace->store().experiments(); experiments.ok())
        dialog.setExperiments(experiments.value());
    if (const QString current = m_datasetsView->currentDataset(); !current.isEmpty())
        dialog.setCurrentDataset(current);
    if (!startFrom.isEmpty())
        dialog.setSpec(startFrom); // Duplicate and edit: the run's spec, to change before starting
    QStringList clusters;
    for (const Runs::ClusterProfile &profile : m_settings->clusterProfiles())
        clusters << profile.name;
    dialog.setClusterProfiles(clusters);
    if (dialog.exec() == QDialog::Accepted)
        launchRunSpec(dialog.spec(), dialog.executeOn());
}

bool MainWindow::launchRunSpec(const QJsonObject &json, const QString &cluster)
{
    if (!m_workspace) {
        showError(tr("Open or create a workspace first: runs are recorded in it."));
        return false;
    }
    auto spec = Runs::RunSpec::fromJson(json);
    if (!spec.ok()) {
        showError(tr("Cannot start the run: %1").arg(spec.error().toString()));
        return false;
    }
    return launchRunSpec(spec.value(), cluster);
}

bool MainWindow::launchRunSpec(const Runs::RunSpec &spec, const QString &cluster)
{
    if (!m_workspace) {
        showError(tr("Open or create a workspace first: runs are recorded in it."));
        return false;
    }
    const QString path = spec.resolvedDatasetPath();
    const auto loaded = m_datasetLoader->result(path);
    if (!loaded) {
        // Read the data as a job first, then launch into the workspace that asked.
        auto *pending = new QObject(this);
        const std::weak_ptr<Store::Workspace> workspace = m_workspace;
        connect(m_datasetLoader, &DatasetLoader::loaded, pending,
            [this, pending, path, spec, cluster, workspace](const QString &done) {
                if (done != path)
                    return;
                pending->deleteLater();
                if (workspace.lock() == m_workspace)
                    launchRunSpec(spec, cluster);
                else
                    statusBar()->showMessage(
                        tr("Did not start %1: another workspace was opened while its data was read.")
                            .arg(spec.name.isEmpty() ? tr("the run") : spec.name),
                        8000);
            });
        connect(m_datasetLoader, &DatasetLoader::failed, pending,
            [this, pending, path](const QString &failed, const QString &message) {
                if (failed != path)
                    return;
                pending->deleteLater();
                showError(tr("Cannot start the run: %1").arg(message));
            });
        m_datasetLoader->request(path);
        statusBar()->showMessage(tr("Reading %1 before starting the run…").arg(QFileInfo(path).fileName()), 5000);
        return true;
    }
    if (const Base::Status checked = spec.checkDataset(*loaded->dataset, path); !checked.ok()) {
        showError(tr("Cannot start the run: %1").arg(checked.error().toString()));
        return false;
    }
    Runs::Executor *executor = nullptr;
    if (!cluster.isEmpty()) {
        const std::optional<Runs::ClusterProfile> profile = m_settings->clusterProfile(cluster);
        if (!profile) {
            showError(
                tr("Cannot start the run: there is no cluster profile '%1' any more (Edit > Settings)").arg(cluster));
            return false;
        }
        if (const Base::Status valid = profile->validate(); !valid.ok()) {
            showError(
                tr("Cannot start the run on cluster %1: %2 (Edit > Settings)").arg(cluster, valid.error().message));
            return false;
        }
        executor = m_clusterExecutors->executorFor(*profile, m_workspace);
    }
    const auto launch = executor ? Runs::launchRuns(m_workspace, *executor, spec, loaded->dataset)
                                 : Runs::launchRuns(m_workspace, *m_jobs, spec, loaded->dataset);
    if (!launch.ok()) {
        showError(tr("Cannot start the run: %1").arg(launch.error().toString()));
        return false;
    }
    if (!launch->notes.isEmpty())
        m_messageBar->showMessage(MessageBar::Kind::Information, launch->notes.join(QLatin1Char(' ')));
    m_jobsDock->show();
    const QString runs = countOf(int(launch->runs.size()), tr("run"), tr("runs"));
    statusBar()->showMessage(
        cluster.isEmpty() ? tr("Started %1").arg(runs) : tr("Submitted %1 to Slurm cluster %2").arg(runs, cluster),
        5000);
    return true;
}

void MainWindow::chooseDataset()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Dataset"), QString(), Data::DatasetReader::nameFilter());
    if (path.isEmpty())
        return;
    // Delimited text gets the import dialog: the user sees the first rows as they
    // will load and can change how the file is read before anything is loaded.
    if (Data::DatasetReader::detectFormat(path) == Data::FileFormat::Csv && !askImportSettings(path))
        return;
    openDataset(path);
}

bool MainWindow::askImportSettings(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    ImportDialog dialog(absolute, m_datasetLoader->options(absolute), this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    m_datasetLoader->setOptions(absolute, dialog.options());
    return true;
}

void MainWindow::chooseWorkspace(bool create)
{
    const QString dir = QFileDialog::getExistingDirectory(this,
        create ? tr("Choose or Create a Folder for the New Workspace") : tr("Open Workspace"),
        m_workspace ? QFileInfo(m_workspace->path()).absolutePath() : QString());
    if (!dir.isEmpty())
        openWorkspace(dir, create);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings->recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        QAction *action = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(
            QFileInfo(path).fileName().replace(QLatin1Char('&'), QStringLiteral("&&"))));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openDataset(path); });
    }
    if (files.isEmpty()) {
        m_recentMenu->addAction(tr("No recent datasets"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear Menu")), &QAction::triggered, this, [this] {
        m_settings->clearRecentFiles();
        rebuildRecentMenu();
    });
}

void MainWindow::updateTitle()
{
    if (m_workspace) {
        const QString name
            = m_workspace->isReadOnly() ? tr("%1 (read-only)").arg(m_workspace->name()) : m_workspace->name();
        setWindowTitle(tr("%1 — Tandem").arg(name));
        m_workspaceLabel->setText(tr("Workspace: %1").arg(name));
        m_workspaceLabel->setToolTip(m_workspace->isReadOnly()
                ? QDir::toNativeSeparators(m_workspace->path()) + QLatin1Char('\n') + m_workspace->readOnlyNotice()
                : QDir::toNativeSeparators(m_workspace->path()));
    } else {
        setWindowTitle(tr("Tandem"));
        m_workspaceLabel->setText(tr("No workspace"));
        m_workspaceLabel->setToolTip(tr("Create or open a workspace from the File menu"));
    }
}

void MainWindow::updateWriteActions()
{
    const bool readOnly = m_workspace && m_workspace->isReadOnly();
    m_newRunAction->setEnabled(!readOnly);
    m_newRunAction->setToolTip(readOnly ? tr("Not available: %1").arg(m_workspace->readOnlyNotice())
                                        : tr("Set up a run or a sweep on a dataset of the workspace (Ctrl+N)"));
}

void MainWindow::updateJobsLabel()
{
    const int active = m_jobs->activeCount() + m_clusterExecutors->activeCount();
    m_jobsLabel->setText(active == 0 ? tr("No jobs running") : countOf(active, tr("job"), tr("jobs")) + tr(" running"));
}

void MainWindow::showError(const QString &text)
{
    m_messageBar->showMessage(MessageBar::Kind::Error, text);
    statusBar()->showMessage(text, 8000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (!mime->hasUrls())
        return;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile()) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        if (QFileInfo(path).isDir() && Store::Workspace::looksLikeWorkspace(path))
            openWorkspace(path);
        else
            openDataset(path);
    }
    event->acceptProposedAction();
}

} // namespace Tandem::Ui
