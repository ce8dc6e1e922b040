// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/RunChip.h"

#include "core/compare/Comparison.h"
#include "ui/charts/RunColors.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QPixmap>

namespace Tandem::Ui {

QIcon runChipIcon(qint64 runId, bool darkBackground, int size)
{
    QIcon icon;
    for (const qreal ratio : {1.0, 2.0}) {
        QPixmap pixmap(QSize(size, size) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(RunColors::forRun(runId, darkBackground));
        painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), 2, 2);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString runLabel(const Compare::ComparedRun &run)
{
    const QString name = run.record.name.isEmpty() ? run.model() : run.record.name;
    return QStringLiteral("#%1 %2").arg(run.id()).arg(name);
}

QString runToolTip(const Compare::ComparedRun &run)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("Tandem::Ui::RunChip", text); };
    QStringList lines {QStringLiteral("<b>%1</b>").arg(runLabel(run).toHtmlEscaped())};
    lines << tr("model: %1").arg(run.model());
    if (!run.record.experimentName.isEmpty())
        lines << tr("experiment: %1").arg(run.record.experimentName.toHtmlEscaped());
    if (run.spec)
        lines << tr("dataset: %1").arg(QFileInfo(run.spec->datasetPath).fileName().toHtmlEscaped());
    if (run.record.seed)
        lines << tr("seed: %1").arg(*run.record.seed);
    if (run.splitFolds > 0)
        lines << tr("folds: %1").arg(run.splitFolds);
    if (!run.specError.isEmpty())
        lines << tr("spec: %1").arg(run.specError.toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

} // namespace Tandem::Ui
