// SPDX-License-Identifier: GPL-3.0-or-later
// The boosting families' registry entries (BuiltinModels.cpp lists them).
#include "core/learn/Registry.h"
#include "core/learn/boosting/GradientBoosting.h"

namespace Tandem::Learn {

QList<ModelInfo> boostingModels()
{
    ModelInfo classifier {QStringLiteral("gbdt"), QStringLiteral("Gradient-boosted trees"), Task::Classification,
        QStringLiteral("Histogram-based gradient boosting (log loss or softmax), leaf-wise trees; missing values "
                       "and categories handled natively"),
        [] { return std::make_unique<GradientBoosting>(GradientBoosting::Kind::Classifier); }};
    classifier.input = ModelInfo::Input::Raw;
    ModelInfo regressor {QStringLiteral("gbdt_reg"), QStringLiteral("Gradient-boosted trees regression"),
        Task::Regression,
        QStringLiteral("Histogram-based gradient boosting (squared error), leaf-wise trees; missing values and "
                       "categories handled natively"),
        [] { return std::make_unique<GradientBoosting>(GradientBoosting::Kind::Regressor); }};
    regressor.input = ModelInfo::Input::Raw;
    return {classifier, regressor};
}

} // namespace Tandem::Learn
