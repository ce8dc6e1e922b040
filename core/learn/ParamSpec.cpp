// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/ParamSpec.h"

#include <QLocale>

#include <cmath>

namespace Tandem::Learn {
namespace {

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

/// "> 0", ">= 1", "in [0, 1]", "in (0, 1]" ...
QString rangeText(const ParamSpec &spec)
{
    const bool hasMin = std::isfinite(spec.minimum), hasMax = std::isfinite(spec.maximum);
    if (hasMin && hasMax)
        return QStringLiteral("in %1%2, %3%4")
            .arg(spec.minimumInclusive ? QLatin1Char('[') : QLatin1Char('('))
            .arg(number(spec.minimum), number(spec.maximum))
            .arg(spec.maximumInclusive ? QLatin1Char(']') : QLatin1Char(')'));
    if (hasMin)
        return QStringLiteral("%1 %2").arg(
            spec.minimumInclusive ? QStringLiteral(">=") : QStringLiteral(">"), number(spec.minimum));
    if (hasMax)
        return QStringLiteral("%1 %2").arg(
            spec.maximumInclusive ? QStringLiteral("<=") : QStringLiteral("<"), number(spec.maximum));
    return {};
}

bool inRange(const ParamSpec &spec, double value)
{
    if (std::isnan(value))
        return false;
    if (spec.minimumInclusive ? value < spec.minimum : value <= spec.minimum)
        return false;
    if (spec.maximumInclusive ? value > spec.maximum : value >= spec.maximum)
        return false;
    return true;
}

} // namespace

ParamSpec ParamSpec::integer(QString name, qint64 defaultValue, double minimum, double maximum, QString help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.type = Type::Int;
    spec.defaultValue = defaultValue;
    spec.minimum = minimum;
    spec.maximum = maximum;
    spec.help = std::move(help);
    return spec;
}

ParamSpec ParamSpec::real(QString name, double defaultValue, double minimum, double maximum, QString help,
    bool minimumInclusive, bool logScale)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.type = Type::Float;
    spec.defaultValue = defaultValue;
    spec.minimum = minimum;
    spec.maximum = maximum;
    spec.minimumInclusive = minimumInclusive;
    spec.logScale = logScale;
    spec.help = std::move(help);
    return spec;
}

ParamSpec ParamSpec::choice(QString name, QString defaultValue, QStringList choices, QString help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.type = Type::Choice;
    spec.defaultValue = std::move(defaultValue);
    spec.choices = std::move(choices);
    spec.help = std::move(help);
    return spec;
}

ParamSpec ParamSpec::boolean(QString name, bool defaultValue, QString help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.type = Type::Bool;
    spec.defaultValue = defaultValue;
    spec.help = std::move(help);
    return spec;
}

ParamSpec ParamSpec::text(
    QString name, QString defaultValue, QString syntax, std::function<QString(const QString &)> check, QString help)
{
    ParamSpec spec;
    spec.name = std::move(name);
    spec.type = Type::Text;
    spec.defaultValue = std::move(defaultValue);
    spec.textSyntax = std::move(syntax);
    spec.textCheck = std::move(check);
    spec.help = std::move(help);
    return spec;
}

