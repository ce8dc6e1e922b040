// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QTableView;

namespace Tandem::Ui {

/// The selected cells of `view` as tab-separated text for the clipboard: rows and
/// columns in the order shown (sorted, moved columns), a header row first, and the
/// row headers first when the view shows them; line breaks and tabs inside a cell
/// become spaces.
QString selectedCellsAsTsv(const QTableView *view);

/// Gives `view` a Copy action (Ctrl+C, and in its context menu) that puts
/// selectedCellsAsTsv() on the clipboard, and a Select All.
void makeTableCopyable(QTableView *view);

} // namespace Tandem::Ui
