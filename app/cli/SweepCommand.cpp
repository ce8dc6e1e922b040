// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/SweepCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ClusterOptions.h"
#include "app/cli/ExitCode.h"
#include "app/cli/MetricFormat.h"
#include "app/cli/RunRecordFormat.h"
#include "app/cli/SpecLaunch.h"
#include "core/runs/HalvingSweep.h"
#include "core/runs/SlurmExecutor.h"
#include "core/store/RunStatus.h"

#include <QCommandLineParser>
#include <QLocale>

#include <algorithm>

namespace Tandem::Cli {
namespace {

const QString parallelOption = QStringLiteral("parallel");

void printTable(QList<Store::RunRecord> runs, CliOutput &output)
{
    if (runs.isEmpty())
        return;
    sortByHeadline(runs);
    // Runs that successive halving stopped were scored on fewer folds: they rank
    // after those that ran every fold, whatever their score.
    std::stable_partition(
        runs.begin(), runs.end(), [](const Store::RunRecord &run) { return !run.tags.contains(Runs::haltingTag); });
    const QString metric = runHeadlineMetric(runs.first());
    QTextStream &out = output.out();
    out << QStringLiteral("%1  %2  %3  %4\n")
               .arg(QStringLiteral("run"), 6)
               .arg(QStringLiteral("status"), -11)
               .arg(metric, 10)
               .arg(QStringLiteral("configuration"));
    for (const Store::RunRecord &run : std::as_const(runs))
        out << QStringLiteral("%1  %2  %3  %4\n")
                   .arg(run.id, 6)
                   .arg(Store::runStatusName(run.status), -11)
                   .arg(formatMetric(runHeadlineValue(run)), 10)
                   .arg(run.tags.contains(Runs::haltingTag) ? run.name + QStringLiteral(" (stopped by halving)")
                                                            : run.name);
}

} // namespace

QStringList SweepCommand::synopsis() const
{
    return {QStringLiteral("sweep SPEC.json --workspace DIR [--data FILE] [--parallel N]"),
        QStringLiteral(
            "sweep SPEC.json --workspace DIR --executor slurm [--partition P] [--max-parallel N] [--time T]\n"
            "      [--cpus N] [--mem M] [--ssh HOST] [--sbatch-arg X]... [--tandem-cli PATH]\n"
            "      [--poll-interval S] [--result-wait S]")};
}

QString SweepCommand::details() const
{
    return QStringLiteral("Expands the spec's sweep (grid or random search over its hyperparameter ranges)\n"
                          "and cross-validates every configuration as one run, recorded like 'tandem-cli run'\n"
                          "does, in one experiment named by the spec's 'experiment' (else its 'name'). All runs\n"
                          "are queued first, then N run at a time (default: one per core), each fit using an\n"
                          "equal share of the cores; the results do not depend on N. Each run is reported on\n"
                          "stderr as it ends, once it is stored, with its headline metric when done:\n"
                          "  [3/12] run 7 done (accuracy 0.9832): C=0.1, penalty=l2\n"
                          "Then stdout gets a table of the runs (id, status, headline metric: accuracy for\n"
                          "classifiers, r2 for regressors, configuration), best first.\n"
                          "\n"
                          "With sweep.halving, configurations race by successive halving: all are scored on\n"
                          "the first min_folds folds, the best 1/factor go on to more folds, and so on until the\n"
                          "last have every fold; the others end done on their folds, tagged halving-stopped.\n"
                          "A spec without a sweep makes one run.\n"
                          "Exits 1 when a run failed (the others still run and are recorded).\n"
                          "\n"
                          "Ctrl-C (SIGINT, SIGTERM; Ctrl-Break on Windows) cancels the sweep: running runs\n"
                          "stop and end cancelled, queued ones end cancelled without starting, stderr says\n"
                          "how many were done, and the exit code is 130. A second Ctrl-C quits at once (its\n"
                          "unfinished runs show as interrupted when the workspace is next opened).\n"
                          "\n"
                          "--executor slurm submits the runs as one Slurm job array instead (sbatch --array,\n"
                          "one task per run, --max-parallel at once), each task running 'tandem-cli run\n"
                          "PLAN --task-index I' on a node. DIR and the data must be on storage the nodes\n"
                          "share, at the same paths. stderr shows the array and each task's Slurm state as\n"
                          "it changes; each task's result is imported into the workspace when it ends, then\n"
                          "reported as above. Ctrl-C cancels the array (scancel). A task that fails shows\n"
                          "Slurm's state and reason and its log's path as the run's error. See\n"
                          "docs/CLUSTER.md.\n");
}

void SweepCommand::configure(QCommandLineParser &parser) const
{
    SpecLaunch::configure(parser);
    ClusterOptions::configure(parser);
    parser.addOption(QCommandLineOption(QStringList {parallelOption},
        QStringLiteral("Run N configurations at once (default: one per core)."), QStringLiteral("N")));
}

int SweepCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    int parallel = 0;
    if (parser.isSet(parallelOption)) {
        bool ok = false;
        parallel = QLocale::c().toInt(parser.value(parallelOption), &ok);
        if (!ok || parallel < 1 || parallel > 1024)
            return output.usageError(QStringLiteral("invalid --parallel '%1': expected a whole number in 1..1024")
                                         .arg(parser.value(parallelOption)));
    }
    const auto cluster = ClusterOptions::profile(parser);
    if (!cluster.ok())
        return output.usageError(cluster.error().message);
    if (cluster.value() && parser.isSet(parallelOption))
        return output.usageError(QStringLiteral("--parallel is for the local executor: use --max-parallel"));
    SpecLaunch launch;
    if (const int prepared = launch.prepare(parser, output, true); prepared != ExitSuccess)
        return prepared;

    int failed = 0;
    const auto progress = [&](const Store::RunRecord &run, qsizetype ended, qsizetype total) {
        failed += run.status == Store::RunStatus::Done ? 0 : 1;
        output.err() << runProgressLine(run, ended, total) << '\n';
        output.err().flush();
    };
    int exitCode = ExitSuccess;
    QList<Store::RunRecord> runs;
    if (cluster.value()) {
        Runs::SlurmExecutor executor(*cluster.value(), launch.workspace());
        ClusterOptions::reportProgress(executor, output);
        runs = launch.runAll(executor, progress, output, exitCode);
    } else {
        runs = launch.runAll(parallel, progress, output, exitCode);
    }
    if (exitCode != ExitSuccess)
        return exitCode;
    printTable(runs, output);
    if (failed > 0)
        return output.failure(Base::Error(QStringLiteral("%1 of %2 runs did not finish").arg(failed).arg(runs.size())));
    return ExitSuccess;
}

} // namespace Tandem::Cli
