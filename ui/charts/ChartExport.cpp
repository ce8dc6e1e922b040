// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/charts/ChartExport.h"

#include "ui/charts/ChartSurface.h"

#include <QBuffer>
#include <QPainter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

namespace Tandem::Ui::ChartExport {
namespace {

Base::Status commit(QSaveFile &file, const QString &path)
{
    if (!file.commit())
        return Base::Error(QStringLiteral("Could not write %1: %2").arg(path, file.errorString()), path);
    return {};
}

} // namespace

QImage renderImage(ChartSurface &surface, qreal scale)
{
    const QSize size = surface.size().expandedTo(QSize(1, 1));
    QImage image((QSizeF(size) * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(surface.palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    surface.renderTo(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    return image;
}

Base::Status savePng(ChartSurface &surface, const QString &path, qreal scale)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Base::Error(QStringLiteral("Could not open %1 for writing: %2").arg(path, file.errorString()), path);
    if (!renderImage(surface, scale).save(&file, "PNG")) {
        file.cancelWriting();
        return Base::Error(QStringLiteral("Could not encode the chart as PNG for %1").arg(path), path);
    }
    return commit(file, path);
}

Base::Status saveSvg(ChartSurface &surface, const QString &path)
{
    // The SVG is generated in memory, then saved atomically.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const QSize size = surface.size().expandedTo(QSize(1, 1));
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(surface.chartTitle());
    generator.setDescription(QStringLiteral("Exported from Tandem"));
    QPainter painter(&generator);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    surface.renderTo(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size())
        return Base::Error(QStringLiteral("Could not write %1: %2").arg(path, file.errorString()), path);
    return commit(file, path);
}

Base::Status saveCsv(const ChartSurface &surface, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Base::Error(QStringLiteral("Could not open %1 for writing: %2").arg(path, file.errorString()), path);
    const Base::Status written = surface.plottedTable().writeCsv(file);
    if (!written) {
        file.cancelWriting();
        return Base::Error(QStringLiteral("%1 (%2)").arg(written.error().message, path), path);
    }
    return commit(file, path);
}

QString suggestedFileName(const ChartSurface &surface)
{
    QString name = surface.chartTitle().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return name.isEmpty() ? QStringLiteral("chart") : name;
}

} // namespace Tandem::Ui::ChartExport
