// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/Executor.h"

namespace Tandem::Runs {

QList<JobId> Executor::submitBatch(const QString &title, const QList<BatchJob> &jobs)
{
    Q_UNUSED(title)
    QList<JobId> ids;
    ids.reserve(jobs.size());
    for (const BatchJob &job : jobs)
        ids.append(submit(job.request, job.onFinished));
    return ids;
}

} // namespace Tandem::Runs
