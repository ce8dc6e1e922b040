// SPDX-License-Identifier: GPL-3.0-or-later
// The model families Tandem ships, one entry each. A new family adds its files
// under core/learn/<family>/ and one entry here.
#include "core/learn/Registry.h"
#include "core/learn/bayes/CategoricalNB.h"
#include "core/learn/bayes/GaussianNB.h"
#include "core/learn/linear/ElasticNet.h"
#include "core/learn/linear/LinearRegression.h"
#include "core/learn/linear/LogisticRegression.h"
#include "core/learn/neighbors/KNeighbors.h"

namespace Tandem::Learn {

QList<ModelInfo> builtinModels()
{
    QList<ModelInfo> models {
        {QStringLiteral("linreg"), QStringLiteral("Linear regression"), Task::Regression,
            QStringLiteral("Ordinary least squares (minimum-norm solution)"),
            [] { return std::make_unique<LinearRegression>(LinearRegression::Kind::OrdinaryLeastSquares); }},
        {QStringLiteral("ridge"), QStringLiteral("Ridge regression"), Task::Regression,
            QStringLiteral("Least squares with an L2 penalty (alpha)"),
            [] { return std::make_unique<LinearRegression>(LinearRegression::Kind::Ridge); }},
        {QStringLiteral("lasso"), QStringLiteral("Lasso"), Task::Regression,
            QStringLiteral("Least squares with an L1 penalty (alpha), by coordinate descent: sparse coefficients"),
            [] { return std::make_unique<ElasticNet>(ElasticNet::Kind::Lasso); }},
        {QStringLiteral("elasticnet"), QStringLiteral("Elastic net"), Task::Regression,
            QStringLiteral("Least squares with mixed L1 and L2 penalties (alpha, l1_ratio), by coordinate descent"),
            [] { return std::make_unique<ElasticNet>(ElasticNet::Kind::ElasticNet); }},
        {QStringLiteral("logreg"), QStringLiteral("Logistic regression"), Task::Classification,
            QStringLiteral("Binary or multinomial logistic regression, L2 (L-BFGS), L1 (OWL-QN) or no penalty"),
            [] { return std::make_unique<LogisticRegression>(); }},
        {QStringLiteral("gnb"), QStringLiteral("Gaussian naive Bayes"), Task::Classification,
            QStringLiteral("Per-class normal distribution of each feature, features independent"),
            [] { return std::make_unique<GaussianNB>(); }},
        {QStringLiteral("cnb"), QStringLiteral("Categorical naive Bayes"), Task::Classification,
            QStringLiteral("Per-class category frequencies of each feature (ordinal-encoded), smoothed by alpha"),
            [] { return std::make_unique<CategoricalNB>(); }},
        {QStringLiteral("knn"), QStringLiteral("k-nearest neighbours"), Task::Classification,
            QStringLiteral("Vote of the k nearest training rows (Euclidean or Manhattan distance)"),
            [] { return std::make_unique<KNeighbors>(KNeighbors::Kind::Classifier); }},
        {QStringLiteral("knn_reg"), QStringLiteral("k-nearest neighbours regression"), Task::Regression,
            QStringLiteral("Mean target of the k nearest training rows (Euclidean or Manhattan distance)"),
            [] { return std::make_unique<KNeighbors>(KNeighbors::Kind::Regressor); }},
    };
    models << treeModels() << boostingModels() << neuralModels();
    return models;
}

} // namespace Tandem::Learn
