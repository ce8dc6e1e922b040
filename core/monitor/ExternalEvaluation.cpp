// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/monitor/ExternalEvaluation.h"

#include "core/bundle/Bundle.h"
#include "core/bundle/Export.h"
#include "core/data/Dataset.h"
#include "core/monitor/ModelDrift.h"
#include "core/runs/RunExecution.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <vector>

namespace Tandem::Monitor {
namespace {

/// The rows of `all` with a target.
Drift::LabelledPredictions labelledOnly(const Drift::LabelledPredictions &all)
{
    std::vector<Eigen::Index> rows;
    for (Eigen::Index row = 0; row < all.size(); ++row) {
        if (!std::isnan(all.truth[row]))
            rows.push_back(row);
    }
    Drift::LabelledPredictions part;
    part.classCount = all.classCount;
    const auto n = Eigen::Index(rows.size());
    part.truth.resize(n);
    part.predicted.resize(n);
    if (all.probabilities.cols() > 0)
        part.probabilities.resize(n, all.probabilities.cols());
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index row = rows[std::size_t(i)];
        part.truth[i] = all.truth[row];
        part.predicted[i] = all.predicted[row];
        if (all.probabilities.cols() > 0)
            part.probabilities.row(i) = all.probabilities.row(row);
    }
    return part;
}

QString noteText(const Store::RunRecord &original, const QString &dataPath, const Data::Dataset &data,
    const Bundle::BundleManifest &manifest, const ExternalMetrics &metrics)
{
    return QStringLiteral("External evaluation: run %1's model (%2, refit on the %3 rows of its data with a target, "
                          "as 'tandem-cli export' fits it) scored on %4 (%5 rows, %6 with a target; fingerprint "
                          "%7). The metrics are over those rows, not cross-validated; the spec is run %1's, which "
                          "says how the model was built.")
        .arg(original.id)
        .arg(manifest.modelId)
        .arg(manifest.fitRows)
        .arg(QDir::toNativeSeparators(dataPath))
        .arg(metrics.rows)
        .arg(metrics.labelledRows)
        .arg(data.fingerprint());
}

/// The job's work: refit, score, record, finish.
Base::Status evaluate(Store::ExperimentStore &store, qint64 runId, const Store::RunRecord &original,
    const QString &dataPath, const Data::Dataset &data, const Runs::JobContext &context)
{
    if (Base::Status status = store.markRunning(runId); !status.ok())
        return status;
    const Base::Progress &progress = context.progress();
    Bundle::ExportOptions options;
    options.threads = context.threads();
    auto bundle = Bundle::exportRun(store, original.id, options, progress.subrange(0.0, 0.8));
    if (!bundle.ok())
        return Runs::finishUnsuccessfully(store, runId, bundle.error(), progress.stopRequested());
    const auto model = std::make_shared<const Bundle::Bundle>(std::move(bundle).value());
    progress.report(0.8, QStringLiteral("Scoring %1").arg(QFileInfo(dataPath).fileName()));
    auto metrics = externalMetrics(model, data, dataPath);
    if (!metrics.ok())
        return Runs::finishUnsuccessfully(store, runId, metrics.error(), progress.stopRequested());

    QList<Store::MetricPoint> points;
    for (const Eval::Metric &metric : metrics->metrics)
        points.append(Store::MetricPoint {metric.name, metric.value, std::nullopt, std::nullopt});
    Base::Status recorded = store.recordParams(runId, original.params);
    if (recorded.ok())
        recorded = store.appendMetrics(runId, points);
    if (recorded.ok()) {
        const auto note = store.addNote(runId, noteText(original, dataPath, data, model->manifest(), metrics.value()));
        if (!note.ok())
            recorded = note.error();
    }
    if (!recorded.ok())
        return Runs::finishUnsuccessfully(store, runId, recorded.error(), false);
    return store.finishRun(runId, Store::RunStatus::Done);
}

} // namespace

QString externalEvaluationTag()
{
    return QStringLiteral("evaluation:external");
}

QString modelOfTag(qint64 runId)
{
    return QStringLiteral("model-of:%1").arg(runId);
}

