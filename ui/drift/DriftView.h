// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/drift/DriftTest.h"
#include "core/runs/JobQueue.h"
#include "ui/drift/DriftSource.h"

#include <QHash>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;

namespace Tandem::Drift {
struct DriftAnalysis;
}

namespace Tandem::Monitor {
enum class RetrainData : quint8;
}

namespace Tandem::Store {
class Workspace;
}

namespace Tandem::Ui {

class DatasetLoader;
class DriftAlertList;
class DriftSetup;
class DriftSourcePicker;
class DriftTimePanel;
class DriftVerdictBanner;
class EmptyState;
class FeatureDetailPanel;
class FeatureDriftModel;
class MessageBar;
class PerformancePanel;

/// The Drift section: a reference and a current dataset (from the workspace, a
/// run's training data, or a file) compared feature by feature, as a job.
///
/// Above: the two sides, the options (DriftSetup) and Analyse (Ctrl+Return).
/// Below, once analysed: the dataset verdict (with Export HTML… and Retrain…), the
/// features from the strongest drift down with a sparkline of both
/// distributions, and tabs with the selected feature's distributions, drift over
/// time windows, performance per window and the alerts. Reading the files
/// (DatasetLoader) and the analysis run on the job queue, so they show in the
/// Jobs dock and can be cancelled; errors go to the view's message bar.
class DriftView : public QWidget
{
    Q_OBJECT
public:
    DriftView(Runs::JobQueue *jobs, DatasetLoader *loader, const QList<QAction *> &emptyStateActions,
        QWidget *parent = nullptr);
    ~DriftView() override;

    /// The workspace's datasets and runs become the choices; its runs can be retrained.
    void setWorkspace(std::shared_ptr<Store::Workspace> workspace);

    /// The analysis shown; null before the first one finished.
    std::shared_ptr<const Drift::DriftAnalysis> analysis() const { return m_analysis; }
    /// True while the files are read or the analysis runs.
    bool isBusy() const;
    /// Writes the shown analysis as a self-contained HTML page; false with the
    /// reason in the message bar.
    bool exportHtml(const QString &path);
    /// Shows the tab named `title` (distribution, over time, performance, alerts;
    /// case and '&' ignored); false when there is none.
    bool showPage(const QString &title);

    DriftSourcePicker *referencePicker() const { return m_referencePicker; }
    DriftSourcePicker *currentPicker() const { return m_currentPicker; }
    DriftSetup *setup() const { return m_setup; }
    QAction *analyseAction() const { return m_analyseAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *retrainAction() const { return m_retrainAction; }
    MessageBar *messageBar() const { return m_messageBar; }
    EmptyState *emptyState() const { return m_empty; }
    bool showsEmptyState() const;
    QTableView *featureTable() const { return m_table; }
    FeatureDriftModel *featureModel() const { return m_model; }
    FeatureDetailPanel *detailPanel() const { return m_detail; }
    DriftTimePanel *timePanel() const { return m_time; }
    PerformancePanel *performancePanel() const { return m_performance; }
    DriftAlertList *alertList() const { return m_alerts; }
    DriftVerdictBanner *verdictBanner() const { return m_banner; }
    QTabWidget *tabs() const { return m_tabs; }
    /// The feature shown in the detail tabs (its index in the report), or -1.
    int selectedFeature() const;
    /// Selects a feature in the table (and its charts).
    void selectFeature(int feature);
    /// A feature's own test, replacing the choice for every feature (unset: that choice).
    void setFeatureTest(const QString &feature, std::optional<Drift::DriftTest> test);
    /// Retrains the run whose training data is the reference of the analysis shown,
    /// on its current data (or the reference followed by it), as Retrain… does after
    /// asking: the data is prepared as a job, the new run launched in the run's
    /// experiment, and compareRequested() names the old model (scored on the current
    /// data) and the new one once they ended. False, with the reason in the message
    /// bar, when there is nothing to retrain.
    bool retrain(Monitor::RetrainData data);

public Q_SLOTS:
    /// Chooses the reference or current data by its file (added to the choices when new).
    void setReference(const QString &datasetPath);
    void setCurrent(const QString &datasetPath);
    /// Chooses the training data of run `runId` of the workspace as the reference;
    /// false when the workspace has no such run (or its spec cannot be read).
    bool setReferenceRun(qint64 runId);
    /// Reads both sides if needed and runs the analysis as a job.
    void analyse();
    /// Cancels reading or analysing.
    void cancel();

Q_SIGNALS:
    /// An analysis finished and is shown.
    void analysed();
    /// An analysis (or reading its data) failed; the message bar says why.
    void analysisFailed(const QString &message);
    /// The old and new model should be compared (a retrain ended): MainWindow shows Compare.
    void compareRequested(const QList<qint64> &runIds);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void refreshSources();
    /// The workspace's runs as sources: each run's training data, target and name.
    QList<DriftSource> runSources() const;
    void referenceChanged();
    void datasetLoaded(const QString &path);
    void datasetFailed(const QString &path, const QString &message);
    void startJob();
    void finishJob(const Runs::JobInfo &job, const std::shared_ptr<Base::Result<Drift::DriftAnalysis>> &result);
    void showAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis);
    void featureSelected();
    void showFeatureMenu(const QPoint &position);
    void exportWithDialog();
    void askRetrain();
    void setBusy(bool busy, const QString &stage = {});
    void showError(const QString &text);
    void updateActions();

    Runs::JobQueue *m_jobs;
    DatasetLoader *m_loader;
    std::shared_ptr<Store::Workspace> m_workspace;
    std::shared_ptr<const Drift::DriftAnalysis> m_analysis;
    /// The sources of the analysis shown (the Retrain button reads them).
    DriftSource m_analysedReference;
    DriftSource m_analysedCurrent;
    QHash<QString, Drift::DriftTest> m_featureTests;

    /// An analysis waiting for its files, or running.
    struct Pending {
        DriftSource reference;
        DriftSource current;
        Runs::JobId job = 0;
    };
    std::optional<Pending> m_pending;
    Runs::JobId m_retrainJob = 0;

    MessageBar *m_messageBar;
    DriftSourcePicker *m_referencePicker;
    DriftSourcePicker *m_currentPicker;
    DriftSetup *m_setup;
    QAction *m_analyseAction;
    QAction *m_exportAction;
    QAction *m_retrainAction;
    QToolButton *m_cancelButton;
    QProgressBar *m_progress;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    DriftVerdictBanner *m_banner;
    FeatureDriftModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    QTabWidget *m_tabs;
    FeatureDetailPanel *m_detail;
    DriftTimePanel *m_time;
    PerformancePanel *m_performance;
    DriftAlertList *m_alerts;
};

} // namespace Tandem::Ui
