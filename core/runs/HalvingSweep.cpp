// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/HalvingSweep.h"

#include "core/eval/CrossValidation.h"
#include "core/eval/MetricSet.h"
#include "core/learn/Registry.h"
#include "core/runs/RunExecution.h"
#include "core/runs/SweepHalving.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QPointer>

#include <cmath>
#include <limits>
#include <optional>

namespace Tandem::Runs {
namespace {

/// The race, kept on the queue's thread between rungs.
struct Race {
    std::shared_ptr<const Store::Workspace> workspace;
    std::shared_ptr<const Data::Dataset> dataset;
    QPointer<JobQueue> queue;
    HalvingPlan plan;
    QString metric;
    bool greaterIsBetter = true;
    RunFinished onFinished;
    QList<LaunchedRun> runs;
    /// Per configuration: the folds evaluated so far (empty before the first).
    QList<std::optional<Eval::EvaluationResult>> results;
    int rung = 0;
    QList<int> candidates;
    int pending = 0;
    bool cancelled = false;
};

void report(Race &race, int candidate)
{
    if (!race.onFinished)
        return;
    const auto details = race.workspace->store().run(race.runs.at(candidate).runId);
    if (details.ok())
        race.onFinished(race.runs.at(candidate), details.value().run.status, details.value().run.error);
    else
        race.onFinished(race.runs.at(candidate), Store::RunStatus::Failed, details.error().toString());
}

void complete(Race &race, int candidate, bool stoppedEarly)
{
    Store::ExperimentStore &store = race.workspace->store();
    const qint64 runId = race.runs.at(candidate).runId;
    if (stoppedEarly)
        static_cast<void>(store.addTag(runId, haltingTag));
    static_cast<void>(completeRun(store, runId, *race.results.at(candidate)));
    report(race, candidate);
}

double score(const Race &race, int candidate)
{
    const auto &result = race.results.at(candidate);
    if (!result)
        return std::numeric_limits<double>::quiet_NaN();
    for (const Eval::Metric &mean : result->metrics.means()) {
        if (mean.name == race.metric)
            return mean.value;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

void submitRung(const std::shared_ptr<Race> &race);

/// After every job of the rung has ended: who goes on, who is completed.
void endRung(const std::shared_ptr<Race> &race)
{
    QList<int> alive;
    QList<double> scores;
    for (const int candidate : std::as_const(race->candidates)) {
        if (race->results.at(candidate)) {
            alive.append(candidate);
            scores.append(score(*race, candidate));
        }
    }
    if (race->cancelled) {
        for (const int candidate : std::as_const(alive)) {
            static_cast<void>(
                race->workspace->store().finishRun(race->runs.at(candidate).runId, Store::RunStatus::Cancelled));
            report(*race, candidate);
        }
        return;
    }
    const bool last = race->rung + 1 >= race->plan.rungs().size();
    auto survivors = race->plan.survivors(race->rung, alive, scores, race->greaterIsBetter);
    if (!survivors.ok()) {
        for (const int candidate : std::as_const(alive)) {
            static_cast<void>(race->workspace->store().finishRun(
                race->runs.at(candidate).runId, Store::RunStatus::Failed, survivors.error().toString()));
            report(*race, candidate);
        }
        return;
    }
    for (const int candidate : std::as_const(alive)) {
        if (last || !survivors.value().contains(candidate))
            complete(*race, candidate, !last);
    }
    if (last || survivors.value().isEmpty())
        return;
    ++race->rung;
    race->candidates = survivors.value();
    submitRung(race);
}

void submitRung(const std::shared_ptr<Race> &race)
{
    if (!race->queue)
        return;
    const int firstFold = race->rung == 0 ? 0 : race->plan.rungs().at(race->rung - 1).folds;
    const int endFold = race->plan.rungs().at(race->rung).folds;
    const bool first = race->rung == 0;
    race->pending = int(race->candidates.size());
    for (const int candidate : std::as_const(race->candidates)) {
        LaunchedRun &run = race->runs[candidate];
        const qint64 runId = run.runId;
        const RunSpec spec = run.plan.spec;
        // Written by the job, read by its completion on the queue's thread once the job has ended.
        auto outcome = std::make_shared<std::optional<Base::Result<Eval::EvaluationResult>>>();
        // Context work: the job gets its share of the thread budget when it starts, and
        // reports the fits' per-step metrics live, as a run without halving does.
        const auto work = [workspace = race->workspace, dataset = race->dataset, runId, spec, first, firstFold, endFold,
                              outcome](const JobContext &context) {
            auto store = workspace->openStore();
            if (!store.ok())
                return Base::Status(store.error());
            if (first) {
                if (Base::Status status = store.value()->markRunning(runId); !status.ok())
                    return status;
            }
            *outcome = evaluateFolds(*store.value(), runId, spec, *dataset, context.threads(), firstFold, endFold,
                context.progress(), liveStepsOf(context));
            return outcome->value().ok() ? Base::Status() : Base::Status(outcome->value().error());
        };
        const auto done = [race, candidate, outcome](const JobInfo &job) {
            auto &result = race->results[candidate];
            if (job.state == JobState::Done && *outcome && outcome->value().ok()) {
                const Eval::EvaluationResult &part = outcome->value().value();
                if (!result) {
                    result = part;
                } else {
                    for (const Eval::FoldOutcome &fold : part.folds) {
                        static_cast<void>(result->metrics.addFold(fold.metrics));
                        result->folds.append(fold);
                    }
                }
            } else {
                const bool stopped = job.state == JobState::Cancelled;
                race->cancelled = race->cancelled || stopped;
                const Base::Error error
                    = *outcome && !outcome->value().ok() ? outcome->value().error() : Base::Error(job.message);
                static_cast<void>(
                    finishUnsuccessfully(race->workspace->store(), race->runs.at(candidate).runId, error, stopped));
                result.reset();
                report(*race, candidate);
            }
            if (--race->pending == 0)
                endRung(race);
        };
        const JobId job = race->queue->submit(
            QStringLiteral("Run %1: %2 (folds %3-%4)").arg(runId).arg(run.plan.name).arg(firstFold + 1).arg(endFold),
            JobQueue::ContextWork(work), done);
        if (first)
            run.jobId = job;
    }
}

} // namespace

Base::Status startHalving(const std::shared_ptr<const Store::Workspace> &workspace, JobQueue &queue,
    const RunSpec &spec, const std::shared_ptr<const Data::Dataset> &dataset, QList<LaunchedRun> &runs,
    RunFinished onFinished)
{
    const Eval::EvaluationSpec evaluation = spec.evaluationSpec();
    const int totalFolds
        = evaluation.method == Eval::EvaluationSpec::Method::KFold ? evaluation.folds * evaluation.repeats : 1;
    auto plan = HalvingPlan::make(*spec.sweep->halving, int(runs.size()), totalFolds);
    if (!plan.ok())
        return Base::Error(QStringLiteral("sweep.halving: %1").arg(plan.error().message));

    auto race = std::make_shared<Race>();
    race->workspace = workspace;
    race->dataset = dataset;
    race->queue = &queue;
    race->plan = plan.value();
    race->metric = spec.sweep->halving->metric;
    if (race->metric.isEmpty()) {
        const Learn::ModelInfo *model = spec.model();
        race->metric
            = model && model->task == Learn::Task::Regression ? QStringLiteral("r2") : QStringLiteral("accuracy");
    }
    race->greaterIsBetter = Eval::greaterIsBetter(race->metric);
    race->onFinished = std::move(onFinished);
    race->runs = runs;
    race->results.resize(runs.size());
    for (int i = 0; i < int(runs.size()); ++i)
        race->candidates.append(i);
    submitRung(race);
    runs = race->runs; // with the jobs of the first rung
    return {};
}

} // namespace Tandem::Runs
