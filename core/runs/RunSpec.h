// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Progress.h"
#include "core/base/Result.h"
#include "core/data/LoadReport.h"
#include "core/eval/CrossValidation.h"
#include "core/learn/ParamSpec.h"
#include "core/learn/preprocess/PipelineSpec.h"
#include "core/runs/SweepSpec.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Learn {
struct ModelInfo;
}

namespace Tandem::Runs {

/// Everything a run needs to be repeated: which data, which columns, which
/// preprocessing and model, how it is evaluated, and optionally which
/// hyperparameters a sweep varies. The same spec on data with the same fingerprint
/// gives the same metrics, whatever the thread count (evaluationSpec(threads)).
///
/// JSON (snake_case keys; every key but dataset, target and model may be left out):
/// ```
/// { "version": 1, "name": "...", "experiment": "...",
///   "dataset": {"path": "../samples/iris.csv", "fingerprint": "<sha-256 hex>"},
///   "target": "species", "features": ["sepal_length", ...],
///   "pipeline": {"scaling": "minmax", ...},          // PipelineSpec keys
///   "model": {"id": "logreg", "params": {"C": 1.0}},
///   "evaluation": {"method": "kfold"|"holdout", "folds": 5, "repeats": 1,
///                  "holdout_fraction": 0.25, "shuffle": true, "stratify": true,
///                  "seed": 0, "importance_repeats": 0},
///   "sweep": {...} }                                 // SweepSpec
/// ```
/// - `dataset.path`: a relative path is relative to the folder of the spec file
///   (baseDirectory), so a spec and its data move together.
/// - `dataset.fingerprint`: Data::Dataset::fingerprint(); when given, data with
///   another fingerprint is refused (checkDataset), naming both.
/// - `features`: absent or empty, every column but the target (text columns left out).
/// - `pipeline`: absent, the model family's Learn::defaultPipeline; present, the
///   keys given replace those of the default (so {"scaling": "minmax"} changes only
///   the scaling). Its target, features and task come from the spec and the model:
///   they may be left out, and must agree when given.
/// - `model.params`: the fixed hyperparameters; those left out take the family's
///   defaults. A sweep's values replace them.
/// - `evaluation.seed`: seeds the split and every fit (JSON numbers carry integers
///   exactly up to 2^53, the largest seed allowed).
///
/// fromJson checks everything that does not need the data, and its errors name
/// the field ("evaluation.folds must be an integer >= 2, got 1"; "unknown key
/// model.parms (allowed in model: id, params)"). toJson gives JSON that fromJson
/// reads back into an equal spec.
struct RunSpec {
    /// The `version` this code writes; larger versions are refused.
    static constexpr int formatVersion = 1;

    QString name;
    QString experiment;
    /// As written in the spec: absolute, or relative to baseDirectory.
    QString datasetPath;
    /// Lowercase hex SHA-256; empty when the spec does not pin the data.
    QString datasetFingerprint;
    QString target;
    QStringList features;
    /// Present when the spec has a `pipeline`: the resolved spec (family default
    /// with the given keys), target and features empty (they are the spec's own).
    std::optional<Learn::PipelineSpec> pipeline;
    QString modelId;
    /// The given hyperparameters, typed (qint64, double, QString, bool).
    Learn::ParamValues params;
    /// threads is not part of a spec (results do not depend on it): always 1 here.
    Eval::EvaluationSpec evaluation;
    std::optional<SweepSpec> sweep;

    /// Where relative dataset paths start: the spec file's folder. Not saved.
    QString baseDirectory;

    static Base::Result<RunSpec> fromJson(const QJsonObject &json, const QString &baseDirectory = {});
    /// Parses JSON text; syntax errors carry `fileName`, line and column.
    static Base::Result<RunSpec> parse(
        const QByteArray &text, const QString &baseDirectory = {}, const QString &fileName = {});
    /// Reads a spec file; its folder becomes baseDirectory, and errors name the file.
    static Base::Result<RunSpec> load(const QString &path);

    QJsonObject toJson() const;

    /// The model family, or null for an id the Registry does not know (only a spec
    /// built by hand can have one: fromJson refuses it).
    const Learn::ModelInfo *model() const;
    /// The family's hyperparameter schemas (empty for an unknown model).
    QList<Learn::ParamSpec> paramSpecs() const;
    /// datasetPath made absolute against baseDirectory (the current directory when
    /// there is none).
    QString resolvedDatasetPath() const;
    /// The pipeline crossValidate takes: `pipeline` or the family's default, with
    /// the spec's target and features and the model's task.
    Learn::PipelineSpec pipelineSpec() const;
    /// The evaluation crossValidate takes, with a thread budget per fit.
    Eval::EvaluationSpec evaluationSpec(int threads = 1) const;

    /// Checks data against the spec: the fingerprint when pinned (the error names
    /// both), the target and feature columns. `source` names the data in messages
    /// (a path, also when it replaces the spec's own, as `--data` does).
    Base::Status checkDataset(const Data::Dataset &dataset, const QString &source = {}) const;
    /// Reads resolvedDatasetPath() and checks it with checkDataset.
    Base::Result<Data::LoadedDataset> loadDataset(const Base::Progress &progress) const;

    /// What decides which rows land in which fold, as one string: the data (its
    /// fingerprint), the target (rows with a missing target are left out, and its
    /// classes stratify), and the evaluation's method, folds and repeats or holdout
    /// fraction, stratification (its default resolved by the model's task), shuffling,
    /// and the seed when it shuffles. Runs with equal keys were evaluated on the same
    /// train/test splits, so their per-fold scores and predictions pair up (paired
    /// significance tests); features, pipeline and model do not matter. Empty when
    /// the splits cannot be known: no fingerprint, or a model the Registry does not know.
    QString splitsKey() const;

    friend bool operator==(const RunSpec &a, const RunSpec &b);
};

/// Why runs of `a` and `b` were not evaluated on the same splits, naming the first
/// difference in splitsKey's terms ("different datasets", "different targets (species
/// vs petal_width)", "different seeds (0 vs 42)", ...); empty when they were.
QString splitsDifference(const RunSpec &a, const RunSpec &b);

} // namespace Tandem::Runs
