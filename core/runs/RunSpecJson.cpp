// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/RunSpecJson.h"

#include <QLocale>
#include <QSet>

#include <cmath>

namespace Tandem::Runs::SpecJson {

QString path(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

QString path(const QString &parent, qsizetype index)
{
    return QStringLiteral("%1[%2]").arg(parent).arg(index);
}

QString render(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // Whole numbers as written (100000, not 1e+05); others in their shortest exact form.
        const double number = value.toDouble();
        if (number == std::floor(number) && std::abs(number) < 1e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String: return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case QJsonValue::Array: return QStringLiteral("a list");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

Base::Status checkKeys(const QJsonObject &json, const QString &parent, const QStringList &known)
{
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return Base::Error(
                QStringLiteral("unknown key %1 (allowed%2: %3)")
                    .arg(path(parent, it.key()), parent.isEmpty() ? QString() : QStringLiteral(" in %1").arg(parent),
                        known.join(QStringLiteral(", "))));
    }
    return {};
}

Base::Result<qint64> integer(const QJsonValue &value, const QString &path, qint64 minimum, qint64 maximum)
{
    const QString expected = maximum >= maxExactInteger
        ? QStringLiteral("an integer >= %1").arg(minimum)
        : QStringLiteral("an integer in [%1, %2]").arg(minimum).arg(maximum);
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || number != std::floor(number) || number < double(minimum)
        || number > double(maximum))
        return Base::Error(QStringLiteral("%1 must be %2, got %3").arg(path, expected, render(value)));
    return qint64(number);
}

Base::Result<double> number(const QJsonValue &value, const QString &path)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return Base::Error(QStringLiteral("%1 must be a number, got %2").arg(path, render(value)));
    return value.toDouble();
}

Base::Result<bool> boolean(const QJsonValue &value, const QString &path)
{
    if (!value.isBool())
        return Base::Error(QStringLiteral("%1 must be true or false, got %2").arg(path, render(value)));
    return value.toBool();
}

Base::Result<QString> string(const QJsonValue &value, const QString &path, bool nonEmpty)
{
    if (!value.isString())
        return Base::Error(QStringLiteral("%1 must be a string, got %2").arg(path, render(value)));
    if (nonEmpty && value.toString().trimmed().isEmpty())
        return Base::Error(QStringLiteral("%1 must not be empty").arg(path));
    return value.toString();
}

Base::Result<QJsonObject> object(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return Base::Error(QStringLiteral("%1 must be an object, got %2").arg(path, render(value)));
    return value.toObject();
}

Base::Result<QStringList> strings(const QJsonValue &value, const QString &path)
{
    if (!value.isArray())
        return Base::Error(QStringLiteral("%1 must be a list of strings, got %2").arg(path, render(value)));
    QStringList result;
    QSet<QString> seen;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto item = string(array.at(i), SpecJson::path(path, i), true);
        if (!item.ok())
            return item.error();
        if (seen.contains(item.value()))
            return Base::Error(QStringLiteral("%1 lists %2 twice").arg(path, item.value()));
        seen.insert(item.value());
        result << item.value();
    }
    return result;
}

Base::Result<QVariant> paramValue(const Learn::ParamSpec &spec, const QJsonValue &value, const QString &path)
{
    if (!value.isDouble() && !value.isString() && !value.isBool())
        return Base::Error(QStringLiteral("%1 must be a value of %2, got %3").arg(path, spec.name, render(value)));
    auto typed = spec.validate(value.toVariant());
    if (typed.ok())
        return typed.value();
    // ParamSpec messages start with the parameter's name ("C must be > 0, got -1");
    // the field path replaces it so that the message says where the value is.
    const QString message = typed.error().message;
    const QString prefix = spec.name + QLatin1Char(' ');
    if (message.startsWith(prefix))
        return Base::Error(path + QLatin1Char(' ') + message.mid(prefix.size()));
    return Base::Error(QStringLiteral("%1: %2").arg(path, message));
}

} // namespace Tandem::Runs::SpecJson
