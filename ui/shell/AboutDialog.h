// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

namespace Tandem::Ui {

/// Help > About: Tandem's version, the Qt and Eigen versions it runs with, and
/// the licence (GPL-3.0-or-later, as Qt Charts requires).
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The text shown, as HTML (for tests and for copying).
    static QString aboutText();
};

} // namespace Tandem::Ui
