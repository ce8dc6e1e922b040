// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli profile FILE` reads a data file (CSV/TSV, ARFF or IDX, chosen by
/// Data::DatasetReader) and prints Data::Profile's statistics of every column: a
/// block per column for people, or one JSON object with `--json`. `--delimiter`,
/// `--encoding` and `--na` set the text reader's options; `--target` names the
/// column the others are associated with. A file that cannot be read is an error
/// naming file, line and column (exit 1); a bad option value is a usage error (2).
class ProfileCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("profile"); }
    QString summary() const override
    {
        return QStringLiteral("Profile a dataset: column types, statistics, missing values");
    }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;
};

} // namespace Tandem::Cli
