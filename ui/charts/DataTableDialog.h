// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/charts/PlotTable.h"

#include <QDialog>

class QTableView;

namespace Tandem::Ui {

class PlotTableModel;

/// "View as table": a chart's plotted data in a table, for reading exact numbers
/// (screen readers, keyboard users) and copying them out. Ctrl+C copies the
/// selected cells as tab-separated text (with the header when whole columns are
/// selected), numbers in the exact form that reads back to the same value.
class DataTableDialog : public QDialog
{
    Q_OBJECT
public:
    DataTableDialog(PlotTable table, const QString &title, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    PlotTableModel *model() const { return m_model; }
    /// The selection as the clipboard gets it.
    QString selectionAsTsv() const;
    /// Puts selectionAsTsv() on the clipboard.
    void copySelection();

private:
    PlotTableModel *m_model;
    QTableView *m_view;
};

} // namespace Tandem::Ui
