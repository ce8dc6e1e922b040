// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/CompareView.h"

#include "core/compare/Comparison.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/charts/RunColors.h"
#include "ui/compare/ComparePage.h"
#include "ui/compare/ConfusionPage.h"
#include "ui/compare/CurvesPage.h"
#include "ui/compare/ImportancePage.h"
#include "ui/compare/MetricsPage.h"
#include "ui/compare/RunChip.h"
#include "ui/compare/SweepPage.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MessageBar.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Tandem::Ui {
namespace {

enum Page { EmptyPage, ComparisonPage };

/// What a read gives back to the GUI thread.
struct LoadResult {
    std::shared_ptr<const Compare::Comparison> comparison;
    QString error;
};

} // namespace

CompareView::CompareView(QWidget *parent) : CompareView({}, parent) { }

CompareView::CompareView(const QList<QAction *> &emptyStateActions, QWidget *parent)
    : QWidget(parent), m_messageBar(new MessageBar(this)), m_stack(new QStackedWidget(this))
{
    // One worker: reads never pile up, and a newer one waits for the older to end.
    m_pool.setMaxThreadCount(1);
    setAcceptDrops(true);

    m_empty = new EmptyState(QStringLiteral("compare"), tr("Nothing to compare yet"),
        tr("Compare puts runs side by side: metrics with confidence intervals, per-fold spread, "
           "learning, ROC and precision-recall curves, confusion matrices, and a significance test "
           "that says whether a difference is real.\n\n"
           "Select two or more runs in the Runs view and choose Compare, or drop runs here."),
        emptyStateActions, this);
    m_empty->setObjectName(QStringLiteral("compareEmptyState"));

    auto *content = new QSplitter(Qt::Horizontal, this);
    auto *side = new QWidget(content);
    auto *sideTitle = new QLabel(tr("Compared runs"), side);
    QFont titleFont = sideTitle->font();
    titleFont.setBold(true);
    sideTitle->setFont(titleFont);
    m_runList = new QListWidget(side);
    m_runList->setObjectName(QStringLiteral("comparedRuns"));
    m_runList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runList->setWordWrap(true); // a sweep's run names are parameter lists
    m_runList->setToolTip(tr("The runs compared, each in its colour in every chart. Drop runs from the Runs "
                             "view here to add them; Delete removes the selected ones."));
    m_runList->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *removeAction = new QAction(tr("Remove from Comparison"), m_runList);
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    connect(removeAction, &QAction::triggered, this, &CompareView::removeSelectedRuns);
    m_runList->addAction(removeAction);
    m_removeButton = new QToolButton(side);
    m_removeButton->setObjectName(QStringLiteral("removeComparedRun"));
    m_removeButton->setText(tr("Remove"));
    m_removeButton->setToolTip(tr("Take the selected runs out of the comparison (Delete)"));
    m_removeButton->setEnabled(false);
    connect(m_removeButton, &QToolButton::clicked, this, &CompareView::removeSelectedRuns);
    connect(m_runList, &QListWidget::itemSelectionChanged, this,
        [this] { m_removeButton->setEnabled(!m_runList->selectedItems().isEmpty()); });
    m_status = new QLabel(side);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    m_status->setEnabled(false);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(sideTitle);
    sideLayout->addWidget(m_runList, 1);
    sideLayout->addWidget(m_status);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    sideLayout->addLayout(buttons);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("compareTabs"));
    m_tabs->setDocumentMode(true);
    content->addWidget(side);
    content->addWidget(m_tabs);
    content->setStretchFactor(0, 0);
    content->setStretchFactor(1, 1);
    content->setSizes({180, 1000});
    content->setChildrenCollapsible(false);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    m_messageBar->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_stack, 1);

    // The pages, in tab order. Each is one line here.
    addPage(new MetricsPage(this));
    addPage(new CurvesPage(this));
    addPage(new ConfusionPage(this));
    addPage(new SweepPage(this));
    addPage(new ImportancePage(this));

    updatePage();
}

CompareView::~CompareView()
{
    ++m_generation;
    m_pool.waitForDone();
}

void CompareView::addPage(ComparePage *page)
{
    m_pages << page;
    m_tabs->addTab(page, page->title());
    if (m_comparison)
        page->setComparison(m_workspace, m_runIds, m_comparison);
}

void CompareView::setWorkspace(std::shared_ptr<Store::Workspace> workspace)
{
    m_workspace = std::move(workspace);
    ++m_generation;
    m_loading = false;
    m_runIds.clear();
    m_comparison.reset();
    m_messageBar->hide();
    updateRunList();
    updatePage();
}

void CompareView::compareRuns(const QList<qint64> &runIds)
{
    QList<qint64> unique;
    for (qint64 id : runIds) {
        if (!unique.contains(id))
            unique << id;
    }
    m_runIds = unique;
    m_messageBar->hide();
    startLoad();
}

void CompareView::addRuns(const QList<qint64> &runIds)
{
    QList<qint64> ids = m_runIds;
    for (qint64 id : runIds) {
        if (!ids.contains(id))
            ids << id;
    }
    if (ids != m_runIds)
        compareRuns(ids);
}

