// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/TaskResult.h"

#include "core/store/ArtifactFiles.h"
#include "core/store/ExperimentStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

#include <cmath>
#include <limits>

namespace Tandem::Runs {
namespace {

const QString resultFormat = QStringLiteral("tandem-task-result");

QJsonValue metricValueJson(double value)
{
    if (std::isnan(value))
        return QJsonValue(QJsonValue::Null);
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return value;
}

std::optional<double> metricValueFromJson(const QJsonValue &value)
{
    if (value.isNull())
        return std::numeric_limits<double>::quiet_NaN();
    if (value.isDouble())
        return value.toDouble();
    if (value.toString() == QLatin1String("inf"))
        return std::numeric_limits<double>::infinity();
    if (value.toString() == QLatin1String("-inf"))
        return -std::numeric_limits<double>::infinity();
    return std::nullopt;
}

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QDateTime timeFromJson(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QString sha256Of(QFile &file)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

QJsonObject TaskResult::toJson() const
{
    QJsonArray metricArray;
    for (const Store::MetricPoint &point : result.metrics)
        metricArray.append(
            QJsonObject {{QStringLiteral("name"), point.name}, {QStringLiteral("value"), metricValueJson(point.value)},
                {QStringLiteral("fold"), point.fold ? QJsonValue(*point.fold) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("step"), point.step ? QJsonValue(*point.step) : QJsonValue(QJsonValue::Null)}});
    QJsonArray artifactArray;
    for (const TaskArtifact &artifact : artifacts)
        artifactArray.append(QJsonObject {{QStringLiteral("name"), artifact.name},
            {QStringLiteral("size"), artifact.size}, {QStringLiteral("sha256"), artifact.sha256}});
    return QJsonObject {{QStringLiteral("format"), resultFormat}, {QStringLiteral("version"), formatVersion},
        {QStringLiteral("run_id"), runId}, {QStringLiteral("task_index"), taskIndex},
        {QStringLiteral("status"), Store::runStatusName(result.outcome)}, {QStringLiteral("error"), result.error},
        {QStringLiteral("host"), result.host}, {QStringLiteral("started_at"), timeJson(result.startedAt)},
        {QStringLiteral("ended_at"), timeJson(result.endedAt)}, {QStringLiteral("params"), result.params},
        {QStringLiteral("metrics"), metricArray}, {QStringLiteral("artifacts"), artifactArray}};
}

Base::Result<TaskResult> TaskResult::fromJson(const QJsonObject &json, const QString &file)
{
    const auto refuse = [&file](const QString &message) {
        return Base::Error(QStringLiteral("not a usable task result: %1").arg(message), file);
    };
    if (json.value(QStringLiteral("format")).toString() != resultFormat)
        return refuse(QStringLiteral("format must be \"%1\"").arg(resultFormat));
    const int version = json.value(QStringLiteral("version")).toInt(0);
    if (version < 1 || version > formatVersion)
        return refuse(
            QStringLiteral("version %1 is not one this program reads (1..%2)").arg(version).arg(formatVersion));

    TaskResult task;
    task.runId = qint64(json.value(QStringLiteral("run_id")).toDouble(0));
    task.taskIndex = json.value(QStringLiteral("task_index")).toInt(-1);
    if (task.runId <= 0 || task.taskIndex < 0)
        return refuse(QStringLiteral("run_id must be > 0 and task_index >= 0"));
    const std::optional<Store::RunStatus> status
        = Store::runStatusFromName(json.value(QStringLiteral("status")).toString());
    if (status != Store::RunStatus::Done && status != Store::RunStatus::Failed && status != Store::RunStatus::Cancelled)
        return refuse(QStringLiteral("status must be done, failed or cancelled, got '%1'")
                          .arg(json.value(QStringLiteral("status")).toString()));
    task.result.outcome = *status;
    task.result.error = json.value(QStringLiteral("error")).toString();
    task.result.host = json.value(QStringLiteral("host")).toString();
    task.result.startedAt = timeFromJson(json.value(QStringLiteral("started_at")));
    task.result.endedAt = timeFromJson(json.value(QStringLiteral("ended_at")));
    if (!json.value(QStringLiteral("params")).isObject())
        return refuse(QStringLiteral("params must be an object"));
    task.result.params = json.value(QStringLiteral("params")).toObject();

    if (!json.value(QStringLiteral("metrics")).isArray())
        return refuse(QStringLiteral("metrics must be an array"));
    const QJsonArray metricArray = json.value(QStringLiteral("metrics")).toArray();
    task.result.metrics.reserve(metricArray.size());
    for (qsizetype i = 0; i < metricArray.size(); ++i) {
        const QJsonObject item = metricArray.at(i).toObject();
        const std::optional<double> value = metricValueFromJson(item.value(QStringLiteral("value")));
        const QJsonValue fold = item.value(QStringLiteral("fold"));
        const QJsonValue step = item.value(QStringLiteral("step"));
        Store::MetricPoint point {
            item.value(QStringLiteral("name")).toString(), value.value_or(0.0), std::nullopt, std::nullopt};
        if (point.name.isEmpty() || !value || !(fold.isNull() || fold.isDouble())
            || !(step.isNull() || step.isDouble()))
            return refuse(QStringLiteral("metrics[%1] needs a name, a value (number, null, \"inf\" or \"-inf\") and "
                                         "a fold and step that are numbers or null")
                              .arg(i));
        if (fold.isDouble())
            point.fold = fold.toInt();
        if (step.isDouble())
            point.step = qint64(step.toDouble());
        task.result.metrics.append(std::move(point));
    }

    if (!json.value(QStringLiteral("artifacts")).isArray())
        return refuse(QStringLiteral("artifacts must be an array"));
    const QJsonArray artifactArray = json.value(QStringLiteral("artifacts")).toArray();
    for (qsizetype i = 0; i < artifactArray.size(); ++i) {
        const QJsonObject item = artifactArray.at(i).toObject();
        TaskArtifact artifact {item.value(QStringLiteral("name")).toString(),
            qint64(item.value(QStringLiteral("size")).toDouble(-1)), item.value(QStringLiteral("sha256")).toString()};
        if (!Store::isSafeArtifactName(artifact.name) || artifact.size < 0 || artifact.sha256.size() != 64)
            return refuse(
                QStringLiteral("artifacts[%1] needs a name inside the run's folder, a size and a SHA-256").arg(i));
        task.artifacts.append(std::move(artifact));
    }
    return task;
}

Base::Status TaskResult::save(const QString &path) const
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Base::Error(QStringLiteral("cannot create the folder of the task result"), path);
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Base::Error(QStringLiteral("cannot write the task result: %1").arg(file.errorString()), path);
    return {};
}

Base::Result<TaskResult> TaskResult::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(QStringLiteral("cannot read the task result: %1").arg(file.errorString()), path);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return Base::Error(QStringLiteral("not a usable task result (truncated or damaged?): %1 at offset %2")
                               .arg(error.errorString())
                               .arg(error.offset),
            path);
    if (!document.isObject())
        return Base::Error(QStringLiteral("not a usable task result: not a JSON object"), path);
    return fromJson(document.object(), path);
}

Base::Result<ImportOutcome> importTaskResult(
    Store::ExperimentStore &store, qint64 runId, const QString &resultPath, const QString &logPath)
{
    const QString what = QStringLiteral("cannot import the result of run %1").arg(runId);
    Base::Result<TaskResult> loaded = TaskResult::load(resultPath);
    if (!loaded.ok()) {
        Base::Error error = loaded.error();
        error.message = QStringLiteral("%1: %2").arg(what, error.message);
        return error;
    }
    TaskResult task = loaded.value();
    if (task.runId != runId)
        return Base::Error(
            QStringLiteral("%1: the file holds the result of run %2").arg(what).arg(task.runId), resultPath);
    // Every artifact as the task wrote it, before anything is recorded: a run is
    // never done with files missing.
    const QDir folder(store.artifactDir(runId));
    for (const TaskArtifact &artifact : std::as_const(task.artifacts)) {
        QFile file(folder.filePath(artifact.name));
        if (!file.open(QIODevice::ReadOnly))
            return Base::Error(
                QStringLiteral("%1: its artifact %2 cannot be read: %3").arg(what, artifact.name, file.errorString()),
                file.fileName());
        if (file.size() != artifact.size || sha256Of(file) != artifact.sha256)
            return Base::Error(
                QStringLiteral("%1: its artifact %2 is not the file the task wrote (size or SHA-256 differ)")
                    .arg(what, artifact.name),
                file.fileName());
    }
    if (task.result.outcome == Store::RunStatus::Failed && !logPath.isEmpty())
        task.result.error += QStringLiteral(" (log: %1)").arg(logPath);
    const Base::Result<bool> recorded = store.recordResult(runId, task.result);
    if (!recorded.ok())
        return recorded.error();
    return recorded.value() ? ImportOutcome::Recorded : ImportOutcome::AlreadyRecorded;
}

} // namespace Tandem::Runs
