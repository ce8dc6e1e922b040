// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/bundle/ProfileJson.h"

#include "core/bundle/InputSchema.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace Tandem::Bundle {
namespace {

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

double numberOf(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

QJsonObject columnJson(const Data::ColumnProfile &p)
{
    QJsonObject object {
        {QStringLiteral("name"), p.name},
        {QStringLiteral("type"), Data::columnTypeName(p.type)},
        {QStringLiteral("count"), p.count},
        {QStringLiteral("missing"), p.missing},
        {QStringLiteral("distinct"), p.distinct},
        {QStringLiteral("distinct_estimated"), p.distinctEstimated},
        {QStringLiteral("mean"), number(p.mean)},
        {QStringLiteral("std"), number(p.std)},
        {QStringLiteral("min"), number(p.min)},
        {QStringLiteral("q25"), number(p.q25)},
        {QStringLiteral("median"), number(p.median)},
        {QStringLiteral("q75"), number(p.q75)},
        {QStringLiteral("max"), number(p.max)},
    };
    if (p.hasNumericSummary()) {
        object.insert(QStringLiteral("zeros"), p.zeros);
        QJsonArray edges;
        for (const double edge : p.histogram.edges)
            edges.append(number(edge));
        QJsonArray counts;
        for (const qint64 count : p.histogram.counts)
            counts.append(count);
        object.insert(QStringLiteral("histogram"),
            QJsonObject {{QStringLiteral("edges"), edges}, {QStringLiteral("counts"), counts}});
    }
    if (p.hasTopValues()) {
        QJsonArray top;
        for (const Data::TopValue &value : p.top)
            top.append(QJsonObject {{QStringLiteral("value"), value.value}, {QStringLiteral("count"), value.count}});
        object.insert(QStringLiteral("top"), top);
        object.insert(QStringLiteral("top_approximate"), p.topApproximate);
    }
    return object;
}

Base::Result<Data::ColumnProfile> columnFromJson(const QJsonObject &object, const QString &where)
{
    Data::ColumnProfile p;
    p.name = object.value(QStringLiteral("name")).toString();
    const auto type = columnTypeFromName(object.value(QStringLiteral("type")).toString());
    if (p.name.isEmpty() || !type)
        return Base::Error(QStringLiteral("%1: a column needs a name and a known type").arg(where));
    p.type = *type;
    p.count = object.value(QStringLiteral("count")).toInteger();
    p.missing = object.value(QStringLiteral("missing")).toInteger();
    p.distinct = object.value(QStringLiteral("distinct")).toInteger();
    p.distinctEstimated = object.value(QStringLiteral("distinct_estimated")).toBool();
    p.mean = numberOf(object.value(QStringLiteral("mean")));
    p.std = numberOf(object.value(QStringLiteral("std")));
    p.min = numberOf(object.value(QStringLiteral("min")));
    p.q25 = numberOf(object.value(QStringLiteral("q25")));
    p.median = numberOf(object.value(QStringLiteral("median")));
    p.q75 = numberOf(object.value(QStringLiteral("q75")));
    p.max = numberOf(object.value(QStringLiteral("max")));
    p.zeros = object.value(QStringLiteral("zeros")).toInteger();
    const QJsonObject histogram = object.value(QStringLiteral("histogram")).toObject();
    for (const QJsonValue &edge : histogram.value(QStringLiteral("edges")).toArray())
        p.histogram.edges.push_back(numberOf(edge));
    for (const QJsonValue &count : histogram.value(QStringLiteral("counts")).toArray())
        p.histogram.counts.push_back(count.toInteger());
    if (!p.histogram.edges.empty() && p.histogram.edges.size() != p.histogram.counts.size() + 1)
        return Base::Error(QStringLiteral("%1.histogram: %2 edges for %3 counts")
                               .arg(where)
                               .arg(p.histogram.edges.size())
                               .arg(p.histogram.counts.size()));
    for (const QJsonValue &entry : object.value(QStringLiteral("top")).toArray()) {
        const QJsonObject value = entry.toObject();
        p.top.append(Data::TopValue {
            value.value(QStringLiteral("value")).toString(), value.value(QStringLiteral("count")).toInteger()});
    }
    p.topApproximate = object.value(QStringLiteral("top_approximate")).toBool();
    return p;
}

} // namespace

QJsonObject ProfileSummary::toJson() const
{
    QJsonArray array;
    for (const Data::ColumnProfile &column : columns)
        array.append(columnJson(column));
    return QJsonObject {{QStringLiteral("rows"), rows}, {QStringLiteral("columns"), array}};
}

Base::Result<ProfileSummary> ProfileSummary::fromJson(const QJsonObject &json)
{
    ProfileSummary summary;
    summary.rows = json.value(QStringLiteral("rows")).toInteger();
    const QJsonArray array = json.value(QStringLiteral("columns")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto column = columnFromJson(array.at(i).toObject(), QStringLiteral("profile.columns[%1]").arg(i));
        if (!column.ok())
            return column.error();
        summary.columns.push_back(std::move(column).value());
    }
    return summary;
}

} // namespace Tandem::Bundle