void CompareView::removeRun(qint64 runId)
{
    if (!m_runIds.removeOne(runId))
        return;
    ++m_generation;
    if (m_comparison && m_comparison->indexOf(runId) >= 0 && m_runIds.size() >= 2 && !m_loading) {
        // The other runs are already read: narrow the comparison, no store read.
        QList<Compare::ComparedRun> kept;
        for (const Compare::ComparedRun &run : m_comparison->runs()) {
            if (run.id() != runId)
                kept << run;
        }
        showComparison(std::make_shared<const Compare::Comparison>(Compare::Comparison::fromRuns(std::move(kept))));
        return;
    }
    startLoad();
}

void CompareView::removeSelectedRuns()
{
    QList<qint64> ids;
    for (QListWidgetItem *item : m_runList->selectedItems())
        ids << item->data(Qt::UserRole).toLongLong();
    for (qint64 id : ids)
        removeRun(id);
}

bool CompareView::showPage(const QString &title)
{
    const QString wanted = QString(title).remove(QLatin1Char('&'));
    for (ComparePage *page : std::as_const(m_pages)) {
        if (page->title().remove(QLatin1Char('&')).compare(wanted, Qt::CaseInsensitive) == 0) {
            m_tabs->setCurrentWidget(page);
            return true;
        }
    }
    return false;
}

bool CompareView::isLoading() const
{
    if (m_loading)
        return true;
    return std::any_of(m_pages.cbegin(), m_pages.cend(), [](const ComparePage *page) { return page->isLoading(); });
}

bool CompareView::showsEmptyState() const
{
    return m_stack->currentIndex() == EmptyPage;
}

void CompareView::startLoad()
{
    const quint64 generation = ++m_generation;
    if (m_runIds.size() < 2 || !m_workspace) {
        m_loading = false;
        m_comparison.reset();
        updateRunList();
        updatePage();
        return;
    }
    m_loading = true;
    updateRunList();
    updatePage();
    const std::shared_ptr<Store::Workspace> workspace = m_workspace;
    const QList<qint64> ids = m_runIds;
    QtConcurrent::run(&m_pool, [workspace, ids] {
        LoadResult result;
        auto store = workspace->openStore();
        if (!store.ok()) {
            result.error = store.error().toString();
            return result;
        }
        auto loaded = Compare::Comparison::load(*store.value(), ids);
        if (!loaded.ok()) {
            result.error = loaded.error().toString();
            return result;
        }
        result.comparison = std::make_shared<const Compare::Comparison>(std::move(loaded).value());
        return result;
    }).then(this, [this, generation](const LoadResult &result) {
        // Posted, so that comparisonLoaded() always comes after compareRuns() returns.
        QMetaObject::invokeMethod(
            this, [this, generation, result] { applyComparison(generation, result.comparison, result.error); },
            Qt::QueuedConnection);
    });
}

void CompareView::applyComparison(
    quint64 generation, std::shared_ptr<const Compare::Comparison> comparison, const QString &error)
{
    if (generation != m_generation)
        return; // the runs changed meanwhile; a newer read is under way
    m_loading = false;
    if (!error.isEmpty()) {
        m_comparison.reset();
        m_messageBar->showMessage(MessageBar::Kind::Error, tr("Cannot compare the runs: %1").arg(error));
        updateRunList();
        updatePage();
        Q_EMIT comparisonFailed(error);
        return;
    }
    showComparison(std::move(comparison));
}

void CompareView::showComparison(std::shared_ptr<const Compare::Comparison> comparison)
{
    m_comparison = std::move(comparison);
    m_loading = false;
    updateRunList();
    updatePage();
    for (ComparePage *page : std::as_const(m_pages))
        page->setComparison(m_workspace, m_runIds, m_comparison);
    Q_EMIT comparisonLoaded();
}

void CompareView::updateRunList()
{
    m_runList->clear();
    for (qint64 id : std::as_const(m_runIds)) {
        auto *item = new QListWidgetItem(m_runList);
        item->setData(Qt::UserRole, id);
        item->setIcon(runChipIcon(id, RunColors::isDark(palette())));
        const int index = m_comparison ? m_comparison->indexOf(id) : -1;
        if (index >= 0) {
            const Compare::ComparedRun &run = m_comparison->runs().at(index);
            item->setText(runLabel(run));
            item->setToolTip(runToolTip(run));
        } else {
            item->setText(tr("#%1").arg(id));
        }
    }
    if (m_loading)
        m_status->setText(tr("Reading %n run(s)…", nullptr, int(m_runIds.size())));
    else if (m_comparison)
        m_status->setText(tr("%n run(s) compared", nullptr, int(m_comparison->runs().size())));
    else
        m_status->clear();
}

void CompareView::updatePage()
{
    // The pages stay in view while a new set of runs is read (no flicker); before
    // any comparison, and with fewer than two runs, the empty state says what to do.
    const bool enough = m_runIds.size() >= 2 && m_workspace;
    m_stack->setCurrentIndex(enough && (m_comparison || m_loading) ? ComparisonPage : EmptyPage);
}

void CompareView::dragEnterEvent(QDragEnterEvent *event)
{
    if (!RunsTableModel::runIdsFromMimeData(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void CompareView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!RunsTableModel::runIdsFromMimeData(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void CompareView::dropEvent(QDropEvent *event)
{
    const QList<qint64> ids = RunsTableModel::runIdsFromMimeData(event->mimeData());
    if (ids.isEmpty())
        return;
    event->acceptProposedAction();
    addRuns(ids);
}

void CompareView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateRunList(); // chips follow light and dark
}

} // namespace Tandem::Ui
