// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/monitor/Retrain.h"

#include "core/data/Dataset.h"
#include "core/data/DatasetReader.h"
#include "core/monitor/ExternalEvaluation.h"
#include "core/runs/CsvText.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/RunPlan.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace Tandem::Monitor {
namespace {

using Data::ColumnType;

/// What a column's cells become once written as text and read back: numbers
/// (numeric and integer), labels (categorical and text), booleans, datetimes.
int stackingKind(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric:
    case ColumnType::Integer: return 0;
    case ColumnType::Categorical:
    case ColumnType::Text: return 1;
    case ColumnType::Boolean: return 2;
    case ColumnType::DateTime: return 3;
    }
    return -1;
}

Base::Status checkStackable(const Data::Dataset &reference, const QString &referencePath, const Data::Dataset &current,
    const QString &currentPath)
{
    const QString cannot = QStringLiteral("cannot stack the reference and the current data for retraining: ");
    for (const Data::Column &column : reference.columns()) {
        const qsizetype index = current.indexOf(column.name());
        if (index < 0)
            return Base::Error(cannot
                    + QStringLiteral("the current data %1 has no column '%2', which the reference %3 has")
                          .arg(QDir::toNativeSeparators(currentPath), column.name(),
                              QDir::toNativeSeparators(referencePath)),
                currentPath);
        const ColumnType other = current.column(index).type();
        if (stackingKind(column.type()) != stackingKind(other))
            return Base::Error(cannot
                    + QStringLiteral("column '%1' is %2 in the reference %3 and %4 in the current data %5")
                          .arg(column.name(), Data::columnTypeName(column.type()),
                              QDir::toNativeSeparators(referencePath), Data::columnTypeName(other),
                              QDir::toNativeSeparators(currentPath)),
                currentPath);
    }
    for (const Data::Column &column : current.columns()) {
        if (reference.indexOf(column.name()) < 0)
            return Base::Error(cannot
                    + QStringLiteral("the current data %1 has a column '%2' that the reference %3 lacks")
                          .arg(QDir::toNativeSeparators(currentPath), column.name(),
                              QDir::toNativeSeparators(referencePath)),
                currentPath);
    }
    return {};
}

