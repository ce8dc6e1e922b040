// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

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
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel *m_label;
    Kind m_kind = Kind::Information;
};

} // namespace Tandem::Ui
