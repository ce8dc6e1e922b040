// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SweepSpec.h"

#include "core/runs/RunSpecJson.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace Tandem::Runs {
namespace {

using Learn::ParamSpec;

Base::Result<SweepParam> listParam(const ParamSpec &spec, const QJsonArray &array, const QString &path)
{
    if (array.isEmpty())
        return Base::Error(QStringLiteral("%1 must list at least one value").arg(path));
    SweepParam param;
    param.name = spec.name;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto value = SpecJson::paramValue(spec, array.at(i), SpecJson::path(path, i));
        if (!value.ok())
            return value.error();
        // [1, 1.0] names one value twice: evaluate it once.
        if (!param.values.contains(value.value()))
            param.values << value.value();
    }
    return param;
}

Base::Result<SweepParam> rangeParam(
    const ParamSpec &spec, const QJsonObject &json, const QString &path, SweepSpec::Method method)
{
    if (spec.type != ParamSpec::Type::Int && spec.type != ParamSpec::Type::Float)
        return Base::Error(
            QStringLiteral("%1: %2 is not numeric, so it takes a list of values, not a range").arg(path, spec.name));
    if (auto keys = SpecJson::checkKeys(
            json, path, {QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("log"), QStringLiteral("steps")});
        !keys.ok())
        return keys.error();
    SweepParam param;
    param.name = spec.name;
    for (const auto &[key, bound] :
        {std::pair {QStringLiteral("min"), &param.minimum}, std::pair {QStringLiteral("max"), &param.maximum}}) {
        const QString boundPath = SpecJson::path(path, key);
        if (!json.contains(key))
            return Base::Error(QStringLiteral("%1 is missing (a range needs min and max)").arg(boundPath));
        auto value = SpecJson::number(json.value(key), boundPath);
        if (!value.ok())
            return value.error();
        auto typed = SpecJson::paramValue(spec, json.value(key), boundPath);
        if (!typed.ok())
            return typed.error();
        *bound = value.value();
    }
    if (!(param.minimum < param.maximum))
        return Base::Error(QStringLiteral("%1.min must be below %1.max, got %2 and %3")
                               .arg(path, SpecJson::render(param.minimum), SpecJson::render(param.maximum)));
    if (json.contains(QStringLiteral("log"))) {
        auto log = SpecJson::boolean(json.value(QStringLiteral("log")), SpecJson::path(path, QStringLiteral("log")));
        if (!log.ok())
            return log.error();
        param.log = log.value();
    }
    if (param.log.value_or(spec.logScale) && param.minimum <= 0.0)
        return Base::Error(
            QStringLiteral("%1: a log-scale range needs min > 0, got %2").arg(path, SpecJson::render(param.minimum)));
    const QString stepsPath = SpecJson::path(path, QStringLiteral("steps"));
    if (method == SweepSpec::Method::Grid) {
        if (!json.contains(QStringLiteral("steps")))
            return Base::Error(QStringLiteral("%1 is missing (a grid range needs the number of values from min to max)")
                                   .arg(stepsPath));
        auto steps = SpecJson::integer(json.value(QStringLiteral("steps")), stepsPath, 2, maxSweepConfigurations);
        if (!steps.ok())
            return steps.error();
        param.steps = int(steps.value());
    } else if (json.contains(QStringLiteral("steps"))) {
        return Base::Error(
            QStringLiteral("%1 is for grid search; a random search draws anywhere in the range").arg(stepsPath));
    }
    return param;
}

