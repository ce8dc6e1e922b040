// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/ClusterProfile.h"
#include "core/runs/ShellWords.h"
#include "core/runs/SlurmCommands.h"

#include <QProcess>
#include <QTest>

using namespace Tandem;
using Runs::ArraySubmission;
using Runs::ClusterProfile;
using Runs::SlurmCommand;

namespace {

ArraySubmission sixTasks()
{
    return ArraySubmission {QStringLiteral("tandem-iris_sweep"), 6, QStringLiteral("/shared/ws/cluster/b1/task.sh"),
        QStringLiteral("/shared/ws/cluster/b1/logs/task-%a.log"), QStringLiteral("/shared/ws/cluster/b1")};
}

/// What a POSIX shell makes of `line`: its words, one per line (printf through sh).
QStringList shellWords(const QString &line)
{
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("printf '%s\\n' ") + line});
    if (!shell.waitForFinished(10000))
        return {QStringLiteral("<sh did not finish>")};
    QString out = QString::fromUtf8(shell.readAllStandardOutput());
    out.chop(1);
    return out.split(QLatin1Char('\n'));
}

} // namespace

Q_DECLARE_METATYPE(Tandem::Runs::ClusterProfile)
Q_DECLARE_METATYPE(Tandem::Runs::ArraySubmission)

class TestSlurmCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The whole argument list of a job array, in order: nothing a shell would see.
    void sbatchArgumentsFollowTheProfile()
    {
        ClusterProfile profile;
        profile.partition = QStringLiteral("gpu");
        profile.timeLimit = QStringLiteral("1-02:00:00");
        profile.cpusPerTask = 4;
        profile.memory = QStringLiteral("8G");
        profile.maxParallel = 3;
        profile.extraSbatchArguments = {QStringLiteral("--account=ml"), QStringLiteral("--gres=gpu:1")};
        const auto command = Runs::sbatchCommand(profile, sixTasks());
        QVERIFY2(command.ok(), qPrintable(command.error().toString()));
        QCOMPARE(command.value().program, QStringLiteral("sbatch"));
        QCOMPARE(command.value().arguments,
            QStringList({QStringLiteral("--parsable"), QStringLiteral("--array=0-5%3"),
                QStringLiteral("--job-name=tandem-iris_sweep"),
                QStringLiteral("--output=/shared/ws/cluster/b1/logs/task-%a.log"),
                QStringLiteral("--chdir=/shared/ws/cluster/b1"), QStringLiteral("--partition=gpu"),
                QStringLiteral("--time=1-02:00:00"), QStringLiteral("--cpus-per-task=4"), QStringLiteral("--mem=8G"),
                QStringLiteral("--account=ml"), QStringLiteral("--gres=gpu:1"),
                QStringLiteral("/shared/ws/cluster/b1/task.sh")}));
    }

    void defaultsLeaveSlurmsDefaults()
    {
        const auto command = Runs::sbatchCommand(ClusterProfile(), sixTasks());
        QVERIFY(command.ok());
        // No throttle, partition, time or memory: the cluster's own defaults apply.
        QCOMPARE(command.value().arguments.at(1), QStringLiteral("--array=0-5"));
        for (const QString &argument : command.value().arguments) {
            QVERIFY(!argument.startsWith(QLatin1String("--partition")));
            QVERIFY(!argument.startsWith(QLatin1String("--time")));
            QVERIFY(!argument.startsWith(QLatin1String("--mem")));
        }
        QVERIFY(command.value().arguments.contains(QStringLiteral("--cpus-per-task=1")));
    }

    void queueAccountingAndCancelCommands()
    {
        const ClusterProfile profile;
        const auto squeue = Runs::squeueCommand(profile, {41, 57});
        QVERIFY(squeue.ok());
        QCOMPARE(squeue.value(),
            (SlurmCommand {QStringLiteral("squeue"),
                {QStringLiteral("--noheader"), QStringLiteral("--array"), QStringLiteral("--states=all"),
                    QStringLiteral("--jobs=41,57"), QStringLiteral("--format=%F|%K|%T|%r|%N")}}));
        const auto sacct = Runs::sacctCommand(profile, {41});
        QVERIFY(sacct.ok());
        QCOMPARE(sacct.value().program, QStringLiteral("sacct"));
        QVERIFY(sacct.value().arguments.contains(QStringLiteral("--parsable2")));
        QVERIFY(sacct.value().arguments.contains(QStringLiteral("--jobs=41")));
        QCOMPARE(Runs::scancelCommand(profile, 41).value(),
            (SlurmCommand {QStringLiteral("scancel"), {QStringLiteral("41")}}));
        QCOMPARE(Runs::scancelCommand(profile, 41, 3).value(),
            (SlurmCommand {QStringLiteral("scancel"), {QStringLiteral("41_3")}}));
        QCOMPARE(Runs::sinfoCommand(profile).value(),
            (SlurmCommand {
                QStringLiteral("sinfo"), {QStringLiteral("--noheader"), QStringLiteral("--format=%P|%a|%l|%D|%T")}}));
        QVERIFY(!Runs::squeueCommand(profile, {}).ok());
        QVERIFY(!Runs::scancelCommand(profile, 0).ok());
        QVERIFY(!Runs::scancelCommand(profile, 41, -1).ok());
    }

    // Through a login node the command is one line for its shell: the shell must
    // read back exactly the words a local QProcess would have been given.
    void sshSendsOneQuotedCommandLine()
    {
        ClusterProfile profile;
        profile.sshHost = QStringLiteral("me@login.hpc.example.org");
        profile.extraSbatchArguments = {QStringLiteral("--comment=a,b=c+d@e:f%g")};
        ClusterProfile here = profile;
        here.sshHost.clear();
        const auto local = Runs::sbatchCommand(here, sixTasks());
        const auto remote = Runs::sbatchCommand(profile, sixTasks());
        QVERIFY(local.ok());
        QVERIFY(remote.ok());
        QCOMPARE(remote.value().program, QStringLiteral("ssh"));
        const QStringList arguments = remote.value().arguments;
        QCOMPARE(arguments.mid(0, 6),
            QStringList({QStringLiteral("-o"), QStringLiteral("BatchMode=yes"), QStringLiteral("-o"),
                QStringLiteral("ConnectTimeout=20"), QStringLiteral("--"),
                QStringLiteral("me@login.hpc.example.org")}));
        QCOMPARE(arguments.size(), 7);
        QCOMPARE(shellWords(arguments.at(6)), QStringList {QStringLiteral("sbatch")} + local.value().arguments);
    }

    void shellQuotingKeepsEveryWordWhole_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("plain") << QStringLiteral("abc");
        QTest::newRow("space") << QStringLiteral("a b");
        QTest::newRow("quote") << QStringLiteral("it's");
        QTest::newRow("dollar") << QStringLiteral("$HOME `id` $(id)");
        QTest::newRow("glob") << QStringLiteral("*?[a]");
        QTest::newRow("semicolon") << QStringLiteral("a; rm -rf /tmp/x");
        QTest::newRow("empty") << QString();
    }
    void shellQuotingKeepsEveryWordWhole()
    {
        QFETCH(QString, word);
        QCOMPARE(shellWords(Runs::shellQuoted(word)), QStringList {word});
    }

    // Values that would mean something else to a shell or to sbatch are refused,
    // with the setting named.
    void profileRefusals_data()
    {
        QTest::addColumn<ClusterProfile>("profile");
        QTest::addColumn<QString>("named");
        const auto with = [](auto change) {
            ClusterProfile profile;
            change(profile);
            return profile;
        };
        QTest::newRow("partition with a space")
            << with([](ClusterProfile &p) { p.partition = QStringLiteral("gpu long"); }) << QStringLiteral("partition");
        QTest::newRow("partition with a semicolon")
            << with([](ClusterProfile &p) { p.partition = QStringLiteral("gpu;id"); }) << QStringLiteral("partition");
        QTest::newRow("partition as an option")
            << with([](ClusterProfile &p) { p.partition = QStringLiteral("--wrap=id"); })
            << QStringLiteral("partition");
        QTest::newRow("time in words") << with([](ClusterProfile &p) { p.timeLimit = QStringLiteral("two hours"); })
                                       << QStringLiteral("time");
        QTest::newRow("no cpus") << with([](ClusterProfile &p) { p.cpusPerTask = 0; }) << QStringLiteral("CPUs");
        QTest::newRow("memory unit") << with([](ClusterProfile &p) { p.memory = QStringLiteral("4GB"); })
                                     << QStringLiteral("memory");
        QTest::newRow("negative parallel")
            << with([](ClusterProfile &p) { p.maxParallel = -1; }) << QStringLiteral("parallel");
        QTest::newRow("sbatch value") << with([](ClusterProfile &p) {
            p.extraSbatchArguments = {QStringLiteral("ml")};
        }) << QStringLiteral("sbatch option");
        QTest::newRow("sbatch with dollar")
            << with([](ClusterProfile &p) { p.extraSbatchArguments = {QStringLiteral("--comment=$(id)")}; })
            << QStringLiteral("sbatch option");
        QTest::newRow("sbatch --output") << with([](ClusterProfile &p) {
            p.extraSbatchArguments = {QStringLiteral("--output=/tmp/x")};
        }) << QStringLiteral("sets itself");
        QTest::newRow("sbatch --out prefix")
            << with([](ClusterProfile &p) { p.extraSbatchArguments = {QStringLiteral("--out=/tmp/x")}; })
            << QStringLiteral("sets itself");
        QTest::newRow("sbatch --wrap") << with([](ClusterProfile &p) {
            p.extraSbatchArguments = {QStringLiteral("--wrap=id")};
        }) << QStringLiteral("sets itself");
        QTest::newRow("sbatch -a") << with([](ClusterProfile &p) {
            p.extraSbatchArguments = {QStringLiteral("-a0-9")};
        }) << QStringLiteral("sets itself");
        QTest::newRow("ssh option") << with([](ClusterProfile &p) { p.sshHost = QStringLiteral("-oProxyCommand=id"); })
                                    << QStringLiteral("ssh");
        QTest::newRow("ssh host with a space")
            << with([](ClusterProfile &p) { p.sshHost = QStringLiteral("login node"); }) << QStringLiteral("ssh");
        QTest::newRow("ssh host with a path")
            << with([](ClusterProfile &p) { p.sshHost = QStringLiteral("login/x"); }) << QStringLiteral("ssh");
        QTest::newRow("tandem-cli with a quote")
            << with([](ClusterProfile &p) { p.tandemCli = QStringLiteral("/opt/it's/tandem-cli"); })
            << QStringLiteral("tandem-cli");
        QTest::newRow("empty tandem-cli")
            << with([](ClusterProfile &p) { p.tandemCli.clear(); }) << QStringLiteral("tandem-cli");
        QTest::newRow("poll interval") << with([](ClusterProfile &p) { p.pollIntervalSeconds = 0; })
                                       << QStringLiteral("poll");
    }
    void profileRefusals()
    {
        QFETCH(ClusterProfile, profile);
        QFETCH(QString, named);
        const Base::Status status = profile.validate();
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(named), qPrintable(status.error().message));
        // No command is built from a profile that does not validate.
        QVERIFY(!Runs::sbatchCommand(profile, sixTasks()).ok());
        QVERIFY(!Runs::squeueCommand(profile, {1}).ok());
        QVERIFY(!Runs::scancelCommand(profile, 1).ok());
        QVERIFY(!Runs::sinfoCommand(profile).ok());
    }

    void profileAcceptsSlurmsForms()
    {
        for (const QString &time :
            {QStringLiteral("90"), QStringLiteral("30:00"), QStringLiteral("1:30:00"), QStringLiteral("2-12"),
                QStringLiteral("2-12:30"), QStringLiteral("2-12:30:00"), QStringLiteral("UNLIMITED")}) {
            ClusterProfile profile;
            profile.timeLimit = time;
            QVERIFY2(profile.validate().ok(), qPrintable(time));
        }
        ClusterProfile profile;
        profile.partition = QStringLiteral("short,long");
        profile.memory = QStringLiteral("500M");
        profile.sshHost = QStringLiteral("login.example.org");
        profile.extraSbatchArguments
            = {QStringLiteral("--qos=short"), QStringLiteral("--partition-x=1"), QStringLiteral("-N1")};
        QVERIFY2(profile.validate().ok(), qPrintable(profile.validate().error().message));
    }

    void pathsAndJobNamesOutsideTheCharacterSetAreRefused_data()
    {
        QTest::addColumn<ArraySubmission>("array");
        QTest::addColumn<QString>("named");
        ArraySubmission space = sixTasks();
        space.scriptPath = QStringLiteral("/home/me/My Runs/task.sh");
        QTest::newRow("space in the script") << space << QStringLiteral("batch script");
        ArraySubmission quote = sixTasks();
        quote.workingDirectory = QStringLiteral("/tmp/it's");
        QTest::newRow("quote in the directory") << quote << QStringLiteral("working directory");
        ArraySubmission relative = sixTasks();
        relative.logPattern = QStringLiteral("logs/task-%a.log");
        QTest::newRow("relative log") << relative << QStringLiteral("absolute");
        ArraySubmission newline = sixTasks();
        newline.scriptPath = QStringLiteral("/tmp/a\nb");
        QTest::newRow("newline") << newline << QStringLiteral("U+000a");
        ArraySubmission name = sixTasks();
        name.jobName = QStringLiteral("tandem sweep");
        QTest::newRow("job name") << name << QStringLiteral("job name");
        ArraySubmission none = sixTasks();
        none.taskCount = 0;
        QTest::newRow("no task") << none << QStringLiteral("at least one task");
    }
    void pathsAndJobNamesOutsideTheCharacterSetAreRefused()
    {
        QFETCH(ArraySubmission, array);
        QFETCH(QString, named);
        const auto command = Runs::sbatchCommand(ClusterProfile(), array);
        QVERIFY(!command.ok());
        QVERIFY2(command.error().message.contains(named), qPrintable(command.error().message));
    }

    void jobNamesAreMadeSafe()
    {
        QCOMPARE(
            Runs::slurmJobName(QStringLiteral("wine: regularisation")), QStringLiteral("tandem-wine__regularisation"));
        QCOMPARE(Runs::slurmJobName(QStringLiteral("$(rm -rf ~)")), QStringLiteral("tandem-__rm_-rf___"));
        QCOMPARE(Runs::slurmJobName(QString(100, QLatin1Char('x'))).size(), 64);
        QCOMPARE(Runs::slurmJobName(QStringLiteral("café")), QStringLiteral("tandem-caf_"));
    }

    void profileRoundTripsThroughJson()
    {
        ClusterProfile profile;
        profile.name = QStringLiteral("hpc");
        profile.partition = QStringLiteral("long");
        profile.timeLimit = QStringLiteral("4:00:00");
        profile.cpusPerTask = 8;
        profile.memory = QStringLiteral("16G");
        profile.maxParallel = 10;
        profile.extraSbatchArguments = {QStringLiteral("--account=ml")};
        profile.sshHost = QStringLiteral("login");
        profile.tandemCli = QStringLiteral("/opt/tandem/bin/tandem-cli");
        profile.pollIntervalSeconds = 15;
        profile.resultWaitSeconds = 120;
        const auto back = ClusterProfile::fromJson(profile.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back.value(), profile);
        QVERIFY(!ClusterProfile::fromJson(QJsonObject {{QStringLiteral("cpus_per_task"), QStringLiteral("4")}}).ok());
        QVERIFY(!ClusterProfile::fromJson(QJsonObject {{QStringLiteral("sbatch_args"), QStringLiteral("--x=1")}}).ok());
        QCOMPARE(ClusterProfile::fromJson(QJsonObject {}).value(), ClusterProfile());
    }
};

QTEST_GUILESS_MAIN(TestSlurmCommands)
#include "tst_slurmcommands.moc"
