// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RunCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ClusterTaskRun.h"
#include "app/cli/ExitCode.h"
#include "app/cli/MetricFormat.h"
#include "app/cli/RunRecordFormat.h"
#include "app/cli/SpecLaunch.h"

#include "core/runs/ClusterPlan.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QLocale>

#include <optional>

namespace Tandem::Cli {
namespace {

const QString jsonOption = QStringLiteral("json");
const QString taskIndexOption = QStringLiteral("task-index");

/// True when `path` holds a cluster plan rather than a run spec.
bool isPlanFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return Runs::ClusterPlan::isPlan(QJsonDocument::fromJson(file.readAll()).object());
}

} // namespace

QStringList RunCommand::synopsis() const
{
    return {QStringLiteral("run SPEC.json --workspace DIR [--data FILE] [--task-index I] [--json]"),
        QStringLiteral("run PLAN.json --task-index I --workspace DIR")};
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
                          "--json prints one object: id, name, experiment, status, executor, model, params, metrics\n"
                          "(means over the folds), error, seed, created_at, started_at, ended_at, duration_ms,\n"
                          "tags. A spec with a sweep is run with 'tandem-cli sweep'. A spec that is not valid\n"
                          "names the field and exits 1, before anything is recorded; a run that fails is\n"
                          "recorded as failed and exits 1.\n"
                          "\n"
                          "--task-index I runs only the I-th run (from 0) of a spec with a sweep, in the\n"
                          "order 'tandem-cli sweep' runs them. Given a cluster plan (the plan.json a Slurm\n"
                          "batch writes under DIR/cluster/<batch>/), it carries out the plan's task I the way\n"
                          "a cluster node does: without opening the workspace's store, writing the run's\n"
                          "artifacts and then results/I.json beside the plan, for the submitting process to\n"
                          "import (docs/CLUSTER.md). Threads: SLURM_CPUS_PER_TASK when set.\n"
                          "\n"
                          "Ctrl-C (SIGINT, SIGTERM; Ctrl-Break on Windows) cancels the run: it is recorded\n"
                          "as cancelled and the exit code is 130. A second Ctrl-C quits at once.\n");
}

void RunCommand::configure(QCommandLineParser &parser) const
{
    SpecLaunch::configure(parser);
    parser.addOption(QCommandLineOption(QStringList {jsonOption}, QStringLiteral("Print the run as JSON.")));
    parser.addOption(QCommandLineOption(QStringList {taskIndexOption},
        QStringLiteral("Run only the I-th run of the spec's sweep, or task I of a cluster plan."),
        QStringLiteral("I")));
}

int RunCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    std::optional<int> taskIndex;
    if (parser.isSet(taskIndexOption)) {
        bool ok = false;
        taskIndex = QLocale::c().toInt(parser.value(taskIndexOption), &ok);
        if (!ok || *taskIndex < 0)
            return output.usageError(QStringLiteral("invalid --task-index '%1': expected a whole number >= 0")
                                         .arg(parser.value(taskIndexOption)));
        const QStringList arguments = parser.positionalArguments();
        if (arguments.size() == 1 && isPlanFile(arguments.first())) {
            if (parser.value(QStringLiteral("workspace")).isEmpty())
                return output.usageError(QStringLiteral("missing option --workspace"));
            if (parser.isSet(QStringLiteral("data")) || parser.isSet(jsonOption))
                return output.usageError(QStringLiteral("--data and --json do not apply to a cluster plan"));
            return runClusterTask(arguments.first(), *taskIndex, parser.value(QStringLiteral("workspace")), output);
        }
    }
    SpecLaunch launch;
    if (const int prepared = launch.prepare(parser, output, taskIndex.has_value()); prepared != ExitSuccess)
        return prepared;
    if (taskIndex) {
        if (const int selected = launch.selectRun(*taskIndex, output); selected != ExitSuccess)
            return selected;
    }
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
