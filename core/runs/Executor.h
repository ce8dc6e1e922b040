// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/runs/JobQueue.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace Tandem::Runs {

/// A unit of work for an Executor.
struct JobRequest {
    QString title;
    /// Carries the work out in this process.
    JobQueue::ContextWork work;
    /// The same work as data, for an executor that runs it elsewhere (a cluster
    /// job running tandem-cli): {"kind": "run", "runId": …, "workspace": …, "spec": {…}}.
    /// Empty for work that can only run here.
    QJsonObject description;
};

/// A request with what to call once its job has ended, for Executor::submitBatch.
struct BatchJob {
    JobRequest request;
    JobQueue::Completion onFinished;
};

/// Where jobs run: this machine (LocalExecutor) or a cluster (SlurmExecutor). Jobs
/// are submitted and cancelled through it and report through its signals, which
/// mean what JobQueue's do, on the executor's thread.
class Executor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Recorded with each run: "local" or "slurm".
    virtual QString name() const = 0;
    /// `onFinished` is called on the executor's thread once the job has ended, before
    /// jobFinished; never before submit has returned.
    virtual JobId submit(const JobRequest &request, JobQueue::Completion onFinished = {}) = 0;
    /// Submits jobs that belong together (a sweep's runs) and returns their ids in
    /// order. A cluster executor hands them over as one unit (a Slurm job array)
    /// named after `title`; this default submits each on its own.
    virtual QList<JobId> submitBatch(const QString &title, const QList<BatchJob> &jobs);
    virtual void cancel(JobId id) = 0;
    virtual void cancelAll() = 0;
    virtual JobInfo info(JobId id) const = 0;
    /// How many jobs may run at once; 0 when the executor sets no limit of its own
    /// (a cluster without a maximum of parallel tasks).
    virtual int maxConcurrentJobs() const = 0;

Q_SIGNALS:
    void jobAdded(Tandem::Runs::JobId id, const QString &title);
    void jobStarted(Tandem::Runs::JobId id);
    void jobProgress(Tandem::Runs::JobId id, double fraction, const QString &stage, double etaSeconds);
    void jobMetrics(Tandem::Runs::JobId id, const QList<Tandem::Runs::JobMetric> &metrics);
    void jobFinished(Tandem::Runs::JobId id, Tandem::Runs::JobState state, const QString &message);
};

} // namespace Tandem::Runs
