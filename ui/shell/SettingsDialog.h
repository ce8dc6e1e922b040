// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QTabWidget;

namespace Tandem::Ui {

class AppSettings;
class ClusterSettingsPage;

/// Edit > Settings… (Ctrl+,): the application's settings, one tab per topic
/// (for now Cluster: the Slurm cluster profiles). OK stores them in AppSettings,
/// and only while every page is valid; Cancel drops the changes.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(AppSettings *settings, QWidget *parent = nullptr);

    ClusterSettingsPage *clusterPage() const { return m_cluster; }
    /// Shows the Cluster tab.
    void showClusterPage();

    /// Stores the pages and closes, or shows the first problem and stays open.
    void accept() override;

private:
    AppSettings *m_settings;
    QTabWidget *m_tabs;
    ClusterSettingsPage *m_cluster;
};

} // namespace Tandem::Ui
