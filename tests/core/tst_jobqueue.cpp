// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runs/EtaEstimator.h"
#include "core/runs/JobQueue.h"
#include "core/runs/LocalExecutor.h"

#include <QSignalSpy>
#include <QTest>

#include <QHash>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

using namespace Tandem;
using Runs::JobContext;
using Runs::JobQueue;
using Runs::JobState;

namespace {

/// Waits, polling the stop flag as long fits do, until `release` is set or a stop is requested.
Base::Status spinUntil(const std::atomic<bool> &release, const JobContext &context)
{
    while (!release && !context.stopRequested())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return {};
}

} // namespace

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

    // Jobs × inner threads never exceed the budget, whatever the mix; a lone job gets it all.
    void threadSharesNeverExceedTheBudget()
    {
        JobQueue queue(3);
        queue.setThreadBudget(4);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        std::atomic<int> inUse {0};
        std::atomic<int> peak {0};
        std::atomic<int> smallest {100};
        for (int i = 0; i < 9; ++i) {
            queue.submit(QStringLiteral("fit %1").arg(i), [&](const JobContext &context) {
                const int now = inUse += context.threads();
                peak = std::max(peak.load(), now);
                smallest = std::min(smallest.load(), context.threads());
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                inUse -= context.threads();
                return Base::Status {};
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 9, 20000);
        QVERIFY2(peak <= 4, qPrintable(QString::number(peak)));
        QVERIFY(smallest >= 1);

        std::atomic<int> alone {0};
        queue.submit(QStringLiteral("alone"), [&](const JobContext &context) {
            alone = context.threads();
            return Base::Status {};
        });
        QTRY_COMPARE(finished.count(), 10);
        QCOMPARE(alone.load(), 4);
        QCOMPARE(queue.info(finished.last().at(0).value<Runs::JobId>()).threads, 4);
    }

    // A light job (plain Progress) runs beside a fit that holds every thread.
    void lightJobsDoNotWaitForThreads()
    {
        JobQueue queue(2);
        queue.setThreadBudget(2);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        std::atomic<bool> release {false};
        const auto fit = queue.submit(
            QStringLiteral("fit"), [&](const JobContext &context) { return spinUntil(release, context); });
        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(queue.info(fit).threads, 2);
        const auto load = queue.submit(QStringLiteral("load"), [](const Base::Progress &) { return Base::Status {}; });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).value<Runs::JobId>(), load);
        release = true;
        QTRY_COMPARE(finished.count(), 2);
    }

    // A job waiting for threads is still queued, and cancelling it ends it without running it.
    void jobWaitingForThreadsCanBeCancelled()
    {
        JobQueue queue(2);
        queue.setThreadBudget(1);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        std::atomic<bool> release {false};
        std::atomic<bool> secondRan {false};
        queue.submit(QStringLiteral("holder"), [&](const JobContext &context) { return spinUntil(release, context); });
        QTRY_COMPARE(started.count(), 1);
        const auto waiting = queue.submit(QStringLiteral("waiting"), [&](const JobContext &) {
            secondRan = true;
            return Base::Status {};
        });
        QTest::qWait(50); // it has reached the budget and waits there
        QCOMPARE(queue.info(waiting).state, JobState::Queued);
        queue.cancel(waiting);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(queue.info(waiting).state, JobState::Cancelled);
        QVERIFY(!secondRan);
        release = true;
        QTRY_COMPARE(finished.count(), 2);
    }

    // Done, failed, thrown, cancelled while running, cancelled while queued: one
    // jobFinished each, and a later cancel changes nothing.
    void everyJobEndsExactlyOnce()
    {
        JobQueue queue(2);
        QHash<Runs::JobId, int> ends;
        connect(&queue, &JobQueue::jobFinished, this, [&](Runs::JobId id) { ++ends[id]; });
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        std::atomic<bool> never {false};
        const auto done = queue.submit(QStringLiteral("done"), [](const Base::Progress &) { return Base::Status {}; });
        const auto failed = queue.submit(QStringLiteral("failed"),
            [](const Base::Progress &) { return Base::Status(Base::Error(QStringLiteral("no"))); });
        const auto thrown = queue.submit(
            QStringLiteral("thrown"), [](const JobContext &) -> Base::Status { throw std::runtime_error("boom"); });
        QTRY_COMPARE(ends.size(), 3);
        // Light work: a JobContext job started alone could take every thread and keep the other waiting.
        const auto spin = [&](const Base::Progress &p) {
            while (!never && !p.stopRequested())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return Base::Status {};
        };
        const auto running = queue.submit(QStringLiteral("running"), JobQueue::Work(spin));
        const auto blocker = queue.submit(QStringLiteral("blocker"), JobQueue::Work(spin));
        const auto queued
            = queue.submit(QStringLiteral("queued"), [](const Base::Progress &) { return Base::Status {}; });
        QTRY_COMPARE(started.count(), 5);
        queue.cancel(queued);
        queue.cancel(running);
        QTRY_COMPARE(ends.size(), 5);
        queue.cancelAll();
        QTRY_COMPARE(ends.size(), 6);
        queue.cancel(done);
        queue.cancelAll();
        QTest::qWait(20);
        for (const auto id : {done, failed, thrown, running, blocker, queued})
            QCOMPARE(ends.value(id), 1);
        QCOMPARE(queue.info(done).state, JobState::Done);
        QCOMPARE(queue.info(failed).state, JobState::Failed);
        QCOMPARE(queue.info(failed).message, QStringLiteral("no"));
        QCOMPARE(queue.info(thrown).state, JobState::Failed);
        QCOMPARE(queue.info(thrown).message, QStringLiteral("boom"));
        QCOMPARE(queue.info(running).state, JobState::Cancelled);
        QCOMPARE(queue.info(blocker).state, JobState::Cancelled);
        QCOMPARE(queue.info(queued).state, JobState::Cancelled);
        QCOMPARE(queue.activeCount(), 0);
    }

    // Cooperative work that polls its stop flag returns once cancelled (no timing asserted:
    // the 200 ms bound is the work's polling interval, here 1 ms).
    void cancelStopsCooperativeWork()
    {
        JobQueue queue(1);
        QSignalSpy started(&queue, &JobQueue::jobStarted);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        std::atomic<int> polls {0};
        const auto id = queue.submit(QStringLiteral("poll"), [&](const JobContext &context) {
            while (!context.stopRequested()) {
                ++polls;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return Base::Status(Base::Error(QStringLiteral("stopped")));
        });
        QTRY_COMPARE(started.count(), 1);
        queue.cancel(id);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(queue.info(id).state, JobState::Cancelled);
        QVERIFY(polls > 0);
    }

    // Live metrics arrive complete and in order, in few batches, all before jobFinished.
    void metricsArriveInOrderBeforeTheJobEnds()
    {
        JobQueue queue(1);
        QList<Runs::JobMetric> received;
        int batches = 0;
        bool finishedBeforeLast = false;
        bool finished = false;
        connect(&queue, &JobQueue::jobMetrics, this, [&](Runs::JobId, const QList<Runs::JobMetric> &metrics) {
            ++batches;
            finishedBeforeLast = finishedBeforeLast || finished;
            received += metrics;
        });
        connect(&queue, &JobQueue::jobFinished, this, [&] { finished = true; });
        queue.submit(QStringLiteral("steps"), [](const JobContext &context) {
            for (int step = 0; step < 1000; ++step)
                context.reportMetric(Runs::JobMetric {QStringLiteral("train_loss"), step, 1.0 / (step + 1), 0});
            return Base::Status {};
        });
        QTRY_VERIFY(finished);
        QCOMPARE(received.size(), 1000);
        for (int i = 0; i < received.size(); ++i)
            QCOMPARE(received.at(i).step, i);
        QVERIFY(!finishedBeforeLast);
        QVERIFY2(batches < 100, qPrintable(QString::number(batches)));
    }

    void etaIsSmoothedAndUnknownAtFirst()
    {
        Runs::EtaEstimator eta;
        QVERIFY(eta.secondsLeft() < 0.0);
        eta.update(0.005, 2.0); // too little progress to say
        QVERIFY(eta.secondsLeft() < 0.0);
        eta.update(0.5, 10.0);
        QCOMPARE(eta.secondsLeft(), 10.0);
        // A sudden fast step: raw says 1 s left, the estimate moves only part way.
        eta.update(0.9, 11.0);
        QVERIFY(eta.secondsLeft() > 1.5 && eta.secondsLeft() < 9.0);
        eta.update(1.0, 12.0);
        QCOMPARE(eta.secondsLeft(), 0.0);
    }

    void progressCarriesTheEta()
    {
        JobQueue queue(1);
        QSignalSpy progress(&queue, &JobQueue::jobProgress);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        const auto id = queue.submit(QStringLiteral("slow"), [](const JobContext &context) {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            context.progress().report(0.5, QStringLiteral("Half"));
            return Base::Status {};
        });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(progress.count(), 1);
        QVERIFY(progress.first().at(3).toDouble() > 0.0); // about 0.6 s left at half way
        QVERIFY(queue.info(id).elapsedSeconds >= 0.5);
        QCOMPARE(queue.info(id).etaSeconds, 0.0);
    }

    void localExecutorRelaysTheQueue()
    {
        JobQueue queue(1);
        Runs::LocalExecutor executor(queue);
        QCOMPARE(executor.name(), QStringLiteral("local"));
        QSignalSpy added(&executor, &Runs::Executor::jobAdded);
        QSignalSpy finished(&executor, &Runs::Executor::jobFinished);
        QSignalSpy metrics(&executor, &Runs::Executor::jobMetrics);
        Runs::JobRequest request;
        request.title = QStringLiteral("remote-able");
        request.work = [](const JobContext &context) {
            context.reportMetric(Runs::JobMetric {QStringLiteral("loss"), 1, 0.5});
            return Base::Status {};
        };
        JobState ended = JobState::Queued;
        const auto id = executor.submit(request, [&](const Runs::JobInfo &info) { ended = info.state; });
        QCOMPARE(added.count(), 1);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(ended, JobState::Done);
        QCOMPARE(executor.info(id).title, QStringLiteral("remote-able"));
        QCOMPARE(metrics.count(), 1);
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
