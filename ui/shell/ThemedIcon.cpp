// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/ThemedIcon.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

namespace Tandem::Ui {
namespace {

class TintedSvgEngine final : public QIconEngine
{
public:
    explicit TintedSvgEngine(QString path) : m_path(std::move(path)) { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(rect, render(rect.size() * dpr, mode));
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State) override { return render(size, mode); }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        QPixmap pixmap = render(size * scale, mode);
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QIconEngine *clone() const override { return new TintedSvgEngine(m_path); }
    QString key() const override { return QStringLiteral("TandemTintedSvg"); }

private:
    QPixmap render(const QSize &size, QIcon::Mode mode) const
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        if (size.isEmpty())
            return pixmap;
        QPainter painter(&pixmap);
        QSvgRenderer(m_path).render(&painter);
        // Keep the SVG's shape (alpha), replace its colour with the palette's.
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        const QPalette palette = QApplication::palette();
        QColor colour = palette.color(QPalette::WindowText);
        if (mode == QIcon::Disabled)
            colour = palette.color(QPalette::Disabled, QPalette::WindowText);
        else if (mode == QIcon::Selected)
            colour = palette.color(QPalette::HighlightedText);
        painter.fillRect(pixmap.rect(), colour);
        return pixmap;
    }

    QString m_path;
};

} // namespace

QIcon themedIcon(const QString &name)
{
    return QIcon(new TintedSvgEngine(QStringLiteral(":/icons/%1.svg").arg(name)));
}

QIcon appIcon()
{
    return QIcon(QStringLiteral(":/icons/tandem.svg"));
}

} // namespace Tandem::Ui
