// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RunRecordFormat.h"

#include "app/cli/JsonNumber.h"
#include "app/cli/MetricFormat.h"
#include "core/eval/MetricSet.h"
#include "core/learn/Registry.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace Tandem::Cli {
namespace {

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonObject metricValuesJson(const QMap<QString, double> &metrics)
{
    QJsonObject object;
    for (auto it = metrics.constBegin(); it != metrics.constEnd(); ++it)
        object.insert(it.key(), jsonNumber(it.value()));
    return object;
}

} // namespace

QString runModel(const Store::RunRecord &run)
{
    return run.spec.value(QStringLiteral("model")).toObject().value(QStringLiteral("id")).toString();
}

QString runHeadlineMetric(const Store::RunRecord &run)
{
    const Learn::ModelInfo *model = Learn::Registry::instance().find(runModel(run));
    return headlineMetric(model ? model->task : Learn::Task::Classification);
}

double runHeadlineValue(const Store::RunRecord &run)
{
    return run.metrics.value(runHeadlineMetric(run), std::numeric_limits<double>::quiet_NaN());
}

QJsonObject runSummaryJson(const Store::RunRecord &run)
{
    return QJsonObject {
        {QStringLiteral("id"), run.id},
        {QStringLiteral("name"), run.name},
        {QStringLiteral("experiment"),
            run.experimentId ? QJsonValue(run.experimentName) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("status"), Store::runStatusName(run.status)},
        {QStringLiteral("executor"), run.executor},
        {QStringLiteral("model"), runModel(run)},
        {QStringLiteral("params"), run.params},
        {QStringLiteral("metrics"), metricValuesJson(run.metrics)},
        {QStringLiteral("error"), run.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(run.error)},
        // Seeds are at most 2^53 (RunSpec), so a JSON number carries them exactly.
        {QStringLiteral("seed"), run.seed ? QJsonValue(qint64(*run.seed)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("created_at"), timeJson(run.createdAt)},
        {QStringLiteral("started_at"), timeJson(run.startedAt)},
        {QStringLiteral("ended_at"), timeJson(run.endedAt)},
        {QStringLiteral("duration_ms"), run.durationMs ? QJsonValue(*run.durationMs) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("tags"), QJsonArray::fromStringList(run.tags)},
    };
}

QJsonObject runDetailsJson(const Store::RunDetails &details, const QString &artifactsDir)
{
    QJsonObject object = runSummaryJson(details.run);
    object.insert(QStringLiteral("spec"), details.run.spec);
    object.insert(QStringLiteral("host"), details.run.host);
    object.insert(QStringLiteral("app_version"), details.run.appVersion);

    std::map<int, QJsonObject> folds;
    QJsonArray steps;
    for (const Store::MetricPoint &point : details.metrics) {
        if (point.step) {
            steps.append(QJsonObject {{QStringLiteral("name"), point.name},
                {QStringLiteral("fold"), point.fold ? QJsonValue(*point.fold) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("step"), *point.step}, {QStringLiteral("value"), jsonNumber(point.value)}});
        } else if (point.fold) {
            folds[*point.fold].insert(point.name, jsonNumber(point.value));
        }
    }
    QJsonArray foldArray;
    for (const auto &[fold, metrics] : folds)
        foldArray.append(metrics);
    object.insert(QStringLiteral("folds"), foldArray);
    object.insert(QStringLiteral("steps"), steps);
    object.insert(QStringLiteral("artifacts_dir"), artifactsDir);
    object.insert(QStringLiteral("artifacts"), QJsonArray::fromStringList(details.artifacts));
    QJsonArray notes;
    for (const Store::RunNote &note : details.notes)
        notes.append(QJsonObject {{QStringLiteral("id"), note.id}, {QStringLiteral("text"), note.text},
            {QStringLiteral("created_at"), timeJson(note.createdAt)}});
    object.insert(QStringLiteral("notes"), notes);
    return object;
}

void sortByHeadline(QList<Store::RunRecord> &runs)
{
    std::stable_sort(runs.begin(), runs.end(), [](const Store::RunRecord &a, const Store::RunRecord &b) {
        const double x = runHeadlineValue(a);
        const double y = runHeadlineValue(b);
        if (std::isnan(x) != std::isnan(y))
            return std::isnan(y);
        if (!std::isnan(x) && x != y)
            return Eval::greaterIsBetter(runHeadlineMetric(a)) ? x > y : x < y;
        return a.id < b.id;
    });
}

} // namespace Tandem::Cli
