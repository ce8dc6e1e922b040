// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunsView.h"

#include "core/runs/RunLauncher.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/charts/LineChart.h"
#include "ui/models/ExportModelDialog.h"
#include "ui/models/ModelExport.h"
#include "ui/runs/RunsFilterModel.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MessageBar.h"
#include "ui/shell/ThemedIcon.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <map>
#include <set>

namespace Tandem::Ui {

/// The view's reading connection, made and used on its one worker thread.
struct RunsReader {
    std::shared_ptr<Store::Workspace> workspace;
    std::unique_ptr<Store::ExperimentStore> store;
};

struct RunsView::Snapshot {
    quint64 generation = 0;
    bool hasRuns = false;
    QList<Store::RunRecord> runs;
    qint64 detailsId = 0;
    std::optional<Store::RunDetails> details;
    QString error;
};

namespace {

const QString hiddenColumnsKey = QStringLiteral("runs/hiddenColumns");
const QString shownColumnsKey = QStringLiteral("runs/shownColumns");
enum Page { NoWorkspacePage, EmptyPage, TablePage };

} // namespace

RunsView::RunsView(Runs::JobQueue *jobs, const QList<QAction *> &workspaceActions, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_refreshTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
    , m_pages(new QStackedWidget(this))
    , m_messageBar(new MessageBar(this))
    , m_model(new RunsTableModel(this))
    , m_filter(new RunsFilterModel(this))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_hiddenColumns = QSettings().value(hiddenColumnsKey).toStringList();
    m_shownColumns = QSettings().value(shownColumnsKey).toStringList();
    m_refreshTimer->setSingleShot(true);
    connect(m_refreshTimer, &QTimer::timeout, this, &RunsView::startLoad);
    m_pollTimer->setInterval(1000);
    connect(m_pollTimer, &QTimer::timeout, this, &RunsView::startLoad);
    connect(jobs, &Runs::JobQueue::jobAdded, this, [this] { scheduleRefresh(); });
    connect(jobs, &Runs::JobQueue::jobFinished, this, [this] { scheduleRefresh(); });
    connect(m_model, &RunsTableModel::renameRequested, this, &RunsView::renameRun);

    createActions();

    auto *noWorkspace = new EmptyState(QStringLiteral("runs"), tr("No workspace open"),
        tr("Runs are kept in a workspace: a folder that records every run's spec, metrics and artefacts. "
           "Create or open a workspace, or try the sample workspace."),
        workspaceActions, this);
    auto *empty = new EmptyState(QStringLiteral("runs"), tr("No runs yet"),
        tr("A run trains one model on one dataset with a fixed seed and records its spec, metrics and "
           "artefacts in the workspace, so it can be compared and reproduced. Start a run or a sweep."),
        {m_newRunAction}, this);

    auto *tablePage = new QWidget(this);
    m_toolBar = new QToolBar(tablePage);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_newRunAction);
    m_toolBar->addAction(m_compareAction);
    m_toolBar->addAction(m_exportModelAction);
    m_toolBar->addSeparator();
    for (QAction *a : {m_rerunAction, m_duplicateAction, m_renameAction, m_tagsAction, m_noteAction, m_deleteAction})
        m_toolBar->addAction(a);
    // The filters have a row of their own: in the toolbar, a window of ordinary
    // width pushed them behind its overflow button.
    auto *filterRow = new QWidget(tablePage);
    m_statusFilter = new QComboBox(filterRow);
    m_statusFilter->setObjectName(QStringLiteral("runsStatusFilter"));
    m_statusFilter->addItem(tr("All statuses"), int(RunsFilterModel::StatusFilter::All));
    m_statusFilter->addItem(tr("Queued or running"), int(RunsFilterModel::StatusFilter::Active));
    m_statusFilter->addItem(tr("Done"), int(RunsFilterModel::StatusFilter::Done));
    m_statusFilter->addItem(tr("Failed"), int(RunsFilterModel::StatusFilter::Failed));
    m_statusFilter->addItem(tr("Cancelled or interrupted"), int(RunsFilterModel::StatusFilter::Stopped));
    m_statusFilter->setToolTip(tr("Show only runs with this status"));
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setStatusFilter(RunsFilterModel::StatusFilter(m_statusFilter->currentData().toInt())); });
    m_filterField = new QLineEdit(filterRow);
    m_filterField->setObjectName(QStringLiteral("runsFilter"));
    m_filterField->setPlaceholderText(tr("Filter runs (Ctrl+F)"));
    m_filterField->setToolTip(tr("Show runs whose name, model, experiment or tags contain every word typed"));
    m_filterField->setClearButtonEnabled(true);
    m_filterField->setMinimumWidth(220);
    connect(m_filterField, &QLineEdit::textChanged, m_filter, &RunsFilterModel::setText);
    auto *filterLayout = new QHBoxLayout(filterRow);
    filterLayout->setContentsMargins(4, 0, 4, 2);
    filterLayout->addWidget(m_filterField, 1);
    filterLayout->addWidget(m_statusFilter);
    auto *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findAction, &QAction::triggered, m_filterField, [this] {
        m_filterField->setFocus();
        m_filterField->selectAll();
    });
    addAction(findAction);

    m_filter->setSourceModel(m_model);
    m_table = new QTableView(tablePage);
    m_table->setObjectName(QStringLiteral("runsTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Rows drag out as run ids (RunsTableModel::mimeData), onto the Compare view.
    m_table->setDragEnabled(true);
    m_table->setDragDropMode(QAbstractItemView::DragOnly);
    m_table->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setDefaultSectionSize(90);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this, &RunsView::showHeaderMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &RunsView::showContextMenu);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_model->columnKeys().value(index.column()) != QLatin1String("name"))
            m_tabs->setCurrentIndex(0);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsView::applyColumnChoice);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        if (currentRunId() != m_shownRunId)
            scheduleRefresh(0);
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &RunsView::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &RunsView::updateActions);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &RunsView::updateActions);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &RunsView::updateActions);

    m_countLabel = new QLabel(tablePage);
    m_countLabel->setObjectName(QStringLiteral("runsCount"));
    m_countLabel->setEnabled(false);

    m_splitter = new QSplitter(Qt::Vertical, tablePage);
    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_countLabel);
    m_splitter->addWidget(top);
    auto *details = new QWidget(m_splitter);
    createDetails(details);
    m_splitter->addWidget(details);
    // The table is what people come for: it gets three fifths of the height from
    // the start (the details pane's size hint would otherwise take most of it).
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({3000, 2000});
    m_splitter->setChildrenCollapsible(false);

    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_toolBar);
    tableLayout->addWidget(filterRow);
    tableLayout->addWidget(m_splitter, 1);

    m_pages->addWidget(noWorkspace);
    m_pages->addWidget(empty);
    m_pages->addWidget(tablePage);
    m_messageBar->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_pages, 1);
    updatePage();
    updateActions();
}

