// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/TableCopy.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QTableView>

#include <algorithm>
#include <set>

namespace Tandem::Ui {
namespace {

QString cellText(QVariant value)
{
    QString text = value.toString();
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

} // namespace

QString selectedCellsAsTsv(const QTableView *view)
{
    const QAbstractItemModel *model = view->model();
    if (!model)
        return {};
    // Visual order: sorted rows come from the (proxy) model, moved columns from the header.
    std::set<int> rows;
    std::set<std::pair<int, int>> columns; // (visual, logical)
    for (const QModelIndex &index : view->selectionModel()->selectedIndexes()) {
        if (view->isColumnHidden(index.column()))
            continue;
        rows.insert(index.row());
        columns.insert({view->horizontalHeader()->visualIndex(index.column()), index.column()});
    }
    if (rows.empty())
        return {};
    const bool rowHeaders = view->verticalHeader()->isVisible();
    QStringList lines;
    QStringList header;
    if (rowHeaders)
        header << QString();
    for (const auto &[visual, column] : columns)
        header << cellText(model->headerData(column, Qt::Horizontal));
    lines << header.join(QLatin1Char('\t'));
    for (int row : rows) {
        QStringList cells;
        if (rowHeaders)
            cells << cellText(model->headerData(row, Qt::Vertical));
        for (const auto &[visual, column] : columns) {
            const QModelIndex index = model->index(row, column);
            cells << (view->selectionModel()->isSelected(index) ? cellText(index.data()) : QString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void makeTableCopyable(QTableView *view)
{
    auto *copy = new QAction(QApplication::translate("Tandem::Ui::TableCopy", "Copy"), view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(copy, &QAction::triggered, view, [view] {
        const QString text = selectedCellsAsTsv(view);
        if (!text.isEmpty())
            QApplication::clipboard()->setText(text);
    });
    auto *selectAll = new QAction(QApplication::translate("Tandem::Ui::TableCopy", "Select All"), view);
    selectAll->setShortcut(QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(selectAll, &QAction::triggered, view, &QTableView::selectAll);
    view->addAction(copy);
    view->addAction(selectAll);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

} // namespace Tandem::Ui
