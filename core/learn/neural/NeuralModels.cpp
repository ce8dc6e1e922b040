// SPDX-License-Identifier: GPL-3.0-or-later
// The neural families' registry entries (BuiltinModels.cpp lists them).
#include "core/learn/Registry.h"
#include "core/learn/neural/MultilayerPerceptron.h"

namespace Tandem::Learn {

QList<ModelInfo> neuralModels()
{
    return {
        {QStringLiteral("mlp"), QStringLiteral("Multilayer perceptron"), Task::Classification,
            QStringLiteral("Fully connected neural network (hidden_layer_sizes), softmax or logistic output, "
                           "trained by Adam or SGD on mini-batches"),
            [] { return std::make_unique<MultilayerPerceptron>(MultilayerPerceptron::Kind::Classifier); }},
        {QStringLiteral("mlp_reg"), QStringLiteral("Multilayer perceptron regression"), Task::Regression,
            QStringLiteral("Fully connected neural network (hidden_layer_sizes), linear output, squared error, "
                           "trained by Adam or SGD on mini-batches"),
            [] { return std::make_unique<MultilayerPerceptron>(MultilayerPerceptron::Kind::Regressor); }},
    };
}

} // namespace Tandem::Learn