/// Appends the rows of `data` to `out` in the order of `columns` (indices into `data`).
Base::Status writeRows(
    const Data::Dataset &data, const std::vector<qsizetype> &columns, QSaveFile &out, const Base::Progress &progress)
{
    constexpr qint64 rowsPerChunk = 4096;
    const qint64 rows = data.rowCount();
    QString chunk;
    for (qint64 first = 0; first < rows; first += rowsPerChunk) {
        if (progress.stopRequested())
            return Base::Error(QStringLiteral("Cancelled"));
        chunk.clear();
        const qint64 last = std::min(rows, first + rowsPerChunk);
        for (qint64 row = first; row < last; ++row) {
            for (std::size_t c = 0; c < columns.size(); ++c) {
                if (c > 0)
                    chunk += QLatin1Char(',');
                const Data::Column &column = data.column(columns[c]);
                if (!column.isMissing(row))
                    chunk += Runs::CsvText::field(column.toString(row));
            }
            chunk += QLatin1Char('\n');
        }
        const QByteArray bytes = chunk.toUtf8();
        if (out.write(bytes) != bytes.size())
            return Base::Error(QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
        progress.report(double(last) / double(rows), QStringLiteral("Writing the stacked data"));
    }
    return {};
}

/// A file name under `<workspace>/datasets/` that is not taken yet.
QString stackedPath(const QString &workspacePath, const RetrainSource &source)
{
    const QDir folder(QDir(workspacePath).filePath(QStringLiteral("datasets")));
    const QString stem = QStringLiteral("retrain-%1-%2")
                             .arg(source.runId ? QString::number(*source.runId) : QStringLiteral("spec"),
                                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    QString path = folder.filePath(stem + QStringLiteral(".csv"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = folder.filePath(QStringLiteral("%1-%2.csv").arg(stem).arg(n));
    return path;
}

/// Writes the reference's rows then the current ones (by column name) to `path`.
Base::Status writeStacked(
    const Data::Dataset &reference, const Data::Dataset &current, const QString &path, const Base::Progress &progress)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Base::Error(QStringLiteral("cannot create the folder %1").arg(QFileInfo(path).absolutePath()));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return Base::Error(QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
    QStringList header;
    std::vector<qsizetype> referenceColumns;
    std::vector<qsizetype> currentColumns;
    for (qsizetype c = 0; c < reference.columnCount(); ++c) {
        const QString &name = reference.column(c).name();
        header << Runs::CsvText::field(name);
        referenceColumns.push_back(c);
        currentColumns.push_back(current.indexOf(name));
    }
    const QByteArray head = (header.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8();
    if (out.write(head) != head.size())
        return Base::Error(QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
    const double share
        = double(reference.rowCount()) / double(std::max<qint64>(1, reference.rowCount() + current.rowCount()));
    if (Base::Status s = writeRows(reference, referenceColumns, out, progress.subrange(0.0, share)); !s.ok())
        return s;
    if (Base::Status s = writeRows(current, currentColumns, out, progress.subrange(share, 1.0)); !s.ok())
        return s;
    if (!out.commit())
        return Base::Error(QStringLiteral("cannot write %1: %2").arg(path, out.errorString()));
    return {};
}

QString noteOf(const RetrainPlan &plan, std::optional<qint64> evaluationRunId)
{
    const QString what = plan.source.runId ? QStringLiteral("run %1 (%2)").arg(*plan.source.runId).arg(plan.source.name)
                                           : QStringLiteral("the spec '%1'").arg(plan.source.name);
    QString note;
    if (plan.data == RetrainData::CurrentOnly) {
        note = QStringLiteral("Retrain of %1 on the current data %2 (%3 rows).")
                   .arg(what, QDir::toNativeSeparators(plan.currentPath))
                   .arg(plan.current->rowCount());
    } else {
        note = QStringLiteral("Retrain of %1 on its reference data (%2 rows) followed by the current data %3 (%4 "
                              "rows), stacked in %5. Its cross-validation folds mix reference and current rows.")
                   .arg(what)
                   .arg(plan.referenceRows)
                   .arg(QDir::toNativeSeparators(plan.currentPath))
                   .arg(plan.current->rowCount())
                   .arg(QDir::toNativeSeparators(plan.trainingPath));
    }
    if (evaluationRunId)
        note += QStringLiteral(" Run %1 scores run %2's model on the current data, for comparison.")
                    .arg(*evaluationRunId)
                    .arg(*plan.source.runId);
    return note;
}

/// The launch as it goes: the runs still running, and the new run's end.
struct Pending {
    RetrainLaunch launch;
    int running = 0;
    Store::RunStatus status = Store::RunStatus::Queued;
    QString error;
    RetrainFinished onFinished;

    void ended()
    {
        if (--running == 0 && onFinished)
            onFinished(launch, status, error);
    }
};

} // namespace

QString retrainDataName(RetrainData data)
{
    return data == RetrainData::CurrentOnly ? QStringLiteral("current") : QStringLiteral("both");
}

std::optional<RetrainData> retrainDataFromName(const QString &name)
{
    if (name == QLatin1String("current"))
        return RetrainData::CurrentOnly;
    if (name == QLatin1String("both"))
        return RetrainData::ReferenceAndCurrent;
    return std::nullopt;
}

QString retrainTag()
{
    return QStringLiteral("retrain");
}

QString retrainOfTag(qint64 runId)
{
    return QStringLiteral("retrain-of:%1").arg(runId);
}

Base::Result<RetrainSource> retrainSourceOfRun(const Store::ExperimentStore &store, qint64 runId)
{
    auto details = store.run(runId);
    if (!details.ok())
        return details.error();
    const Store::RunRecord &run = details.value().run;
    auto spec = Runs::RunSpec::fromJson(run.spec, store.workspacePath());
    if (!spec.ok())
        return Base::Error(QStringLiteral("run %1's spec: %2").arg(runId).arg(spec.error().message));
    return RetrainSource {spec.value(), runId, run.name, run.experimentName};
}

Base::Result<RetrainSource> retrainSourceOfSpec(const Runs::RunSpec &spec)
{
    if (spec.sweep)
        return Base::Error(QStringLiteral("the spec '%1' has a sweep: a retrain is one run").arg(spec.name));
    return RetrainSource {
        spec, std::nullopt, spec.name.isEmpty() ? spec.modelId : spec.name, Runs::experimentName(spec)};
}

Base::Result<RetrainPlan> prepareRetrain(const RetrainSource &source, const QString &workspacePath,
    const QString &currentPath, RetrainData data, const Base::Progress &progress)
{
    RetrainPlan plan;
    plan.source = source;
    plan.data = data;
    plan.currentPath = QFileInfo(currentPath).absoluteFilePath();
    const bool stack = data == RetrainData::ReferenceAndCurrent;

    std::shared_ptr<const Data::Dataset> reference;
    if (stack) {
        auto loaded = source.spec.loadDataset(progress.subrange(0.0, 0.3));
        if (!loaded.ok())
            return loaded.error();
        reference = loaded.value().dataset;
        plan.referenceRows = reference->rowCount();
    }
    auto current = Data::DatasetReader::read(plan.currentPath, {}, progress.subrange(0.3, 0.6));
    if (!current.ok())
        return current.error();
    plan.current = current.value().dataset;

    if (stack) {
        const QString referencePath = source.spec.resolvedDatasetPath();
        if (Base::Status s = checkStackable(*reference, referencePath, *plan.current, plan.currentPath); !s.ok())
            return s.error();
        plan.trainingPath = stackedPath(workspacePath, source);
        if (Base::Status s = writeStacked(*reference, *plan.current, plan.trainingPath, progress.subrange(0.6, 0.8));
            !s.ok())
            return s.error();
        auto stacked = Data::DatasetReader::read(plan.trainingPath, {}, progress.subrange(0.8, 1.0));
        if (!stacked.ok())
            return stacked.error();
        plan.training = stacked.value().dataset;
    } else {
        plan.trainingPath = plan.currentPath;
        plan.training = plan.current;
    }

    plan.spec = source.spec;
    plan.spec.datasetPath = plan.trainingPath;
    plan.spec.baseDirectory.clear();
    plan.spec.datasetFingerprint = plan.training->fingerprint();
    plan.spec.experiment = source.experiment;
    plan.spec.name = QStringLiteral("%1 (retrain on %2%3)")
                         .arg(source.name, stack ? QStringLiteral("reference + ") : QString(),
                             QFileInfo(plan.currentPath).fileName());
    if (Base::Status s = plan.spec.checkDataset(*plan.training, plan.trainingPath); !s.ok())
        return Base::Error(s.error().message, plan.trainingPath);
    progress.report(1.0, QString());
    return plan;
}

Base::Result<RetrainLaunch> launchRetrain(const std::shared_ptr<Store::Workspace> &workspace, Runs::JobQueue &queue,
    const RetrainPlan &plan, RetrainFinished onFinished)
{
    if (workspace->isReadOnly())
        return Base::Error(
            QStringLiteral("cannot retrain in a read-only workspace: %1").arg(workspace->readOnlyNotice()),
            workspace->path());
    Store::ExperimentStore &store = workspace->store();
    // The old model is evaluated on the current data only when there is one: a run that finished.
    bool evaluateOld = false;
    if (plan.source.runId) {
        auto details = store.run(*plan.source.runId);
        if (!details.ok())
            return details.error();
        evaluateOld = details.value().run.status == Store::RunStatus::Done;
    }
    if (Base::Status s = workspace->addDataset(plan.trainingPath); !s.ok())
        return s.error();

    auto pending = std::make_shared<Pending>();
    pending->onFinished = std::move(onFinished);
    pending->running = evaluateOld ? 2 : 1;
    pending->launch.originalRunId = plan.source.runId;
    pending->launch.trainingPath = plan.trainingPath;
    auto launch = Runs::launchRuns(workspace, queue, plan.spec, plan.training,
        [pending](const Runs::LaunchedRun &, Store::RunStatus status, const QString &error) {
            pending->status = status;
            pending->error = error;
            pending->ended();
        });
    if (!launch.ok())
        return launch.error();
    if (launch.value().runs.size() != 1)
        return Base::Error(QStringLiteral("a retrain is one run, the spec made %1").arg(launch.value().runs.size()));
    const qint64 runId = launch.value().runs.first().runId;
    pending->launch.runId = runId;
    pending->launch.experimentId = launch.value().experimentId;

    if (evaluateOld) {
        auto evaluation = queueExternalEvaluation(workspace, queue, *plan.source.runId, plan.currentPath, plan.current,
            launch.value().experimentId, [pending](qint64, Store::RunStatus, const QString &) { pending->ended(); });
        if (evaluation.ok()) {
            pending->launch.originalOnCurrentRunId = evaluation.value().runId;
        } else {
            pending->launch.notes << QStringLiteral("run %1's model could not be scored on the current data: %2")
                                         .arg(*plan.source.runId)
                                         .arg(evaluation.error().toString());
            --pending->running; // never runs; the new run, still queued, ends later
        }
    }

    QStringList tags {retrainTag()};
    if (plan.source.runId)
        tags << retrainOfTag(*plan.source.runId);
    for (const QString &tag : tags) {
        if (Base::Status s = store.addTag(runId, tag); !s.ok())
            pending->launch.notes << s.error().toString();
    }
    if (const auto note = store.addNote(runId, noteOf(plan, pending->launch.originalOnCurrentRunId)); !note.ok())
        pending->launch.notes << note.error().toString();
    return pending->launch;
}

Base::Result<RetrainLaunch> queueRetrain(const std::shared_ptr<Store::Workspace> &workspace, Runs::JobQueue &queue,
    qint64 runId, const QString &currentDataPath, RetrainData data, RetrainFinished onFinished)
{
    auto source = retrainSourceOfRun(workspace->store(), runId);
    if (!source.ok())
        return source.error();
    Base::NullProgressSink sink;
    auto plan = prepareRetrain(source.value(), workspace->path(), currentDataPath, data, Base::Progress(sink));
    if (!plan.ok())
        return plan.error();
    return launchRetrain(workspace, queue, plan.value(), std::move(onFinished));
}

Base::Result<RetrainLaunch> queueRetrain(const std::shared_ptr<Store::Workspace> &workspace, Runs::JobQueue &queue,
    const Runs::RunSpec &spec, const QString &currentDataPath, RetrainData data, RetrainFinished onFinished)
{
    auto source = retrainSourceOfSpec(spec);
    if (!source.ok())
        return source.error();
    Base::NullProgressSink sink;
    auto plan = prepareRetrain(source.value(), workspace->path(), currentDataPath, data, Base::Progress(sink));
    if (!plan.ok())
        return plan.error();
    return launchRetrain(workspace, queue, plan.value(), std::move(onFinished));
}

} // namespace Tandem::Monitor
