// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ClusterPlan.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QSaveFile>

namespace Tandem::Runs {
namespace {

const QString planFormat = QStringLiteral("tandem-cluster-plan");

} // namespace

QJsonObject ClusterPlan::toJson() const
{
    QJsonArray taskArray;
    for (const ClusterTask &task : tasks)
        taskArray.append(QJsonObject {{QStringLiteral("run_id"), task.runId}, {QStringLiteral("name"), task.name},
            {QStringLiteral("spec"), task.spec}});
    return QJsonObject {{QStringLiteral("format"), planFormat}, {QStringLiteral("version"), formatVersion},
        {QStringLiteral("batch"), batch}, {QStringLiteral("workspace"), workspace},
        {QStringLiteral("tasks"), taskArray}};
}

bool ClusterPlan::isPlan(const QJsonObject &json)
{
    return json.value(QStringLiteral("format")).toString() == planFormat;
}

Base::Result<ClusterPlan> ClusterPlan::fromJson(const QJsonObject &json, const QString &file)
{
    const auto refuse = [&file](const QString &message) {
        return Base::Error(QStringLiteral("not a usable cluster plan: %1").arg(message), file);
    };
    if (!isPlan(json))
        return refuse(QStringLiteral("format must be \"%1\"").arg(planFormat));
    const QJsonValue version = json.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toInt() < 1)
        return refuse(QStringLiteral("version must be a whole number >= 1"));
    if (version.toInt() > formatVersion)
        return refuse(QStringLiteral("version %1 is newer than this tandem-cli reads (%2)")
                          .arg(version.toInt())
                          .arg(formatVersion));
    ClusterPlan plan;
    plan.batch = json.value(QStringLiteral("batch")).toString();
    plan.workspace = json.value(QStringLiteral("workspace")).toString();
    if (plan.batch.isEmpty() || plan.workspace.isEmpty())
        return refuse(QStringLiteral("batch and workspace must be non-empty strings"));
    if (!json.value(QStringLiteral("tasks")).isArray())
        return refuse(QStringLiteral("tasks must be an array"));
    const QJsonArray taskArray = json.value(QStringLiteral("tasks")).toArray();
    for (qsizetype i = 0; i < taskArray.size(); ++i) {
        const QJsonObject item = taskArray.at(i).toObject();
        ClusterTask task;
        task.runId = qint64(item.value(QStringLiteral("run_id")).toDouble(0));
        task.name = item.value(QStringLiteral("name")).toString();
        task.spec = item.value(QStringLiteral("spec")).toObject();
        if (task.runId <= 0 || task.spec.isEmpty())
            return refuse(QStringLiteral("tasks[%1] needs a run_id > 0 and a spec object").arg(i));
        plan.tasks.append(task);
    }
    return plan;
}

Base::Result<ClusterPlan> ClusterPlan::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(QStringLiteral("cannot read the cluster plan: %1").arg(file.errorString()), path);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Base::Error(QStringLiteral("not a usable cluster plan: %1 at offset %2")
                               .arg(document.isObject() ? error.errorString() : QStringLiteral("not a JSON object"))
                               .arg(error.offset),
            path);
    return fromJson(document.object(), path);
}

Base::Status ClusterPlan::save(const QString &path) const
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Base::Error(QStringLiteral("cannot create the folder of the cluster plan"), path);
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Base::Error(QStringLiteral("cannot write the cluster plan: %1").arg(file.errorString()), path);
    return {};
}

BatchFiles::BatchFiles(const QString &workspacePath, const QString &batch)
    : m_directory(QDir(workspacePath).filePath(QStringLiteral("cluster/") + batch))
{ }

BatchFiles BatchFiles::ofPlan(const QString &planPath)
{
    return BatchFiles(QFileInfo(planPath).absolutePath());
}

QString BatchFiles::planPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("plan.json"));
}

QString BatchFiles::scriptPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("task.sh"));
}

QString BatchFiles::logsDirectory() const
{
    return QDir(m_directory).filePath(QStringLiteral("logs"));
}

QString BatchFiles::logPattern() const
{
    return QDir(logsDirectory()).filePath(QStringLiteral("task-%a.log"));
}

QString BatchFiles::logPath(int taskIndex) const
{
    return QDir(logsDirectory()).filePath(QStringLiteral("task-%1.log").arg(taskIndex));
}

QString BatchFiles::resultsDirectory() const
{
    return QDir(m_directory).filePath(QStringLiteral("results"));
}

QString BatchFiles::resultPath(int taskIndex) const
{
    return QDir(resultsDirectory()).filePath(QStringLiteral("%1.json").arg(taskIndex));
}

QString newBatchName()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-')
        + QString::number(QRandomGenerator::global()->bounded(0x1000000), 16).rightJustified(6, QLatin1Char('0'));
}

} // namespace Tandem::Runs
