// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SlurmCommands.h"

#include "core/runs/ShellWords.h"

#include <QDir>
#include <algorithm>
#include <utility>

namespace Tandem::Runs {
namespace {

constexpr int maxJobNameLength = 64;

bool isJobNameCharacter(QChar c)
{
    return c.unicode() < 128
        && (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char('-'));
}

/// Runs here, or on the profile's login node through ssh (one command line for its
/// shell, every word quoted; the words were checked before).
SlurmCommand located(const ClusterProfile &profile, const QString &program, const QStringList &arguments)
{
    if (profile.sshHost.isEmpty())
        return SlurmCommand {program, arguments};
    // BatchMode: never stop to ask for a password (there is no terminal to ask on);
    // "--" ends ssh's options, so the host can never be read as one.
    return SlurmCommand {QStringLiteral("ssh"),
        {QStringLiteral("-o"), QStringLiteral("BatchMode=yes"), QStringLiteral("-o"),
            QStringLiteral("ConnectTimeout=20"), QStringLiteral("--"), profile.sshHost,
            shellCommandLine(program, arguments)}};
}

Base::Status checkAbsolutePath(const QString &what, const QString &path)
{
    if (Base::Status ok = checkSafeWord(what, path); !ok.ok())
        return ok;
    if (!QDir::isAbsolutePath(path))
        return Base::Error(QStringLiteral("%1 '%2' is not an absolute path").arg(what, path));
    return {};
}

Base::Status checkJobIds(const QList<qint64> &arrayJobIds)
{
    if (arrayJobIds.isEmpty())
        return Base::Error(QStringLiteral("no Slurm job to ask about"));
    for (qint64 id : arrayJobIds) {
        if (id <= 0)
            return Base::Error(QStringLiteral("'%1' is not a Slurm job id").arg(id));
    }
    return {};
}

QString joinedIds(const QList<qint64> &ids)
{
    QStringList words;
    for (qint64 id : ids)
        words.append(QString::number(id));
    return words.join(QLatin1Char(','));
}

} // namespace

QString SlurmCommand::toString() const
{
    return shellCommandLine(program, arguments);
}

Base::Result<SlurmCommand> sbatchCommand(const ClusterProfile &profile, const ArraySubmission &array)
{
    if (Base::Status ok = profile.validate(); !ok.ok())
        return ok.error();
    if (array.jobName.isEmpty() || array.jobName.size() > maxJobNameLength
        || !std::all_of(array.jobName.cbegin(), array.jobName.cend(), isJobNameCharacter)
        || array.jobName.startsWith(QLatin1Char('-')))
        return Base::Error(QStringLiteral("the job name '%1' must be 1 to %2 letters, digits, '_', '.' or '-', not "
                                          "starting with '-'")
                               .arg(array.jobName)
                               .arg(maxJobNameLength));
    if (array.taskCount < 1)
        return Base::Error(QStringLiteral("a job array needs at least one task, got %1").arg(array.taskCount));
    for (const auto &[what, path] : {std::pair {QStringLiteral("the batch script"), array.scriptPath},
             std::pair {QStringLiteral("the log pattern"), array.logPattern},
             std::pair {QStringLiteral("the working directory"), array.workingDirectory}}) {
        if (Base::Status ok = checkAbsolutePath(what, path); !ok.ok())
            return ok.error();
    }

    QString range = QStringLiteral("0-%1").arg(array.taskCount - 1);
    if (profile.maxParallel > 0)
        range += QLatin1Char('%') + QString::number(profile.maxParallel);
    QStringList arguments {QStringLiteral("--parsable"), QStringLiteral("--array=") + range,
        QStringLiteral("--job-name=") + array.jobName, QStringLiteral("--output=") + array.logPattern,
        QStringLiteral("--chdir=") + array.workingDirectory};
    if (!profile.partition.isEmpty())
        arguments.append(QStringLiteral("--partition=") + profile.partition);
    if (!profile.timeLimit.isEmpty())
        arguments.append(QStringLiteral("--time=") + profile.timeLimit);
    arguments.append(QStringLiteral("--cpus-per-task=%1").arg(profile.cpusPerTask));
    if (!profile.memory.isEmpty())
        arguments.append(QStringLiteral("--mem=") + profile.memory);
    arguments.append(profile.extraSbatchArguments);
    arguments.append(array.scriptPath);
    return located(profile, QStringLiteral("sbatch"), arguments);
}

Base::Result<SlurmCommand> squeueCommand(const ClusterProfile &profile, const QList<qint64> &arrayJobIds)
{
    if (Base::Status ok = profile.validate(); !ok.ok())
        return ok.error();
    if (Base::Status ok = checkJobIds(arrayJobIds); !ok.ok())
        return ok.error();
    return located(profile, QStringLiteral("squeue"),
        {QStringLiteral("--noheader"), QStringLiteral("--array"), QStringLiteral("--states=all"),
            QStringLiteral("--jobs=") + joinedIds(arrayJobIds), QStringLiteral("--format=%F|%K|%T|%r|%N")});
}

Base::Result<SlurmCommand> sacctCommand(const ClusterProfile &profile, const QList<qint64> &arrayJobIds)
{
    if (Base::Status ok = profile.validate(); !ok.ok())
        return ok.error();
    if (Base::Status ok = checkJobIds(arrayJobIds); !ok.ok())
        return ok.error();
    return located(profile, QStringLiteral("sacct"),
        {QStringLiteral("--noheader"), QStringLiteral("--parsable2"),
            QStringLiteral("--jobs=") + joinedIds(arrayJobIds),
            QStringLiteral("--format=JobID,State,ExitCode,Reason,NodeList")});
}

Base::Result<SlurmCommand> sinfoCommand(const ClusterProfile &profile)
{
    if (Base::Status ok = profile.validate(); !ok.ok())
        return ok.error();
    return located(
        profile, QStringLiteral("sinfo"), {QStringLiteral("--noheader"), QStringLiteral("--format=%P|%a|%l|%D|%T")});
}

Base::Result<SlurmCommand> scancelCommand(
    const ClusterProfile &profile, qint64 arrayJobId, std::optional<int> taskIndex)
{
    if (Base::Status ok = profile.validate(); !ok.ok())
        return ok.error();
    if (Base::Status ok = checkJobIds({arrayJobId}); !ok.ok())
        return ok.error();
    if (taskIndex && *taskIndex < 0)
        return Base::Error(QStringLiteral("'%1' is not an array task index").arg(*taskIndex));
    const QString target
        = taskIndex ? QStringLiteral("%1_%2").arg(arrayJobId).arg(*taskIndex) : QString::number(arrayJobId);
    return located(profile, QStringLiteral("scancel"), {target});
}

QString slurmJobName(const QString &title)
{
    QString name = QStringLiteral("tandem-") + title.trimmed();
    for (QChar &c : name) {
        if (!isJobNameCharacter(c))
            c = QLatin1Char('_');
    }
    return name.left(maxJobNameLength);
}

} // namespace Tandem::Runs