Base::Result<HalvingSpec> halvingFromJson(const QJsonValue &value, const QString &path)
{
    auto json = SpecJson::object(value, path);
    if (!json.ok())
        return json.error();
    if (auto keys = SpecJson::checkKeys(
            json.value(), path, {QStringLiteral("factor"), QStringLiteral("min_folds"), QStringLiteral("metric")});
        !keys.ok())
        return keys.error();
    HalvingSpec halving;
    if (json->contains(QStringLiteral("factor"))) {
        const QString factorPath = SpecJson::path(path, QStringLiteral("factor"));
        auto factor = SpecJson::number(json->value(QStringLiteral("factor")), factorPath);
        if (!factor.ok())
            return factor.error();
        if (!(factor.value() > 1.0 && factor.value() <= 100.0))
            return Base::Error(
                QStringLiteral("%1 must be in (1, 100], got %2").arg(factorPath, SpecJson::render(factor.value())));
        halving.factor = factor.value();
    }
    if (json->contains(QStringLiteral("min_folds"))) {
        auto folds = SpecJson::integer(
            json->value(QStringLiteral("min_folds")), SpecJson::path(path, QStringLiteral("min_folds")), 1, 10000);
        if (!folds.ok())
            return folds.error();
        halving.minFolds = int(folds.value());
    }
    if (json->contains(QStringLiteral("metric"))) {
        const QString metricPath = SpecJson::path(path, QStringLiteral("metric"));
        auto metric = SpecJson::string(json->value(QStringLiteral("metric")), metricPath, true);
        if (!metric.ok())
            return metric.error();
        if (!halvingMetrics().contains(metric.value()))
            return Base::Error(QStringLiteral("%1 must be one of %2, got %3")
                                   .arg(metricPath, halvingMetrics().join(QStringLiteral(", ")), metric.value()));
        halving.metric = metric.value();
    }
    return halving;
}

QJsonValue toJsonValue(const QVariant &value)
{
    return QJsonValue::fromVariant(value);
}

} // namespace

QStringList halvingMetrics(std::optional<Learn::Task> task)
{
    // Eval's MetricSet names, in its order (classificationMetrics, regressionMetrics).
    static const QStringList classification {QStringLiteral("accuracy"), QStringLiteral("balanced_accuracy"),
        QStringLiteral("f1_macro"), QStringLiteral("f1_micro"), QStringLiteral("f1_weighted"),
        QStringLiteral("precision_macro"), QStringLiteral("recall_macro"), QStringLiteral("roc_auc"),
        QStringLiteral("roc_auc_ovr"), QStringLiteral("log_loss"), QStringLiteral("brier_score")};
    static const QStringList regression {QStringLiteral("rmse"), QStringLiteral("mae"), QStringLiteral("r2"),
        QStringLiteral("mape"), QStringLiteral("explained_variance"), QStringLiteral("max_error")};
    if (!task)
        return classification + regression;
    return *task == Learn::Task::Classification ? classification : regression;
}

