// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ClusterOptions.h"

#include "app/cli/CliOutput.h"
#include "core/runs/SlurmExecutor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QLocale>

#include <memory>

namespace Tandem::Cli::ClusterOptions {
namespace {

const QString executorOption = QStringLiteral("executor");
const QString partitionOption = QStringLiteral("partition");
const QString timeOption = QStringLiteral("time");
const QString cpusOption = QStringLiteral("cpus");
const QString memOption = QStringLiteral("mem");
const QString maxParallelOption = QStringLiteral("max-parallel");
const QString sbatchArgOption = QStringLiteral("sbatch-arg");
const QString sshOption = QStringLiteral("ssh");
const QString tandemCliOption = QStringLiteral("tandem-cli");
const QString pollOption = QStringLiteral("poll-interval");
const QString resultWaitOption = QStringLiteral("result-wait");

const QStringList clusterOnlyOptions {partitionOption, timeOption, cpusOption, memOption, maxParallelOption,
    sbatchArgOption, sshOption, tandemCliOption, pollOption, resultWaitOption};

Base::Status readWhole(const QCommandLineParser &parser, const QString &option, int &into)
{
    if (!parser.isSet(option))
        return {};
    bool ok = false;
    into = QLocale::c().toInt(parser.value(option), &ok);
    if (!ok)
        return Base::Error(
            QStringLiteral("invalid --%1 '%2': expected a whole number").arg(option, parser.value(option)));
    return {};
}

} // namespace

void configure(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringList {executorOption},
        QStringLiteral("Where the runs execute: local (this machine, the default) or slurm (a job array)."),
        QStringLiteral("local|slurm")));
    parser.addOption(QCommandLineOption(QStringList {partitionOption},
        QStringLiteral("slurm: the partition (default: the cluster's)."), QStringLiteral("P")));
    parser.addOption(QCommandLineOption(QStringList {timeOption},
        QStringLiteral("slurm: the time limit per task, in Slurm's forms (90, 1:30:00, 2-00:00:00)."),
        QStringLiteral("T")));
    parser.addOption(QCommandLineOption(QStringList {cpusOption},
        QStringLiteral("slurm: CPUs per task; each fit uses as many threads (default 1)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {memOption},
        QStringLiteral("slurm: memory per task (4G, 500M; default: the partition's)."), QStringLiteral("M")));
    parser.addOption(QCommandLineOption(QStringList {maxParallelOption},
        QStringLiteral("slurm: at most N tasks at once (--array=0-K%N; default: no limit)."), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {sbatchArgOption},
        QStringLiteral("slurm: one more sbatch option, as one word --option=value (repeatable)."),
        QStringLiteral("X")));
    parser.addOption(QCommandLineOption(QStringList {sshOption},
        QStringLiteral("slurm: run the Slurm commands on this login node through ssh (key-based)."),
        QStringLiteral("HOST")));
    parser.addOption(QCommandLineOption(QStringList {tandemCliOption},
        QStringLiteral("slurm: the tandem-cli the nodes run (default: this program; with --ssh, tandem-cli on the "
                       "PATH)."),
        QStringLiteral("PATH")));
    parser.addOption(QCommandLineOption(QStringList {pollOption},
        QStringLiteral("slurm: ask the queue every S seconds (default 5)."), QStringLiteral("S")));
    parser.addOption(QCommandLineOption(QStringList {resultWaitOption},
        QStringLiteral("slurm: give a task's result file S seconds to show on shared storage (default 60)."),
        QStringLiteral("S")));
}

Base::Result<std::optional<Runs::ClusterProfile>> profile(const QCommandLineParser &parser)
{
    const QString executor = parser.isSet(executorOption) ? parser.value(executorOption) : QStringLiteral("local");
    if (executor == QLatin1String("local")) {
        for (const QString &option : clusterOnlyOptions) {
            if (parser.isSet(option))
                return Base::Error(QStringLiteral("--%1 needs --executor slurm").arg(option));
        }
        return std::optional<Runs::ClusterProfile>();
    }
    if (executor != QLatin1String("slurm"))
        return Base::Error(QStringLiteral("invalid --executor '%1': expected local or slurm").arg(executor));

    Runs::ClusterProfile profile;
    profile.name = QStringLiteral("command line");
    profile.partition = parser.value(partitionOption);
    profile.timeLimit = parser.value(timeOption);
    profile.memory = parser.value(memOption);
    profile.extraSbatchArguments = parser.values(sbatchArgOption);
    profile.sshHost = parser.value(sshOption);
    if (parser.isSet(tandemCliOption))
        profile.tandemCli = parser.value(tandemCliOption);
    else if (profile.sshHost.isEmpty())
        profile.tandemCli = QCoreApplication::applicationFilePath();
    for (const Base::Status &status :
        {readWhole(parser, cpusOption, profile.cpusPerTask), readWhole(parser, maxParallelOption, profile.maxParallel),
            readWhole(parser, pollOption, profile.pollIntervalSeconds),
            readWhole(parser, resultWaitOption, profile.resultWaitSeconds)}) {
        if (!status.ok())
            return status.error();
    }
    if (Base::Status valid = profile.validate(); !valid.ok())
        return valid.error();
    return std::optional<Runs::ClusterProfile>(profile);
}

void reportProgress(Runs::SlurmExecutor &executor, CliOutput &output)
{
    QObject::connect(&executor, &Runs::SlurmExecutor::batchSubmitted, &executor,
        [&executor, &output](const QString &batch, qint64 arrayJobId, int taskCount) {
            const int limit = executor.profile().maxParallel;
            output.err() << QStringLiteral("tandem-cli: submitted job array %1 (%2 tasks%3), batch %4\n")
                                .arg(arrayJobId)
                                .arg(taskCount)
                                .arg(limit > 0 ? QStringLiteral(", at most %1 at once").arg(limit) : QString())
                                .arg(batch);
            output.err().flush();
        });
    // One line per change of a task's Slurm state (not per poll).
    auto shown = std::make_shared<QHash<Runs::JobId, QString>>();
    QObject::connect(&executor, &Runs::SlurmExecutor::slurmJobChanged, &executor,
        [&output, shown](Runs::JobId id, const Runs::SlurmJobInfo &job) {
            if (job.arrayJobId <= 0 || shown->value(id) == job.slurmState)
                return;
            shown->insert(id, job.slurmState);
            output.err()
                << QStringLiteral("[slurm %1] %2\n").arg(job.slurmId(), job.stage().section(QStringLiteral(": "), 1));
            output.err().flush();
        });
    QObject::connect(&executor, &Runs::SlurmExecutor::commandProblem, &executor, [&output](const QString &message) {
        output.err() << QStringLiteral("tandem-cli: warning: %1 (retrying)\n").arg(message);
        output.err().flush();
    });
}

} // namespace Tandem::Cli::ClusterOptions
