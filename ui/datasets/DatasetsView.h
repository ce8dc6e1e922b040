// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace Tandem::Ui {

/// The Datasets section: the workspace's datasets on the left, the selected
/// one's details on the right, or an empty state saying how to add one.
class DatasetsView : public QWidget
{
    Q_OBJECT
public:
    /// `openAction` is offered in the empty state (File > Open Dataset…).
    explicit DatasetsView(QAction *openAction, QWidget *parent = nullptr);

    /// Replaces the list (absolute paths, in the order to show).
    void setDatasets(const QStringList &paths);
    /// Adds one dataset if it is not listed yet, and selects it.
    void showDataset(const QString &path);

    QStringList datasets() const { return m_paths; }
    QString currentDataset() const;
    bool showsEmptyState() const;

private:
    void updateDetails();

    QStringList m_paths;
    QStackedWidget *m_pages;
    QListWidget *m_list;
    QLabel *m_details;
};

} // namespace Tandem::Ui
