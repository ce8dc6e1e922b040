// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/drift/DriftView.h"

#include "core/data/Dataset.h"
#include "core/drift/DriftAlerts.h"
#include "core/drift/DriftAnalysis.h"
#include "core/drift/DriftFormat.h"
#include "core/drift/DriftHtmlReport.h"
#include "core/monitor/Retrain.h"
#include "core/runs/RunSpec.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/data/DatasetLoader.h"
#include "ui/drift/DistributionDelegate.h"
#include "ui/drift/DriftAlertList.h"
#include "ui/drift/DriftJob.h"
#include "ui/drift/DriftSetup.h"
#include "ui/drift/DriftSourcePicker.h"
#include "ui/drift/DriftTimePanel.h"
#include "ui/drift/DriftVerdictBanner.h"
#include "ui/drift/FeatureDetailPanel.h"
#include "ui/drift/FeatureDriftModel.h"
#include "ui/shell/EmptyState.h"
#include "ui/shell/MessageBar.h"
#include "ui/shell/ThemedIcon.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace Tandem::Ui {
namespace {

enum Page { EmptyPage, ResultsPage };
enum Tab { DistributionTab, TimeTab, PerformanceTab, AlertsTab };

QLabel *sideLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

DriftView::DriftView(
    Runs::JobQueue *jobs, DatasetLoader *loader, const QList<QAction *> &emptyStateActions, QWidget *parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_loader(loader)
    , m_messageBar(new MessageBar(this))
    , m_referencePicker(new DriftSourcePicker(tr("reference"), this))
    , m_currentPicker(new DriftSourcePicker(tr("current"), this))
    , m_setup(new DriftSetup(this))
    , m_analyseAction(new QAction(themedIcon(QStringLiteral("drift")), tr("&Analyse"), this))
    , m_exportAction(new QAction(tr("Export &HTML…"), this))
    , m_retrainAction(new QAction(tr("&Retrain…"), this))
    , m_cancelButton(new QToolButton(this))
    , m_progress(new QProgressBar(this))
    , m_stack(new QStackedWidget(this))
    , m_model(new FeatureDriftModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_detail(new FeatureDetailPanel(this))
    , m_time(new DriftTimePanel(this))
    , m_performance(new PerformancePanel(this))
    , m_alerts(new DriftAlertList(this))
{
    setObjectName(QStringLiteral("driftView"));
    m_analyseAction->setObjectName(QStringLiteral("analyseDrift"));
    m_analyseAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_analyseAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_analyseAction->setToolTip(tr("Compare the current data with the reference, feature by feature, as a job "
                                   "(Ctrl+Return)"));
    addAction(m_analyseAction);
    connect(m_analyseAction, &QAction::triggered, this, &DriftView::analyse);
    m_exportAction->setObjectName(QStringLiteral("exportDriftHtml"));
    m_exportAction->setToolTip(tr("Save the whole report as one self-contained HTML file: inline charts, no "
                                  "scripts, opens in any browser"));
    connect(m_exportAction, &QAction::triggered, this, &DriftView::exportWithDialog);
    m_retrainAction->setObjectName(QStringLiteral("retrainDrift"));
    connect(m_retrainAction, &QAction::triggered, this, &DriftView::askRetrain);

    // The two sides and the options.
    auto *analyseButton = new QToolButton(this);
    analyseButton->setDefaultAction(m_analyseAction);
    analyseButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop reading the data or analysing"));
    m_cancelButton->hide();
    connect(m_cancelButton, &QToolButton::clicked, this, &DriftView::cancel);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    auto *sides = new QGridLayout;
    sides->setHorizontalSpacing(6);
    sides->addWidget(sideLabel(tr("&Reference:"), m_referencePicker->comboBox(), this), 0, 0);
    sides->addWidget(m_referencePicker, 0, 1);
    sides->addWidget(sideLabel(tr("&Current:"), m_currentPicker->comboBox(), this), 0, 2);
    sides->addWidget(m_currentPicker, 0, 3);
    sides->addWidget(analyseButton, 0, 4);
    sides->addWidget(m_cancelButton, 0, 5);
    sides->addWidget(m_progress, 0, 6);
    sides->setColumnStretch(1, 1);
    sides->setColumnStretch(3, 1);

    // Before the first analysis.
    QList<QAction *> emptyActions {m_analyseAction};
    emptyActions += emptyStateActions;
    m_empty = new EmptyState(QStringLiteral("drift"), tr("No drift report yet"),
        tr("Drift compares the data a model was trained on with new data, feature by feature, and shows what "
           "moved: distributions, predictions, and performance over time.\n\nChoose the reference (a dataset, or "
           "the training data of a run) and the current data above, then Analyse (Ctrl+Return)."),
        emptyActions, this);
    m_empty->setObjectName(QStringLiteral("driftEmptyState"));

    // The results.
    m_banner = new DriftVerdictBanner({m_exportAction, m_retrainAction}, this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(FeatureDriftModel::SortRole);
    m_table->setObjectName(QStringLiteral("driftFeatures"));
    m_table->setModel(m_sorted);
    m_table->setItemDelegateForColumn(FeatureDriftModel::Distribution, new DistributionDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(90);
    m_table->setColumnWidth(FeatureDriftModel::Feature, 160);
    m_table->setColumnWidth(FeatureDriftModel::Distribution, 112);
    m_table->setColumnWidth(FeatureDriftModel::Verdict, 92);
    m_table->setColumnWidth(FeatureDriftModel::Score, 72);
    m_table->setColumnWidth(FeatureDriftModel::Threshold, 72);
    m_table->setColumnWidth(FeatureDriftModel::Test, 100);
    m_table->setColumnWidth(FeatureDriftModel::Kind, 84);
    m_table->setToolTip(tr("Every feature, from the strongest drift down. Select one for its charts; right-click "
                           "to choose its test."));
    m_table->sortByColumn(FeatureDriftModel::Score, Qt::DescendingOrder);
    connect(m_table, &QTableView::customContextMenuRequested, this, &DriftView::showFeatureMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DriftView::featureSelected);

    m_tabs->setObjectName(QStringLiteral("driftTabs"));
    m_tabs->addTab(m_detail, tr("&Distribution"));
    m_tabs->addTab(m_time, tr("Over &time"));
    m_tabs->addTab(m_performance, tr("&Performance"));
    m_tabs->addTab(m_alerts, tr("A&lerts"));
    m_tabs->setTabToolTip(DistributionTab, tr("The selected feature's distributions"));
    m_tabs->setTabToolTip(TimeTab, tr("Drift per window of current rows along the time column"));
    m_tabs->setTabToolTip(PerformanceTab, tr("The model's metric per window of current rows"));
    m_tabs->setTabToolTip(AlertsTab, tr("Every threshold crossed"));
    connect(m_alerts, &DriftAlertList::featureActivated, this, [this](int feature) {
        selectFeature(feature);
        m_tabs->setCurrentIndex(DistributionTab);
    });
    connect(m_alerts, &DriftAlertList::windowActivated, this,
        [this](int, bool performance) { m_tabs->setCurrentIndex(performance ? PerformanceTab : TimeTab); });
    m_alerts->addAction(m_retrainAction);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({560, 480}); // the table's verdict and score columns in view
    splitter->setChildrenCollapsible(false);
    auto *results = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_banner);
    resultsLayout->addWidget(splitter, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(results);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messageBar);
    layout->addLayout(sides);
    layout->addWidget(m_setup);
    layout->addWidget(m_stack, 1);

    connect(m_referencePicker, &DriftSourcePicker::sourceChanged, this, &DriftView::referenceChanged);
    connect(m_currentPicker, &DriftSourcePicker::sourceChanged, this, &DriftView::updateActions);
    connect(m_loader, &DatasetLoader::loaded, this, &DriftView::datasetLoaded);
    connect(m_loader, &DatasetLoader::failed, this, &DriftView::datasetFailed);
    connect(m_loader, &DatasetLoader::cancelled, this, [this](const QString &path) {
        if (m_pending && !m_pending->job && (path == m_pending->reference.path || path == m_pending->current.path)) {
            m_pending.reset();
            setBusy(false);
        }
    });
    connect(m_jobs, &Runs::JobQueue::jobProgress, this, [this](Runs::JobId id, double fraction, const QString &stage) {
        if (m_pending && m_pending->job == id) {
            m_progress->setValue(int(std::lround(fraction * 1000.0)));
            m_progress->setFormat(stage.isEmpty() ? tr("%p%") : tr("%1: %p%").arg(stage));
        }
    });
    updateActions();
}

DriftView::~DriftView()
{
    if (m_pending && m_pending->job)
        m_jobs->cancel(m_pending->job);
}

void DriftView::setWorkspace(std::shared_ptr<Store::Workspace> workspace)
{
    m_workspace = std::move(workspace);
    refreshSources();
    updateActions();
}

void DriftView::showEvent(QShowEvent *event)
{
    refreshSources(); // datasets opened and runs finished since
    QWidget::showEvent(event);
}

QList<DriftSource> DriftView::runSources() const
{
    QList<DriftSource> runs;
    if (!m_workspace)
        return runs;
    if (const auto records = m_workspace->store().runs(); records.ok()) {
        for (const Store::RunRecord &record : records.value()) {
            const auto spec = Runs::RunSpec::fromJson(record.spec, m_workspace->path());
            if (spec.ok())
                runs.append(DriftSource {spec->resolvedDatasetPath(), record.id, record.name, spec->target});
        }
    }
    return runs;
}

void DriftView::refreshSources()
{
    const QStringList datasets = m_workspace ? m_workspace->datasetPaths() : QStringList();
    m_referencePicker->setDatasets(datasets);
    m_referencePicker->setRuns(runSources());
    m_currentPicker->setDatasets(datasets);
}

bool DriftView::setReferenceRun(qint64 runId)
{
    for (const DriftSource &run : runSources()) {
        if (run.runId == runId) {
            m_referencePicker->setSource(run);
            return true;
        }
    }
    return false;
}

void DriftView::setReference(const QString &datasetPath)
{
    m_referencePicker->setSource(DriftSource {QFileInfo(datasetPath).absoluteFilePath(), std::nullopt, {}, {}});
}

void DriftView::setCurrent(const QString &datasetPath)
{
    m_currentPicker->setSource(DriftSource {QFileInfo(datasetPath).absoluteFilePath(), std::nullopt, {}, {}});
}

void DriftView::referenceChanged()
{
    const DriftSource reference = m_referencePicker->source();
    m_setup->setReferenceRun(reference.runId, reference.runTarget);
    // Its columns fill the target, time and prediction choices once read.
    if (reference.isValid() && QFileInfo::exists(reference.path)) {
        if (const auto loaded = m_loader->result(reference.path))
            datasetLoaded(reference.path);
        else
            m_loader->request(reference.path);
    }
    updateActions();
}

void DriftView::datasetLoaded(const QString &path)
{
    if (path == m_referencePicker->source().path) {
        if (const auto loaded = m_loader->result(path)) {
            QList<Data::ColumnType> types;
            for (const Data::Column &column : loaded->dataset->columns())
                types << column.type();
            m_setup->setColumns(loaded->dataset->columnNames(), types);
        }
    }
    if (m_pending && !m_pending->job && m_loader->result(m_pending->reference.path)
        && m_loader->result(m_pending->current.path))
        startJob();
}

void DriftView::datasetFailed(const QString &path, const QString &message)
{
    if (!m_pending || m_pending->job || (path != m_pending->reference.path && path != m_pending->current.path))
        return;
    const bool reference = path == m_pending->reference.path;
    m_pending.reset();
    setBusy(false);
    showError(reference ? tr("Cannot read the reference data: %1").arg(message)
                        : tr("Cannot read the current data: %1").arg(message));
    Q_EMIT analysisFailed(message);
}

bool DriftView::isBusy() const
{
    return m_pending.has_value() || m_retrainJob != 0;
}

void DriftView::analyse()
{
    if (m_pending)
        return; // one analysis at a time; Cancel stops it
    const DriftSource reference = m_referencePicker->source();
    const DriftSource current = m_currentPicker->source();
    if (!reference.isValid() || !current.isValid()) {
        showError(tr("Choose both the reference and the current data to compare."));
        return;
    }
    for (const auto &[source, side] : {std::pair {reference, tr("reference")}, std::pair {current, tr("current")}}) {
        const QFileInfo file(source.path);
        if (!file.exists() || !file.isFile()) {
            showError(tr("Cannot analyse drift: the %1 data %2 does not exist.")
                          .arg(side, QDir::toNativeSeparators(source.path)));
            Q_EMIT analysisFailed(m_messageBar->text());
            return;
        }
    }
    const DriftChoice choice = m_setup->choice();
    if (choice.predictions == PredictionSource::RunModel && !reference.isRun()) {
        showError(tr("The predictions of a run's model need the reference to be that run's training data."));
        return;
    }
    if (choice.predictions == PredictionSource::BundleFile && choice.bundlePath.isEmpty()) {
        showError(tr("Choose the model bundle whose predictions to compare."));
        return;
    }
    m_messageBar->hide();
    m_pending = Pending {reference, current, 0};
    setBusy(true, tr("Reading the data…"));
    for (const QString &path : {reference.path, current.path}) {
        if (!m_loader->result(path))
            m_loader->request(path);
    }
    if (m_loader->result(reference.path) && m_loader->result(current.path))
        startJob();
}

void DriftView::cancel()
{
    if (!m_pending)
        return;
    if (m_pending->job) {
        m_jobs->cancel(m_pending->job); // finishJob ends it
        return;
    }
    // The files go on loading: the loader keeps them for the next analysis and the
    // Datasets view (their jobs can be cancelled in the Jobs dock).
    m_pending.reset();
    setBusy(false);
}

void DriftView::startJob()
{
    const auto reference = m_loader->result(m_pending->reference.path);
    const auto current = m_loader->result(m_pending->current.path);
    const DriftChoice choice = m_setup->choice();

    DriftJobInput input;
    input.reference = reference->dataset;
    input.current = current->dataset;
    input.referenceName = m_pending->reference.label();
    input.currentName = m_pending->current.label();
    Drift::DriftAnalysisOptions &options = input.options;
    options.drift.driftShare = choice.driftShare;
    if (choice.test)
        options.everyFeature = {Drift::TestChoice {*choice.test, std::nan("")}};
    options.target = choice.target;
    options.order = choice.time;
    options.windows.count = choice.windows;
    if (choice.predictions == PredictionSource::Column)
        options.prediction = choice.predictionColumn;
    for (auto it = m_featureTests.cbegin(); it != m_featureTests.cend(); ++it) {
        if (it.key() != choice.target && it.key() != choice.time && it.key() != options.prediction
            && reference->dataset->indexOf(it.key()) >= 0)
            options.drift.tests.insert(it.key(), Drift::TestChoice {it.value(), std::nan("")});
    }
    if (choice.predictions == PredictionSource::RunModel && m_workspace) {
        input.model = Bundle::ModelSource::run(m_workspace->path(), *m_pending->reference.runId);
        input.modelName = tr("the model of run #%1").arg(*m_pending->reference.runId);
    } else if (choice.predictions == PredictionSource::BundleFile) {
        input.model = Bundle::ModelSource::bundleFile(choice.bundlePath);
        input.modelName = QFileInfo(choice.bundlePath).fileName();
    }

    auto result = std::make_shared<Base::Result<Drift::DriftAnalysis>>(Base::Error(QString()));
    const QString title = tr("Drift of %1 against %2").arg(input.currentName, input.referenceName);
    m_pending->job = m_jobs->submit(title,
        Runs::JobQueue::ContextWork([input, result](const Runs::JobContext &context) -> Base::Status {
            *result = runDriftJob(input, context);
            if (!result->ok())
                return result->error();
            return {};
        }),
        [self = QPointer<DriftView>(this), result](const Runs::JobInfo &job) {
            if (self)
                self->finishJob(job, result);
        });
    setBusy(true, tr("Analysing…"));
}

void DriftView::finishJob(const Runs::JobInfo &job, const std::shared_ptr<Base::Result<Drift::DriftAnalysis>> &result)
{
    if (!m_pending || m_pending->job != job.id)
        return;
    const Pending pending = *m_pending;
    m_pending.reset();
    setBusy(false);
    if (job.state == Runs::JobState::Done && result->ok()) {
        m_analysedReference = pending.reference;
        m_analysedCurrent = pending.current;
        showAnalysis(std::make_shared<const Drift::DriftAnalysis>(std::move(*result).value()));
        return;
    }
    if (job.state == Runs::JobState::Cancelled) {
        m_messageBar->showMessage(MessageBar::Kind::Information, tr("The drift analysis was cancelled."));
        return;
    }
    const QString message = job.message.isEmpty() && !result->ok() ? result->error().toString() : job.message;
    showError(tr("Cannot analyse drift: %1").arg(message));
    Q_EMIT analysisFailed(message);
}

void DriftView::showAnalysis(std::shared_ptr<const Drift::DriftAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_model->setAnalysis(m_analysis);
    m_table->sortByColumn(
        m_table->horizontalHeader()->sortIndicatorSection(), m_table->horizontalHeader()->sortIndicatorOrder());
    const QList<Drift::DriftAlert> alerts = Drift::driftAlerts(*m_analysis);
    m_alerts->setAlerts(alerts);
    m_tabs->setTabText(AlertsTab, alerts.isEmpty() ? tr("A&lerts") : tr("A&lerts (%1)").arg(alerts.size()));
    m_banner->setAnalysis(*m_analysis, int(alerts.size()));
    m_performance->showAnalysis(m_analysis);
    m_stack->setCurrentIndex(ResultsPage);
    if (m_sorted->rowCount() > 0)
        m_table->selectRow(0);
    featureSelected();
    updateActions();
    Q_EMIT analysed();
}

int DriftView::selectedFeature() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_sorted->mapToSource(current).row() : -1;
}

void DriftView::selectFeature(int feature)
{
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(feature, FeatureDriftModel::Feature));
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void DriftView::featureSelected()
{
    const int feature = selectedFeature();
    m_detail->showFeature(m_analysis, feature);
    m_time->showAnalysis(m_analysis, feature);
}

void DriftView::setFeatureTest(const QString &feature, std::optional<Drift::DriftTest> test)
{
    if (test)
        m_featureTests.insert(feature, *test);
    else
        m_featureTests.remove(feature);
}

void DriftView::showFeatureMenu(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid() || !m_analysis)
        return;
    const int feature = m_sorted->mapToSource(index).row();
    const Drift::FeatureDrift &f = m_analysis->report.features()[std::size_t(feature)];
    QMenu menu(this);
    QMenu *tests = menu.addMenu(tr("Test for “%1”").arg(f.name));
    const bool ownTest = m_featureTests.contains(f.name);
    const Drift::DriftTest chosen = m_featureTests.value(f.name);
    QAction *automatic = tests->addAction(tr("As for every feature"));
    automatic->setCheckable(true);
    automatic->setChecked(!ownTest);
    connect(automatic, &QAction::triggered, this, [this, name = f.name] {
        setFeatureTest(name, std::nullopt);
        analyse();
    });
    tests->addSeparator();
    for (const Drift::DriftTest test : Drift::allDriftTests()) {
        const Drift::TestChoice choice {test, std::nan("")};
        if (!Drift::checkChoice(f.name, f.referenceType, choice).ok())
            continue;
        QAction *action = tests->addAction(Drift::driftTestTitle(test));
        action->setCheckable(true);
        action->setChecked(ownTest && chosen == test);
        connect(action, &QAction::triggered, this, [this, name = f.name, test] {
            setFeatureTest(name, test);
            analyse();
        });
    }
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

bool DriftView::exportHtml(const QString &path)
{
    if (!m_analysis) {
        showError(tr("Analyse first: there is no drift report to export yet."));
        return false;
    }
    Drift::HtmlReportOptions options;
    options.title = tr("Drift of %1 against %2").arg(m_analysis->currentName, m_analysis->referenceName);
    if (const Base::Status written = Drift::writeDriftHtmlReport(path, *m_analysis, options); !written) {
        showError(written.error().toString());
        return false;
    }
    m_messageBar->showMessage(
        MessageBar::Kind::Information, tr("Saved the drift report as %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void DriftView::exportWithDialog()
{
    if (!m_analysis)
        return;
    const QString suggested = QStringLiteral("drift-%1.html").arg(QFileInfo(m_analysedCurrent.path).completeBaseName());
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Drift Report"),
        QDir(QFileInfo(m_analysedCurrent.path).absolutePath()).filePath(suggested), tr("HTML files (*.html)"));
    if (!path.isEmpty())
        exportHtml(path);
}

void DriftView::askRetrain()
{
    if (!m_analysedReference.isRun())
        return;
    QMessageBox box(QMessageBox::Question, tr("Retrain"),
        tr("Retrain run #%1 on the new data?").arg(*m_analysedReference.runId), QMessageBox::Cancel, this);
    box.setInformativeText(tr("Its spec runs again as a new run in the same experiment. Its old model is scored on "
                              "the current data beside it, and Compare opens on both once they have finished."));
    QPushButton *current = box.addButton(tr("On the Current Data"), QMessageBox::AcceptRole);
    QPushButton *both = box.addButton(tr("On Reference + Current"), QMessageBox::AcceptRole);
    current->setToolTip(tr("Train on %1 alone").arg(m_analysedCurrent.label()));
    both->setToolTip(tr("Train on the run's data followed by %1's rows").arg(m_analysedCurrent.label()));
    box.setDefaultButton(current);
    box.exec();
    if (box.clickedButton() == current)
        retrain(Monitor::RetrainData::CurrentOnly);
    else if (box.clickedButton() == both)
        retrain(Monitor::RetrainData::ReferenceAndCurrent);
}

bool DriftView::retrain(Monitor::RetrainData data)
{
    if (!m_analysis || !m_analysedReference.isRun() || !m_workspace) {
        showError(tr("Retrain needs an analysis whose reference is the training data of a run."));
        return false;
    }
    if (m_workspace->isReadOnly()) {
        showError(tr("Cannot retrain: %1").arg(m_workspace->readOnlyNotice()));
        return false;
    }
    if (m_retrainJob)
        return false;
    auto source = Monitor::retrainSourceOfRun(m_workspace->store(), *m_analysedReference.runId);
    if (!source.ok()) {
        showError(tr("Cannot retrain: %1").arg(source.error().toString()));
        return false;
    }
    // Reading (and for both sides, writing) the data is a job; launching is the workspace's thread's.
    auto plan = std::make_shared<Base::Result<Monitor::RetrainPlan>>(Base::Error(QString()));
    const QString workspacePath = m_workspace->path();
    const QString currentPath = m_analysedCurrent.path;
    const std::weak_ptr<Store::Workspace> workspace = m_workspace;
    m_retrainJob = m_jobs->submit(tr("Prepare the retrain of run #%1").arg(*m_analysedReference.runId),
        Runs::JobQueue::Work(
            [plan, source = source.value(), workspacePath, currentPath, data](const Base::Progress &progress) {
                *plan = Monitor::prepareRetrain(source, workspacePath, currentPath, data, progress);
                return plan->ok() ? Base::Status {} : Base::Status(plan->error());
            }),
        [self = QPointer<DriftView>(this), plan, workspace](const Runs::JobInfo &job) {
            if (!self)
                return;
            self->m_retrainJob = 0;
            self->updateActions();
            if (job.state == Runs::JobState::Cancelled)
                return;
            if (job.state != Runs::JobState::Done || !plan->ok()) {
                self->showError(tr("Cannot retrain: %1").arg(job.message));
                return;
            }
            const std::shared_ptr<Store::Workspace> open = workspace.lock();
            if (!open || open != self->m_workspace)
                return; // another workspace was opened meanwhile
            const auto launch = Monitor::launchRetrain(open, *self->m_jobs, plan->value(),
                [self](const Monitor::RetrainLaunch &launched, Store::RunStatus status, const QString &error) {
                    if (!self)
                        return;
                    if (status != Store::RunStatus::Done) {
                        self->showError(tr("The retrain run #%1 ended %2: %3")
                                            .arg(QString::number(launched.runId), Store::runStatusName(status), error));
                        return;
                    }
                    const qint64 old = launched.originalOnCurrentRunId.value_or(launched.originalRunId.value_or(0));
                    Q_EMIT self->compareRequested(
                        old > 0 ? QList<qint64> {old, launched.runId} : QList<qint64> {launched.runId});
                });
            if (!launch.ok()) {
                self->showError(tr("Cannot retrain: %1").arg(launch.error().toString()));
                return;
            }
            QString text = tr("Retraining run #%1 as run #%2 on %3; Compare opens when it has finished.")
                               .arg(QString::number(launch->originalRunId.value_or(0)), QString::number(launch->runId),
                                   QFileInfo(launch->trainingPath).fileName());
            if (!launch->notes.isEmpty())
                text += QLatin1Char(' ') + launch->notes.join(QLatin1Char(' '));
            self->m_messageBar->showMessage(MessageBar::Kind::Information, text);
        });
    updateActions();
    return true;
}

bool DriftView::showPage(const QString &title)
{
    const QString wanted = title.toLower().remove(QLatin1Char('&'));
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QString tab = m_tabs->tabText(i).toLower().remove(QLatin1Char('&'));
        if (tab == wanted || tab.startsWith(wanted + QLatin1Char(' '))) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

bool DriftView::showsEmptyState() const
{
    return m_stack->currentIndex() == EmptyPage;
}

void DriftView::setBusy(bool busy, const QString &stage)
{
    m_cancelButton->setVisible(busy && m_pending);
    m_progress->setVisible(busy);
    if (busy && !stage.isEmpty()) {
        m_progress->setFormat(stage);
        if (!m_pending || !m_pending->job)
            m_progress->setValue(0);
    }
    updateActions();
}

void DriftView::showError(const QString &text)
{
    m_messageBar->showMessage(MessageBar::Kind::Error, text);
}

void DriftView::updateActions()
{
    const bool ready = m_referencePicker->source().isValid() && m_currentPicker->source().isValid();
    m_analyseAction->setEnabled(!m_pending);
    m_analyseAction->setToolTip(ready ? tr("Compare the current data with the reference, feature by feature, as a "
                                           "job (Ctrl+Return)")
                                      : tr("Choose the reference and the current data first (Ctrl+Return)"));
    m_exportAction->setEnabled(m_analysis != nullptr);
    const bool fromRun = m_analysis && m_analysedReference.isRun();
    const bool writable = m_workspace && !m_workspace->isReadOnly();
    m_retrainAction->setEnabled(fromRun && writable && !m_retrainJob);
    m_retrainAction->setToolTip(!fromRun
            ? tr("Retrain needs the reference to be the training data of a run: choose it under “Training "
                 "data of a run”")
            : !writable ? tr("Not available: the workspace is read-only")
                        : tr("Run run #%1's spec again on the current data, as a new run in its experiment, then "
                             "compare the old and new model")
                              .arg(*m_analysedReference.runId));
}

} // namespace Tandem::Ui
