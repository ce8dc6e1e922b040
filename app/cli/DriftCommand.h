// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli drift REFERENCE CURRENT` compares the columns of two data files
/// with Drift::DriftReport and prints, per feature, the test, its score, the
/// threshold and the verdict, the missing-rate and new-category findings, and the
/// dataset verdict (the share of drifted features against --fail-share). With
/// --target and --prediction (logged predictions in both files) it adds the
/// target and prediction drift and the performance per window of current rows,
/// ordered by --time. With --model (a bundle, or a run of --workspace) the model
/// scores both files instead (Monitor::modelDrift). With --retrain, a tripped gate
/// runs the spec (or a run's) again on CURRENT (DriftRetrain). Exit codes: 0 no
/// dataset drift, 3 (ExitDriftDetected) drift, 1 errors (a file, a column missing
/// or of another type in CURRENT, a test that does not fit, a model or retrain
/// that failed), 2 usage errors.
class DriftCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("drift"); }
    QString summary() const override { return QStringLiteral("Report drift between a reference dataset and new data"); }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