Base::Result<QVariant> ParamSpec::validate(const QVariant &value) const
{
    switch (type) {
    case Type::Int: {
        bool ok = false;
        const double asDouble = value.toDouble(&ok);
        if (!ok || asDouble != std::floor(asDouble) || std::abs(asDouble) > 9.0e15)
            return Base::Error(QStringLiteral("%1 must be an integer, got %2").arg(name, value.toString()));
        if (!inRange(*this, asDouble))
            return Base::Error(QStringLiteral("%1 must be %2, got %3").arg(name, rangeText(*this), value.toString()));
        return QVariant(qint64(asDouble));
    }
    case Type::Float: {
        bool ok = false;
        const double asDouble = value.toDouble(&ok);
        if (!ok || !std::isfinite(asDouble))
            return Base::Error(QStringLiteral("%1 must be a number, got %2").arg(name, value.toString()));
        if (!inRange(*this, asDouble))
            return Base::Error(QStringLiteral("%1 must be %2, got %3").arg(name, rangeText(*this), value.toString()));
        return QVariant(asDouble);
    }
    case Type::Choice: {
        const QString text = value.toString();
        if (!choices.contains(text))
            return Base::Error(
                QStringLiteral("%1 must be one of %2, got %3")
                    .arg(name, choices.join(QStringLiteral(", ")), text.isEmpty() ? QStringLiteral("nothing") : text));
        return QVariant(text);
    }
    case Type::Bool: {
        if (value.typeId() == QMetaType::Bool)
            return value;
        const QString text = value.toString().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1") || text == QLatin1String("yes"))
            return QVariant(true);
        if (text == QLatin1String("false") || text == QLatin1String("0") || text == QLatin1String("no"))
            return QVariant(false);
        return Base::Error(QStringLiteral("%1 must be true or false, got %2").arg(name, value.toString()));
    }
    case Type::Text: {
        const QString text = value.toString().trimmed();
        if (textCheck) {
            if (const QString problem = textCheck(text); !problem.isEmpty())
                return Base::Error(
                    QStringLiteral("%1 must be %2, got %3: %4")
                        .arg(name, textSyntax, text.isEmpty() ? QStringLiteral("nothing") : text, problem));
        }
        return QVariant(text);
    }
    }
    return Base::Error(QStringLiteral("%1: unknown parameter type").arg(name));
}

Base::Result<QVariant> ParamSpec::parse(const QString &text) const
{
    if (type == Type::Int || type == Type::Float) {
        bool ok = false;
        const double value = QLocale::c().toDouble(text.trimmed(), &ok);
        if (!ok)
            return Base::Error(
                QStringLiteral("%1 must be %2, got %3")
                    .arg(name, type == Type::Int ? QStringLiteral("an integer") : QStringLiteral("a number"), text));
        return validate(value);
    }
    return validate(text.trimmed());
}

QString ParamSpec::describe() const
{
    QStringList parts;
    switch (type) {
    case Type::Int: parts << QStringLiteral("integer"); break;
    case Type::Float: parts << QStringLiteral("float"); break;
    case Type::Choice: parts << QStringLiteral("one of %1").arg(choices.join(QStringLiteral("|"))); break;
    case Type::Bool: parts << QStringLiteral("true|false"); break;
    case Type::Text: parts << textSyntax; break;
    }
    if (const QString range = rangeText(*this); !range.isEmpty() && (type == Type::Int || type == Type::Float))
        parts << range;
    parts << QStringLiteral("default %1").arg(defaultValue.toString());
    if (logScale)
        parts << QStringLiteral("log scale");
    return parts.join(QStringLiteral(", "));
}

ParamValues defaultValues(const QList<ParamSpec> &specs)
{
    ParamValues values;
    for (const ParamSpec &spec : specs)
        values.insert(spec.name, spec.defaultValue);
    return values;
}

Base::Result<ParamValues> validateValues(const QList<ParamSpec> &specs, const ParamValues &values)
{
    ParamValues complete;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        const auto spec
            = std::find_if(specs.begin(), specs.end(), [&it](const ParamSpec &s) { return s.name == it.key(); });
        if (spec == specs.end()) {
            QStringList names;
            for (const ParamSpec &s : specs)
                names << s.name;
            return Base::Error(
                QStringLiteral("unknown parameter %1 (this model takes: %2)")
                    .arg(it.key(), names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
        }
    }
    for (const ParamSpec &spec : specs) {
        const auto result = spec.validate(values.contains(spec.name) ? values.value(spec.name) : spec.defaultValue);
        if (!result.ok())
            return result.error();
        complete.insert(spec.name, result.value());
    }
    return complete;
}

} // namespace Tandem::Learn
