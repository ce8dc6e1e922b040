// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/JobQueue.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Tandem;
using Runs::JobQueue;
using Runs::JobState;

class TestJobQueue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void successfulJobEndsDoneWithProgress()
    {
        JobQueue queue(2);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        QSignalSpy progress(&queue, &JobQueue::jobProgress);
        bool completionCalled = false;
        const auto id = queue.submit(
            QStringLiteral("count"),
            [](const Base::Progress &p) {
                for (int i = 1; i <= 10; ++i)
                    p.report(i / 10.0, QStringLiteral("Counting"));
                return Base::Status {};
            },
            [&](const Runs::JobInfo &info) { completionCalled = info.state == JobState::Done; });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).value<Runs::JobId>(), id);
        QCOMPARE(finished.first().at(1).value<JobState>(), JobState::Done);
        QVERIFY(completionCalled);
        QCOMPARE(queue.info(id).fraction, 1.0);
        QVERIFY(progress.count() >= 1);
        double last = 0.0;
        for (const auto &args : progress) {
            QVERIFY(args.at(1).toDouble() >= last); // monotone as delivered
            last = args.at(1).toDouble();
        }
        QCOMPARE(queue.activeCount(), 0);
    }

    void progressIsThrottledButNewStagesAlwaysArrive()
    {
        JobQueue queue(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        QSignalSpy progress(&queue, &JobQueue::jobProgress);
        queue.submit(QStringLiteral("tight loop"), [](const Base::Progress &p) {
            for (int i = 0; i <= 100000; ++i)
                p.report(i / 100000.0, QStringLiteral("Counting")); // same stage every time
            p.report(1.0, QStringLiteral("Writing")); // a new stage at the same fraction
            return Base::Status {};
        });
        QTRY_COMPARE(finished.count(), 1);
        // Moves of 0.1 % or more: about a thousand reports reach the GUI thread, not 100,001.
        QVERIFY2(progress.count() <= 1003, qPrintable(QString::number(progress.count())));
        QVERIFY(progress.count() >= 900);
        QCOMPARE(progress.last().at(2).toString(), QStringLiteral("Writing"));
    }

    void failedJobKeepsItsMessage()
    {
        JobQueue queue(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const auto id = queue.submit(QStringLiteral("fail"), [](const Base::Progress &) {
            return Base::Status(Base::Error {QStringLiteral("column 3 is not numeric"), QStringLiteral("x.csv"), 7, 3});
        });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(queue.info(id).state, JobState::Failed);
        QCOMPARE(queue.info(id).message, QStringLiteral("x.csv:7:3: column 3 is not numeric"));
    }

    void throwingJobFailsInsteadOfCrashing()
    {
        JobQueue queue(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const auto id = queue.submit(
            QStringLiteral("throw"), [](const Base::Progress &) -> Base::Status { throw std::runtime_error("boom"); });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(queue.info(id).state, JobState::Failed);
        QCOMPARE(queue.info(id).message, QStringLiteral("boom"));
    }

    void cancelledJobEndsCancelledNotFailed()
    {
        JobQueue queue(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        std::atomic<bool> sawStop {false};
        const auto id = queue.submit(QStringLiteral("spin"), [&](const Base::Progress &p) {
            while (!p.stopRequested())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            sawStop = true;
            return Base::Status(Base::Error {QStringLiteral("stopped")});
        });
        QTRY_COMPARE(started.count(), 1);
        queue.cancel(id);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(sawStop);
        QCOMPARE(queue.info(id).state, JobState::Cancelled);
        QVERIFY(queue.info(id).message.isEmpty());
    }

    void queuedJobCancelledBeforeItStartsNeverRuns()
    {
        JobQueue queue(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        std::atomic<bool> release {false};
        std::atomic<bool> secondRan {false};
        queue.submit(QStringLiteral("blocker"), [&](const Base::Progress &) {
            while (!release)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return Base::Status {};
        });
        const auto second = queue.submit(QStringLiteral("second"), [&](const Base::Progress &) {
            secondRan = true;
            return Base::Status {};
        });
        QCOMPARE(queue.activeCount(), 2);
        queue.cancel(second);
        release = true;
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(!secondRan);
        QCOMPARE(queue.info(second).state, JobState::Cancelled);
    }

    void destroyingTheQueueCancelsAndJoins()
    {
        std::atomic<bool> stopped {false};
        {
            JobQueue queue(1);
            QSignalSpy started(&queue, &JobQueue::jobStarted);
            queue.submit(QStringLiteral("forever"), [&](const Base::Progress &p) {
                while (!p.stopRequested())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                stopped = true;
                return Base::Status {};
            });
            QTRY_COMPARE(started.count(), 1);
        }
        QVERIFY(stopped);
    }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
