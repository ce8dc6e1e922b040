// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace Tandem::Ui {

class ColumnPanel;
class DatasetLoader;
class DatasetTableModel;

/// The Datasets section: the workspace's datasets on the left; on the right the
/// selected one as a table (loaded in the background by a DatasetLoader), its
/// load summary and warnings, or why it could not be loaded. Before there is any
/// dataset, an empty state says how to add one.
class DatasetsView : public QWidget
{
    Q_OBJECT
public:
    /// `openAction` is offered in the empty state (File > Open Dataset…).
    DatasetsView(QAction *openAction, DatasetLoader *loader, Runs::JobQueue *jobs, QWidget *parent = nullptr);

    /// Replaces the list (absolute paths, in the order to show).
    void setDatasets(const QStringList &paths);
    /// Adds one dataset if it is not listed yet, selects it and loads it.
    void showDataset(const QString &path);

    QStringList datasets() const { return m_paths; }
    QString currentDataset() const;
    bool showsEmptyState() const;
    DatasetTableModel *tableModel() const { return m_model; }
    ColumnPanel *columnPanel() const { return m_columns; }
    /// The text of the summary line above the table, or of the error shown.
    QString statusText() const;

    /// Reads the current dataset again (after its import settings changed).
    void reload();

Q_SIGNALS:
    /// The user asked to change how `path` is read (the import dialog).
    void importSettingsRequested(const QString &path);

private:
    void showCurrent();
    void showLoaded(const QString &path);

    DatasetLoader *m_loader;
    QStringList m_paths;
    QStackedWidget *m_pages;
    QListWidget *m_list;
    QStackedWidget *m_detail;
    QLabel *m_loadingLabel;
    QProgressBar *m_loadingBar;
    QLabel *m_errorLabel;
    QLabel *m_summary;
    QListWidget *m_warnings;
    QTableView *m_table;
    DatasetTableModel *m_model;
    ColumnPanel *m_columns;
    QList<QWidget *> m_importButtons;
};

} // namespace Tandem::Ui
