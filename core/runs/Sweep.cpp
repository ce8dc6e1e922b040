// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/Sweep.h"

#include "core/base/SeededRandom.h"
#include "core/runs/RunSpec.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Tandem::Runs {
namespace {

using Learn::ParamSpec;

const ParamSpec *findSpec(const QList<ParamSpec> &specs, const QString &name)
{
    const auto it = std::find_if(specs.begin(), specs.end(), [&name](const ParamSpec &s) { return s.name == name; });
    return it == specs.end() ? nullptr : &*it;
}

bool isLog(const SweepParam &param, const ParamSpec &spec)
{
    return param.log.value_or(spec.logScale);
}

QString valueText(const QVariant &value)
{
    if (value.typeId() == QMetaType::Double)
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    return value.toString();
}

/// A key that tells configurations apart (the shortest text that reads back as the same double).
QString configurationKey(const Learn::ParamValues &swept)
{
    QString key;
    for (auto it = swept.constBegin(); it != swept.constEnd(); ++it)
        key += it.key() + QLatin1Char('=') + valueText(it.value()) + QLatin1Char('\n');
    return key;
}

/// A value of a range, clamped into it (rounding at the ends of exp and the
/// linear formula may step just outside) and rounded for integer parameters.
QVariant rangeValue(double value, const SweepParam &param, const ParamSpec &spec)
{
    value = std::clamp(value, param.minimum, param.maximum);
    if (spec.type == ParamSpec::Type::Int)
        return QVariant(qint64(std::llround(value)));
    return QVariant(value);
}

QVariant draw(const SweepParam &param, const ParamSpec &spec, Base::SeededRandom &random)
{
    if (!param.isRange())
        return param.values.at(qsizetype(random.bounded(quint64(param.values.size()))));
    const double u = random.uniform();
    if (spec.type == ParamSpec::Type::Int) {
        // Widening by half a unit gives each integer (the ends included) its full share.
        const double low = param.minimum - 0.5, high = param.maximum + 0.5;
        if (isLog(param, spec))
            return rangeValue(std::exp(std::log(low) + u * (std::log(high) - std::log(low))), param, spec);
        return rangeValue(low + u * (high - low), param, spec);
    }
    if (isLog(param, spec)) {
        const double low = std::log10(param.minimum), high = std::log10(param.maximum);
        return rangeValue(std::pow(10.0, low + u * (high - low)), param, spec);
    }
    return rangeValue(param.minimum + u * (param.maximum - param.minimum), param, spec);
}

/// Validates one configuration; an error names it by position and values.
Base::Result<SweepConfiguration> configuration(
    int index, const Learn::ParamValues &swept, const QList<ParamSpec> &specs, const Learn::ParamValues &base)
{
    Learn::ParamValues values = base;
    for (auto it = swept.constBegin(); it != swept.constEnd(); ++it)
        values.insert(it.key(), it.value());
    auto complete = Learn::validateValues(specs, values);
    if (!complete.ok())
        return Base::Error(QStringLiteral("sweep configuration %1 (%2): %3")
                               .arg(index + 1)
                               .arg(describeConfiguration(swept), complete.error().message));
    return SweepConfiguration {index, complete.value(), swept};
}

} // namespace

QList<QVariant> gridValues(const SweepParam &param, const ParamSpec &spec)
{
    if (!param.isRange())
        return param.values;
    QList<QVariant> values;
    const int steps = std::max(param.steps, 2);
    const bool log = isLog(param, spec);
    const double low = log ? std::log10(param.minimum) : param.minimum;
    const double high = log ? std::log10(param.maximum) : param.maximum;
    for (int i = 0; i < steps; ++i) {
        // The ends are exact; pow(10, k) is exact for whole k, so decades come out round.
        double value = i == 0 ? param.minimum : i == steps - 1 ? param.maximum : 0.0;
        if (i > 0 && i < steps - 1) {
            const double t = low + (high - low) * double(i) / double(steps - 1);
            value = log ? std::pow(10.0, t) : t;
        }
        const QVariant typed = rangeValue(value, param, spec);
        if (!values.contains(typed))
            values << typed;
    }
    return values;
}

qint64 gridSize(const SweepSpec &sweep, const QList<ParamSpec> &specs)
{
    qint64 size = 1;
    for (const SweepParam &param : sweep.params) {
        const ParamSpec *spec = findSpec(specs, param.name);
        const qint64 count = spec ? gridValues(param, *spec).size() : param.values.size();
        size = std::min(size * std::max<qint64>(count, 1), maxSweepConfigurations + 1);
    }
    return size;
}

