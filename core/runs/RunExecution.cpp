// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/RunExecution.h"

#include "core/eval/CrossValidation.h"
#include "core/learn/FitContext.h"
#include "core/runs/OutOfFoldPredictions.h"
#include "core/store/ExperimentStore.h"

#include <QJsonObject>
#include <QList>
#include <QThread>

#include <mutex>

namespace Tandem::Runs {
namespace {

/// Collects the fits' per-step metrics. Families may report from their own worker
/// threads, and a store connection belongs to one thread: points are buffered under
/// a lock, and written in batches only on the run's own thread.
class StepRecorder
{
public:
    StepRecorder(Store::ExperimentStore &store, qint64 runId)
        : m_store(store), m_runId(runId), m_thread(QThread::currentThread())
    { }

    void add(int fold, const Learn::StepReport &report)
    {
        QList<Store::MetricPoint> batch;
        {
            const std::lock_guard lock(m_mutex);
            m_points.append(Store::MetricPoint {report.metric, report.value, fold, qint64(report.step)});
            // Written while the fit runs (for live learning curves), in batches so
            // that a fit reporting every step is not slowed by a transaction each time.
            if (m_points.size() < batchSize || QThread::currentThread() != m_thread)
                return;
            batch.swap(m_points);
        }
        if (const Base::Status status = m_store.appendMetrics(m_runId, batch); !status.ok())
            keepError(status.error());
    }

    /// Writes what is left; the first error of any batch.
    Base::Status flush()
    {
        QList<Store::MetricPoint> rest;
        {
            const std::lock_guard lock(m_mutex);
            rest.swap(m_points);
        }
        if (!rest.isEmpty()) {
            if (const Base::Status status = m_store.appendMetrics(m_runId, rest); !status.ok())
                keepError(status.error());
        }
        const std::lock_guard lock(m_mutex);
        if (m_error)
            return *m_error;
        return {};
    }

private:
    static constexpr qsizetype batchSize = 256;

    void keepError(const Base::Error &error)
    {
        const std::lock_guard lock(m_mutex);
        if (!m_error)
            m_error = error;
    }

    Store::ExperimentStore &m_store;
    qint64 m_runId;
    QThread *m_thread;
    std::mutex m_mutex;
    QList<Store::MetricPoint> m_points;
    std::optional<Base::Error> m_error;
};

QList<Store::MetricPoint> foldMetrics(const Eval::EvaluationResult &result)
{
    QList<Store::MetricPoint> points;
    for (qsizetype f = 0; f < result.folds.size(); ++f) {
        for (const Eval::Metric &metric : result.folds.at(f).metrics)
            points.append(Store::MetricPoint {metric.name, metric.value, int(f), std::nullopt});
    }
    for (const Eval::Metric &metric : result.metrics.means())
        points.append(Store::MetricPoint {metric.name, metric.value, std::nullopt, std::nullopt});
    return points;
}

Base::Status record(
    Store::ExperimentStore &store, qint64 runId, const Eval::EvaluationResult &result, StepRecorder &steps)
{
    if (Base::Status status = store.recordParams(runId, QJsonObject::fromVariantMap(result.params)); !status.ok())
        return status;
    if (Base::Status status = steps.flush(); !status.ok())
        return status;
    if (Base::Status status = store.appendMetrics(runId, foldMetrics(result)); !status.ok())
        return status;
    if (auto written = store.writeArtifact(runId, outOfFoldPredictionsFileName, outOfFoldPredictionsCsv(result));
        !written.ok())
        return written.error();
    return {};
}

} // namespace

Base::Result<qint64> queueRun(Store::ExperimentStore &store, const PlannedRun &run, std::optional<qint64> experimentId)
{
    Store::NewRun row;
    row.experimentId = experimentId;
    row.name = run.name;
    row.spec = run.spec.toJson();
    row.seed = run.spec.evaluation.seed;
    row.executor = QStringLiteral("local");
    return store.addRun(row);
}

Base::Status executeRun(Store::ExperimentStore &store, qint64 runId, const RunSpec &spec, const Data::Dataset &dataset,
    int threads, const Base::Progress &progress)
{
    if (Base::Status status = store.markRunning(runId); !status.ok())
        return status;

    StepRecorder steps(store, runId);
    Eval::EvaluationSpec evaluation = spec.evaluationSpec(threads);
    evaluation.stepSink = [&steps](int fold, const Learn::StepReport &report) { steps.add(fold, report); };
    const auto result
        = Eval::crossValidate(dataset, spec.pipelineSpec(), spec.modelId, spec.params, evaluation, progress);

    if (!result.ok()) {
        // Steps of the folds that did finish stay: they show how far it got.
        static_cast<void>(steps.flush());
        const bool stopped = progress.stopRequested();
        const Base::Status finished
            = store.finishRun(runId, stopped ? Store::RunStatus::Cancelled : Store::RunStatus::Failed,
                stopped ? QString() : result.error().toString());
        return finished.ok() ? Base::Status(result.error()) : finished;
    }
    if (const Base::Status recorded = record(store, runId, result.value(), steps); !recorded.ok()) {
        static_cast<void>(store.finishRun(runId, Store::RunStatus::Failed, recorded.error().toString()));
        return recorded;
    }
    return store.finishRun(runId, Store::RunStatus::Done);
}

} // namespace Tandem::Runs
