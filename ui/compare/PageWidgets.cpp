// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/PageWidgets.h"

#include "core/compare/Comparison.h"
#include "ui/compare/RunChip.h"

#include <QLabel>
#include <QPalette>

#include <algorithm>

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

namespace {

QString elided(const QString &text, int maxLength)
{
    if (text.size() <= maxLength)
        return text;
    return text.left(std::max(0, maxLength - 1)).trimmed() + QChar(0x2026);
}

} // namespace

QString chartRunName(const Compare::ComparedRun &run, int maxLength)
{
    return elided(runLabel(run), maxLength);
}

QString legendRunName(const QString &label, qint64 runId, qsizetype runCount, int legendChars)
{
    // Below this share a name is cut too short to tell runs apart: the id says more.
    constexpr int shortest = 18;
    const int share = runCount > 0 ? int(legendChars / runCount) : legendChars;
    return share < shortest ? QStringLiteral("#%1").arg(runId) : elided(label, share);
}

} // namespace Tandem::Ui
