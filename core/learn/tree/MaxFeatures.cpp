// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/tree/MaxFeatures.h"

#include <algorithm>
#include <cmath>

namespace Tandem::Learn {
namespace {

enum class Kind { Sqrt, Log2, All, Fraction, Count, Invalid };

struct Parsed {
    Kind kind = Kind::Invalid;
    double number = 0.0;
    QString problem;
};

Parsed parse(const QString &text)
{
    if (text == QLatin1String("sqrt"))
        return {Kind::Sqrt, 0.0, {}};
    if (text == QLatin1String("log2"))
        return {Kind::Log2, 0.0, {}};
    if (text == QLatin1String("all"))
        return {Kind::All, 0.0, {}};
    bool ok = false;
    if (text.contains(QLatin1Char('.')) || text.contains(QLatin1Char('e'), Qt::CaseInsensitive)) {
        const double fraction = text.toDouble(&ok);
        if (!ok)
            return {Kind::Invalid, 0.0, QStringLiteral("not a name or a number")};
        if (!(fraction > 0.0 && fraction <= 1.0))
            return {Kind::Invalid, 0.0, QStringLiteral("a fraction must be in (0, 1]")};
        return {Kind::Fraction, fraction, {}};
    }
    const qlonglong count = text.toLongLong(&ok);
    if (!ok)
        return {Kind::Invalid, 0.0, QStringLiteral("not a name or a number")};
    if (count < 1)
        return {Kind::Invalid, 0.0, QStringLiteral("a feature count must be >= 1")};
    return {Kind::Count, double(count), {}};
}

} // namespace

ParamSpec maxFeaturesSpec(const QString &defaultValue)
{
    return ParamSpec::text(
        QStringLiteral("max_features"), defaultValue, QStringLiteral("sqrt|log2|all|fraction in (0, 1]|count"),
        [](const QString &text) { return parse(text).problem; },
        QStringLiteral("Features tried per split: sqrt or log2 of their number, all, a fraction (with a "
                       "decimal point: 0.5) or a count (12)"));
}

Base::Result<int> resolveMaxFeatures(const QString &value, int featureCount)
{
    const Parsed parsed = parse(value);
    const double p = double(featureCount);
    double chosen = 0.0;
    switch (parsed.kind) {
    case Kind::Sqrt: chosen = std::floor(std::sqrt(p)); break;
    case Kind::Log2: chosen = std::floor(std::log2(std::max(p, 1.0))); break;
    case Kind::All: chosen = p; break;
    case Kind::Fraction: chosen = std::floor(parsed.number * p); break;
    case Kind::Count:
        if (parsed.number > p)
            return Base::Error(QStringLiteral("max_features is %1 but the data has only %2 features")
                                   .arg(qlonglong(parsed.number))
                                   .arg(featureCount));
        chosen = parsed.number;
        break;
    case Kind::Invalid: return Base::Error(QStringLiteral("max_features: %1, got %2").arg(parsed.problem, value));
    }
    return int(std::clamp(chosen, 1.0, std::max(p, 1.0)));
}

} // namespace Tandem::Learn
