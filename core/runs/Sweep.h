// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/ParamSpec.h"
#include "core/runs/SweepSpec.h"

#include <QList>
#include <QString>

namespace Tandem::Runs {

struct RunSpec;

/// One concrete configuration of a sweep: what one run fits.
struct SweepConfiguration {
    /// Position in the sweep, from 0 (grid order, or draw order of a random search).
    int index = 0;
    /// Every hyperparameter of the family, typed and validated (defaults filled in).
    Learn::ParamValues params;
    /// The swept parameters only, for run names and the runs table's key columns.
    Learn::ParamValues swept;

    friend bool operator==(const SweepConfiguration &, const SweepConfiguration &) = default;
};

/// The values a grid takes for `param`: a list as it is; a range as `steps` values
/// from minimum to maximum, both included, spaced evenly (geometrically when log),
/// integers rounded and their repeats dropped.
QList<QVariant> gridValues(const SweepParam &param, const Learn::ParamSpec &spec);

/// The number of configurations a grid over `sweep` has: the product of its
/// parameters' value counts (saturating at maxSweepConfigurations + 1, so absurd
/// grids never overflow).
qint64 gridSize(const SweepSpec &sweep, const QList<Learn::ParamSpec> &specs);

/// Expands `sweep` into configurations on top of `base` (the fixed parameters:
/// swept values replace them), each validated against `specs`.
///
/// Grid: the Cartesian product in the ParamSpec order of the family, the last
/// parameter varying fastest (as scikit-learn's ParameterGrid, whose order is by
/// name). A grid of more than maxSweepConfigurations is refused with its size.
///
/// Random: draw i uses SeededRandom::derived(seed, i), so the first configurations
/// do not change when n_iter grows, whatever else the sweep holds. Each parameter is
/// drawn independently: a list uniformly; a range uniformly, or log-uniformly when
/// `log` (default: ParamSpec::logScale); integers uniformly over [min, max] (a
/// log-uniform draw on [min - 0.5, max + 0.5], rounded, when log).
///
/// Duplicates are removed: a configuration equal to an earlier one is drawn again
/// (up to 10 × n_iter + 100 draws in all), since it would repeat the same
/// evaluation. A search space smaller than n_iter (only lists and small integer
/// ranges) therefore yields each of its configurations once, in draw order.
Base::Result<QList<SweepConfiguration>> expandSweep(
    const SweepSpec &sweep, const QList<Learn::ParamSpec> &specs, const Learn::ParamValues &base);

/// The configurations of a run spec: its sweep expanded over model.params, or, for
/// a spec without a sweep, its one configuration.
Base::Result<QList<SweepConfiguration>> expandSweep(const RunSpec &spec);

/// "C=0.1, penalty=l1": swept values in a stable order, for run names and logs.
QString describeConfiguration(const Learn::ParamValues &values);

} // namespace Tandem::Runs
