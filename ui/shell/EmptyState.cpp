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

    // A column of bounded width, centred: word-wrapped labels need a layout that
    // can ask them for their height at that width (no alignment flags on them).
    auto *column = new QWidget(this);
    column->setMaximumWidth(560);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addWidget(m_icon);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(m_title);
    columnLayout->addWidget(m_text);
    columnLayout->addSpacing(12);
    columnLayout->addLayout(buttons);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
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
