// SPDX-License-Identifier: GPL-3.0-or-later
// The model families Tandem ships, one entry each. A new family adds its files
// under core/learn/<family>/ and one entry here.
#include "core/learn/Registry.h"
#include "core/learn/linear/LinearRegression.h"

namespace Tandem::Learn {

QList<ModelInfo> builtinModels()
{
    return {
        {QStringLiteral("linreg"), QStringLiteral("Linear regression"), Task::Regression,
            QStringLiteral("Ordinary least squares (minimum-norm solution)"),
            [] { return std::make_unique<LinearRegression>(LinearRegression::Kind::OrdinaryLeastSquares); }},
        {QStringLiteral("ridge"), QStringLiteral("Ridge regression"), Task::Regression,
            QStringLiteral("Least squares with an L2 penalty (alpha)"),
            [] { return std::make_unique<LinearRegression>(LinearRegression::Kind::Ridge); }},
    };
}

} // namespace Tandem::Learn
