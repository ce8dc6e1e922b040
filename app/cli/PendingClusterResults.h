// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/runs/ClusterResultsImport.h"

#include <QString>

namespace Tandem::Store {
class ExperimentStore;
}

namespace Tandem::Cli {

class CliOutput;

/// Imports the cluster results that no process imported
/// (Runs::importPendingClusterResults) and prints each file it had to skip on
/// stderr as "tandem-cli: warning: FILE: WHY (skipped)". An error only when the
/// store cannot be read. Shared by `workspace import-results` and `runs`.
Base::Result<Runs::ClusterResultsImport> importPendingClusterResults(Store::ExperimentStore &store, CliOutput &output);

/// "2 cluster results (runs 4, 5)", "1 cluster result (run 4)".
QString importedResultsText(const Runs::ClusterResultsImport &report);

} // namespace Tandem::Cli
