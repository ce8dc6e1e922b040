// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/AboutDialog.h"

#include "core/base/Version.h"
#include "core/learn/EigenInfo.h"
#include "ui/shell/ThemedIcon.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Tandem::Ui {

QString AboutDialog::aboutText()
{
    return tr("<h2>Tandem %1</h2>"
              "<p>A workbench for machine-learning teams: datasets, runs, comparisons, drift and model bundles.</p>"
              "<p>Qt %2 (built with %3) &middot; Eigen %4</p>"
              "<p>Copyright &copy; 2026 the Tandem developers.<br>"
              "Tandem is free software, licensed under the GNU General Public License, version 3 or later "
              "(%5). It comes with ABSOLUTELY NO WARRANTY. See "
              "<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">gnu.org/licenses/gpl-3.0</a>.</p>"
              "<p>Bundled sample datasets keep their own licences (CC BY 4.0; see LICENSES.txt next to them).</p>")
        .arg(Base::appVersion(), Base::runtimeQtVersion(), Base::builtQtVersion(), Learn::eigenVersion(),
            Base::licenceSpdx());
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Tandem"));
    auto *icon = new QLabel(this);
    icon->setPixmap(appIcon().pixmap(QSize(96, 96), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);
    auto *text = new QLabel(aboutText(), this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setWordWrap(true);
    text->setOpenExternalLinks(true);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setMinimumWidth(420);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addSpacing(12);
    top->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
}

} // namespace Tandem::Ui
