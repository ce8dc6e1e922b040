// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;

namespace Tandem::Ui {

/// An inline, non-modal bar above the views for errors and notices ("Cannot open
/// workspace …: not a Tandem workspace"). Unlike a message box it never blocks
/// the window, and it stays until the user closes it or the next message comes.
class MessageBar : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    /// With buttons for `actions` beside the text ("Show in Models"); a button
    /// triggers its action and closes the bar. The next message removes them.
    void showMessage(Kind kind, const QString &text, const QList<QAction *> &actions);
    QString text() const;
    Kind kind() const { return m_kind; }
    /// The actions offered with the current message.
    QList<QAction *> actions() const { return m_actions; }

private:
    QLabel *m_label;
    QHBoxLayout *m_buttons;
    QList<QAction *> m_actions;
    Kind m_kind = Kind::Information;
};

} // namespace Tandem::Ui
