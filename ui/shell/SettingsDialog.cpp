// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/SettingsDialog.h"

#include "ui/cluster/ClusterSettingsPage.h"
#include "ui/shell/AppSettings.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Tandem::Ui {

SettingsDialog::SettingsDialog(AppSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_tabs(new QTabWidget(this))
    , m_cluster(new ClusterSettingsPage(settings->clusterProfiles(), m_tabs))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_cluster, tr("Cluster"));
    m_tabs->setTabToolTip(0, tr("Slurm clusters to run sweeps on"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    const auto updateOk = [this, ok] {
        ok->setEnabled(m_cluster->isValid());
        ok->setToolTip(m_cluster->isValid() ? tr("Save the settings") : m_cluster->firstError());
    };
    connect(m_cluster, &ClusterSettingsPage::changed, this, updateOk);
    updateOk();
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(840, 700);
}

void SettingsDialog::showClusterPage()
{
    m_tabs->setCurrentWidget(m_cluster);
}

void SettingsDialog::accept()
{
    if (!m_cluster->isValid()) {
        showClusterPage();
        m_cluster->showFirstError();
        return;
    }
    m_cluster->save(*m_settings);
    m_settings->sync();
    QDialog::accept();
}

} // namespace Tandem::Ui
