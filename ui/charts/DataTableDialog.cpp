// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/DataTableDialog.h"

#include "ui/charts/PlotTableModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Tandem::Ui {

DataTableDialog::DataTableDialog(PlotTable table, const QString &title, QWidget *parent)
    : QDialog(parent), m_model(new PlotTableModel(std::move(table), this)), m_view(new QTableView(this))
{
    setWindowTitle(title.isEmpty() ? tr("Chart data") : tr("%1 — data").arg(title));
    setAttribute(Qt::WA_DeleteOnClose);
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    // Fixed row heights: a million rows never get measured.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(
            c, std::max(90, m_view->fontMetrics().horizontalAdvance(m_model->table().columnName(c)) + 24));

    auto *copy = new QAction(tr("Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &DataTableDialog::copySelection);
    m_view->addAction(copy);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *summary = new QLabel(tr("%n row(s). Select cells and press %1 to copy them as tab-separated text.", nullptr,
                                   int(m_model->rowCount()))
                                   .arg(QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText)),
        this);
    summary->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copyAll = buttons->addButton(tr("Copy All"), QDialogButtonBox::ActionRole);
    connect(copyAll, &QPushButton::clicked, this, [this]() {
        m_view->selectAll();
        copySelection();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(560, 480);
}

QString DataTableDialog::selectionAsTsv() const
{
    const QItemSelection selection = m_view->selectionModel()->selection();
    if (selection.isEmpty())
        return {};
    int top = INT_MAX, bottom = -1, left = INT_MAX, right = -1;
    for (const QItemSelectionRange &range : selection) {
        top = std::min(top, range.top());
        bottom = std::max(bottom, range.bottom());
        left = std::min(left, range.left());
        right = std::max(right, range.right());
    }
    const PlotTable &table = m_model->table();
    const bool wholeColumns = top == 0 && bottom == m_model->rowCount() - 1;
    if (selection.size() == 1)
        return table.tsv(top, bottom, left, right, wholeColumns);
    // Several ranges: their bounding rectangle, cells outside the selection empty.
    QString text;
    if (wholeColumns)
        text = table.tsv(0, -1, left, right, true);
    for (int r = top; r <= bottom; ++r) {
        for (int c = left; c <= right; ++c) {
            if (c > left)
                text += QLatin1Char('\t');
            if (selection.contains(m_model->index(r, c)))
                text += table.tsv(r, r, c, c, false).chopped(1);
        }
        text += QLatin1Char('\n');
    }
    return text;
}

void DataTableDialog::copySelection()
{
    const QString text = selectionAsTsv();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace Tandem::Ui
