// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/MetricFormat.h"

#include "app/cli/JsonNumber.h"

#include <QStringList>

#include <cmath>

namespace Tandem::Cli {

QString formatMetric(double value)
{
    return std::isfinite(value) ? QString::number(value, 'f', 4) : QStringLiteral("-");
}

QString paramsText(const Learn::ParamValues &params)
{
    QStringList parts;
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        const QVariant &value = it.value();
        const QString text
            = value.typeId() == QMetaType::Double ? QString::number(value.toDouble(), 'g', 10) : value.toString();
        parts << QStringLiteral("%1=%2").arg(it.key(), text);
    }
    return parts.join(QStringLiteral(", "));
}

QJsonObject metricsJson(const Eval::MetricList &metrics)
{
    QJsonObject object;
    for (const Eval::Metric &metric : metrics)
        object.insert(metric.name, jsonNumber(metric.value));
    return object;
}

QString headlineMetric(Learn::Task task)
{
    return task == Learn::Task::Classification ? QStringLiteral("accuracy") : QStringLiteral("r2");
}

} // namespace Tandem::Cli
