// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/EmptyState.h"

#include "ui/shell/ThemedIcon.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tandem::Ui {

EmptyState::EmptyState(const QString &iconName, const QString &title, const QString &text,
    const QList<QAction *> &actions, QWidget *parent)
    : QWidget(parent)
    , m_iconName(iconName)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(title, this))
    , m_text(new QLabel(text, this))
{
    m_icon->setAlignment(Qt::AlignCenter);
    m_title->setAlignment(Qt::AlignCenter);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setMaximumWidth(520);
    m_text->setTextFormat(Qt::PlainText);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    for (QAction *action : actions) {
        // Menu texts carry mnemonics and ellipses; a button reads better without.
        const QString label = action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
        auto *button = new QPushButton(action->icon(), label, this);
        button->setToolTip(action->toolTip());
        button->setDefault(action == actions.first());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        buttons->addWidget(button);
    }
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addSpacing(8);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
    updateIcon();
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

void EmptyState::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateIcon();
    QWidget::changeEvent(event);
}

void EmptyState::updateIcon()
{
    m_icon->setPixmap(themedIcon(m_iconName).pixmap(QSize(64, 64), devicePixelRatioF(), QIcon::Disabled));
}

} // namespace Tandem::Ui
