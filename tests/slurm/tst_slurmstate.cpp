// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/SlurmState.h"

#include <QTest>

using namespace Tandem;
using Runs::SlurmPhase;
using Runs::SlurmTaskState;

namespace {

// Slurm 22.05's `squeue --noheader --array --states=all --format=%F|%K|%T|%r|%N`
// for a six-task array throttled to two (%2), two running, one failed, three
// waiting; and a job that is not an array.
const QByteArray squeueOutput = "1|2|PENDING|JobArrayTaskLimit|\n"
                                "1|3|PENDING|JobArrayTaskLimit|\n"
                                "1|1|RUNNING|None|vm\n"
                                "1|0|RUNNING|None|vm\n"
                                "1|4|FAILED|NonZeroExitCode|vm\n"
                                "1|5|CANCELLED|None|\n"
                                "7|N/A|RUNNING|None|vm\n";

// `sacct --noheader --parsable2 --format=JobID,State,ExitCode,Reason,NodeList`,
// steps included, a cancelled task ("by UID") and a pending range.
const QByteArray sacctOutput = "123_0|COMPLETED|0:0|None|node1\n"
                               "123_0.batch|COMPLETED|0:0||node1\n"
                               "123_0.extern|COMPLETED|0:0||node1\n"
                               "123_1|FAILED|1:0|NonZeroExitCode|node2\n"
                               "123_1.batch|FAILED|1:0||node2\n"
                               "123_2|TIMEOUT|0:0|TimeLimit|node1\n"
                               "123_3|CANCELLED by 1000|0:15|None|node3\n"
                               "123_4|OUT_OF_MEMORY|0:125|OutOfMemory|node1\n"
                               "123_[5-7%2]|PENDING|0:0|JobArrayTaskLimit|None assigned\n"
                               "124|COMPLETED|0:0|None|node1\n";

SlurmTaskState task(
    qint64 array, int index, const char *state, const char *reason, const char *nodes, const char *exitCode = "")
{
    return SlurmTaskState {
        array, index, QLatin1String(state), QLatin1String(reason), QLatin1String(nodes), QLatin1String(exitCode)};
}

} // namespace

Q_DECLARE_METATYPE(Tandem::Runs::SlurmPhase)

