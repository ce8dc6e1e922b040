// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/RunExecution.h"

#include "core/eval/CrossValidation.h"
#include "core/learn/FitContext.h"
#include "core/runs/FeatureImportances.h"
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

QList<Store::MetricPoint> foldMetrics(const Eval::EvaluationResult &result, int firstFold)
{
    QList<Store::MetricPoint> points;
    for (qsizetype f = 0; f < result.folds.size(); ++f) {
        for (const Eval::Metric &metric : result.folds.at(f).metrics)
            points.append(Store::MetricPoint {metric.name, metric.value, firstFold + int(f), std::nullopt});
    }
    return points;
}

QList<Store::MetricPoint> meanMetrics(const Eval::EvaluationResult &result)
{
    QList<Store::MetricPoint> points;
    for (const Eval::Metric &metric : result.metrics.means())
        points.append(Store::MetricPoint {metric.name, metric.value, std::nullopt, std::nullopt});
    return points;
}

} // namespace

Base::Result<qint64> queueRun(
    Store::ExperimentStore &store, const PlannedRun &run, std::optional<qint64> experimentId, const QString &executor)
{
    Store::NewRun row;
    row.experimentId = experimentId;
    row.name = run.name;
    row.spec = run.spec.toJson();
    row.seed = run.spec.evaluation.seed;
    row.executor = executor;
    row.params = QJsonObject::fromVariantMap(run.spec.params);
    return store.addRun(row);
}

RunRecords runRecordsOf(const Eval::EvaluationResult &result, int firstFold)
{
    RunRecords records;
    records.params = QJsonObject::fromVariantMap(result.params);
    records.foldMetrics = foldMetrics(result, firstFold);
    records.meanMetrics = meanMetrics(result);
    records.artifacts.append({outOfFoldPredictionsFileName, outOfFoldPredictionsCsv(result)});
    if (const QList<FeatureImportance> importances = featureImportancesOf(result); !importances.isEmpty())
        records.artifacts.append({featureImportancesFileName, featureImportancesCsv(importances)});
    return records;
}

Base::Result<Eval::EvaluationResult> evaluateSpec(const RunSpec &spec, const Data::Dataset &dataset, int threads,
    int firstFold, int endFold, const Base::Progress &progress, const LiveSteps &liveSteps)
{
    Eval::EvaluationSpec evaluation = spec.evaluationSpec(threads);
    evaluation.firstFold = firstFold;
    evaluation.endFold = endFold;
    evaluation.stepSink = liveSteps;
    return Eval::crossValidate(dataset, spec.pipelineSpec(), spec.modelId, spec.params, evaluation, progress);
}

Base::Result<Eval::EvaluationResult> evaluateFolds(Store::ExperimentStore &store, qint64 runId, const RunSpec &spec,
    const Data::Dataset &dataset, int threads, int firstFold, int endFold, const Base::Progress &progress,
    const LiveSteps &liveSteps)
{
    StepRecorder steps(store, runId);
    auto result = evaluateSpec(spec, dataset, threads, firstFold, endFold, progress,
        [&steps, &liveSteps](int fold, const Learn::StepReport &report) {
            steps.add(fold, report);
            if (liveSteps)
                liveSteps(fold, report);
        });
    // Steps of the folds that did finish are kept even when a later one fails:
    // they show how far it got.
    const Base::Status stepsWritten = steps.flush();
    if (!result.ok())
        return result.error();
    if (!stepsWritten.ok())
        return stepsWritten.error();
    if (Base::Status status = store.appendMetrics(runId, foldMetrics(result.value(), firstFold)); !status.ok())
        return status.error();
    return result;
}

Base::Status completeRun(Store::ExperimentStore &store, qint64 runId, const Eval::EvaluationResult &result)
{
    const RunRecords records = runRecordsOf(result);
    Base::Status recorded = store.recordParams(runId, records.params);
    if (recorded.ok())
        recorded = store.appendMetrics(runId, records.meanMetrics);
    for (const auto &[name, bytes] : records.artifacts) {
        if (!recorded.ok())
            break;
        if (auto written = store.writeArtifact(runId, name, bytes); !written.ok())
            recorded = written.error();
    }
    if (!recorded.ok()) {
        static_cast<void>(store.finishRun(runId, Store::RunStatus::Failed, recorded.error().toString()));
        return recorded;
    }
    return store.finishRun(runId, Store::RunStatus::Done);
}

Base::Status finishUnsuccessfully(Store::ExperimentStore &store, qint64 runId, const Base::Error &error, bool stopped)
{
    const Base::Status finished = store.finishRun(runId,
        stopped ? Store::RunStatus::Cancelled : Store::RunStatus::Failed, stopped ? QString() : error.toString());
    return finished.ok() ? Base::Status(error) : finished;
}

Base::Status executeRun(Store::ExperimentStore &store, qint64 runId, const RunSpec &spec, const Data::Dataset &dataset,
    int threads, const Base::Progress &progress, const LiveSteps &liveSteps)
{
    if (Base::Status status = store.markRunning(runId); !status.ok())
        return status;
    const auto result = evaluateFolds(store, runId, spec, dataset, threads, 0, -1, progress, liveSteps);
    if (!result.ok())
        return finishUnsuccessfully(store, runId, result.error(), progress.stopRequested());
    return completeRun(store, runId, result.value());
}

LiveSteps liveStepsOf(const JobContext &context)
{
    return [&context](int fold, const Learn::StepReport &step) {
        context.reportMetric(JobMetric {step.metric, step.step, step.value, fold});
    };
}

} // namespace Tandem::Runs