Base::Result<QList<SweepConfiguration>> expandSweep(
    const SweepSpec &sweep, const QList<ParamSpec> &specs, const Learn::ParamValues &base)
{
    QList<const ParamSpec *> paramSpecs;
    for (const SweepParam &param : sweep.params) {
        const ParamSpec *spec = findSpec(specs, param.name);
        if (!spec)
            return Base::Error(QStringLiteral("sweep.params.%1 is not a parameter of this model").arg(param.name));
        paramSpecs << spec;
    }
    if (sweep.params.isEmpty())
        return Base::Error(QStringLiteral("sweep.params must name at least one parameter"));

    QList<SweepConfiguration> configurations;
    if (sweep.method == SweepSpec::Method::Grid) {
        QList<QList<QVariant>> axes;
        QStringList sizes;
        qint64 size = 1;
        for (qsizetype p = 0; p < sweep.params.size(); ++p) {
            axes << gridValues(sweep.params[p], *paramSpecs[p]);
            sizes << QStringLiteral("%1: %2").arg(sweep.params[p].name).arg(axes.last().size());
            size = std::min(size * axes.last().size(), maxSweepConfigurations + 1);
        }
        if (size > maxSweepConfigurations) {
            QLocale c = QLocale::c();
            c.setNumberOptions({}); // group thousands: 1,000,000
            double exact = 1.0;
            for (const auto &axis : axes)
                exact *= double(axis.size());
            return Base::Error(QStringLiteral("sweep: the grid has %1 configurations (%2); at most %3 are allowed: "
                                              "use fewer values or steps, or a random search")
                                   .arg(c.toString(exact, 'f', 0), sizes.join(QStringLiteral(" × ")),
                                       c.toString(maxSweepConfigurations)));
        }
        // An odometer over the axes: the last parameter turns fastest.
        QList<qsizetype> position(axes.size(), 0);
        for (qint64 index = 0; index < size; ++index) {
            Learn::ParamValues swept;
            for (qsizetype p = 0; p < axes.size(); ++p)
                swept.insert(sweep.params[p].name, axes[p][position[p]]);
            auto config = configuration(int(index), swept, specs, base);
            if (!config.ok())
                return config.error();
            configurations << config.value();
            for (qsizetype p = axes.size() - 1; p >= 0; --p) {
                if (++position[p] < axes[p].size())
                    break;
                position[p] = 0;
            }
        }
        return configurations;
    }

    if (sweep.iterations < 1 || sweep.iterations > maxSweepConfigurations)
        return Base::Error(QStringLiteral("sweep.n_iter must be an integer in [1, %1], got %2")
                               .arg(maxSweepConfigurations)
                               .arg(sweep.iterations));
    QSet<QString> seen;
    const qint64 maxDraws = 10 * qint64(sweep.iterations) + 100;
    for (qint64 drawIndex = 0; drawIndex < maxDraws && configurations.size() < sweep.iterations; ++drawIndex) {
        Base::SeededRandom random = Base::SeededRandom::derived(sweep.seed, quint64(drawIndex));
        Learn::ParamValues swept;
        for (qsizetype p = 0; p < sweep.params.size(); ++p)
            swept.insert(sweep.params[p].name, draw(sweep.params[p], *paramSpecs[p], random));
        const QString key = configurationKey(swept);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        auto config = configuration(int(configurations.size()), swept, specs, base);
        if (!config.ok())
            return config.error();
        configurations << config.value();
    }
    return configurations;
}

Base::Result<QList<SweepConfiguration>> expandSweep(const RunSpec &spec)
{
    const QList<ParamSpec> specs = spec.paramSpecs();
    if (!spec.sweep) {
        auto complete = Learn::validateValues(specs, spec.params);
        if (!complete.ok())
            return Base::Error(QStringLiteral("model.params: %1").arg(complete.error().message));
        return QList<SweepConfiguration> {SweepConfiguration {0, complete.value(), {}}};
    }
    return expandSweep(*spec.sweep, specs, spec.params);
}

QString describeConfiguration(const Learn::ParamValues &values)
{
    QStringList parts;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        parts << it.key() + QLatin1Char('=') + valueText(it.value());
    return parts.join(QStringLiteral(", "));
}

} // namespace Tandem::Runs
