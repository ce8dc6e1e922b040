// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/JobsDock.h"

#include "ui/jobs/CancelButtonDelegate.h"
#include "ui/jobs/JobListModel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Tandem::Ui {
namespace {

/// Draws the progress column as a bar with the percentage.
class ProgressBarDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.data().typeId() == QMetaType::QString) {
            QStyledItemDelegate::paint(painter, option, index); // no progress known (a cluster task)
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = int(index.data().toDouble() * 1000.0);
        bar.text = QStringLiteral("%1%").arg(index.data().toDouble() * 100.0, 0, 'f', 0);
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};

} // namespace

JobsDock::JobsDock(Runs::JobQueue *queue, QWidget *parent)
    : QDockWidget(tr("Jobs"), parent)
    , m_model(new JobListModel(queue, this))
    , m_pages(new QStackedWidget(this))
    , m_view(new QTableView(this))
    , m_cancel(new QToolButton(this))
    , m_overall(new QProgressBar(this))
    , m_overallLabel(new QLabel(this))
    , m_cancelAll(new QToolButton(this))
    , m_overallTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("jobsDock"));
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea | Qt::LeftDockWidgetArea);

    auto *empty = new QLabel(tr("No jobs yet. Loading data, training, scoring and drift checks run here, in the "
                                "background, so the window stays free while they work."),
        this);
    empty->setWordWrap(true);
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);

    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(JobListModel::ProgressColumn, new ProgressBarDelegate(m_view));
    auto *cancelButtons = new CancelButtonDelegate(m_view);
    m_view->setItemDelegateForColumn(JobListModel::CancelColumn, cancelButtons);
    connect(cancelButtons, &CancelButtonDelegate::clicked, this,
        [this](const QModelIndex &index) { m_model->cancelAt(index.row()); });
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setSectionResizeMode(JobListModel::DetailColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(JobListModel::TitleColumn, 260);
    m_view->setColumnWidth(JobListModel::StateColumn, 110);
    m_view->setColumnWidth(JobListModel::WhereColumn, 150);
    // Where a job runs says something only once some can run elsewhere (addExecutor).
    m_view->setColumnHidden(JobListModel::WhereColumn, true);
    m_view->setColumnWidth(JobListModel::ProgressColumn, 140);
    m_view->setColumnWidth(JobListModel::EtaColumn, 140);
    m_view->setColumnWidth(JobListModel::CancelColumn, m_view->fontMetrics().horizontalAdvance(tr("Cancel")) + 28);
    m_view->setShowGrid(false);

    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel the selected jobs"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QToolButton::clicked, this, &JobsDock::cancelSelected);
    auto *clear = new QToolButton(this);
    clear->setText(tr("Clear finished"));
    clear->setToolTip(tr("Remove done, failed and cancelled jobs from the list"));
    connect(clear, &QToolButton::clicked, m_model, &JobListModel::clearFinished);

    m_overall->setRange(0, 1000);
    m_overall->setTextVisible(true);
    m_overall->setToolTip(tr("Progress of the jobs started since the queue was last idle"));
    m_cancelAll->setText(tr("Cancel all"));
    m_cancelAll->setToolTip(tr("Cancel every queued and running job"));
    connect(m_cancelAll, &QToolButton::clicked, m_model, &JobListModel::cancelAll);

    auto *list = new QWidget(this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_overallLabel);
    buttons->addWidget(m_overall, 1);
    buttons->addWidget(m_cancelAll);
    buttons->addWidget(m_cancel);
    buttons->addWidget(clear);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(buttons);
    listLayout->addWidget(m_view);

    m_pages->addWidget(empty);
    m_pages->addWidget(list);
    setWidget(m_pages);

    auto updateCancel = [this] {
        bool anyActive = false;
        for (const QModelIndex &row : m_view->selectionModel()->selectedRows()) {
            const auto state = m_model->infoAt(row.row()).state;
            anyActive |= state == Runs::JobState::Queued || state == Runs::JobState::Running;
        }
        m_cancel->setEnabled(anyActive);
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateCancel);
    connect(m_model, &QAbstractItemModel::dataChanged, this, updateCancel);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &JobsDock::updatePage);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &JobsDock::updatePage);
    // A sweep's jobs report thousands of times a second; the overall bar (a pass over
    // the batch) is redrawn at most ten times a second.
    m_overallTimer->setSingleShot(true);
    m_overallTimer->setInterval(100);
    connect(m_overallTimer, &QTimer::timeout, this, &JobsDock::updateOverall);
    connect(m_model, &JobListModel::overallChanged, this, [this] {
        if (!m_overallTimer->isActive())
            m_overallTimer->start();
    });
    updatePage();
    updateOverall();
}

void JobsDock::addExecutor(Runs::Executor *executor)
{
    m_model->addExecutor(executor);
    m_view->setColumnHidden(JobListModel::WhereColumn, false);
}

bool JobsDock::showsEmptyState() const
{
    return m_pages->currentIndex() == 0;
}

void JobsDock::updatePage()
{
    m_pages->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
}

void JobsDock::updateOverall()
{
    const int total = m_model->batchSize();
    const int finished = m_model->batchFinished();
    m_overall->setValue(int(m_model->overallFraction() * 1000.0));
    m_overall->setFormat(QStringLiteral("%1%").arg(m_model->overallFraction() * 100.0, 0, 'f', 0));
    m_overallLabel->setText(tr("%1 of %n jobs finished", nullptr, total).arg(finished));
    m_cancelAll->setEnabled(m_model->activeCount() > 0);
}

void JobsDock::cancelSelected()
{
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows())
        m_model->cancelAt(row.row());
}

} // namespace Tandem::Ui
