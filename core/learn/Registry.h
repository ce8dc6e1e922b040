// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/learn/Estimator.h"
#include "core/learn/preprocess/PipelineSpec.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Tandem::Learn {

/// One model family as the UI and the CLI list it.
struct ModelInfo {
    QString id; ///< "ridge", "logreg", ... (stable: saved models and run specs refer to it)
    QString displayName; ///< "Ridge regression"
    Task task = Task::Regression;
    QString summary; ///< one line for tooltips and `tandem-cli help train`
    std::function<std::unique_ptr<Estimator>()> create;
    /// The input the family wants by default. Scaled: numbers imputed and scaled,
    /// categories one-hot (distance and penalised models). Raw: numbers as they
    /// are (missing kept as NaN when the estimator accepts it, else imputed),
    /// categories as ordinal codes with FitContext::categoryCounts (trees).
    enum class Input : quint8 { Scaled, Raw };
    Input input = Input::Scaled;
};

/// Every model family Tandem knows, by id. Families register in BuiltinModels.cpp:
/// adding a family touches core/learn and that list, nothing in ui/ or app/.
class Registry
{
public:
    static const Registry &instance();

    /// All families, or those of one task, in registration order.
    QList<ModelInfo> models(std::optional<Task> task = std::nullopt) const;
    const ModelInfo *find(const QString &id) const;
    /// A new estimator of family `id` with `values` set (validated); unknown ids
    /// and invalid values are errors naming the id or the parameter.
    Base::Result<std::unique_ptr<Estimator>> create(const QString &id, const ParamValues &values = {}) const;

private:
    Registry();
    QList<ModelInfo> m_models;
};

/// The preprocessing a family gets unless the user says otherwise: its task;
/// Scaled input: standard scaling, one-hot categories, mean imputation; Raw input:
/// no scaling, ordinal categories, and missing numbers kept as NaN when the
/// estimator accepts them (Estimator::acceptsMissingValues), mean-imputed if not.
PipelineSpec defaultPipeline(const ModelInfo &model);

/// The built-in families (defined in BuiltinModels.cpp), which lists those of
/// each family folder with a list of its own:
QList<ModelInfo> builtinModels();
QList<ModelInfo> treeModels(); ///< tree/TreeModels.cpp: tree, forest, extratrees
QList<ModelInfo> boostingModels(); ///< boosting/BoostingModels.cpp: gbdt
QList<ModelInfo> neuralModels(); ///< neural/NeuralModels.cpp: mlp

} // namespace Tandem::Learn
