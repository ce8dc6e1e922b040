// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/TableSorter.h"

#include "core/data/RowOrder.h"
#include "ui/data/DatasetTableModel.h"

#include <QHeaderView>
#include <QPointer>

#include <optional>

namespace Tandem::Ui {

TableSorter::TableSorter(Runs::JobQueue *jobs, DatasetTableModel *model, QHeaderView *header, QObject *parent)
    : QObject(parent), m_jobs(jobs), m_model(model), m_header(header)
{
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(false);
    connect(header, &QHeaderView::sectionClicked, this, [this](int column) {
        // First click sorts ascending, the next ones flip the direction.
        const bool flip = m_header->isSortIndicatorShown() && m_header->sortIndicatorSection() == column
            && m_header->sortIndicatorOrder() == Qt::AscendingOrder;
        sortBy(column, flip ? Qt::DescendingOrder : Qt::AscendingOrder);
    });
    // A new dataset starts in file order.
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_job != 0)
            m_jobs->cancel(m_job);
        m_job = 0;
        m_header->setSortIndicatorShown(false);
    });
}

void TableSorter::sortBy(int column, Qt::SortOrder order)
{
    const auto dataset = m_model->dataset();
    if (!dataset || column < 0 || column >= dataset->columnCount())
        return;
    if (m_job != 0)
        m_jobs->cancel(m_job);
    m_header->setSortIndicatorShown(true);
    m_header->setSortIndicator(column, order);
    const auto direction
        = order == Qt::AscendingOrder ? Data::SortDirection::Ascending : Data::SortDirection::Descending;
    auto result = std::make_shared<std::optional<Base::Result<std::vector<qint64>>>>();
    m_job = m_jobs->submit(
        tr("Sort by %1").arg(dataset->column(column).name()),
        [dataset, column, direction, result](const Base::Progress &progress) -> Base::Status {
            *result = Data::sortedRowOrder(dataset->column(column), direction, progress);
            if (!result->value().ok())
                return result->value().error();
            return {};
        },
        [self = QPointer<TableSorter>(this), dataset, column, order, result](const Runs::JobInfo &job) {
            if (!self || self->m_job != job.id)
                return;
            self->m_job = 0;
            if (job.state != Runs::JobState::Done || self->m_model->dataset() != dataset) {
                self->m_header->setSortIndicatorShown(false);
                return;
            }
            self->m_model->setRowOrder(std::move(result->value().value()));
            Q_EMIT self->sorted(column, order);
        });
}

void TableSorter::showFileOrder()
{
    if (m_job != 0)
        m_jobs->cancel(m_job);
    m_job = 0;
    m_header->setSortIndicatorShown(false);
    m_model->setRowOrder({});
    Q_EMIT sorted(-1, Qt::AscendingOrder);
}

} // namespace Tandem::Ui
