// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/store/RunStatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Tandem::Store {

/// A named group of runs (a sweep, or runs a person wants to compare).
struct Experiment {
    qint64 id = 0;
    QString name;
    QString description;
    QDateTime createdAt;
    qint64 runCount = 0;
};

/// What is known of a run when it is queued.
struct NewRun {
    std::optional<qint64> experimentId;
    QString name;
    QJsonObject spec;
    std::optional<quint64> seed;
    /// Which executor runs it: Executor::name(), "local" or "slurm".
    QString executor = QStringLiteral("local");
    /// The hyperparameters its spec sets, recorded with the run so that one that never
    /// finishes (cancelled, interrupted) still shows them; the full values (defaults
    /// included) replace them when it completes.
    QJsonObject params;
};

/// One metric value. `fold` is empty for a value over all folds (or a holdout);
/// `step` is empty for a final value and set for per-step values (a learning curve).
/// NaN is kept (stored as NULL).
struct MetricPoint {
    QString name;
    double value = 0.0;
    std::optional<int> fold;
    std::optional<qint64> step;

    friend bool operator==(const MetricPoint &, const MetricPoint &) = default;
};

/// Everything a run carried out elsewhere brings back at once (a cluster task's
/// result file, docs/CLUSTER.md), for ExperimentStore::recordResult.
struct RunResult {
    /// Done, Failed or Cancelled.
    RunStatus outcome = RunStatus::Done;
    QString error;
    /// Parameter values: name → JSON value.
    QJsonObject params;
    /// Every metric value, in the order a local run records them.
    QList<MetricPoint> metrics;
    /// When and where it ran; a null time or empty host keeps what the store has.
    QDateTime startedAt;
    QDateTime endedAt;
    QString host;
};

struct RunNote {
    qint64 id = 0;
    QString text;
    QDateTime createdAt;
};

/// A run as the runs table shows it.
struct RunRecord {
    qint64 id = 0;
    std::optional<qint64> experimentId;
    QString experimentName;
    QString name;
    QJsonObject spec;
    RunStatus status = RunStatus::Queued;
    QDateTime createdAt;
    QDateTime startedAt; // null until it runs
    QDateTime endedAt; // null until it ends
    std::optional<qint64> durationMs;
    std::optional<quint64> seed;
    QString appVersion;
    QString host;
    QString executor;
    QString session;
    QString error;
    /// Parameter values as they were recorded (JSON values).
    QJsonObject params;
    QStringList tags;
    /// One value per metric name: the value over all folds when there is one,
    /// else the value of the latest step. Never one fold's score: a run stopped
    /// after some of its folds lists those in RunDetails::metrics only.
    QMap<QString, double> metrics;
};

/// A run with everything recorded for it.
struct RunDetails {
    RunRecord run;
    /// Every metric value, in the order recorded.
    QList<MetricPoint> metrics;
    QList<RunNote> notes;
    /// File names under `artifacts/<run-id>/`, relative to that folder, sorted.
    QStringList artifacts;
};

} // namespace Tandem::Store
