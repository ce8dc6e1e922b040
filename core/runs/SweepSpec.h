// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/ParamSpec.h"
#include "core/learn/Task.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace Tandem::Runs {

/// The values one hyperparameter takes in a sweep: a list of values, or a numeric
/// range. JSON: `[0.1, 1, 10]` or `{"min": 0.01, "max": 100, "log": true, "steps": 5}`.
struct SweepParam {
    QString name;
    /// List form: the values, typed by the parameter's ParamSpec, duplicates removed
    /// (first occurrence kept). Empty for a range.
    QVariantList values;
    /// Range form (Int and Float parameters only): both ends inclusive and valid
    /// values of the parameter.
    double minimum = 0.0;
    double maximum = 0.0;
    /// Spacing of a grid range and the distribution of random draws: geometric /
    /// log-uniform when true, linear / uniform when false. Absent: the parameter's
    /// ParamSpec::logScale decides.
    std::optional<bool> log;
    /// Grid only: how many values from minimum to maximum (>= 2). Integer ranges
    /// round each value and drop the repeats, so they may give fewer.
    int steps = 0;

    bool isRange() const { return values.isEmpty(); }

    friend bool operator==(const SweepParam &, const SweepParam &) = default;
};

/// Successive halving (Jamieson & Talwalkar; scikit-learn's HalvingGridSearchCV)
/// with folds as the resource: every configuration is first scored on the first
/// `minFolds` folds of the evaluation's split; the best 1/`factor` continue on about
/// `factor` times as many folds, and so on, until the survivors have been
/// evaluated on every fold. All configurations share one split, and a survivor's
/// earlier folds count towards its later rungs, so no fit is wasted and the final
/// metrics are those of a full cross-validation. Needs k-fold evaluation.
/// JSON: `{"factor": 3, "min_folds": 1, "metric": "accuracy"}`.
struct HalvingSpec {
    /// > 1: the share of configurations kept after a rung is 1/factor, and the folds
    /// grow by this factor from one rung to the next.
    double factor = 3.0;
    /// Folds evaluated in the first rung, >= 1 and below the split's fold count.
    int minFolds = 1;
    /// The metric configurations are ranked by (MetricSet names); empty: the task's
    /// headline metric (accuracy for classification, r2 for regression).
    QString metric;

    friend bool operator==(const HalvingSpec &, const HalvingSpec &) = default;
};

/// What a RunSpec's optional `sweep` says: which hyperparameters vary, over which
/// values, searched how. Expanded into configurations by Runs::expandSweep.
///
/// JSON: `{"method": "grid"|"random", "params": {name: list | range, ...},
/// "n_iter": N (random only), "seed": S (random only, default 0), "halving": {...}}`.
struct SweepSpec {
    enum class Method : quint8 {
        Grid, ///< every combination of the parameters' values (the Cartesian product)
        Random, ///< `iterations` seeded draws, each parameter drawn independently
    };
    Method method = Method::Grid;
    /// The swept parameters in the model family's ParamSpec order.
    QList<SweepParam> params;
    /// Random: the number of draws (`n_iter`).
    int iterations = 0;
    /// Random: seeds the draws (configuration i draws from SeededRandom::derived(seed, i)).
    quint64 seed = 0;
    std::optional<HalvingSpec> halving;

    /// Parses and checks `json` (at field path `path`, "sweep" in a RunSpec) against
    /// the ParamSpecs of the model family: unknown parameters, values and ranges
    /// outside a parameter's valid range, ranges over non-numeric parameters, `steps`
    /// in a random search or `n_iter` in a grid are errors naming the field.
    static Base::Result<SweepSpec> fromJson(
        const QJsonObject &json, const QList<Learn::ParamSpec> &specs, const QString &path = QStringLiteral("sweep"));
    QJsonObject toJson() const;

    friend bool operator==(const SweepSpec &, const SweepSpec &) = default;
};

/// The metrics successive halving can rank by: those of `task`'s MetricSet, or of
/// both tasks.
QStringList halvingMetrics(std::optional<Learn::Task> task = std::nullopt);

/// The most configurations one sweep may have (a grid's product, or `n_iter`).
/// Beyond it a sweep is almost surely a typo (steps: 1000), and its runs would
/// swamp the store and the runs table.
constexpr qint64 maxSweepConfigurations = 10000;

} // namespace Tandem::Runs