Base::Result<SweepSpec> SweepSpec::fromJson(
    const QJsonObject &json, const QList<Learn::ParamSpec> &specs, const QString &path)
{
    if (auto keys = SpecJson::checkKeys(json, path,
            {QStringLiteral("method"), QStringLiteral("params"), QStringLiteral("n_iter"), QStringLiteral("seed"),
                QStringLiteral("halving")});
        !keys.ok())
        return keys.error();
    SweepSpec sweep;
    const QString methodPath = SpecJson::path(path, QStringLiteral("method"));
    const QJsonValue method = json.value(QStringLiteral("method"));
    if (method == QJsonValue(QStringLiteral("grid")))
        sweep.method = Method::Grid;
    else if (method == QJsonValue(QStringLiteral("random")))
        sweep.method = Method::Random;
    else
        return Base::Error(
            QStringLiteral("%1 must be grid or random, got %2").arg(methodPath, SpecJson::render(method)));
    const bool random = sweep.method == Method::Random;

    const QString iterPath = SpecJson::path(path, QStringLiteral("n_iter"));
    const QString seedPath = SpecJson::path(path, QStringLiteral("seed"));
    if (random) {
        if (!json.contains(QStringLiteral("n_iter")))
            return Base::Error(
                QStringLiteral("%1 is missing (how many configurations a random search draws)").arg(iterPath));
        auto iterations = SpecJson::integer(json.value(QStringLiteral("n_iter")), iterPath, 1, maxSweepConfigurations);
        if (!iterations.ok())
            return iterations.error();
        sweep.iterations = int(iterations.value());
        if (json.contains(QStringLiteral("seed"))) {
            auto seed = SpecJson::integer(json.value(QStringLiteral("seed")), seedPath, 0, SpecJson::maxExactInteger);
            if (!seed.ok())
                return seed.error();
            sweep.seed = quint64(seed.value());
        }
    } else {
        // A grid draws nothing: a stray n_iter or seed means the method is not what the user thinks.
        for (const QString &key : {QStringLiteral("n_iter"), QStringLiteral("seed")}) {
            if (json.contains(key))
                return Base::Error(QStringLiteral("%1 is for random search; a grid takes every combination")
                                       .arg(SpecJson::path(path, key)));
        }
    }

    const QString paramsPath = SpecJson::path(path, QStringLiteral("params"));
    if (!json.contains(QStringLiteral("params")))
        return Base::Error(QStringLiteral("%1 is missing (the parameters the sweep varies)").arg(paramsPath));
    auto params = SpecJson::object(json.value(QStringLiteral("params")), paramsPath);
    if (!params.ok())
        return params.error();
    if (params->isEmpty())
        return Base::Error(QStringLiteral("%1 must name at least one parameter").arg(paramsPath));
    QStringList names;
    for (const ParamSpec &spec : specs)
        names << spec.name;
    for (auto it = params->constBegin(); it != params->constEnd(); ++it) {
        if (!names.contains(it.key()))
            return Base::Error(QStringLiteral("%1 is not a parameter of this model (it takes: %2)")
                                   .arg(SpecJson::path(paramsPath, it.key()),
                                       names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
    }
    for (const ParamSpec &spec : specs) {
        if (!params->contains(spec.name))
            continue;
        const QString paramPath = SpecJson::path(paramsPath, spec.name);
        const QJsonValue value = params->value(spec.name);
        Base::Result<SweepParam> param = Base::Error(QString());
        if (value.isArray())
            param = listParam(spec, value.toArray(), paramPath);
        else if (value.isObject())
            param = rangeParam(spec, value.toObject(), paramPath, sweep.method);
        else
            return Base::Error(
                QStringLiteral("%1 must be a list of values or a range {\"min\", \"max\"%2}, got %3")
                    .arg(paramPath, random ? QString() : QStringLiteral(", \"steps\""), SpecJson::render(value)));
        if (!param.ok())
            return param.error();
        sweep.params << param.value();
    }

    if (json.contains(QStringLiteral("halving"))) {
        auto halving
            = halvingFromJson(json.value(QStringLiteral("halving")), SpecJson::path(path, QStringLiteral("halving")));
        if (!halving.ok())
            return halving.error();
        sweep.halving = halving.value();
    }
    return sweep;
}

QJsonObject SweepSpec::toJson() const
{
    QJsonObject params;
    for (const SweepParam &param : this->params) {
        if (!param.isRange()) {
            QJsonArray values;
            for (const QVariant &value : param.values)
                values << toJsonValue(value);
            params.insert(param.name, values);
            continue;
        }
        QJsonObject range {{QStringLiteral("min"), param.minimum}, {QStringLiteral("max"), param.maximum}};
        if (param.log)
            range.insert(QStringLiteral("log"), *param.log);
        if (method == Method::Grid)
            range.insert(QStringLiteral("steps"), param.steps);
        params.insert(param.name, range);
    }
    QJsonObject json {
        {QStringLiteral("method"), method == Method::Grid ? QStringLiteral("grid") : QStringLiteral("random")},
        {QStringLiteral("params"), params},
    };
    if (method == Method::Random) {
        json.insert(QStringLiteral("n_iter"), iterations);
        json.insert(QStringLiteral("seed"), double(seed));
    }
    if (halving) {
        QJsonObject object {
            {QStringLiteral("factor"), halving->factor}, {QStringLiteral("min_folds"), halving->minFolds}};
        if (!halving->metric.isEmpty())
            object.insert(QStringLiteral("metric"), halving->metric);
        json.insert(QStringLiteral("halving"), object);
    }
    return json;
}

} // namespace Tandem::Runs
