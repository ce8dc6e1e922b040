// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/preprocess/PipelineSpec.h"

#include <QJsonArray>

#include <cmath>
#include <initializer_list>
#include <utility>

namespace Tandem::Learn {
namespace {

template<typename E> using Names = std::initializer_list<std::pair<E, const char *>>;

constexpr Names<Task> taskNames {{Task::Classification, "classification"}, {Task::Regression, "regression"}};
constexpr Names<NumericImputation> numericNames {{NumericImputation::Mean, "mean"},
    {NumericImputation::Median, "median"}, {NumericImputation::MostFrequent, "most_frequent"},
    {NumericImputation::Constant, "constant"}, {NumericImputation::None, "none"}};
constexpr Names<CategoricalImputation> categoricalNames {
    {CategoricalImputation::Constant, "constant"}, {CategoricalImputation::MostFrequent, "most_frequent"}};
constexpr Names<CategoricalEncoding> encodingNames {
    {CategoricalEncoding::OneHot, "onehot"}, {CategoricalEncoding::Ordinal, "ordinal"}};
constexpr Names<Scaling> scalingNames {
    {Scaling::None, "none"}, {Scaling::Standard, "standard"}, {Scaling::MinMax, "minmax"}};
constexpr Names<OneHotDrop> dropNames {{OneHotDrop::None, "none"}, {OneHotDrop::First, "first"}};

template<typename E> QString nameOf(Names<E> names, E value)
{
    for (const auto &[e, name] : names) {
        if (e == value)
            return QLatin1String(name);
    }
    return {};
}

/// Reads json[key] as one of `names` into `value`; absent keys keep the default.
template<typename E> Base::Status readChoice(const QJsonObject &json, const char *key, Names<E> names, E &value)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return {};
    QStringList known;
    for (const auto &[e, name] : names) {
        if (v.toString() == QLatin1String(name)) {
            value = e;
            return {};
        }
        known << QLatin1String(name);
    }
    return Base::Error(QStringLiteral("pipeline: %1 must be one of %2, got %3")
                           .arg(QLatin1String(key), known.join(QStringLiteral(", ")),
                               v.isString() ? v.toString() : QStringLiteral("a non-string value")));
}

Base::Status readStrings(const QJsonObject &json, const char *key, QStringList &value)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return {};
    const auto error = Base::Error(QStringLiteral("pipeline: %1 must be a list of strings").arg(QLatin1String(key)));
    if (!v.isArray())
        return error;
    value.clear();
    for (const QJsonValue item : v.toArray()) {
        if (!item.isString())
            return error;
        value << item.toString();
    }
    return {};
}

template<typename T> Base::Status readScalar(const QJsonObject &json, const char *key, T &value)
{
    const QJsonValue v = json.value(QLatin1String(key));
    if (v.isUndefined())
        return {};
    if constexpr (std::is_same_v<T, bool>) {
        if (v.isBool()) {
            value = v.toBool();
            return {};
        }
        return Base::Error(QStringLiteral("pipeline: %1 must be true or false").arg(QLatin1String(key)));
    } else if constexpr (std::is_same_v<T, double>) {
        if (v.isDouble() && std::isfinite(v.toDouble())) {
            value = v.toDouble();
            return {};
        }
        return Base::Error(QStringLiteral("pipeline: %1 must be a finite number").arg(QLatin1String(key)));
    } else {
        if (v.isString()) {
            value = v.toString();
            return {};
        }
        return Base::Error(QStringLiteral("pipeline: %1 must be a string").arg(QLatin1String(key)));
    }
}

} // namespace

QJsonObject PipelineSpec::toJson() const
{
    return QJsonObject {
        {QStringLiteral("features"), QJsonArray::fromStringList(features)},
        {QStringLiteral("target"), target},
        {QStringLiteral("task"), nameOf(taskNames, task)},
        {QStringLiteral("numeric_imputation"), nameOf(numericNames, numericImputation)},
        {QStringLiteral("numeric_fill"), numericFill},
        {QStringLiteral("categorical_imputation"), nameOf(categoricalNames, categoricalImputation)},
        {QStringLiteral("categorical_fill"), categoricalFill},
        {QStringLiteral("categorical_encoding"), nameOf(encodingNames, categoricalEncoding)},
        {QStringLiteral("scaling"), nameOf(scalingNames, scaling)},
        {QStringLiteral("with_mean"), withMean},
        {QStringLiteral("with_std"), withStd},
        {QStringLiteral("drop"), nameOf(dropNames, drop)},
        {QStringLiteral("classes"), QJsonArray::fromStringList(classes)},
    };
}

Base::Result<PipelineSpec> PipelineSpec::fromJson(const QJsonObject &json)
{
    static const QStringList knownKeys {QStringLiteral("features"), QStringLiteral("target"), QStringLiteral("task"),
        QStringLiteral("numeric_imputation"), QStringLiteral("numeric_fill"), QStringLiteral("categorical_imputation"),
        QStringLiteral("categorical_fill"), QStringLiteral("categorical_encoding"), QStringLiteral("scaling"),
        QStringLiteral("with_mean"), QStringLiteral("with_std"), QStringLiteral("drop"), QStringLiteral("classes")};
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        if (!knownKeys.contains(it.key()))
            return Base::Error(QStringLiteral("pipeline: unknown key %1 (known: %2)")
                                   .arg(it.key(), knownKeys.join(QStringLiteral(", "))));
    }
    PipelineSpec spec;
    for (const Base::Status &status : {readStrings(json, "features", spec.features),
             readScalar(json, "target", spec.target), readChoice(json, "task", taskNames, spec.task),
             readChoice(json, "numeric_imputation", numericNames, spec.numericImputation),
             readScalar(json, "numeric_fill", spec.numericFill),
             readChoice(json, "categorical_imputation", categoricalNames, spec.categoricalImputation),
             readScalar(json, "categorical_fill", spec.categoricalFill),
             readChoice(json, "categorical_encoding", encodingNames, spec.categoricalEncoding),
             readChoice(json, "scaling", scalingNames, spec.scaling), readScalar(json, "with_mean", spec.withMean),
             readScalar(json, "with_std", spec.withStd), readChoice(json, "drop", dropNames, spec.drop),
             readStrings(json, "classes", spec.classes)}) {
        if (!status.ok())
            return status.error();
    }
    return spec;
}

} // namespace Tandem::Learn