Base::Result<ExternalMetrics> externalMetrics(
    const std::shared_ptr<const Bundle::Bundle> &model, const Data::Dataset &data, const QString &dataName)
{
    const QString &target = model->manifest().target;
    const qsizetype index = data.indexOf(target);
    if (index < 0)
        return Base::Error(QStringLiteral("There is no target column '%1' (the model's) in %2").arg(target, dataName));
    const Data::Column &truth = data.column(index);
    auto scores = scoreWithProbabilities(model, data, dataName);
    if (!scores.ok())
        return scores.error();
    const Data::Column *truths[] = {&truth};
    const QStringList classes = classEncoding(*model, truths);
    auto labelled = labelledScores(*model, scores.value(), truth, classes);
    if (!labelled.ok())
        return labelled.error();
    const Drift::LabelledPredictions rows = labelledOnly(labelled.value());
    if (rows.size() == 0)
        return Base::Error(QStringLiteral("%1 has no row with a target ('%2')").arg(dataName, target));
    auto metrics = rows.isClassification()
        ? Eval::classificationMetrics(rows.truth, rows.predicted, rows.classCount, rows.probabilities)
        : Eval::regressionMetrics(rows.truth, rows.predicted);
    if (!metrics.ok())
        return Base::Error(QStringLiteral("The predictions on %1: %2").arg(dataName, metrics.error().message));
    return ExternalMetrics {std::move(metrics).value(), data.rowCount(), qint64(rows.size())};
}

Base::Result<LaunchedEvaluation> queueExternalEvaluation(const std::shared_ptr<const Store::Workspace> &workspace,
    Runs::JobQueue &queue, qint64 modelRunId, const QString &dataPath, std::shared_ptr<const Data::Dataset> data,
    std::optional<qint64> experimentId, EvaluationFinished onFinished)
{
    if (workspace->isReadOnly())
        return Base::Error(
            QStringLiteral("cannot evaluate in a read-only workspace: %1").arg(workspace->readOnlyNotice()),
            workspace->path());
    Store::ExperimentStore &store = workspace->store();
    auto details = store.run(modelRunId);
    if (!details.ok())
        return details.error();
    const Store::RunRecord original = details.value().run;
    if (original.status != Store::RunStatus::Done)
        return Base::Error(QStringLiteral("run %1 is %2: only a run that finished (done) has a model to evaluate")
                               .arg(modelRunId)
                               .arg(Store::runStatusName(original.status)));

    Store::NewRun run;
    run.experimentId = experimentId;
    run.name = QStringLiteral("%1 on %2").arg(original.name, QFileInfo(dataPath).fileName());
    run.spec = original.spec;
    run.seed = original.seed;
    auto id = store.addRun(run);
    if (!id.ok())
        return id.error();
    const qint64 runId = id.value();
    for (const QString &tag : {externalEvaluationTag(), modelOfTag(modelRunId)}) {
        if (Base::Status tagged = store.addTag(runId, tag); !tagged.ok()) {
            static_cast<void>(store.finishRun(runId, Store::RunStatus::Failed, tagged.error().toString()));
            return tagged.error();
        }
    }

    const auto work = [workspace, runId, original, dataPath, data](const Runs::JobContext &context) -> Base::Status {
        auto connection = workspace->openStore();
        if (!connection.ok())
            return connection.error();
        return evaluate(*connection.value(), runId, original, dataPath, *data, context);
    };
    // A job cancelled before it started, or one that threw, leaves the run unfinished: end it here.
    const auto settle = [workspace, runId, onFinished](const Runs::JobInfo &job) {
        Store::ExperimentStore &store = workspace->store();
        auto details = store.run(runId);
        if (details.ok() && !Store::isFinal(details.value().run.status)) {
            const bool cancelled = job.state == Runs::JobState::Cancelled;
            static_cast<void>(store.finishRun(runId, cancelled ? Store::RunStatus::Cancelled : Store::RunStatus::Failed,
                cancelled ? QString() : job.message));
            details = store.run(runId);
        }
        if (!onFinished)
            return;
        if (details.ok())
            onFinished(runId, details.value().run.status, details.value().run.error);
        else
            onFinished(runId, Store::RunStatus::Failed, details.error().toString());
    };
    const Runs::JobId jobId = queue.submit(
        QStringLiteral("Run %1: run %2's model on %3").arg(runId).arg(modelRunId).arg(QFileInfo(dataPath).fileName()),
        Runs::JobQueue::ContextWork(work), settle);
    return LaunchedEvaluation {runId, jobId};
}

} // namespace Tandem::Monitor
