// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/data/LoadSummary.h"

#include "ui/shell/Counting.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace Tandem::Ui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Tandem::Ui::LoadSummary", text);
}

/// The delimiter in words ("comma-separated"); whitespace runs when the reader chose them.
QString delimiterName(const Data::LoadReport &report)
{
    if (report.whitespaceDelimiter)
        return tr("whitespace");
    switch (report.delimiter) {
    case '\t': return tr("tab");
    case ',': return tr("comma");
    case ';': return tr("semicolon");
    case '|': return tr("pipe");
    case ' ': return tr("space");
    default: return QStringLiteral("'%1'").arg(QLatin1Char(report.delimiter));
    }
}

} // namespace

QString loadSummary(const Data::LoadReport &report)
{
    const QLocale locale;
    QStringList parts {tr("%1 rows × %2 columns").arg(locale.toString(report.rows), locale.toString(report.columns))};
    if (report.bytes > 0)
        parts << locale.formattedDataSize(report.bytes);
    if (!report.encoding.isEmpty())
        parts << report.encoding;
    parts << tr("%1-separated%2").arg(delimiterName(report), report.delimiterSniffed ? tr(" (detected)") : QString());
    parts << (report.hasHeader ? tr("header row") : tr("no header row"));
    if (report.gzip)
        parts << tr("gzip");
    if (report.skippedRows > 0)
        parts << countOf(report.skippedRows, tr("row"), tr("rows")) + tr(" skipped");
    const qint64 warnings = report.warnings.size() + report.droppedWarnings;
    parts << (warnings == 0 ? tr("no warnings") : countOf(warnings, tr("warning"), tr("warnings")));
    return parts.join(QStringLiteral("  ·  "));
}

} // namespace Tandem::Ui