class TestSlurmState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void squeueLinesBecomeTasks()
    {
        const auto tasks = Runs::parseSqueue(squeueOutput);
        QVERIFY2(tasks.ok(), qPrintable(tasks.error().toString()));
        QCOMPARE(tasks.value(),
            (QList<SlurmTaskState> {task(1, 2, "PENDING", "JobArrayTaskLimit", ""),
                task(1, 3, "PENDING", "JobArrayTaskLimit", ""), task(1, 1, "RUNNING", "", "vm"),
                task(1, 0, "RUNNING", "", "vm"), task(1, 4, "FAILED", "NonZeroExitCode", "vm"),
                task(1, 5, "CANCELLED", "", "")}));
        QCOMPARE(tasks.value().at(4).id(), QStringLiteral("1_4"));
        QCOMPARE(tasks.value().at(4).describe(), QStringLiteral("FAILED (NonZeroExitCode)"));
        QVERIFY(Runs::parseSqueue(QByteArray()).value().isEmpty());
    }

    // squeue without --array (or an older one) writes waiting tasks as one range.
    void squeueRangesExpand()
    {
        const auto tasks = Runs::parseSqueue("9|3-5%2|PENDING|Priority|\n9|[7,9]|PENDING|Priority|\n");
        QVERIFY(tasks.ok());
        QList<int> indices;
        for (const SlurmTaskState &state : tasks.value())
            indices.append(state.taskIndex);
        QCOMPARE(indices, (QList<int> {3, 4, 5, 7, 9}));
    }

    void sacctLinesBecomeTasks()
    {
        const auto tasks = Runs::parseSacct(sacctOutput);
        QVERIFY2(tasks.ok(), qPrintable(tasks.error().toString()));
        QCOMPARE(tasks.value(),
            (QList<SlurmTaskState> {task(123, 0, "COMPLETED", "", "node1", "0:0"),
                task(123, 1, "FAILED", "NonZeroExitCode", "node2", "1:0"),
                task(123, 2, "TIMEOUT", "TimeLimit", "node1", "0:0"), task(123, 3, "CANCELLED", "", "node3", "0:15"),
                task(123, 4, "OUT_OF_MEMORY", "OutOfMemory", "node1", "0:125"),
                task(123, 5, "PENDING", "JobArrayTaskLimit", "", "0:0"),
                task(123, 6, "PENDING", "JobArrayTaskLimit", "", "0:0"),
                task(123, 7, "PENDING", "JobArrayTaskLimit", "", "0:0")}));
        QCOMPARE(tasks.value().at(1).describe(), QStringLiteral("FAILED (NonZeroExitCode, exit code 1:0)"));
        QCOMPARE(tasks.value().at(2).describe(), QStringLiteral("TIMEOUT (TimeLimit)"));
    }

    void malformedOutputNamesTheLine_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<bool>("sacct");
        QTest::newRow("squeue: too few fields") << QByteArray("1|0|RUNNING\n") << false;
        QTest::newRow("squeue: job id") << QByteArray("x|0|RUNNING|None|vm\n") << false;
        QTest::newRow("squeue: task range") << QByteArray("1|5-2|PENDING|None|\n") << false;
        QTest::newRow("sacct: too many fields") << QByteArray("1_0|COMPLETED|0:0|None|n|x\n") << true;
        QTest::newRow("sacct: job id") << QByteArray("a_0|COMPLETED|0:0|None|n\n") << true;
    }
    void malformedOutputNamesTheLine()
    {
        QFETCH(QByteArray, output);
        QFETCH(bool, sacct);
        const QByteArray withGoodLine
            = (sacct ? QByteArray("5_1|RUNNING|0:0|None|n\n") : QByteArray("5|1|RUNNING|None|n\n")) + output;
        const auto tasks = sacct ? Runs::parseSacct(withGoodLine) : Runs::parseSqueue(withGoodLine);
        QVERIFY(!tasks.ok());
        QVERIFY2(tasks.error().message.contains(QStringLiteral("line 2")), qPrintable(tasks.error().message));
    }

    void phases_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<SlurmPhase>("phase");
        QTest::newRow("pending") << QStringLiteral("PENDING") << SlurmPhase::Pending;
        QTest::newRow("requeued") << QStringLiteral("REQUEUED") << SlurmPhase::Pending;
        QTest::newRow("configuring") << QStringLiteral("CONFIGURING") << SlurmPhase::Pending;
        QTest::newRow("running") << QStringLiteral("RUNNING") << SlurmPhase::Running;
        QTest::newRow("completing") << QStringLiteral("COMPLETING") << SlurmPhase::Running;
        QTest::newRow("suspended") << QStringLiteral("SUSPENDED") << SlurmPhase::Running;
        QTest::newRow("completed") << QStringLiteral("COMPLETED") << SlurmPhase::Completed;
        QTest::newRow("failed") << QStringLiteral("FAILED") << SlurmPhase::Failed;
        QTest::newRow("timeout") << QStringLiteral("TIMEOUT") << SlurmPhase::Failed;
        QTest::newRow("oom") << QStringLiteral("OUT_OF_MEMORY") << SlurmPhase::Failed;
        QTest::newRow("node fail") << QStringLiteral("NODE_FAIL") << SlurmPhase::Failed;
        QTest::newRow("preempted") << QStringLiteral("PREEMPTED") << SlurmPhase::Failed;
        QTest::newRow("cancelled") << QStringLiteral("CANCELLED") << SlurmPhase::Cancelled;
        QTest::newRow("cancelled by") << QStringLiteral("CANCELLED by 1000") << SlurmPhase::Cancelled;
        QTest::newRow("lower case") << QStringLiteral("completed") << SlurmPhase::Completed;
        QTest::newRow("unknown") << QStringLiteral("SOMETHING_NEW") << SlurmPhase::Unknown;
    }
    void phases()
    {
        QFETCH(QString, state);
        QFETCH(SlurmPhase, phase);
        QCOMPARE(Runs::slurmPhase(state), phase);
        QCOMPARE(Runs::isFinal(phase),
            phase == SlurmPhase::Completed || phase == SlurmPhase::Failed || phase == SlurmPhase::Cancelled);
    }

    void sbatchJobId()
    {
        QCOMPARE(Runs::parseSbatchJobId("4242\n").value(), 4242);
        QCOMPARE(Runs::parseSbatchJobId("4242;cluster2\n").value(), 4242);
        QVERIFY(!Runs::parseSbatchJobId("").ok());
        QVERIFY(!Runs::parseSbatchJobId("Submitted batch job 4242\n").ok());
    }

    void arrayRanges()
    {
        QCOMPARE(Runs::parseArrayIndices(QStringLiteral("0-3")).value(), (QList<int> {0, 1, 2, 3}));
        QCOMPARE(Runs::parseArrayIndices(QStringLiteral("1,3,7-8")).value(), (QList<int> {1, 3, 7, 8}));
        QCOMPARE(Runs::parseArrayIndices(QStringLiteral("[4-5%1]")).value(), (QList<int> {4, 5}));
        QVERIFY(!Runs::parseArrayIndices(QStringLiteral("")).ok());
        QVERIFY(!Runs::parseArrayIndices(QStringLiteral("3-")).ok());
        QVERIFY(!Runs::parseArrayIndices(QStringLiteral("-1")).ok());
        QVERIFY(!Runs::parseArrayIndices(QStringLiteral("0-99999999"), 1000).ok());
    }
};

QTEST_GUILESS_MAIN(TestSlurmState)
#include "tst_slurmstate.moc"
