// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli train --data FILE --target COL --model ID ...` evaluates one model
/// family on a data file with Eval::crossValidate (k-fold, stratified for
/// classifiers, or a holdout) and prints the metrics of every fold and their mean
/// (± std and a 95% interval from two folds on), or one JSON object with `--json`.
///
/// The preprocessing is a Learn::Pipeline: numbers imputed with their mean,
/// categories with a "missing" category then one-hot encoded, numbers scaled as
/// `--scale` says (standard by default). Models and their parameters are listed
/// by `tandem-cli help train`, generated from the Registry and the ParamSpecs.
/// Bad models, parameters, targets and files are one line on stderr and exit 1.
class TrainCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("train"); }
    QString summary() const override
    {
        return QStringLiteral("Train and cross-validate a model on a dataset, print its metrics");
    }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
