// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/PendingClusterResults.h"

#include "app/cli/CliOutput.h"

#include <QStringList>

namespace Tandem::Cli {

Base::Result<Runs::ClusterResultsImport> importPendingClusterResults(Store::ExperimentStore &store, CliOutput &output)
{
    Base::Result<Runs::ClusterResultsImport> report = Runs::importPendingClusterResults(store);
    if (report.ok()) {
        for (const Base::Error &problem : report.value().problems)
            output.err() << QStringLiteral("tandem-cli: warning: %1 (skipped)\n").arg(problem.toString());
    }
    return report;
}

QString importedResultsText(const Runs::ClusterResultsImport &report)
{
    QStringList ids;
    for (const qint64 id : report.importedRunIds)
        ids << QString::number(id);
    const qsizetype count = ids.size();
    return QStringLiteral("%1 cluster result%2 (run%3 %4)")
        .arg(count)
        .arg(count == 1 ? QString() : QStringLiteral("s"))
        .arg(count == 1 ? QString() : QStringLiteral("s"))
        .arg(ids.join(QStringLiteral(", ")));
}

} // namespace Tandem::Cli