RunsView::~RunsView()
{
    m_pollTimer->stop();
    m_refreshTimer->stop();
    if (auto reader = std::exchange(m_reader, nullptr))
        m_pool.start([reader] { reader->store.reset(); });
    m_pool.waitForDone();
}

void RunsView::createActions()
{
    auto make = [this](const QString &text, const QKeySequence &key, const QString &tip, auto slot) {
        auto *action = new QAction(text, this);
        if (!key.isEmpty()) {
            action->setShortcut(key);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        action->setToolTip(key.isEmpty() ? tip : tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_newRunAction = make(tr("New Run…"), {}, tr("Configure a run or a sweep"), [this] { Q_EMIT newRunRequested(); });
    m_newRunAction->setIcon(themedIcon(QStringLiteral("runs")));
    m_rerunAction = make(tr("Re-run"), QKeySequence(tr("Ctrl+R")),
        tr("Queue the selected runs again with the same spec, as new runs"), [this] { rerun(selectedRunIds()); });
    m_duplicateAction = make(tr("Duplicate and Edit…"), QKeySequence(tr("Ctrl+D")),
        tr("Open the New Run dialog with a copy of this run's spec"), [this] { duplicateAndEdit(); });
    m_renameAction = make(tr("Rename"), QKeySequence(Qt::Key_F2), tr("Rename the selected run"), [this] {
        const int col = m_model->columnOf(QStringLiteral("name"));
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid() && col >= 0)
            m_table->edit(m_filter->index(current.row(), m_filter->mapFromSource(m_model->index(0, col)).column()));
    });
    m_tagsAction
        = make(tr("Tags…"), QKeySequence(tr("Ctrl+T")), tr("Edit the selected run's tags"), [this] { editTags(); });
    m_noteAction
        = make(tr("Add Note"), QKeySequence(tr("Ctrl+Shift+M")), tr("Write a note on the selected run"), [this] {
              m_tabs->setCurrentWidget(m_noteEdit->parentWidget());
              m_noteEdit->setFocus();
          });
    m_markInterruptedAction = make(tr("Mark as Interrupted…"), {},
        tr("Record a run that another process was running as interrupted, once that process has ended "
           "(its machine was switched off or lost the workspace)"),
        [this] { confirmMarkInterrupted(); });
    m_markInterruptedAction->setObjectName(QStringLiteral("markInterrupted"));
    m_deleteAction = make(tr("Delete…"), QKeySequence(QKeySequence::Delete),
        tr("Delete the selected runs with their metrics and artefacts"), [this] { confirmDelete(); });
    m_refreshAction
        = make(tr("Refresh"), QKeySequence(QKeySequence::Refresh), tr("Read the runs again"), [this] { refresh(); });
    m_compareAction = make(tr("Compare"), QKeySequence(tr("Ctrl+K")),
        tr("Compare the selected runs side by side: metrics, charts and significance tests"), [this] {
            const QList<qint64> ids = selectedRunIds();
            if (ids.size() >= 2)
                Q_EMIT compareRequested(ids);
        });
    m_compareAction->setObjectName(QStringLiteral("compareRuns"));
    m_compareAction->setIcon(themedIcon(QStringLiteral("compare")));
    m_exportModelAction = make(tr("Export Model…"), QKeySequence(tr("Ctrl+E")),
        tr("Save the selected run's model as a bundle file, to score new data with it"),
        [this] { chooseModelExport(); });
    m_exportModelAction->setObjectName(QStringLiteral("exportModel"));
    m_exportModelAction->setIcon(themedIcon(QStringLiteral("models")));
    m_exportModelAction->setIconText(tr("Export")); // the toolbar is crowded; the menu says what
}

void RunsView::createDetails(QWidget *parent)
{
    m_detailPages = new QStackedWidget(parent);
    auto *none = new QLabel(tr("Select a run to see its metrics, learning curve and spec."), m_detailPages);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_detailPages->addWidget(none);

    auto *page = new QWidget(m_detailPages);
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("runTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(page);
    m_subtitle->setObjectName(QStringLiteral("runSubtitle"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setWordWrap(true);
    m_error = new QLabel(page);
    m_error->setObjectName(QStringLiteral("runError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #d63b3b; border: 1px solid #d63b3b; border-radius: 3px; "
                                          "padding: 4px; }"));
    m_error->hide();

    m_tabs = new QTabWidget(page);
    m_tabs->setDocumentMode(true);
    m_foldTable = new QTableWidget(m_tabs);
    m_foldTable->setObjectName(QStringLiteral("foldMetrics"));
    m_foldTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_foldTable->setAlternatingRowColors(true);
    m_foldTable->horizontalHeader()->setDefaultSectionSize(110);
    m_foldTable->setToolTip(tr("Each metric on every fold, and the mean over folds"));
    m_tabs->addTab(m_foldTable, tr("Metrics"));
    m_curve = new LineChart(m_tabs);
    m_curve->setObjectName(QStringLiteral("learningCurve"));
    m_tabs->addTab(m_curve, tr("Learning Curve"));
    m_spec = new QPlainTextEdit(m_tabs);
    m_spec->setObjectName(QStringLiteral("runSpec"));
    m_spec->setReadOnly(true);
    m_spec->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_spec->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tabs->addTab(m_spec, tr("Spec"));

    auto *notesPage = new QWidget(m_tabs);
    m_notes = new QListWidget(notesPage);
    m_notes->setObjectName(QStringLiteral("runNotes"));
    m_notes->setWordWrap(true);
    m_noteEdit = new QPlainTextEdit(notesPage);
    m_noteEdit->setPlaceholderText(tr("Write a note on this run…"));
    m_noteEdit->setMaximumHeight(70);
    auto *addNoteButton = new QPushButton(tr("Add Note"), notesPage);
    addNoteButton->setToolTip(tr("Save the note with this run (Ctrl+Return)"));
    auto *addNoteShortcut = new QAction(m_noteEdit);
    addNoteShortcut->setShortcut(QKeySequence(tr("Ctrl+Return")));
    addNoteShortcut->setShortcutContext(Qt::WidgetShortcut);
    m_noteEdit->addAction(addNoteShortcut);
    auto saveNote = [this] {
        const QString text = m_noteEdit->toPlainText().trimmed();
        if (!text.isEmpty() && m_shownRunId > 0) {
            addNote(m_shownRunId, text);
            m_noteEdit->clear();
        }
    };
    connect(addNoteButton, &QPushButton::clicked, this, saveNote);
    connect(addNoteShortcut, &QAction::triggered, this, saveNote);
    auto *notesLayout = new QVBoxLayout(notesPage);
    notesLayout->addWidget(m_notes, 1);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_noteEdit, 1);
    addRow->addWidget(addNoteButton, 0, Qt::AlignBottom);
    notesLayout->addLayout(addRow);
    m_tabs->addTab(notesPage, tr("Notes"));

    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(6, 6, 6, 0);
    pageLayout->addWidget(m_title);
    pageLayout->addWidget(m_subtitle);
    pageLayout->addWidget(m_error);
    pageLayout->addWidget(m_tabs, 1);
    m_detailPages->addWidget(page);

    auto *layout = new QVBoxLayout(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_detailPages);
}

void RunsView::setWorkspace(std::shared_ptr<Store::Workspace> workspace)
{
    if (auto reader = std::exchange(m_reader, nullptr))
        m_pool.start([reader] { reader->store.reset(); });
    m_workspace = std::move(workspace);
    ++m_generation;
    m_runsLoadedOnce = false;
    m_shownRunId = 0;
    m_model->setRuns({});
    m_messageBar->hide();
    if (m_workspace) {
        m_reader = std::make_shared<RunsReader>();
        m_reader->workspace = m_workspace;
        startLoad();
    } else {
        m_pollTimer->stop();
    }
    showDetails(std::nullopt);
    updatePage();
}

void RunsView::refresh()
{
    startLoad();
}

void RunsView::scheduleRefresh(int delayMs)
{
    if (m_workspace)
        m_refreshTimer->start(delayMs);
}

void RunsView::startLoad()
{
    if (!m_workspace || !m_reader)
        return;
    if (m_loading) {
        m_loadPending = true;
        return;
    }
    m_loading = true;
    m_loadPending = false;
    const quint64 generation = m_generation;
    const qint64 detailsId = currentRunId();
    auto reader = m_reader;
    QtConcurrent::run(&m_pool, [reader, generation, detailsId] {
        Snapshot snapshot;
        snapshot.generation = generation;
        snapshot.detailsId = detailsId;
        if (!reader->store) {
            auto opened = reader->workspace->openStore();
            if (!opened.ok()) {
                snapshot.error = opened.error().toString();
                return snapshot;
            }
            reader->store = std::move(opened).value();
        }
        auto runs = reader->store->runs();
        if (!runs.ok()) {
            snapshot.error = runs.error().toString();
            return snapshot;
        }
        snapshot.hasRuns = true;
        snapshot.runs = std::move(runs).value();
        if (detailsId > 0) {
            auto details = reader->store->run(detailsId);
            if (details.ok())
                snapshot.details = std::move(details).value();
        }
        // Close the connection after each read: a kept one would hold SQLite's view of
        // the file open between reads.
        reader->store.reset();
        return snapshot;
    }).then(this, [this](const Snapshot &snapshot) {
        // A read that ends before then() is attached runs this at once, inside
        // startLoad(): post it, so that runsLoaded() always comes after refresh() returns.
        QMetaObject::invokeMethod(
            this, [this, snapshot] { loadFinished(snapshot); }, Qt::QueuedConnection);
    });
}

void RunsView::loadFinished(const Snapshot &snapshot)
{
    m_loading = false;
    if (snapshot.generation == m_generation)
        applySnapshot(snapshot);
    if (m_loadPending)
        startLoad();
}

void RunsView::applySnapshot(const Snapshot &snapshot)
{
    if (!snapshot.error.isEmpty()) {
        showError(tr("Cannot read the runs: %1").arg(snapshot.error));
        return;
    }
    const QList<qint64> selected = selectedRunIds();
    const qint64 current = currentRunId();
    m_model->setRuns(snapshot.runs);
    m_runsLoadedOnce = true;
    // A reset loses the selection: put it back by run id.
    if (selectedRunIds() != selected) {
        QItemSelection selection;
        for (qint64 id : selected) {
            const int row = m_model->rowOf(id);
            if (row >= 0) {
                const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
                if (index.isValid())
                    selection.select(index, index);
            }
        }
        m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const int row = m_model->rowOf(current);
        if (row >= 0)
            m_table->selectionModel()->setCurrentIndex(
                m_filter->mapFromSource(m_model->index(row, 0)), QItemSelectionModel::NoUpdate);
    }
    bool active = false;
    for (const Store::RunRecord &run : snapshot.runs)
        active = active || !Store::isFinal(run.status);
    if (active)
        m_pollTimer->start();
    else
        m_pollTimer->stop();
    m_countLabel->setText(m_filter->rowCount() == m_model->rowCount()
            ? tr("%n run(s)", nullptr, m_model->rowCount())
            : tr("%1 of %n run(s) shown", nullptr, m_model->rowCount()).arg(m_filter->rowCount()));
    updatePage();
    updateActions();
    if (snapshot.detailsId == currentRunId())
        showDetails(snapshot.details);
    else
        scheduleRefresh(0);
    Q_EMIT runsLoaded();
    if (snapshot.details)
        Q_EMIT detailsLoaded(snapshot.detailsId);
}

void RunsView::showDetails(const std::optional<Store::RunDetails> &details)
{
    if (!details) {
        m_shownRunId = 0;
        m_detailPages->setCurrentIndex(0);
        return;
    }
    const Store::RunRecord &run = details->run;
    const bool sameRun = m_shownRunId == run.id;
    m_shownRunId = run.id;
    m_detailPages->setCurrentIndex(1);
    m_title->setText(run.name);
    QStringList facts {RunsTableModel::statusText(run.status),
        run.spec.value(QStringLiteral("model")).toObject().value(QStringLiteral("id")).toString()};
    if (!run.experimentName.isEmpty())
        facts << tr("experiment %1").arg(run.experimentName);
    facts << tr("run #%1").arg(run.id);
    if (run.seed)
        facts << tr("seed %1").arg(*run.seed);
    if (run.durationMs)
        facts << RunsTableModel::durationText(*run.durationMs);
    facts << tr("executor: %1").arg(RunsTableModel::executorText(run.executor));
    if (isRunningElsewhere(run))
        facts << tr("run by another process on %1").arg(run.host.isEmpty() ? tr("an unknown host") : run.host);
    if (!run.tags.isEmpty())
        facts << tr("tags: %1").arg(run.tags.join(QStringLiteral(", ")));
    m_subtitle->setText(facts.join(QStringLiteral(" · ")));
    if (!run.error.isEmpty()) {
        m_error->setText(run.status == Store::RunStatus::Failed ? tr("Failed: %1").arg(run.error) : run.error);
        m_error->show();
    } else {
        m_error->clear();
        m_error->hide();
    }

    // Per-fold metrics: one row per fold, then the mean; one column per metric.
    std::set<int> folds;
    std::map<QString, std::map<int, double>> byMetric; // fold -1: over all folds
    std::map<QString, std::map<qint64, std::pair<double, int>>> steps; // metric → step → (sum, count)
    for (const Store::MetricPoint &p : details->metrics) {
        if (p.step) {
            auto &slot = steps[p.name][*p.step];
            if (!std::isnan(p.value)) {
                slot.first += p.value;
                ++slot.second;
            }
            continue;
        }
        if (p.fold)
            folds.insert(*p.fold);
        byMetric[p.name][p.fold.value_or(-1)] = p.value;
    }
    QStringList metricNames;
    for (const auto &entry : byMetric)
        metricNames << entry.first;
    QList<int> rows(folds.begin(), folds.end());
    rows << -1;
    m_foldTable->clear();
    m_foldTable->setColumnCount(int(metricNames.size()));
    m_foldTable->setRowCount(metricNames.isEmpty() ? 0 : int(rows.size()));
    m_foldTable->setHorizontalHeaderLabels(metricNames);
    QStringList rowLabels;
    for (int fold : rows)
        rowLabels << (fold < 0 ? (folds.empty() ? tr("Value") : tr("Mean")) : tr("Fold %1").arg(fold + 1));
    m_foldTable->setVerticalHeaderLabels(rowLabels);
    for (int c = 0; c < metricNames.size(); ++c) {
        const auto &values = byMetric[metricNames[c]];
        for (int r = 0; r < rows.size(); ++r) {
            const auto it = values.find(rows[r]);
            if (it == values.end())
                continue;
            auto *item = new QTableWidgetItem(QLocale().toString(it->second, 'f', 4));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(QLocale().toString(it->second, 'g', 10));
            if (rows[r] < 0) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_foldTable->setItem(r, c, item);
        }
    }

    // Learning curve: each per-step metric, averaged over the folds that reached the step.
    QList<LineChart::Series> series;
    for (const auto &[name, points] : steps) {
        LineChart::Series s {name, {}};
        for (const auto &[step, sum] : points)
            if (sum.second > 0)
                s.points.append(QPointF(double(step), sum.first / sum.second));
        series.append(s);
    }
    // Training loss first, then validation, then the rest, so colours stay put.
    std::stable_sort(series.begin(), series.end(), [](const LineChart::Series &a, const LineChart::Series &b) {
        auto rank = [](const QString &n) {
            return n.startsWith(QLatin1String("train")) ? 0 : n.startsWith(QLatin1String("valid")) ? 1 : 2;
        };
        return rank(a.name) < rank(b.name);
    });
    if (series.isEmpty()) {
        m_curve->showMessage(run.status == Store::RunStatus::Running || run.status == Store::RunStatus::Queued
                ? tr("Waiting for the first training steps…")
                : tr("This model does not report per-step metrics (only iterative models such as "
                     "gradient boosting and neural networks draw a learning curve)."));
    } else {
        const QString title = folds.size() > 1 ? tr("Learning curve (mean over %n fold(s))", nullptr, int(folds.size()))
                                               : tr("Learning curve");
        m_curve->setSeries(title, series, tr("step"), tr("value"));
    }

    const QString spec = QString::fromUtf8(QJsonDocument(run.spec).toJson(QJsonDocument::Indented));
    if (!sameRun || m_spec->toPlainText() != spec)
        m_spec->setPlainText(spec);

    m_notes->clear();
    for (const Store::RunNote &note : details->notes) {
        auto *item = new QListWidgetItem(
            tr("%1 — %2").arg(QLocale().toString(note.createdAt.toLocalTime(), QLocale::ShortFormat), note.text),
            m_notes);
        item->setToolTip(note.text);
    }
    m_tabs->setTabText(m_tabs->indexOf(m_notes->parentWidget()),
        details->notes.isEmpty() ? tr("Notes") : tr("Notes (%1)").arg(details->notes.size()));
}

void RunsView::updatePage()
{
    if (!m_workspace)
        m_pages->setCurrentIndex(NoWorkspacePage);
    else if (m_runsLoadedOnce && m_model->rowCount() == 0)
        m_pages->setCurrentIndex(EmptyPage);
    else
        m_pages->setCurrentIndex(TablePage);
}

void RunsView::updateActions()
{
    const QList<qint64> ids = selectedRunIds();
    const bool writable = m_workspace && !m_workspace->isReadOnly();
    const Store::RunRecord *current = m_model->runById(currentRunId());
    m_rerunAction->setEnabled(writable && !ids.isEmpty());
    m_duplicateAction->setEnabled(current != nullptr);
    m_deleteAction->setEnabled(writable && !ids.isEmpty());
    m_renameAction->setEnabled(writable && current);
    m_tagsAction->setEnabled(writable && current);
    m_noteAction->setEnabled(writable && current);
    m_markInterruptedAction->setEnabled(writable && current && isRunningElsewhere(*current));
    m_newRunAction->setEnabled(writable);
    m_compareAction->setEnabled(ids.size() >= 2);
    m_exportModelAction->setEnabled(m_workspace && current && ids.size() == 1);
    if (m_model->rowCount() > 0)
        m_countLabel->setText(m_filter->rowCount() == m_model->rowCount()
                ? tr("%n run(s)", nullptr, m_model->rowCount())
                : tr("%1 of %n run(s) shown", nullptr, m_model->rowCount()).arg(m_filter->rowCount()));
}

QList<qint64> RunsView::selectedRunIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids << index.data(RunsTableModel::RunIdRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

qint64 RunsView::currentRunId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
        return selectedRunIds().value(0, 0);
    return current.data(RunsTableModel::RunIdRole).toLongLong();
}

void RunsView::selectRun(qint64 runId)
{
    const int row = m_model->rowOf(runId);
    if (row < 0)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

bool RunsView::showsNoWorkspace() const
{
    return m_pages->currentIndex() == NoWorkspacePage;
}

bool RunsView::showsEmptyState() const
{
    return m_pages->currentIndex() == EmptyPage;
}

QString RunsView::specText() const
{
    return m_spec->toPlainText();
}

QString RunsView::errorText() const
{
    return m_detailPages->currentIndex() == 1 && !m_error->isHidden() ? m_error->text() : QString();
}

QStringList RunsView::notes() const
{
    QStringList texts;
    for (int i = 0; i < m_notes->count(); ++i)
        texts << m_notes->item(i)->toolTip();
    return texts;
}

bool RunsView::storeAvailable(bool forWriting)
{
    if (!m_workspace)
        return false;
    if (forWriting && m_workspace->isReadOnly()) {
        showError(tr("This workspace is open read-only: runs cannot be changed."));
        return false;
    }
    return true;
}

void RunsView::showError(const QString &text)
{
    m_messageBar->showMessage(MessageBar::Kind::Error, text);
    m_messageBar->show();
}

void RunsView::deleteRuns(const QList<qint64> &runIds)
{
    if (!storeAvailable(true))
        return;
    for (qint64 id : runIds) {
        if (const Base::Status deleted = m_workspace->store().deleteRun(id); !deleted.ok()) {
            showError(tr("Cannot delete run %1: %2").arg(id).arg(deleted.error().toString()));
            break;
        }
    }
    refresh();
}

void RunsView::confirmDelete()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.isEmpty())
        return;
    const Store::RunRecord *first = m_model->runById(ids.first());
    const QString question = ids.size() == 1 && first
        ? tr("Delete the run “%1” with its metrics, notes and artefacts? This cannot be undone.").arg(first->name)
        : tr("Delete %n run(s) with their metrics, notes and artefacts? This cannot be undone.", nullptr,
            int(ids.size()));
    QMessageBox box(QMessageBox::Warning, tr("Delete Runs"), question, QMessageBox::Cancel, this);
    QPushButton *deleteButton = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == deleteButton)
        deleteRuns(ids);
}

bool RunsView::isRunningElsewhere(const Store::RunRecord &run) const
{
    return m_workspace && run.status == Store::RunStatus::Running && run.session != m_workspace->sessionId();
}

void RunsView::markInterrupted(qint64 runId)
{
    if (!storeAvailable(true))
        return;
    if (const Base::Status marked = m_workspace->store().markInterrupted(runId); !marked.ok())
        showError(tr("Cannot mark the run interrupted: %1").arg(marked.error().toString()));
    refresh();
}

void RunsView::confirmMarkInterrupted()
{
    const Store::RunRecord *run = m_model->runById(currentRunId());
    if (!run || !isRunningElsewhere(*run))
        return;
    // The table may be reloaded while the box is open: keep what is needed, not the pointer.
    const qint64 runId = run->id;
    const QString host = run->host.isEmpty() ? tr("an unknown host") : run->host;
    QMessageBox box(QMessageBox::Warning, tr("Mark as Interrupted"),
        tr("Mark the run “%1” on %2 as interrupted?").arg(run->name, host), QMessageBox::Cancel, this);
    box.setInformativeText(
        tr("Another process, on %1, is recorded as running it. Do this only when that process has ended, for "
           "example when its machine was switched off or lost the workspace: a run that is still training "
           "could not record its results afterwards.")
            .arg(host));
    QPushButton *markButton = box.addButton(tr("Mark as Interrupted"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == markButton)
        markInterrupted(runId);
}

void RunsView::renameRun(qint64 runId, const QString &name)
{
    if (!storeAvailable(true))
        return;
    if (const Base::Status renamed = m_workspace->store().renameRun(runId, name.trimmed()); !renamed.ok())
        showError(tr("Cannot rename the run: %1").arg(renamed.error().toString()));
    refresh();
}

void RunsView::setTags(qint64 runId, const QStringList &tags)
{
    if (!storeAvailable(true))
        return;
    const Store::RunRecord *run = m_model->runById(runId);
    const QStringList old = run ? run->tags : QStringList();
    QStringList wanted;
    for (const QString &tag : tags)
        if (!tag.trimmed().isEmpty() && !wanted.contains(tag.trimmed()))
            wanted << tag.trimmed();
    Store::ExperimentStore &store = m_workspace->store();
    for (const QString &tag : old)
        if (!wanted.contains(tag))
            if (const Base::Status s = store.removeTag(runId, tag); !s.ok())
                showError(tr("Cannot remove the tag %1: %2").arg(tag, s.error().toString()));
    for (const QString &tag : wanted)
        if (!old.contains(tag))
            if (const Base::Status s = store.addTag(runId, tag); !s.ok())
                showError(tr("Cannot add the tag %1: %2").arg(tag, s.error().toString()));
    refresh();
}

void RunsView::editTags()
{
    const Store::RunRecord *run = m_model->runById(currentRunId());
    if (!run)
        return;
    bool ok = false;
    const QString text
        = QInputDialog::getText(this, tr("Tags"), tr("Tags of “%1”, separated by commas:").arg(run->name),
            QLineEdit::Normal, run->tags.join(QStringLiteral(", ")), &ok);
    if (ok)
        setTags(run->id, text.split(QLatin1Char(','), Qt::SkipEmptyParts));
}

void RunsView::addNote(qint64 runId, const QString &text)
{
    if (!storeAvailable(true))
        return;
    if (const auto added = m_workspace->store().addNote(runId, text); !added.ok())
        showError(tr("Cannot save the note: %1").arg(added.error().toString()));
    refresh();
}

void RunsView::duplicateAndEdit()
{
    if (const Store::RunRecord *run = m_model->runById(currentRunId()))
        Q_EMIT editSpecRequested(run->spec);
}

void RunsView::chooseModelExport()
{
    const Store::RunRecord *current = m_model->runById(currentRunId());
    if (!current || !m_workspace)
        return;
    // The table may be reloaded while the dialog is open: keep a copy, not the pointer.
    const Store::RunRecord run = *current;
    if (run.status != Store::RunStatus::Done) {
        const QString why = run.error.isEmpty() ? QString() : tr(": %1").arg(run.error);
        showError(tr("Cannot export “%1”: it has not finished successfully (status %2%3). Only a run that is done "
                     "has a model to export.")
                      .arg(run.name, RunsTableModel::statusText(run.status), why));
        return;
    }
    ExportModelDialog dialog(run, ExportModelDialog::defaultBundlePath(m_workspace->path(), run), this);
    if (dialog.exec() == QDialog::Accepted)
        exportModel(run.id, dialog.path(), dialog.scope());
}

void RunsView::exportModel(qint64 runId, const QString &path, Bundle::FitScope scope)
{
    if (!m_workspace || !m_jobs)
        return;
    const Store::RunRecord *run = m_model->runById(runId);
    const QString name = run && !run->name.isEmpty() ? run->name : tr("run #%1").arg(runId);
    ModelExportRequest request;
    request.workspace = m_workspace;
    request.runId = runId;
    request.runName = run ? run->name : QString();
    request.path = path;
    request.scope = scope;
    QPointer<RunsView> self(this);
    startModelExport(*m_jobs, request, [self, runId, path, name](const Runs::JobInfo &info) {
        if (!self)
            return;
        if (info.state == Runs::JobState::Failed) {
            self->showError(tr("Cannot export the model of “%1”: %2").arg(name, info.message));
            return;
        }
        if (info.state != Runs::JobState::Done)
            return;
        auto *show = new QAction(tr("Show in Models"), self->m_messageBar);
        connect(show, &QAction::triggered, self, [self, path] { Q_EMIT self->showBundleRequested(path); });
        self->m_messageBar->showMessage(MessageBar::Kind::Information,
            tr("Exported the model of “%1” to %2.").arg(name, QDir::toNativeSeparators(path)), {show});
        self->m_messageBar->show();
        Q_EMIT self->modelExported(runId, path);
    });
}

void RunsView::rerun(const QList<qint64> &runIds)
{
    if (!storeAvailable(true) || !m_jobs)
        return;
    for (qint64 id : runIds) {
        const Store::RunRecord *run = m_model->runById(id);
        if (!run)
            continue;
        auto spec = Runs::RunSpec::fromJson(run->spec);
        if (!spec.ok()) {
            showError(tr("Cannot re-run “%1”: %2").arg(run->name, spec.error().toString()));
            continue;
        }
        // Reading the data can take a while: a job first, then the run's own job.
        auto loaded = std::make_shared<std::shared_ptr<const Data::Dataset>>();
        const Runs::RunSpec runSpec = spec.value();
        const QString name = run->name;
        QPointer<RunsView> self(this);
        std::weak_ptr<Store::Workspace> weakWorkspace = m_workspace;
        m_jobs->submit(
            tr("Reading data to re-run %1").arg(name),
            [runSpec, loaded](const Base::Progress &progress) -> Base::Status {
                auto data = runSpec.loadDataset(progress);
                if (!data.ok())
                    return data.error();
                *loaded = data.value().dataset;
                return {};
            },
            [self, weakWorkspace, runSpec, loaded, name](const Runs::JobInfo &info) {
                auto workspace = weakWorkspace.lock();
                if (!self || !workspace || workspace != self->m_workspace)
                    return;
                if (info.state == Runs::JobState::Failed)
                    self->showError(tr("Cannot re-run “%1”: %2").arg(name, info.message));
                if (info.state != Runs::JobState::Done || !*loaded)
                    return;
                auto launch = Runs::launchRuns(workspace, *self->m_jobs, runSpec, *loaded,
                    [self](const Runs::LaunchedRun &, Store::RunStatus, const QString &) {
                        if (self)
                            self->scheduleRefresh();
                    });
                if (!launch.ok())
                    self->showError(tr("Cannot re-run “%1”: %2").arg(name, launch.error().toString()));
                self->scheduleRefresh(0);
            });
    }
}

bool RunsView::isColumnShown(const QString &key) const
{
    if (m_hiddenColumns.contains(key))
        return false;
    return !RunsTableModel::isOptionalKey(key) || m_shownColumns.contains(key) || m_model->hasRunsElsewhere();
}

void RunsView::setColumnShown(const QString &key, bool shown)
{
    if (key == QLatin1String("name") || shown == isColumnShown(key))
        return;
    m_hiddenColumns.removeAll(key);
    m_shownColumns.removeAll(key);
    if (!shown)
        m_hiddenColumns << key;
    else if (RunsTableModel::isOptionalKey(key))
        m_shownColumns << key;
    QSettings().setValue(hiddenColumnsKey, m_hiddenColumns);
    QSettings().setValue(shownColumnsKey, m_shownColumns);
    applyColumnChoice();
}

void RunsView::applyColumnChoice()
{
    const QStringList keys = m_model->columnKeys();
    QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < keys.size(); ++c) {
        m_table->setColumnHidden(c, !isColumnShown(keys[c]));
        // Metric and parameter names are the headers: wide enough to read them
        // (measured on the header only, never on the cells).
        if (RunsTableModel::isMetricKey(keys[c]) || RunsTableModel::isParamKey(keys[c]))
            m_table->setColumnWidth(c, std::max(header->defaultSectionSize(), header->sectionSizeHint(c)));
    }
    const int nameColumn = m_model->columnOf(QStringLiteral("name"));
    if (nameColumn >= 0)
        m_table->setColumnWidth(nameColumn, 200);
    const int tagsColumn = m_model->columnOf(QStringLiteral("tags"));
    if (tagsColumn >= 0)
        m_table->setColumnWidth(tagsColumn, 140);
    const int startedColumn = m_model->columnOf(QStringLiteral("started"));
    if (startedColumn >= 0)
        m_table->setColumnWidth(startedColumn, 130);
    const int experimentColumn = m_model->columnOf(QStringLiteral("experiment"));
    if (experimentColumn >= 0)
        m_table->setColumnWidth(experimentColumn, 130);
}

void RunsView::showHeaderMenu(const QPoint &pos)
{
    QMenu menu(this);
    QMenu *params = nullptr;
    QMenu *metrics = nullptr;
    const QStringList keys = m_model->columnKeys();
    for (int c = 0; c < keys.size(); ++c) {
        const QString &key = keys[c];
        if (key == QLatin1String("name"))
            continue;
        QMenu *into = &menu;
        if (RunsTableModel::isParamKey(key))
            into = params ? params : (params = menu.addMenu(tr("Parameters")));
        else if (RunsTableModel::isMetricKey(key))
            into = metrics ? metrics : (metrics = menu.addMenu(tr("Metrics")));
        QAction *action = into->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(isColumnShown(key));
        connect(action, &QAction::toggled, this, [this, key](bool on) { setColumnShown(key, on); });
    }
    menu.addSeparator();
    menu.addAction(tr("Show All Columns"), this, [this] {
        m_hiddenColumns.clear();
        m_shownColumns.clear();
        for (const QString &key : m_model->columnKeys()) {
            if (RunsTableModel::isOptionalKey(key))
                m_shownColumns << key;
        }
        QSettings().setValue(hiddenColumnsKey, m_hiddenColumns);
        QSettings().setValue(shownColumnsKey, m_shownColumns);
        applyColumnChoice();
    });
    menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
}

void RunsView::showContextMenu(const QPoint &pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_compareAction);
    menu.addAction(m_exportModelAction);
    menu.addSeparator();
    for (QAction *a : {m_rerunAction, m_duplicateAction})
        menu.addAction(a);
    menu.addSeparator();
    for (QAction *a : {m_renameAction, m_tagsAction, m_noteAction})
        menu.addAction(a);
    menu.addSeparator();
    if (m_markInterruptedAction->isEnabled())
        menu.addAction(m_markInterruptedAction);
    menu.addAction(m_deleteAction);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace Tandem::Ui
