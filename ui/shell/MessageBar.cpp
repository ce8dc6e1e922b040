// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/MessageBar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace Tandem::Ui {

MessageBar::MessageBar(QWidget *parent) : QWidget(parent), m_label(new QLabel(this)), m_buttons(new QHBoxLayout)
{
    setObjectName(QStringLiteral("messageBar"));
    setAttribute(Qt::WA_StyledBackground);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addLayout(m_buttons);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text)
{
    showMessage(kind, text, {});
}

void MessageBar::showMessage(Kind kind, const QString &text, const QList<QAction *> &actions)
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_actions = actions;
    for (QAction *action : actions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        connect(button, &QToolButton::triggered, this, &QWidget::hide);
        m_buttons->addWidget(button, 0, Qt::AlignVCenter);
    }
    m_kind = kind;
    m_label->setText(text);
    // Tinted backgrounds that read on light and dark palettes alike.
    QString colour;
    switch (kind) {
    case Kind::Information: colour = QStringLiteral("rgba(61, 126, 234, 0.18)"); break;
    case Kind::Warning: colour = QStringLiteral("rgba(230, 160, 20, 0.22)"); break;
    case Kind::Error: colour = QStringLiteral("rgba(220, 50, 50, 0.22)"); break;
    }
    setStyleSheet(QStringLiteral("#messageBar { background: %1; border-radius: 4px; }").arg(colour));
    show();
}

QString MessageBar::text() const
{
    return m_label->text();
}

} // namespace Tandem::Ui
