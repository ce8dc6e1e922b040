// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/newrun/NewRunDialog.h"

#include "core/data/Dataset.h"
#include "core/learn/Registry.h"
#include "core/runs/RunSpec.h"
#include "core/runs/Sweep.h"
#include "ui/data/DatasetLoader.h"
#include "ui/runs/newrun/ParamForm.h"
#include "ui/shell/Counting.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <unordered_set>

namespace Tandem::Ui {
namespace {

constexpr int anyTask = -1;
/// Rows inferTask looks at, so that a huge column does not stall the window.
constexpr qint64 inferenceRows = 100000;
/// An integer target with at most this many distinct values is taken for classes.
constexpr qsizetype maxInferredClasses = 20;
constexpr double maxSeed = 9007199254740992.0; // 2^53, the largest exact JSON integer

const QString keyScaling = QStringLiteral("scaling");
const QString keyNumericImputation = QStringLiteral("numeric_imputation");
const QString keyCategoricalImputation = QStringLiteral("categorical_imputation");
const QString keyEncoding = QStringLiteral("categorical_encoding");

void addChoices(QComboBox *combo, std::initializer_list<std::pair<QString, QString>> items)
{
    for (const auto &[label, value] : items)
        combo->addItem(label, value);
}

void selectData(QComboBox *combo, const QVariant &value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString modelTooltip(const Learn::ModelInfo &model)
{
    return QStringLiteral("<b>%1</b> (%2, %3)<br>%4")
        .arg(model.displayName.toHtmlEscaped(), model.id, Learn::taskName(model.task), model.summary.toHtmlEscaped());
}

} // namespace

NewRunDialog::NewRunDialog(DatasetLoader *loader, QWidget *parent)
    : QDialog(parent)
    , m_loader(loader)
    , m_dataset(new QComboBox(this))
    , m_datasetStatus(hintLabel(QString(), this))
    , m_target(new QComboBox(this))
    , m_task(new QComboBox(this))
    , m_taskDetail(hintLabel(QString(), this))
    , m_features(new QListWidget(this))
    , m_featureCount(hintLabel(QString(), this))
    , m_scaling(new QComboBox(this))
    , m_numericImputation(new QComboBox(this))
    , m_categoricalImputation(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_pipelineNote(hintLabel(QString(), this))
    , m_model(new QComboBox(this))
    , m_modelSummary(hintLabel(QString(), this))
    , m_params(new ParamForm(this))
    , m_evalMethod(new QComboBox(this))
    , m_folds(new QSpinBox(this))
    , m_repeats(new QSpinBox(this))
    , m_holdout(new QDoubleSpinBox(this))
    , m_seed(new QDoubleSpinBox(this))
    , m_shuffle(new QCheckBox(tr("Shuffle before splitting"), this))
    , m_stratify(new QComboBox(this))
    , m_sweepBox(new QGroupBox(tr("Sweep"), this))
    , m_sweepMethod(new QComboBox(this))
    , m_iterations(new QSpinBox(this))
    , m_sweepSeed(new QDoubleSpinBox(this))
    , m_halving(new QCheckBox(tr("Successive halving"), this))
    , m_halvingFactor(new QDoubleSpinBox(this))
    , m_halvingMinFolds(new QSpinBox(this))
    , m_halvingMetric(new QComboBox(this))
    , m_sweepSummary(hintLabel(QString(), this))
    , m_name(new QLineEdit(this))
    , m_experiment(new QComboBox(this))
    , m_executeOn(new QComboBox(this))
    , m_errorLabel(new QLabel(this))
    , m_showJson(new QToolButton(this))
    , m_json(new QPlainTextEdit(this))
{
    setWindowTitle(tr("New Run"));
    setObjectName(QStringLiteral("newRunDialog"));

    // Data.
    m_dataset->setObjectName(QStringLiteral("dataset"));
    m_dataset->setToolTip(tr("The dataset to train and evaluate on (the workspace's datasets)"));
    m_dataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dataset->setMinimumContentsLength(20);
    m_datasetStatus->setObjectName(QStringLiteral("datasetStatus"));
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setToolTip(tr("The column to predict; the task follows from its type"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(16);
    m_task->setObjectName(QStringLiteral("task"));
    m_task->addItem(tr("Any task"), anyTask);
    m_task->addItem(tr("Classification"), int(Learn::Task::Classification));
    m_task->addItem(tr("Regression"), int(Learn::Task::Regression));
    m_task->setToolTip(tr("Inferred from the target column; the model list shows the families of this task"));
    m_taskDetail->setObjectName(QStringLiteral("taskDetail"));
    m_features->setObjectName(QStringLiteral("features"));
    m_features->setToolTip(tr("The columns the model learns from. Text columns cannot be features."));
    m_features->setMinimumHeight(120);
    m_featureCount->setObjectName(QStringLiteral("featureCount"));
    auto *allFeatures = new QPushButton(tr("All"), this);
    allFeatures->setToolTip(tr("Use every column but the target"));
    auto *noFeatures = new QPushButton(tr("None"), this);
    noFeatures->setToolTip(tr("Clear the feature selection"));
    for (QPushButton *button : {allFeatures, noFeatures}) {
        button->setAutoDefault(false);
        const bool all = button == allFeatures;
        connect(button, &QPushButton::clicked, this, [this, all] {
            m_updating = true;
            for (int i = 0; i < m_features->count(); ++i) {
                QListWidgetItem *item = m_features->item(i);
                if (!item->isHidden() && (item->flags() & Qt::ItemIsEnabled))
                    item->setCheckState(all ? Qt::Checked : Qt::Unchecked);
            }
            m_updating = false;
            update();
        });
    }

    auto *taskRow = new QHBoxLayout;
    taskRow->addWidget(m_task);
    taskRow->addWidget(m_taskDetail, 1);
    auto *featureButtons = new QHBoxLayout;
    featureButtons->addWidget(m_featureCount, 1);
    featureButtons->addWidget(allFeatures);
    featureButtons->addWidget(noFeatures);
    auto *featureColumn = new QVBoxLayout;
    featureColumn->addWidget(m_features, 1);
    featureColumn->addLayout(featureButtons);
    auto *dataBox = new QGroupBox(tr("Data"), this);
    auto *dataForm = new QFormLayout(dataBox);
    dataForm->addRow(tr("&Dataset:"), m_dataset);
    dataForm->addRow(QString(), m_datasetStatus);
    dataForm->addRow(tr("&Target:"), m_target);
    auto *taskLabel = new QLabel(tr("Tas&k:"), this);
    taskLabel->setBuddy(m_task);
    dataForm->addRow(taskLabel, taskRow);
    auto *featuresLabel = new QLabel(tr("&Features:"), this);
    featuresLabel->setBuddy(m_features);
    dataForm->addRow(featuresLabel, featureColumn);

    // Preprocessing.
    m_scaling->setObjectName(keyScaling);
    addChoices(m_scaling,
        {{tr("None"), QStringLiteral("none")}, {tr("Standard (z-score)"), QStringLiteral("standard")},
            {tr("Min–max onto [0, 1]"), QStringLiteral("minmax")}});
    m_scaling->setToolTip(tr("How numeric features are scaled, fitted on the training rows of each fold"));
    m_numericImputation->setObjectName(keyNumericImputation);
    addChoices(m_numericImputation,
        {{tr("Mean"), QStringLiteral("mean")}, {tr("Median"), QStringLiteral("median")},
            {tr("Most frequent"), QStringLiteral("most_frequent")}, {tr("Constant (0)"), QStringLiteral("constant")},
            {tr("Keep missing (NaN)"), QStringLiteral("none")}});
    m_numericImputation->setToolTip(tr("How missing numbers are filled; trees and boosting can keep them missing"));
    m_categoricalImputation->setObjectName(keyCategoricalImputation);
    addChoices(m_categoricalImputation,
        {{tr("A category of their own"), QStringLiteral("constant")},
            {tr("Most frequent"), QStringLiteral("most_frequent")}});
    m_categoricalImputation->setToolTip(tr("How missing categories are filled"));
    m_encoding->setObjectName(keyEncoding);
    addChoices(
        m_encoding, {{tr("One-hot"), QStringLiteral("onehot")}, {tr("Ordinal codes"), QStringLiteral("ordinal")}});
    m_encoding->setToolTip(tr("One 0/1 column per category, or one column of category codes (for trees)"));
    m_pipelineNote->setObjectName(QStringLiteral("pipelineNote"));
    auto *resetPipeline = new QPushButton(tr("Family Defaults"), this);
    resetPipeline->setAutoDefault(false);
    resetPipeline->setToolTip(tr("Use the preprocessing the model family gets by default"));
    connect(resetPipeline, &QPushButton::clicked, this, [this] { applyPipelineDefaults({}); });
    auto *pipelineFooter = new QHBoxLayout;
    pipelineFooter->addWidget(m_pipelineNote, 1);
    pipelineFooter->addWidget(resetPipeline);
    auto *pipelineBox = new QGroupBox(tr("Preprocessing"), this);
    auto *pipelineForm = new QFormLayout(pipelineBox);
    pipelineForm->addRow(tr("&Scaling:"), m_scaling);
    pipelineForm->addRow(tr("Missing &numbers:"), m_numericImputation);
    pipelineForm->addRow(tr("Missing &categories:"), m_categoricalImputation);
    pipelineForm->addRow(tr("Categories &as:"), m_encoding);
    pipelineForm->addRow(pipelineFooter);

    // Model.
    m_model->setObjectName(QStringLiteral("model"));
    m_model->setModel(new QStandardItemModel(m_model));
    m_modelSummary->setObjectName(QStringLiteral("modelSummary"));
    m_modelSummary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *paramScroll = m_paramScroll = new QScrollArea(this);
    paramScroll->setWidget(m_params);
    paramScroll->setWidgetResizable(true);
    paramScroll->setFrameShape(QFrame::NoFrame);
    paramScroll->setMinimumHeight(160);
    paramScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_params->setObjectName(QStringLiteral("params"));
    auto *modelBox = new QGroupBox(tr("Model"), this);
    auto *modelLayout = new QVBoxLayout(modelBox);
    auto *modelForm = new QFormLayout;
    modelForm->addRow(tr("&Family:"), m_model);
    modelForm->addRow(QString(), m_modelSummary);
    modelLayout->addLayout(modelForm);
    modelLayout->addWidget(paramScroll, 1);

    // Evaluation.
    m_evalMethod->setObjectName(QStringLiteral("evaluationMethod"));
    addChoices(m_evalMethod,
        {{tr("k-fold cross-validation"), QStringLiteral("kfold")}, {tr("Holdout"), QStringLiteral("holdout")}});
    m_evalMethod->setToolTip(tr("Cross-validation scores every row once; a holdout is quicker"));
    m_folds->setObjectName(QStringLiteral("folds"));
    m_folds->setRange(2, 100);
    m_folds->setValue(5);
    m_folds->setToolTip(tr("k: the number of folds"));
    m_repeats->setObjectName(QStringLiteral("repeats"));
    m_repeats->setRange(1, 100);
    m_repeats->setToolTip(tr("Run the k folds this many times, each with a fresh shuffle"));
    m_holdout->setObjectName(QStringLiteral("holdoutFraction"));
    m_holdout->setRange(0.05, 0.95);
    m_holdout->setSingleStep(0.05);
    m_holdout->setValue(0.25);
    m_holdout->setToolTip(tr("The share of rows held out for testing"));
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setDecimals(0);
    m_seed->setRange(0, maxSeed);
    m_seed->setToolTip(tr("Seeds the split and every fit: the same seed gives the same metrics"));
    m_shuffle->setObjectName(QStringLiteral("shuffle"));
    m_shuffle->setChecked(true);
    m_shuffle->setToolTip(tr("Shuffle the rows before cutting folds (needed for repeats)"));
    m_stratify->setObjectName(QStringLiteral("stratify"));
    m_stratify->addItem(tr("Automatic (classes: yes)"), QVariant());
    m_stratify->addItem(tr("Yes"), true);
    m_stratify->addItem(tr("No"), false);
    m_stratify->setToolTip(tr("Keep the class proportions in every fold"));
    auto *foldsRow = new QHBoxLayout;
    foldsRow->addWidget(m_folds);
    auto *repeatsLabel = new QLabel(tr("&repeats:"), this);
    repeatsLabel->setBuddy(m_repeats);
    foldsRow->addWidget(repeatsLabel);
    foldsRow->addWidget(m_repeats);
    foldsRow->addStretch(1);
    auto *seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed);
    seedRow->addWidget(m_shuffle);
    seedRow->addStretch(1);
    auto *evalBox = new QGroupBox(tr("Evaluation"), this);
    auto *evalForm = new QFormLayout(evalBox);
    evalForm->addRow(tr("&Method:"), m_evalMethod);
    auto *foldsLabel = new QLabel(tr("F&olds:"), this);
    foldsLabel->setBuddy(m_folds);
    evalForm->addRow(foldsLabel, foldsRow);
    evalForm->addRow(tr("&Holdout share:"), m_holdout);
    auto *evalSeedLabel = new QLabel(tr("S&eed:"), this);
    evalSeedLabel->setBuddy(m_seed);
    evalForm->addRow(evalSeedLabel, seedRow);
    evalForm->addRow(tr("Strat&ify:"), m_stratify);

    // Sweep.
    m_sweepBox->setObjectName(QStringLiteral("sweep"));
    m_sweepMethod->setObjectName(QStringLiteral("sweepMethod"));
    addChoices(m_sweepMethod,
        {{tr("Grid: every combination"), QStringLiteral("grid")}, {tr("Random search"), QStringLiteral("random")}});
    m_sweepMethod->setToolTip(tr("Grid tries every combination of the swept values; random draws n configurations"));
    m_iterations->setObjectName(QStringLiteral("iterations"));
    m_iterations->setRange(1, 10000);
    m_iterations->setValue(20);
    m_iterations->setToolTip(tr("Random search: how many configurations to draw"));
    m_sweepSeed->setObjectName(QStringLiteral("sweepSeed"));
    m_sweepSeed->setDecimals(0);
    m_sweepSeed->setRange(0, maxSeed);
    m_sweepSeed->setToolTip(tr("Random search: seeds the draws"));
    m_halving->setObjectName(QStringLiteral("halving"));
    m_halving->setToolTip(tr("Score every configuration on a few folds first, and only the best on all of them"));
    m_halvingFactor->setObjectName(QStringLiteral("halvingFactor"));
    m_halvingFactor->setRange(1.1, 100);
    m_halvingFactor->setDecimals(1);
    m_halvingFactor->setValue(3);
    m_halvingFactor->setPrefix(QStringLiteral("÷ "));
    m_halvingFactor->setToolTip(tr("Keep 1/factor of the configurations after each rung"));
    m_halvingMinFolds->setObjectName(QStringLiteral("halvingMinFolds"));
    m_halvingMinFolds->setRange(1, 99);
    m_halvingMinFolds->setSuffix(tr(" fold(s) first"));
    m_halvingMinFolds->setToolTip(tr("Folds every configuration is scored on in the first rung"));
    m_halvingMetric->setObjectName(QStringLiteral("halvingMetric"));
    m_halvingMetric->setToolTip(tr("The metric configurations are ranked by"));
    m_sweepSummary->setObjectName(QStringLiteral("sweepSummary"));
    auto *randomRow = new QHBoxLayout;
    randomRow->addWidget(m_iterations);
    auto *seedLabel = new QLabel(tr("see&d:"), this);
    seedLabel->setBuddy(m_sweepSeed);
    randomRow->addWidget(seedLabel);
    randomRow->addWidget(m_sweepSeed);
    randomRow->addStretch(1);
    auto *halvingRow = new QHBoxLayout;
    halvingRow->addWidget(m_halving);
    halvingRow->addWidget(m_halvingFactor);
    halvingRow->addWidget(m_halvingMinFolds);
    halvingRow->addWidget(m_halvingMetric, 1);
    auto *sweepForm = new QFormLayout(m_sweepBox);
    sweepForm->addRow(tr("Met&hod:"), m_sweepMethod);
    auto *iterationsLabel = new QLabel(tr("Confi&gurations:"), this);
    iterationsLabel->setBuddy(m_iterations);
    sweepForm->addRow(iterationsLabel, randomRow);
    sweepForm->addRow(halvingRow);
    sweepForm->addRow(m_sweepSummary);

    // Name, errors, JSON, buttons.
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("Optional, e.g. baseline"));
    m_name->setToolTip(tr("The run's name (a sweep's runs are named by their values)"));
    m_experiment->setObjectName(QStringLiteral("experiment"));
    m_experiment->setEditable(true);
    m_experiment->setInsertPolicy(QComboBox::NoInsert);
    m_experiment->lineEdit()->setPlaceholderText(tr("Optional: groups runs to compare"));
    // Names are case-sensitive, and an inline completion would silently turn a new
    // name typed as the prefix of an existing one into that one.
    m_experiment->completer()->setCaseSensitivity(Qt::CaseSensitive);
    m_experiment->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_experiment->setToolTip(tr("The experiment the runs join: choose one of the workspace's or type a new name; "
                                "a sweep gets one of its own when empty"));
    auto *nameRow = new QHBoxLayout;
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto *experimentLabel = new QLabel(tr("E&xperiment:"), this);
    experimentLabel->setBuddy(m_experiment);
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_name, 1);
    nameRow->addSpacing(12);
    nameRow->addWidget(experimentLabel);
    nameRow->addWidget(m_experiment, 1);

    m_executeOn->setObjectName(QStringLiteral("executeOn"));
    m_executeOn->addItem(tr("This machine"), QString());
    m_executeOn->setToolTip(tr("Where the runs execute: on this machine, or as one Slurm job array on a cluster "
                               "profile (Edit > Settings > Cluster). On a cluster the workspace and the dataset "
                               "must be on storage the nodes see at the same path."));
    m_executeOn->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *executeOnLabel = new QLabel(tr("Execute &on:"), this);
    executeOnLabel->setBuddy(m_executeOn);
    nameRow->addSpacing(12);
    nameRow->addWidget(executeOnLabel);
    nameRow->addWidget(m_executeOn);

    m_errorLabel->setObjectName(QStringLiteral("validationError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showJson->setObjectName(QStringLiteral("showJson"));
    m_showJson->setText(tr("Show JSON"));
    m_showJson->setCheckable(true);
    m_showJson->setAutoRaise(true);
    m_showJson->setArrowType(Qt::RightArrow);
    m_showJson->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_showJson->setToolTip(tr("Show the run spec this dialog makes (what tandem-cli run reads)"));
    m_json->setObjectName(QStringLiteral("json"));
    m_json->setReadOnly(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setMinimumHeight(100);
    m_json->hide();
    connect(m_showJson, &QToolButton::toggled, this, [this](bool on) {
        m_showJson->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        m_showJson->setText(on ? tr("Hide JSON") : tr("Show JSON"));
        m_json->setVisible(on);
        if (on && isVisible()) {
            // Make room for the JSON rather than squeezing the form.
            const QRect available = screen() ? screen()->availableGeometry() : QRect();
            const int grown = height() + m_json->minimumHeight() + 60;
            resize(width(), available.isValid() ? std::min(grown, available.height() - 40) : grown);
        }
        update();
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_start = buttons->button(QDialogButtonBox::Ok);
    m_start->setText(tr("&Start"));
    m_start->setObjectName(QStringLiteral("start"));
    m_start->setToolTip(tr("Queue the run(s) in the workspace (Ctrl+Return)"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isValid())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *startShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(startShortcut, &QShortcut::activated, this, [this] {
        if (isValid())
            accept();
    });
    auto *startShortcutEnter = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    connect(startShortcutEnter, &QShortcut::activated, startShortcut, &QShortcut::activated);

    auto *left = new QVBoxLayout;
    left->addWidget(dataBox, 1);
    left->addWidget(pipelineBox);
    auto *right = new QVBoxLayout;
    right->addWidget(modelBox, 1);
    right->addWidget(evalBox);
    right->addWidget(m_sweepBox);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_showJson);
    footer->addStretch(1);
    footer->addWidget(buttons);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(columns, 1);
    topLayout->addLayout(nameRow);
    topLayout->addWidget(m_errorLabel);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(m_json);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(footer);

    // Wiring.
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &NewRunDialog::datasetChosen);
    connect(m_target, &QComboBox::currentIndexChanged, this, &NewRunDialog::targetChosen);
    connect(m_task, &QComboBox::currentIndexChanged, this, &NewRunDialog::fillModels);
    connect(m_model, &QComboBox::currentIndexChanged, this, &NewRunDialog::modelChosen);
    connect(m_features, &QListWidget::itemChanged, this, &NewRunDialog::update);
    for (QComboBox *combo : {m_scaling, m_numericImputation, m_categoricalImputation, m_encoding, m_evalMethod,
             m_stratify, m_halvingMetric})
        connect(combo, &QComboBox::currentIndexChanged, this, &NewRunDialog::update);
    connect(m_sweepMethod, &QComboBox::currentIndexChanged, this,
        [this] { m_params->setRandomSearch(m_sweepMethod->currentData().toString() == QLatin1String("random")); });
    for (QSpinBox *spin : {m_folds, m_repeats, m_iterations, m_halvingMinFolds})
        connect(spin, &QSpinBox::valueChanged, this, &NewRunDialog::update);
    for (QDoubleSpinBox *spin : {m_holdout, m_seed, m_sweepSeed, m_halvingFactor})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &NewRunDialog::update);
    for (QCheckBox *check : {m_shuffle, m_halving})
        connect(check, &QCheckBox::toggled, this, &NewRunDialog::update);
    connect(m_name, &QLineEdit::textChanged, this, &NewRunDialog::update);
    connect(m_experiment, &QComboBox::editTextChanged, this, &NewRunDialog::update);
    connect(m_executeOn, &QComboBox::currentIndexChanged, this, &NewRunDialog::update);
    connect(m_params, &ParamForm::changed, this, &NewRunDialog::update);
    if (m_loader) {
        connect(m_loader, &DatasetLoader::loaded, this, [this](const QString &path) {
            if (path != m_dataset->currentData().toString())
                return;
            if (auto loaded = m_loader->result(path))
                addDataset(path, loaded->dataset);
        });
        connect(m_loader, &DatasetLoader::failed, this, [this](const QString &path, const QString &message) {
            if (path == m_dataset->currentData().toString())
                m_datasetStatus->setText(tr("Cannot read the columns: %1").arg(message));
        });
    }

    fillModels();
    datasetChosen();
    resize(1120, 780);
}

NewRunDialog::~NewRunDialog() = default;

void NewRunDialog::setDatasets(const QStringList &paths)
{
    const QString current = m_dataset->currentData().toString();
    const QSignalBlocker blocker(m_dataset);
    m_dataset->clear();
    for (const QString &path : paths) {
        m_dataset->addItem(QFileInfo(path).fileName(), path);
        m_dataset->setItemData(m_dataset->count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    const int index = m_dataset->findData(current);
    m_dataset->setCurrentIndex(index >= 0 ? index : (paths.isEmpty() ? -1 : 0));
    datasetChosen();
}

void NewRunDialog::addDataset(const QString &path, std::shared_ptr<const Data::Dataset> dataset)
{
    m_datasets.insert(path, std::move(dataset));
    if (m_dataset->findData(path) < 0) {
        m_dataset->addItem(QFileInfo(path).fileName(), path);
        m_dataset->setItemData(m_dataset->count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    if (m_dataset->count() == 1 || m_dataset->currentData().toString() == path) {
        QStringList checked;
        for (int i = 0; i < m_features->count(); ++i) {
            if (m_features->item(i)->checkState() == Qt::Checked)
                checked << m_features->item(i)->text();
        }
        if (m_dataset->currentData().toString() != path)
            setCurrentDataset(path);
        else
            fillColumns(checked, m_target->currentText());
    }
}

void NewRunDialog::setCurrentDataset(const QString &path)
{
    int index = m_dataset->findData(path);
    if (index < 0) {
        m_dataset->addItem(QFileInfo(path).fileName(), path);
        index = m_dataset->count() - 1;
        m_dataset->setItemData(index, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    }
    if (index == m_dataset->currentIndex())
        datasetChosen();
    else
        m_dataset->setCurrentIndex(index);
}

void NewRunDialog::setExperiments(const QList<Store::Experiment> &experiments)
{
    const QString typed = m_experiment->currentText();
    const QSignalBlocker blocker(m_experiment);
    m_experiment->clear();
    for (auto it = experiments.crbegin(); it != experiments.crend(); ++it) {
        m_experiment->addItem(it->name);
        m_experiment->setItemData(m_experiment->count() - 1,
            it->description.isEmpty()
                ? countOf(it->runCount, tr("run"), tr("runs"))
                : tr("%1 (%2)").arg(it->description, countOf(it->runCount, tr("run"), tr("runs"))),
            Qt::ToolTipRole);
    }
    // Offered, not chosen: the field stays as it was (empty: no experiment).
    m_experiment->setCurrentIndex(-1);
    m_experiment->setEditText(typed);
}

QStringList NewRunDialog::offeredExperiments() const
{
    QStringList names;
    for (int i = 0; i < m_experiment->count(); ++i)
        names << m_experiment->itemText(i);
    return names;
}

void NewRunDialog::datasetChosen()
{
    const QString path = m_dataset->currentData().toString();
    if (!path.isEmpty() && !m_datasets.contains(path) && m_loader) {
        if (auto loaded = m_loader->result(path))
            m_datasets.insert(path, loaded->dataset);
        else
            m_loader->request(path);
    }
    fillColumns({}, {});
}

void NewRunDialog::fillColumns(const QStringList &keepChecked, const QString &keepTarget)
{
    const QString path = m_dataset->currentData().toString();
    const auto dataset = m_datasets.value(path);
    const bool wasUpdating = m_updating;
    m_updating = true;
    QStringList columns;
    QHash<QString, Data::ColumnType> types;
    if (dataset) {
        for (qsizetype i = 0; i < dataset->columnCount(); ++i) {
            columns << dataset->column(i).name();
            types.insert(columns.last(), dataset->column(i).type());
        }
        m_datasetStatus->setText(
            tr("%1 rows, %2 columns").arg(QLocale().toString(dataset->rowCount())).arg(dataset->columnCount()));
    } else {
        columns = keepChecked;
        if (!keepTarget.isEmpty() && !columns.contains(keepTarget))
            columns << keepTarget;
        if (path.isEmpty())
            m_datasetStatus->setText(tr("Open a dataset first (File > Open Dataset…)"));
        else if (m_loader && m_loader->isLoading(path))
            m_datasetStatus->setText(tr("Reading the columns…"));
        else if (m_loader && !m_loader->error(path).isEmpty())
            m_datasetStatus->setText(tr("Cannot read the columns: %1").arg(m_loader->error(path)));
        else
            m_datasetStatus->setText(tr("The columns are not known until the dataset is loaded"));
    }

    {
        const QSignalBlocker blocker(m_target);
        m_target->clear();
        for (const QString &column : std::as_const(columns)) {
            m_target->addItem(column, column);
            if (types.contains(column))
                m_target->setItemData(
                    m_target->count() - 1, Data::columnTypeName(types.value(column)), Qt::ToolTipRole);
        }
        QString target = keepTarget;
        if (target.isEmpty() || !columns.contains(target)) {
            // By convention the last column that can be predicted.
            target.clear();
            for (auto it = columns.crbegin(); it != columns.crend(); ++it) {
                if (types.value(*it, Data::ColumnType::Numeric) != Data::ColumnType::Text) {
                    target = *it;
                    break;
                }
            }
        }
        m_target->setCurrentIndex(m_target->findData(target));
    }

    {
        const QSignalBlocker blocker(m_features);
        m_features->clear();
        for (const QString &column : std::as_const(columns)) {
            auto *item = new QListWidgetItem(column, m_features);
            const bool text = types.value(column, Data::ColumnType::Numeric) == Data::ColumnType::Text;
            item->setFlags(text ? Qt::ItemIsUserCheckable : Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
            const bool checked = !text && (keepChecked.isEmpty() || keepChecked.contains(column));
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            item->setToolTip(text ? tr("%1: a text column, which cannot be a feature").arg(column)
                                  : (types.contains(column) ? Data::columnTypeName(types.value(column)) : QString()));
            item->setHidden(column == m_target->currentText());
        }
    }
    m_updating = wasUpdating;
    targetChosen();
}

void NewRunDialog::targetChosen()
{
    const QString target = m_target->currentText();
    const bool wasUpdating = m_updating;
    m_updating = true;
    {
        const QSignalBlocker blocker(m_features);
        for (int i = 0; i < m_features->count(); ++i) {
            QListWidgetItem *item = m_features->item(i);
            if (item->isHidden() && item->text() != target && (item->flags() & Qt::ItemIsEnabled))
                item->setCheckState(Qt::Checked); // the former target becomes a feature again
            item->setHidden(item->text() == target);
        }
    }
    const QString path = m_dataset->currentData().toString();
    const auto dataset = m_datasets.value(path);
    qsizetype column = -1;
    if (dataset) {
        for (qsizetype i = 0; i < dataset->columnCount(); ++i) {
            if (dataset->column(i).name() == target)
                column = i;
        }
    }
    if (column >= 0) {
        QString detail;
        const Learn::Task task = inferTask(*dataset, column, &detail);
        m_taskDetail->setText(tr("inferred: %1").arg(detail));
        selectData(m_task, int(task));
    } else {
        m_taskDetail->setText(target.isEmpty() ? QString() : tr("choose the task (the data is not loaded)"));
    }
    m_updating = wasUpdating;
    update();
}

Learn::Task NewRunDialog::inferTask(const Data::Dataset &dataset, qsizetype index, QString *detail)
{
    const Data::Column &column = dataset.column(index);
    QString why;
    Learn::Task task = Learn::Task::Regression;
    switch (column.type()) {
    case Data::ColumnType::Categorical:
        task = Learn::Task::Classification;
        why = tr("categorical, %1").arg(countOf(column.categories().size(), tr("class"), tr("classes")));
        break;
    case Data::ColumnType::Boolean:
        task = Learn::Task::Classification;
        why = tr("boolean");
        break;
    case Data::ColumnType::Text:
        task = Learn::Task::Classification;
        why = tr("text");
        break;
    case Data::ColumnType::DateTime: why = tr("date-time"); break;
    case Data::ColumnType::Integer:
    case Data::ColumnType::Numeric: {
        const bool integer = column.type() == Data::ColumnType::Integer;
        std::unordered_set<double> distinct;
        const qint64 rows = std::min(column.size(), inferenceRows);
        bool whole = true;
        for (qint64 row = 0; row < rows && whole && qsizetype(distinct.size()) <= maxInferredClasses; ++row) {
            if (column.isMissing(row))
                continue;
            const double value = column.toDouble(row);
            whole = value == std::round(value);
            distinct.insert(value);
        }
        if (whole && qsizetype(distinct.size()) <= maxInferredClasses) {
            task = Learn::Task::Classification;
            why = tr("%1 with %2")
                      .arg(integer ? tr("integers") : tr("whole numbers"),
                          countOf(qint64(distinct.size()), tr("distinct value"), tr("distinct values")));
        } else {
            why = integer ? tr("integers with many values") : tr("numbers");
        }
        break;
    }
    }
    if (detail)
        *detail = why;
    return task;
}

std::optional<Learn::Task> NewRunDialog::task() const
{
    const int value = m_task->currentData().toInt();
    if (value == anyTask)
        return std::nullopt;
    return Learn::Task(value);
}

QString NewRunDialog::taskText() const
{
    return m_task->currentText() + QStringLiteral(" — ") + m_taskDetail->text();
}

void NewRunDialog::fillModels()
{
    const QString current = currentModelId();
    auto *model = static_cast<QStandardItemModel *>(m_model->model());
    const QSignalBlocker blocker(m_model);
    model->clear();
    const std::optional<Learn::Task> filter = task();
    int select = -1;
    for (const Learn::Task group : {Learn::Task::Classification, Learn::Task::Regression}) {
        if (filter && *filter != group)
            continue;
        auto *header
            = new QStandardItem(group == Learn::Task::Classification ? tr("Classification") : tr("Regression"));
        header->setFlags(Qt::NoItemFlags);
        QFont bold = font();
        bold.setBold(true);
        header->setFont(bold);
        model->appendRow(header);
        for (const Learn::ModelInfo &info : Learn::Registry::instance().models(group)) {
            auto *item = new QStandardItem(QStringLiteral("   ") + info.displayName);
            item->setData(info.id, Qt::UserRole);
            item->setToolTip(modelTooltip(info));
            model->appendRow(item);
            if (info.id == current || (select < 0 && current.isEmpty()))
                select = model->rowCount() - 1;
        }
    }
    if (select < 0) // the former family is of another task: the first of this one
        select = model->rowCount() > 1 ? 1 : -1;
    m_model->setCurrentIndex(select);
    if (currentModelId() != current)
        modelChosen();
    else
        update();
}

QStringList NewRunDialog::offeredModels() const
{
    QStringList ids;
    for (int i = 0; i < m_model->count(); ++i) {
        const QString id = m_model->itemData(i, Qt::UserRole).toString();
        if (!id.isEmpty())
            ids << id;
    }
    return ids;
}

QString NewRunDialog::currentModelId() const
{
    return m_model->currentData(Qt::UserRole).toString();
}

void NewRunDialog::modelChosen()
{
    const QString id = currentModelId();
    const Learn::ModelInfo *info = Learn::Registry::instance().find(id);
    const bool wasUpdating = m_updating;
    m_updating = true;
    if (!info) {
        m_params->setSpecs({});
        m_modelSummary->clear();
        m_model->setToolTip(tr("The model family to train"));
    } else {
        m_params->setSpecs(info->create()->params());
        // Wide enough for the widest row (a sweep range) and the scroll bar. Rows added
        // to a visible form are shown (and counted by its layout) a little later.
        const auto fitParams = [this] {
            m_paramScroll->setMinimumWidth(m_params->minimumSizeHint().width()
                + m_paramScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);
        };
        fitParams();
        QTimer::singleShot(0, this, fitParams);
        m_modelSummary->setText(info->summary);
        m_model->setToolTip(modelTooltip(*info));
    }
    const QJsonObject previous = m_lastDefaultPipeline;
    applyPipelineDefaults(previous);
    m_halvingMetric->clear();
    m_halvingMetric->addItem(tr("headline metric"), QString());
    m_halvingMetric->addItems(Runs::halvingMetrics(info ? std::optional(info->task) : std::nullopt));
    for (int i = 1; i < m_halvingMetric->count(); ++i)
        m_halvingMetric->setItemData(i, m_halvingMetric->itemText(i));
    m_updating = wasUpdating;
    update();
}

QJsonObject NewRunDialog::currentDefaultPipeline() const
{
    const Learn::ModelInfo *info = Learn::Registry::instance().find(currentModelId());
    return info ? Learn::defaultPipeline(*info).toJson() : Learn::PipelineSpec().toJson();
}

void NewRunDialog::applyPipelineDefaults(const QJsonObject &previousDefault)
{
    // Fields the user left at the former family's default follow the new family.
    const QJsonObject defaults = currentDefaultPipeline();
    const bool wasUpdating = m_updating;
    m_updating = true;
    for (const auto &[combo, key] :
        {std::pair {m_scaling, keyScaling}, std::pair {m_numericImputation, keyNumericImputation},
            std::pair {m_categoricalImputation, keyCategoricalImputation}, std::pair {m_encoding, keyEncoding}}) {
        if (previousDefault.isEmpty() || combo->currentData().toString() == previousDefault.value(key).toString())
            selectData(combo, defaults.value(key).toString());
    }
    m_lastDefaultPipeline = defaults;
    m_updating = wasUpdating;
    update();
}

QJsonObject NewRunDialog::pipelineJson() const
{
    const QJsonObject defaults = currentDefaultPipeline();
    QJsonObject json;
    for (const auto &[combo, key] :
        {std::pair {m_scaling, keyScaling}, std::pair {m_numericImputation, keyNumericImputation},
            std::pair {m_categoricalImputation, keyCategoricalImputation}, std::pair {m_encoding, keyEncoding}}) {
        const QString value = combo->currentData().toString();
        if (value != defaults.value(key).toString())
            json.insert(key, value);
    }
    return json;
}

void NewRunDialog::setClusterProfiles(const QStringList &names)
{
    const QString chosen = executeOn();
    const QSignalBlocker blocker(m_executeOn);
    while (m_executeOn->count() > 1)
        m_executeOn->removeItem(1);
    for (const QString &name : names) {
        m_executeOn->addItem(tr("Slurm: %1").arg(name), name);
        m_executeOn->setItemData(m_executeOn->count() - 1,
            tr("Submit the runs to Slurm cluster profile %1 as one job array. The workspace and the dataset must "
               "be on storage the cluster's nodes see at the same path.")
                .arg(name),
            Qt::ToolTipRole);
    }
    m_executeOn->setCurrentIndex(std::max(0, m_executeOn->findData(chosen)));
    update();
}

QString NewRunDialog::executeOn() const
{
    return m_executeOn->currentData().toString();
}

void NewRunDialog::setExecuteOn(const QString &name)
{
    if (const int index = m_executeOn->findData(name); index >= 0)
        m_executeOn->setCurrentIndex(index);
}

QJsonObject NewRunDialog::spec() const
{
    QJsonObject json {{QStringLiteral("version"), Runs::RunSpec::formatVersion}};
    if (!m_name->text().trimmed().isEmpty())
        json.insert(QStringLiteral("name"), m_name->text().trimmed());
    if (!m_experiment->currentText().trimmed().isEmpty())
        json.insert(QStringLiteral("experiment"), m_experiment->currentText().trimmed());
    const QString path = m_dataset->currentData().toString();
    if (!path.isEmpty()) {
        QJsonObject dataset {{QStringLiteral("path"), path}};
        if (path == m_pinnedPath && !m_pinnedFingerprint.isEmpty())
            dataset.insert(QStringLiteral("fingerprint"), m_pinnedFingerprint);
        json.insert(QStringLiteral("dataset"), dataset);
    }
    const QString target = m_target->currentText();
    if (!target.isEmpty())
        json.insert(QStringLiteral("target"), target);
    QJsonArray features;
    for (int i = 0; i < m_features->count(); ++i) {
        const QListWidgetItem *item = m_features->item(i);
        if (!item->isHidden() && item->checkState() == Qt::Checked)
            features.append(item->text());
    }
    if (!features.isEmpty())
        json.insert(QStringLiteral("features"), features);
    const QJsonObject pipeline = pipelineJson();
    if (!pipeline.isEmpty())
        json.insert(QStringLiteral("pipeline"), pipeline);

    const QString modelId = currentModelId();
    if (!modelId.isEmpty()) {
        QJsonObject model {{QStringLiteral("id"), modelId}};
        const QJsonObject params = m_params->values();
        if (!params.isEmpty())
            model.insert(QStringLiteral("params"), params);
        json.insert(QStringLiteral("model"), model);
    }

    QJsonObject evaluation;
    const bool kfold = m_evalMethod->currentData().toString() == QLatin1String("kfold");
    evaluation.insert(QStringLiteral("method"), m_evalMethod->currentData().toString());
    if (kfold) {
        evaluation.insert(QStringLiteral("folds"), m_folds->value());
        evaluation.insert(QStringLiteral("repeats"), m_repeats->value());
    } else {
        evaluation.insert(QStringLiteral("holdout_fraction"), m_holdout->value());
    }
    evaluation.insert(QStringLiteral("shuffle"), m_shuffle->isChecked());
    if (m_stratify->currentData().isValid())
        evaluation.insert(QStringLiteral("stratify"), m_stratify->currentData().toBool());
    evaluation.insert(QStringLiteral("seed"), qint64(m_seed->value()));
    json.insert(QStringLiteral("evaluation"), evaluation);

    const QJsonObject swept = m_params->sweepParams();
    if (!swept.isEmpty()) {
        const bool random = m_sweepMethod->currentData().toString() == QLatin1String("random");
        QJsonObject sweep {
            {QStringLiteral("method"), m_sweepMethod->currentData().toString()}, {QStringLiteral("params"), swept}};
        if (random) {
            sweep.insert(QStringLiteral("n_iter"), m_iterations->value());
            sweep.insert(QStringLiteral("seed"), qint64(m_sweepSeed->value()));
        }
        if (m_halving->isChecked()) {
            QJsonObject halving {{QStringLiteral("factor"), m_halvingFactor->value()},
                {QStringLiteral("min_folds"), m_halvingMinFolds->value()}};
            if (!m_halvingMetric->currentData().toString().isEmpty())
                halving.insert(QStringLiteral("metric"), m_halvingMetric->currentData().toString());
            sweep.insert(QStringLiteral("halving"), halving);
        }
        json.insert(QStringLiteral("sweep"), sweep);
    }
    return json;
}

void NewRunDialog::setSpec(const QJsonObject &json)
{
    m_updating = true;
    m_name->setText(json.value(QStringLiteral("name")).toString());
    m_experiment->setEditText(json.value(QStringLiteral("experiment")).toString());

    const QJsonObject dataset = json.value(QStringLiteral("dataset")).toObject();
    const QString path = dataset.value(QStringLiteral("path")).toString();
    m_pinnedPath = path;
    m_pinnedFingerprint = dataset.value(QStringLiteral("fingerprint")).toString();
    QStringList features;
    for (const QJsonValue &value : json.value(QStringLiteral("features")).toArray())
        features << value.toString();
    const QString target = json.value(QStringLiteral("target")).toString();
    if (!path.isEmpty()) {
        const QSignalBlocker blocker(m_dataset);
        setCurrentDataset(path);
    }
    if (!m_datasets.contains(path) && m_loader && !path.isEmpty() && !m_loader->isLoading(path))
        m_loader->request(path);
    fillColumns(features, target);

    const QJsonObject model = json.value(QStringLiteral("model")).toObject();
    const QString modelId = model.value(QStringLiteral("id")).toString();
    if (const Learn::ModelInfo *info = Learn::Registry::instance().find(modelId)) {
        if (task() && *task() != info->task)
            selectData(m_task, int(info->task));
        for (int i = 0; i < m_model->count(); ++i) {
            if (m_model->itemData(i, Qt::UserRole).toString() == modelId)
                m_model->setCurrentIndex(i);
        }
    }
    m_params->setSpecs(m_params->specs()); // every field back to its default
    m_params->setValues(model.value(QStringLiteral("params")).toObject().toVariantMap());

    const QJsonObject defaults = currentDefaultPipeline();
    const QJsonObject pipeline = json.value(QStringLiteral("pipeline")).toObject();
    for (const auto &[combo, key] :
        {std::pair {m_scaling, keyScaling}, std::pair {m_numericImputation, keyNumericImputation},
            std::pair {m_categoricalImputation, keyCategoricalImputation}, std::pair {m_encoding, keyEncoding}})
        selectData(combo, pipeline.value(key).toString(defaults.value(key).toString()));

    const QJsonObject evaluation = json.value(QStringLiteral("evaluation")).toObject();
    selectData(m_evalMethod, evaluation.value(QStringLiteral("method")).toString(QStringLiteral("kfold")));
    m_folds->setValue(evaluation.value(QStringLiteral("folds")).toInt(5));
    m_repeats->setValue(evaluation.value(QStringLiteral("repeats")).toInt(1));
    m_holdout->setValue(evaluation.value(QStringLiteral("holdout_fraction")).toDouble(0.25));
    m_shuffle->setChecked(evaluation.value(QStringLiteral("shuffle")).toBool(true));
    const QJsonValue stratify = evaluation.value(QStringLiteral("stratify"));
    m_stratify->setCurrentIndex(stratify.isBool() ? (stratify.toBool() ? 1 : 2) : 0);
    m_seed->setValue(evaluation.value(QStringLiteral("seed")).toDouble(0));

    const QJsonObject sweep = json.value(QStringLiteral("sweep")).toObject();
    selectData(m_sweepMethod, sweep.value(QStringLiteral("method")).toString(QStringLiteral("grid")));
    m_iterations->setValue(sweep.value(QStringLiteral("n_iter")).toInt(20));
    m_sweepSeed->setValue(sweep.value(QStringLiteral("seed")).toDouble(0));
    const QJsonObject halving = sweep.value(QStringLiteral("halving")).toObject();
    m_halving->setChecked(sweep.contains(QStringLiteral("halving")));
    m_halvingFactor->setValue(halving.value(QStringLiteral("factor")).toDouble(3));
    m_halvingMinFolds->setValue(halving.value(QStringLiteral("min_folds")).toInt(1));
    selectData(m_halvingMetric, halving.value(QStringLiteral("metric")).toString());
    m_params->setSweepParams(sweep.value(QStringLiteral("params")).toObject());
    m_updating = false;
    update();
}

void NewRunDialog::update()
{
    if (m_updating)
        return;
    const bool kfold = m_evalMethod->currentData().toString() == QLatin1String("kfold");
    m_folds->setEnabled(kfold);
    m_repeats->setEnabled(kfold);
    m_holdout->setEnabled(!kfold);
    const bool swept = !m_params->sweepParams().isEmpty();
    const bool random = m_sweepMethod->currentData().toString() == QLatin1String("random");
    m_sweepBox->setEnabled(swept);
    m_iterations->setEnabled(random);
    m_sweepSeed->setEnabled(random);
    for (QWidget *widget : {static_cast<QWidget *>(m_halvingFactor), static_cast<QWidget *>(m_halvingMinFolds),
             static_cast<QWidget *>(m_halvingMetric)})
        widget->setEnabled(m_halving->isChecked());

    int checked = 0;
    int offered = 0;
    for (int i = 0; i < m_features->count(); ++i) {
        const QListWidgetItem *item = m_features->item(i);
        if (item->isHidden() || !(item->flags() & Qt::ItemIsEnabled))
            continue;
        ++offered;
        checked += item->checkState() == Qt::Checked ? 1 : 0;
    }
    m_featureCount->setText(tr("%1 of %2 columns").arg(checked).arg(offered));

    const QJsonObject json = spec();
    const auto parsed = Runs::RunSpec::fromJson(json);
    QString summary;
    if (!parsed.ok()) {
        m_error = parsed.error().message;
    } else if (offered > 0 && checked == 0) {
        m_error = tr("features: choose at least one feature column");
    } else {
        m_error.clear();
        if (parsed->sweep) {
            const auto configurations = Runs::expandSweep(parsed.value());
            if (configurations.ok())
                summary = countOf(configurations->size(), tr("run"), tr("runs"));
            else
                m_error = configurations.error().message;
        } else {
            summary = tr("1 run");
        }
    }
    // A parameter's own message is the clearest when the form has one.
    if (!m_error.isEmpty() && !m_params->firstError().isEmpty())
        m_error = m_params->firstError();
    if (m_error.isEmpty() && swept && m_halving->isChecked() && !executeOn().isEmpty())
        m_error = tr("execute on: successive halving runs on this machine only; turn it off or choose This "
                     "machine");
    if (m_error.isEmpty() && !executeOn().isEmpty())
        summary = tr("%1 on Slurm cluster %2").arg(summary, executeOn());

    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText,
        m_error.isEmpty() ? this->palette().color(QPalette::PlaceholderText) : QColor(0xd3, 0x2f, 0x2f));
    m_errorLabel->setPalette(palette);
    const QString ready = executeOn().isEmpty()
        ? tr("Ready to start %1.").arg(summary)
        : tr("Ready to start %1 (the workspace and the dataset must be on storage its nodes share).").arg(summary);
    m_errorLabel->setText(m_error.isEmpty() ? ready : m_error);
    m_sweepSummary->setText(swept ? (summary.isEmpty() ? QString() : tr("This sweep makes %1.").arg(summary))
                                  : tr("Turn on Sweep next to a hyperparameter to vary it."));
    m_start->setEnabled(m_error.isEmpty());
    const QString modelName = m_model->currentText().trimmed();
    m_pipelineNote->setText(pipelineJson().isEmpty() ? tr("Defaults for %1").arg(modelName)
                                                     : tr("Changed from the defaults for %1").arg(modelName));
    if (m_showJson->isChecked())
        m_json->setPlainText(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
}

} // namespace Tandem::Ui
