// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/data/Dataset.h"
#include "core/runs/JobQueue.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListView;

namespace Tandem::Ui {

class BarChart;
class ProfileModel;

/// Beside the dataset table: every column as a small card (type, missing share,
/// summary, sparkline), and for the selected column all its statistics and a
/// larger chart of its distribution with values on hover. The profile is
/// computed as a job; choosing a target recomputes the associations.
class ColumnPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ColumnPanel(Runs::JobQueue *jobs, QWidget *parent = nullptr);
    ~ColumnPanel() override;

    /// Profiles `dataset` (cancelling a profile still running for another one).
    void setDataset(std::shared_ptr<const Data::Dataset> dataset);
    void selectColumn(int column);
    /// Associations with `column` (a name of the dataset), or none for empty.
    void setTarget(const QString &column);

    ProfileModel *model() const { return m_model; }
    BarChart *chart() const { return m_chart; }
    /// The statistics shown for the selected column, as plain text.
    QString detailsText() const;
    bool isProfiling() const { return m_job != 0; }

Q_SIGNALS:
    /// The user picked a column in the panel (the table can scroll to it).
    void columnActivated(int column);
    /// A profile was computed and is shown.
    void profiled();

private:
    void startProfile();
    void showDetails();

    Runs::JobQueue *m_jobs;
    std::shared_ptr<const Data::Dataset> m_dataset;
    Runs::JobId m_job = 0;
    QComboBox *m_target;
    QListView *m_list;
    QLabel *m_details;
    QLabel *m_state;
    BarChart *m_chart;
    ProfileModel *m_model;
};

} // namespace Tandem::Ui
