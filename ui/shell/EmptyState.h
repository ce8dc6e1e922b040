// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;

namespace Tandem::Ui {

/// The centred "nothing here yet" panel every view shows before it has content:
/// an icon, a title, a sentence on what the view is for and how to start, and
/// buttons for the actions that get the user going.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    EmptyState(const QString &iconName, const QString &title, const QString &text, const QList<QAction *> &actions,
        QWidget *parent = nullptr);

    QString title() const;
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    QString m_iconName;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace Tandem::Ui
