// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RunCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/MetricFormat.h"
#include "app/cli/RunRecordFormat.h"
#include "app/cli/SpecLaunch.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace Tandem::Cli {
namespace {

const QString jsonOption = QStringLiteral("json");

} // namespace

QStringList RunCommand::synopsis() const
{
    return {QStringLiteral("run SPEC.json --workspace DIR [--data FILE] [--json]")};
}

QString RunCommand::details() const
{
    return QStringLiteral("Carries out the run spec SPEC.json (dataset, target, features, preprocessing, model,\n"
                          "evaluation; see resources/examples/) and records it in the workspace DIR (created\n"
                          "when missing): its spec with the dataset's absolute path and fingerprint, status,\n"
                          "parameters, the metrics of every fold and their means, per-step metrics of the fits,\n"
                          "and the out-of-fold predictions (artifacts/<id>/oof_predictions.csv). Prints the\n"
                          "run's id, status and mean metrics.\n"
                          "\n"
                          "--json prints one object: id, name, experiment, status, model, params, metrics\n"
                          "(means over the folds), error, seed, created_at, started_at, ended_at, duration_ms,\n"
                          "tags. A spec with a sweep is run with 'tandem-cli sweep'. A spec that is not valid\n"
                          "names the field and exits 1, before anything is recorded; a run that fails is\n"
                          "recorded as failed and exits 1.\n"
                          "\n"
                          "Ctrl-C (SIGINT, SIGTERM; Ctrl-Break on Windows) cancels the run: it is recorded\n"
                          "as cancelled and the exit code is 130. A second Ctrl-C quits at once.\n");
}

void RunCommand::configure(QCommandLineParser &parser) const
{
    SpecLaunch::configure(parser);
    parser.addOption(QCommandLineOption(QStringList {jsonOption}, QStringLiteral("Print the run as JSON.")));
}

int RunCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    SpecLaunch launch;
    if (const int prepared = launch.prepare(parser, output, false); prepared != ExitSuccess)
        return prepared;
    int exitCode = ExitSuccess;
    const QList<Store::RunRecord> runs = launch.runAll(0, {}, output, exitCode);
    if (exitCode != ExitSuccess)
        return exitCode;
    if (runs.size() != 1)
        return output.failure(Base::Error(QStringLiteral("expected one run, got %1").arg(runs.size())));

    const Store::RunRecord &run = runs.first();
    if (parser.isSet(jsonOption)) {
        output.out() << QString::fromUtf8(QJsonDocument(runSummaryJson(run)).toJson(QJsonDocument::Indented));
    } else {
        output.out() << QStringLiteral("run %1 %2: %3\n").arg(run.id).arg(Store::runStatusName(run.status), run.name);
        for (auto it = run.metrics.constBegin(); it != run.metrics.constEnd(); ++it)
            output.out() << QStringLiteral("  %1 %2\n").arg(it.key(), -20).arg(formatMetric(it.value()));
    }
    if (run.status != Store::RunStatus::Done)
        return output.failure(Base::Error(QStringLiteral("run %1 %2%3")
                                              .arg(run.id)
                                              .arg(Store::runStatusName(run.status),
                                                  run.error.isEmpty() ? QString() : QStringLiteral(": ") + run.error)));
    return ExitSuccess;
}

} // namespace Tandem::Cli
