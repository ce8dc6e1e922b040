// SPDX-License-Identifier: GPL-3.0-or-later
// The tree families' registry entries (BuiltinModels.cpp lists them).
#include "core/learn/Registry.h"
#include "core/learn/tree/TreeEnsemble.h"

namespace Tandem::Learn {
namespace {

ModelInfo entry(QString id, QString displayName, Task task, QString summary, TreeEnsemble::Kind kind)
{
    return {std::move(id), std::move(displayName), task, std::move(summary),
        [kind, task] { return std::make_unique<TreeEnsemble>(kind, task); }, ModelInfo::Input::Raw};
}

} // namespace

QList<ModelInfo> treeModels()
{
    using Kind = TreeEnsemble::Kind;
    return {
        entry(QStringLiteral("tree"), QStringLiteral("Decision tree"), Task::Classification,
            QStringLiteral("One CART tree: axis-aligned splits chosen by Gini or entropy"), Kind::DecisionTree),
        entry(QStringLiteral("tree_reg"), QStringLiteral("Decision tree regression"), Task::Regression,
            QStringLiteral("One CART tree: axis-aligned splits that reduce the variance"), Kind::DecisionTree),
        entry(QStringLiteral("forest"), QStringLiteral("Random forest"), Task::Classification,
            QStringLiteral("Trees on bootstrap samples with random feature subsets, averaged"), Kind::RandomForest),
        entry(QStringLiteral("forest_reg"), QStringLiteral("Random forest regression"), Task::Regression,
            QStringLiteral("Trees on bootstrap samples with random feature subsets, averaged"), Kind::RandomForest),
        entry(QStringLiteral("extratrees"), QStringLiteral("Extra trees"), Task::Classification,
            QStringLiteral("Extremely randomised trees: random cut points on random features, averaged"),
            Kind::ExtraTrees),
        entry(QStringLiteral("extratrees_reg"), QStringLiteral("Extra trees regression"), Task::Regression,
            QStringLiteral("Extremely randomised trees: random cut points on random features, averaged"),
            Kind::ExtraTrees),
    };
}

} // namespace Tandem::Learn
