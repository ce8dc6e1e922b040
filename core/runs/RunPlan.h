// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/RunSpec.h"
#include "core/runs/Sweep.h"

#include <QList>
#include <QString>

namespace Tandem::Data {
class Dataset;
}

namespace Tandem::Runs {

/// One run to carry out: a spec reduced to one configuration, as the store keeps it.
struct PlannedRun {
    /// No sweep; model.params holds every hyperparameter (defaults filled in); the
    /// dataset path is absolute and its fingerprint is that of the data used, so the
    /// stored spec repeats the run exactly wherever the workspace is opened.
    RunSpec spec;
    /// The run's name: the spec's name for a single run, the swept values
    /// ("C=0.1, penalty=l1") for a sweep's runs.
    QString name;
    SweepConfiguration configuration;
};

/// The runs of `spec` on `dataset` (already read and checked against the spec), one
/// per configuration of its sweep (expandSweep) or one for a spec without a sweep,
/// in configuration order. Errors: those of expandSweep.
Base::Result<QList<PlannedRun>> planRuns(const RunSpec &spec, const Data::Dataset &dataset);

/// The experiment the runs of `spec` are grouped in: `experiment`, else for a sweep
/// its `name`, else "<model> sweep"; empty for a single run without `experiment`.
QString experimentName(const RunSpec &spec);

} // namespace Tandem::Runs
