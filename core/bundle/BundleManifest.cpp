// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/BundleManifest.h"

#include "core/bundle/BundleFile.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace Tandem::Bundle {
namespace {

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

Base::Error keyError(const QString &key, const QString &problem)
{
    return Base::Error(QStringLiteral("the bundle's manifest is damaged: %1")
                           .arg(key.isEmpty() ? problem : key + QLatin1Char(' ') + problem));
}

} // namespace

QString fitScopeName(FitScope scope)
{
    return scope == FitScope::AllRows ? QStringLiteral("all_rows") : QStringLiteral("holdout_training");
}

QJsonObject BundleManifest::toJson() const
{
    QJsonObject metricsJson;
    for (auto it = metrics.constBegin(); it != metrics.constEnd(); ++it)
        metricsJson.insert(it.key(), number(it.value()));
    QJsonObject run {{QStringLiteral("name"), runName}, {QStringLiteral("experiment"), experiment},
        {QStringLiteral("workspace"), workspace}, {QStringLiteral("spec"), runSpec}};
    run.insert(QStringLiteral("id"), runId ? QJsonValue(*runId) : QJsonValue(QJsonValue::Null));
    return QJsonObject {
        {QStringLiteral("bundle_format"), qint64(BundleFile::formatVersion)},
        {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("app_version"), appVersion},
        {QStringLiteral("model"),
            QJsonObject {{QStringLiteral("id"), modelId}, {QStringLiteral("name"), modelName},
                {QStringLiteral("task"), Learn::taskName(task)}, {QStringLiteral("params"), params}}},
        {QStringLiteral("input_schema"), inputs.toJson()},
        {QStringLiteral("target"),
            QJsonObject {{QStringLiteral("name"), target}, {QStringLiteral("type"), Data::columnTypeName(targetType)}}},
        {QStringLiteral("classes"), QJsonArray::fromStringList(classes)},
        {QStringLiteral("training"),
            QJsonObject {{QStringLiteral("dataset"), datasetPath}, {QStringLiteral("fingerprint"), datasetFingerprint},
                {QStringLiteral("fit_scope"), fitScopeName(fitScope)}, {QStringLiteral("fit_rows"), fitRows},
                {QStringLiteral("dropped_rows"), droppedRows}}},
        {QStringLiteral("evaluation"),
            QJsonObject {{QStringLiteral("description"), evaluation}, {QStringLiteral("metrics"), metricsJson}}},
        {QStringLiteral("run"), run},
        {QStringLiteral("profile"), profile.toJson()},
    };
}

Base::Result<BundleManifest> BundleManifest::fromJson(const QJsonObject &json)
{
    BundleManifest m;
    m.createdAt = QDateTime::fromString(json.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    m.appVersion = json.value(QStringLiteral("app_version")).toString();

    const QJsonObject model = json.value(QStringLiteral("model")).toObject();
    m.modelId = model.value(QStringLiteral("id")).toString();
    if (m.modelId.isEmpty())
        return keyError(QStringLiteral("model.id"), QStringLiteral("is missing"));
    m.modelName = model.value(QStringLiteral("name")).toString();
    const QString task = model.value(QStringLiteral("task")).toString();
    if (task == Learn::taskName(Learn::Task::Classification))
        m.task = Learn::Task::Classification;
    else if (task == Learn::taskName(Learn::Task::Regression))
        m.task = Learn::Task::Regression;
    else
        return keyError(QStringLiteral("model.task"), QStringLiteral("is not a task: \"%1\"").arg(task));
    m.params = model.value(QStringLiteral("params")).toObject();

    auto inputs = InputSchema::fromJson(json.value(QStringLiteral("input_schema")).toArray());
    if (!inputs.ok())
        return keyError(QString(), inputs.error().message);
    m.inputs = std::move(inputs).value();
    const QJsonObject target = json.value(QStringLiteral("target")).toObject();
    m.target = target.value(QStringLiteral("name")).toString();
    const auto targetType = columnTypeFromName(target.value(QStringLiteral("type")).toString());
    if (m.target.isEmpty() || !targetType)
        return keyError(QStringLiteral("target"), QStringLiteral("needs a name and a type"));
    m.targetType = *targetType;
    for (const QJsonValue &label : json.value(QStringLiteral("classes")).toArray())
        m.classes << label.toString();

    const QJsonObject run = json.value(QStringLiteral("run")).toObject();
    if (run.value(QStringLiteral("id")).isDouble())
        m.runId = run.value(QStringLiteral("id")).toInteger();
    m.runName = run.value(QStringLiteral("name")).toString();
    m.experiment = run.value(QStringLiteral("experiment")).toString();
    m.workspace = run.value(QStringLiteral("workspace")).toString();
    m.runSpec = run.value(QStringLiteral("spec")).toObject();

    const QJsonObject training = json.value(QStringLiteral("training")).toObject();
    m.datasetPath = training.value(QStringLiteral("dataset")).toString();
    m.datasetFingerprint = training.value(QStringLiteral("fingerprint")).toString();
    const QString scope = training.value(QStringLiteral("fit_scope")).toString();
    if (scope == fitScopeName(FitScope::AllRows))
        m.fitScope = FitScope::AllRows;
    else if (scope == fitScopeName(FitScope::HoldoutTraining))
        m.fitScope = FitScope::HoldoutTraining;
    else
        return keyError(QStringLiteral("training.fit_scope"), QStringLiteral("is not known: \"%1\"").arg(scope));
    m.fitRows = training.value(QStringLiteral("fit_rows")).toInteger();
    m.droppedRows = training.value(QStringLiteral("dropped_rows")).toInteger();

    const QJsonObject evaluation = json.value(QStringLiteral("evaluation")).toObject();
    m.evaluation = evaluation.value(QStringLiteral("description")).toString();
    const QJsonObject metrics = evaluation.value(QStringLiteral("metrics")).toObject();
    for (auto it = metrics.constBegin(); it != metrics.constEnd(); ++it)
        m.metrics.insert(
            it.key(), it.value().isDouble() ? it.value().toDouble() : std::numeric_limits<double>::quiet_NaN());

    auto profile = ProfileSummary::fromJson(json.value(QStringLiteral("profile")).toObject());
    if (!profile.ok())
        return keyError(QString(), profile.error().message);
    m.profile = std::move(profile).value();
    return m;
}

} // namespace Tandem::Bundle
