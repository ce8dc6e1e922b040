// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"

#include <QList>

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Runs {

/// What importPendingClusterResults found and did.
struct ClusterResultsImport {
    /// The runs that took their result now, in batch and task order.
    QList<qint64> importedRunIds;
    /// Unfinished cluster runs whose task has written no result file yet (still
    /// pending or running on the cluster, or ended without one).
    int withoutResult = 0;
    /// Result files and plans that could not be imported, each error naming its
    /// file (truncated, damaged, of another run, an artifact missing or altered).
    /// The runs concerned are left as they were.
    QList<Base::Error> problems;
};

/// Brings in the cluster results that no process imported: the submitting process
/// ended (killed, laptop closed) while its job array ran on, so its runs show as
/// interrupted (or still queued/running) while their tasks' result files lie in
/// `cluster/<batch>/results/`. For every batch's plan under `<workspace>/cluster/`,
/// each task whose run is queued, running or interrupted (and a cluster run) and
/// whose result file exists is imported with importTaskResult: one transaction per
/// run, so a run gets all of its result or nothing. A run that is done, failed or
/// cancelled is never touched, so importing again changes nothing. An unreadable
/// plan or result is reported in `problems` and skipped, never fatal; only a store
/// that cannot be read is an error. Cheap when there is nothing to do: a batch
/// without result files is not read, and the store is read once, only when some
/// batch has result files. Needs a store open for writing.
Base::Result<ClusterResultsImport> importPendingClusterResults(Store::ExperimentStore &store);

} // namespace Tandem::Runs
