// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/PageWidgets.h"

#include "core/compare/Comparison.h"
#include "ui/compare/RunChip.h"

#include <QLabel>
#include <QPalette>

namespace Tandem::Ui {

QLabel *makePageNote(QWidget *parent)
{
    auto *note = new QLabel(parent);
    note->setAlignment(Qt::AlignCenter);
    note->setWordWrap(true);
    note->setMargin(24);
    note->setForegroundRole(QPalette::PlaceholderText);
    return note;
}

QString chartRunName(const Compare::ComparedRun &run, int maxLength)
{
    const QString label = runLabel(run);
    if (label.size() <= maxLength)
        return label;
    return label.left(std::max(0, maxLength - 1)).trimmed() + QChar(0x2026);
}

} // namespace Tandem::Ui
