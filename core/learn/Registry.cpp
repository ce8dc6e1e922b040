// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/learn/Registry.h"

namespace Tandem::Learn {

Registry::Registry() : m_models(builtinModels()) { }

const Registry &Registry::instance()
{
    static const Registry registry;
    return registry;
}

QList<ModelInfo> Registry::models(std::optional<Task> task) const
{
    if (!task)
        return m_models;
    QList<ModelInfo> matching;
    for (const ModelInfo &info : m_models) {
        if (info.task == *task)
            matching << info;
    }
    return matching;
}

const ModelInfo *Registry::find(const QString &id) const
{
    for (const ModelInfo &info : m_models) {
        if (info.id == id)
            return &info;
    }
    return nullptr;
}

Base::Result<std::unique_ptr<Estimator>> Registry::create(const QString &id, const ParamValues &values) const
{
    const ModelInfo *info = find(id);
    if (!info) {
        QStringList ids;
        for (const ModelInfo &model : m_models)
            ids << model.id;
        return Base::Error(QStringLiteral("unknown model %1 (known: %2)").arg(id, ids.join(QStringLiteral(", "))));
    }
    std::unique_ptr<Estimator> estimator = info->create();
    if (const Base::Status status = estimator->setParams(values); !status.ok())
        return status.error();
    return estimator;
}

PipelineSpec defaultPipeline(const ModelInfo &model)
{
    PipelineSpec spec;
    spec.task = model.task;
    if (model.input == ModelInfo::Input::Scaled) {
        spec.scaling = Scaling::Standard;
        return spec;
    }
    spec.scaling = Scaling::None;
    spec.categoricalEncoding = CategoricalEncoding::Ordinal;
    if (model.create && model.create()->acceptsMissingValues())
        spec.numericImputation = NumericImputation::None;
    return spec;
}

} // namespace Tandem::Learn
