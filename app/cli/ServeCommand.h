// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/Command.h"

namespace Tandem::Cli {

/// `tandem-cli serve BUNDLE [--host ADDRESS] [--port N] [--max-body-mb N]` serves a
/// bundle's predictions over HTTP (ScoringServer) with MLflow's scoring protocol,
/// until interrupted (Ctrl-C, SIGTERM), then exits 0.
class ServeCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("serve"); }
    QString summary() const override { return QStringLiteral("Serve a model bundle's predictions over HTTP"); }
    QStringList synopsis() const override;
    QString details() const override;
    void configure(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliOutput &output) override;

    static constexpr quint16 defaultPort = 8080;
    static constexpr int defaultMaxBodyMb = 64;
};

} // namespace Tandem::Cli
