// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/learn/Task.h"
#include "core/store/RunRecord.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;
class QGroupBox;
class QScrollArea;

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Ui {

class DatasetLoader;
class ParamForm;

/// Runs > New Run…: sets up a run or a sweep and produces its RunSpec JSON
/// (spec()). Dataset, target (the task inferred from it), features, preprocessing
/// (the model family's defaults), model family (filtered by the task), a
/// hyperparameter form generated from the family's ParamSpecs with per-parameter
/// sweeps, evaluation and the sweep's method, name and experiment.
///
/// Validation is live: Start is enabled only while RunSpec::fromJson accepts the
/// document, and its first error is shown under the form. The dialog launches
/// nothing: whoever opened it runs spec() (RunLauncher).
class NewRunDialog : public QDialog
{
    Q_OBJECT
public:
    /// `loader` (optional) gives the columns of datasets not passed to addDataset:
    /// choosing one requests it and the columns appear once it is loaded.
    explicit NewRunDialog(DatasetLoader *loader = nullptr, QWidget *parent = nullptr);
    ~NewRunDialog() override;

    /// The datasets to choose from (absolute paths), such as the workspace's.
    void setDatasets(const QStringList &paths);
    /// Adds (or updates) a dataset whose columns are known.
    void addDataset(const QString &path, std::shared_ptr<const Data::Dataset> dataset);
    /// Chooses the dataset `path` (added to the list when missing).
    void setCurrentDataset(const QString &path);
    /// The workspace's experiments (ExperimentStore::experiments()), offered by the
    /// editable Experiment field, newest first; a new name may still be typed.
    void setExperiments(const QList<Store::Experiment> &experiments);
    /// The experiment names offered, in order.
    QStringList offeredExperiments() const;

    /// The Slurm cluster profiles (their names) offered under "Execute on" besides
    /// this machine, which stays the default.
    void setClusterProfiles(const QStringList &names);
    /// Where the runs are to execute: empty for this machine, else the name of the
    /// cluster profile chosen.
    QString executeOn() const;
    /// Chooses the profile `name` (empty: this machine); an unknown name is ignored.
    void setExecuteOn(const QString &name);

    /// The run document as the controls describe it.
    QJsonObject spec() const;
    /// Fills the controls from `spec` (for "Duplicate and edit"); keys the dialog
    /// has no control for are dropped.
    void setSpec(const QJsonObject &spec);

    /// Whether RunSpec::fromJson accepts spec(); the first error otherwise.
    bool isValid() const { return m_error.isEmpty(); }
    QString validationError() const { return m_error; }
    /// The task the model list is filtered by (inferred from the target, or chosen).
    std::optional<Learn::Task> task() const;
    /// The model ids the family combo offers, in order.
    QStringList offeredModels() const;
    /// "classification: categorical, 3 classes" — how the task was inferred.
    QString taskText() const;

    ParamForm *paramForm() const { return m_params; }
    QPushButton *startButton() const { return m_start; }

    /// Infers the task of target column `column`: classes for categorical, boolean
    /// and text columns and for integers with few distinct values (looking at the
    /// first rows only, so that it stays quick); regression otherwise. `detail`
    /// receives the reason.
    static Learn::Task inferTask(const Data::Dataset &dataset, qsizetype column, QString *detail = nullptr);

private:
    void datasetChosen();
    void fillColumns(const QStringList &keepChecked, const QString &keepTarget);
    void targetChosen();
    void fillModels();
    void modelChosen();
    void applyPipelineDefaults(const QJsonObject &previousDefault);
    void evaluationChanged();
    void update();
    QString currentModelId() const;
    QJsonObject pipelineJson() const;
    QJsonObject currentDefaultPipeline() const;

    DatasetLoader *m_loader;
    QHash<QString, std::shared_ptr<const Data::Dataset>> m_datasets;
    /// A fingerprint from setSpec, kept while its dataset stays chosen.
    QString m_pinnedPath;
    QString m_pinnedFingerprint;
    bool m_updating = false;

    QComboBox *m_dataset;
    QLabel *m_datasetStatus;
    QComboBox *m_target;
    QComboBox *m_task;
    QLabel *m_taskDetail;
    QListWidget *m_features;
    QLabel *m_featureCount;

    QComboBox *m_scaling;
    QComboBox *m_numericImputation;
    QComboBox *m_categoricalImputation;
    QComboBox *m_encoding;
    QLabel *m_pipelineNote;

    QComboBox *m_model;
    QLabel *m_modelSummary;
    QScrollArea *m_paramScroll = nullptr;
    ParamForm *m_params;

    QComboBox *m_evalMethod;
    QSpinBox *m_folds;
    QSpinBox *m_repeats;
    QDoubleSpinBox *m_holdout;
    QDoubleSpinBox *m_seed;
    QCheckBox *m_shuffle;
    QComboBox *m_stratify;

    QGroupBox *m_sweepBox;
    QComboBox *m_sweepMethod;
    QSpinBox *m_iterations;
    QDoubleSpinBox *m_sweepSeed;
    QCheckBox *m_halving;
    QDoubleSpinBox *m_halvingFactor;
    QSpinBox *m_halvingMinFolds;
    QComboBox *m_halvingMetric;
    QLabel *m_sweepSummary;

    QLineEdit *m_name;
    QComboBox *m_experiment;
    QComboBox *m_executeOn;
    QLabel *m_errorLabel;
    QToolButton *m_showJson;
    QPlainTextEdit *m_json;
    QPushButton *m_start;
    QString m_error;
    QJsonObject m_lastDefaultPipeline;
};

} // namespace Tandem::Ui
