// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ClusterProfile.h"

#include "core/runs/ShellWords.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace Tandem::Runs {
namespace {

/// sbatch options Tandem sets itself: a profile must not change where a task's log
/// goes, what it runs or how its job id is read.
bool isReservedOption(const QString &argument)
{
    static const QStringList longOptions {QStringLiteral("--array"), QStringLiteral("--output"),
        QStringLiteral("--error"), QStringLiteral("--job-name"), QStringLiteral("--chdir"),
        QStringLiteral("--parsable"), QStringLiteral("--wrap"), QStringLiteral("--input")};
    if (argument.startsWith(QLatin1String("--"))) {
        // sbatch takes a long option's unique prefix too (--out=... is --output).
        const QString option = argument.section(QLatin1Char('='), 0, 0);
        return std::any_of(longOptions.cbegin(), longOptions.cend(),
            [&option](const QString &reserved) { return option.size() > 2 && reserved.startsWith(option); });
    }
    // Short options: -a, -o, -e, -J, -D, -i, with or without an attached value.
    return argument.size() >= 2 && QStringLiteral("aoeJDi").contains(argument.at(1));
}

Base::Status checkOptional(const QString &what, const QString &value)
{
    return value.isEmpty() ? Base::Status() : checkSafeWord(what, value);
}

} // namespace

Base::Status ClusterProfile::validate() const
{
    if (Base::Status ok = checkOptional(QStringLiteral("the partition"), partition); !ok.ok())
        return ok;
    static const QRegularExpression partitionPattern(QStringLiteral("^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$"));
    if (!partition.isEmpty() && !partitionPattern.match(partition).hasMatch())
        return Base::Error(
            QStringLiteral("the partition '%1' is not a partition name (or a comma-separated list of them)")
                .arg(partition));
    static const QRegularExpression timePattern(
        QStringLiteral("^(\\d+(:\\d+){0,2}|\\d+-\\d+(:\\d+){0,2}|UNLIMITED|INFINITE)$"));
    if (!timeLimit.isEmpty() && !timePattern.match(timeLimit).hasMatch())
        return Base::Error(QStringLiteral("the time limit '%1' is not one of Slurm's forms (minutes, MM:SS, HH:MM:SS, "
                                          "D-HH, D-HH:MM, D-HH:MM:SS, UNLIMITED)")
                               .arg(timeLimit));
    if (cpusPerTask < 1 || cpusPerTask > 4096)
        return Base::Error(QStringLiteral("the CPUs per task must be in 1..4096, got %1").arg(cpusPerTask));
    static const QRegularExpression memoryPattern(QStringLiteral("^\\d+[KMGT]?$"));
    if (!memory.isEmpty() && !memoryPattern.match(memory).hasMatch())
        return Base::Error(
            QStringLiteral("the memory per task '%1' must be digits with an optional K, M, G or T (4G, 500M)")
                .arg(memory));
    if (maxParallel < 0 || maxParallel > 100000)
        return Base::Error(
            QStringLiteral("the maximum of parallel tasks must be in 0..100000, got %1").arg(maxParallel));
    for (const QString &argument : extraSbatchArguments) {
        const QString what = QStringLiteral("the sbatch option");
        if (Base::Status ok = checkSafeOption(what, argument); !ok.ok())
            return ok;
        if (isReservedOption(argument))
            return Base::Error(QStringLiteral("%1 '%2' is one Tandem sets itself (array, output, error, job name, "
                                              "working directory, parsable, wrap, input)")
                                   .arg(what, argument));
    }
    static const QRegularExpression hostPattern(QStringLiteral("^([A-Za-z0-9_.-]+@)?[A-Za-z0-9_.-]+$"));
    if (!sshHost.isEmpty()) {
        if (Base::Status ok = checkSafeWord(QStringLiteral("the ssh host"), sshHost); !ok.ok())
            return ok;
        if (!hostPattern.match(sshHost).hasMatch())
            return Base::Error(QStringLiteral("the ssh host '%1' must be HOST or USER@HOST").arg(sshHost));
    }
    if (Base::Status ok = checkSafeWord(QStringLiteral("the tandem-cli path"), tandemCli); !ok.ok())
        return ok;
    if (pollIntervalSeconds < 1 || pollIntervalSeconds > 3600)
        return Base::Error(
            QStringLiteral("the poll interval must be in 1..3600 seconds, got %1").arg(pollIntervalSeconds));
    if (resultWaitSeconds < 0 || resultWaitSeconds > 3600)
        return Base::Error(
            QStringLiteral("the wait for a result file must be in 0..3600 seconds, got %1").arg(resultWaitSeconds));
    return {};
}

QJsonObject ClusterProfile::toJson() const
{
    return QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("partition"), partition},
        {QStringLiteral("time"), timeLimit}, {QStringLiteral("cpus_per_task"), cpusPerTask},
        {QStringLiteral("mem"), memory}, {QStringLiteral("max_parallel"), maxParallel},
        {QStringLiteral("sbatch_args"), QJsonArray::fromStringList(extraSbatchArguments)},
        {QStringLiteral("ssh_host"), sshHost}, {QStringLiteral("tandem_cli"), tandemCli},
        {QStringLiteral("poll_seconds"), pollIntervalSeconds},
        {QStringLiteral("result_wait_seconds"), resultWaitSeconds}};
}

Base::Result<ClusterProfile> ClusterProfile::fromJson(const QJsonObject &json)
{
    ClusterProfile profile;
    const auto readText = [&json](const QString &key, QString &into) -> Base::Status {
        if (!json.contains(key))
            return {};
        if (!json.value(key).isString())
            return Base::Error(QStringLiteral("cluster profile: %1 must be a string").arg(key));
        into = json.value(key).toString();
        return {};
    };
    const auto readInt = [&json](const QString &key, int &into) -> Base::Status {
        if (!json.contains(key))
            return {};
        const QJsonValue value = json.value(key);
        if (!value.isDouble() || value.toDouble() != double(value.toInt()))
            return Base::Error(QStringLiteral("cluster profile: %1 must be a whole number").arg(key));
        into = value.toInt();
        return {};
    };
    for (const Base::Status &status :
        {readText(QStringLiteral("name"), profile.name), readText(QStringLiteral("partition"), profile.partition),
            readText(QStringLiteral("time"), profile.timeLimit), readText(QStringLiteral("mem"), profile.memory),
            readText(QStringLiteral("ssh_host"), profile.sshHost),
            readText(QStringLiteral("tandem_cli"), profile.tandemCli),
            readInt(QStringLiteral("cpus_per_task"), profile.cpusPerTask),
            readInt(QStringLiteral("max_parallel"), profile.maxParallel),
            readInt(QStringLiteral("poll_seconds"), profile.pollIntervalSeconds),
            readInt(QStringLiteral("result_wait_seconds"), profile.resultWaitSeconds)}) {
        if (!status.ok())
            return status.error();
    }
    if (json.contains(QStringLiteral("sbatch_args"))) {
        const QJsonValue value = json.value(QStringLiteral("sbatch_args"));
        if (!value.isArray())
            return Base::Error(QStringLiteral("cluster profile: sbatch_args must be an array of strings"));
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return Base::Error(QStringLiteral("cluster profile: sbatch_args must be an array of strings"));
            profile.extraSbatchArguments.append(item.toString());
        }
    }
    return profile;
}

} // namespace Tandem::Runs
