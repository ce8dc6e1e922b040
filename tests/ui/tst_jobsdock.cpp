// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/EtaText.h"
#include "ui/jobs/JobListModel.h"
#include "ui/jobs/JobsDock.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <atomic>
#include <thread>

using namespace Tandem;

namespace {

/// Work that runs until `release` is set or it is cancelled, polling like a fit.
Base::Status waitFor(const std::atomic<bool> &release, const Base::Progress &progress)
{
    while (!release && !progress.stopRequested())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return {};
}

} // namespace

class TestJobsDock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelFollowsTheQueue()
    {
        Runs::JobQueue queue(2);
        Ui::JobListModel model(&queue);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&queue, &Runs::JobQueue::jobFinished);

        queue.submit(QStringLiteral("Load iris.csv"), [](const Base::Progress &p) {
            p.report(0.5, QStringLiteral("Parsing"));
            return Base::Status {};
        });
        queue.submit(QStringLiteral("Train forest"), [](const Base::Progress &) {
            return Base::Status(Base::Error(QStringLiteral("max_depth must be >= 1, got 0")));
        });
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(model.rowCount(), 2);
        // Newest first.
        QCOMPARE(model.index(0, Ui::JobListModel::TitleColumn).data().toString(), QStringLiteral("Train forest"));
        QCOMPARE(model.index(0, Ui::JobListModel::StateColumn).data().toString(), QStringLiteral("Failed"));
        QCOMPARE(model.index(0, Ui::JobListModel::DetailColumn).data().toString(),
            QStringLiteral("max_depth must be >= 1, got 0"));
        QCOMPARE(model.index(1, Ui::JobListModel::StateColumn).data().toString(), QStringLiteral("Done"));
        QCOMPARE(model.index(1, Ui::JobListModel::ProgressColumn).data().toDouble(), 1.0);

        model.clearFinished();
        QCOMPARE(model.rowCount(), 0);
    }

    void clearFinishedKeepsRunningJobs()
    {
        Runs::JobQueue queue(2);
        Ui::JobListModel model(&queue);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&queue, &Runs::JobQueue::jobFinished);
        std::atomic<bool> release {false};
        queue.submit(QStringLiteral("quick"), [](const Base::Progress &) { return Base::Status {}; });
        QTRY_COMPARE(finished.count(), 1);
        const auto slow = queue.submit(QStringLiteral("slow"), [&](const Base::Progress &) {
            while (!release)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return Base::Status {};
        });
        model.clearFinished();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.jobAt(0), slow);
        release = true;
        QTRY_COMPARE(finished.count(), 2);
    }

    void dockShowsEmptyStateUntilAJobArrives()
    {
        Runs::JobQueue queue(1);
        Ui::JobsDock dock(&queue);
        QVERIFY(dock.showsEmptyState());
        QSignalSpy finished(&queue, &Runs::JobQueue::jobFinished);
        queue.submit(QStringLiteral("x"), [](const Base::Progress &) { return Base::Status {}; });
        QVERIFY(!dock.showsEmptyState());
        QTRY_COMPARE(finished.count(), 1);
        dock.model()->clearFinished();
        QVERIFY(dock.showsEmptyState());
    }
    void etaReadsLikeAPerson()
    {
        QVERIFY(Ui::etaText(-1.0).isEmpty());
        QCOMPARE(Ui::etaText(3.0), QStringLiteral("a few seconds left"));
        QCOMPARE(Ui::etaText(31.0), QStringLiteral("about 30 s left"));
        QCOMPARE(Ui::etaText(115.0), QStringLiteral("about 2 min left"));
        QCOMPARE(Ui::etaText(60.0), QStringLiteral("about 1 min left"));
        QCOMPARE(Ui::etaText(3.0 * 3600 + 20 * 60), QStringLiteral("about 3 h 20 min left"));
    }

    void runningJobShowsItsTimeLeft()
    {
        Runs::JobQueue queue(1);
        Ui::JobListModel model(&queue);
        QSignalSpy progress(&queue, &Runs::JobQueue::jobProgress);
        std::atomic<bool> release {false};
        queue.submit(QStringLiteral("fit"), [&](const Base::Progress &p) {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            p.report(0.5, QStringLiteral("Fold 1/2"));
            return waitFor(release, p);
        });
        QTRY_COMPARE(progress.count(), 1);
        QCOMPARE(model.index(0, Ui::JobListModel::EtaColumn).data().toString(), QStringLiteral("a few seconds left"));
        QCOMPARE(model.index(0, Ui::JobListModel::DetailColumn).data().toString(), QStringLiteral("Fold 1/2"));
        QVERIFY(model.index(0, Ui::JobListModel::CancelColumn).data(Ui::JobListModel::CancellableRole).toBool());
        release = true;
        QTRY_VERIFY(!model.index(0, Ui::JobListModel::CancelColumn).data(Ui::JobListModel::CancellableRole).toBool());
        QVERIFY(model.index(0, Ui::JobListModel::EtaColumn).data().toString().isEmpty());
    }

    void failedJobShowsItsMessageAsTooltip()
    {
        Runs::JobQueue queue(1);
        Ui::JobListModel model(&queue);
        QSignalSpy finished(&queue, &Runs::JobQueue::jobFinished);
        queue.submit(QStringLiteral("Train"),
            [](const Base::Progress &) { return Base::Status(Base::Error(QStringLiteral("singular matrix"))); });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(model.index(0, Ui::JobListModel::StateColumn).data().toString(), QStringLiteral("Failed"));
        QCOMPARE(model.index(0, Ui::JobListModel::StateColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("singular matrix"));
    }

    void cancelButtonCancelsItsRow()
    {
        Runs::JobQueue queue(2);
        Ui::JobsDock dock(&queue);
        dock.resize(900, 300);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        QSignalSpy started(&queue, &Runs::JobQueue::jobStarted);
        QSignalSpy finished(&queue, &Runs::JobQueue::jobFinished);
        std::atomic<bool> release {false};
        const auto first
            = queue.submit(QStringLiteral("first"), [&](const Base::Progress &p) { return waitFor(release, p); });
        const auto second
            = queue.submit(QStringLiteral("second"), [&](const Base::Progress &p) { return waitFor(release, p); });
        QTRY_COMPARE(started.count(), 2);
        // Row 0 is the newest: "second".
        QTableView *view = dock.view();
        const QRect cell = view->visualRect(dock.model()->index(0, Ui::JobListModel::CancelColumn));
        QVERIFY(cell.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(queue.info(second).state, Runs::JobState::Cancelled);
        QCOMPARE(queue.info(first).state, Runs::JobState::Running);
        release = true;
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(queue.info(first).state, Runs::JobState::Done);
    }

    void overallBarAndCancelAll()
    {
        Runs::JobQueue queue(2);
        Ui::JobsDock dock(&queue);
        dock.model()->setBatchGap(0);
        QSignalSpy finished(&queue, &Runs::JobQueue::jobFinished);
        queue.submit(QStringLiteral("quick"), [](const Base::Progress &) { return Base::Status {}; });
        QTRY_COMPARE(finished.count(), 1);
        QTRY_COMPARE(dock.overallBar()->value(), 1000);
        QVERIFY(!dock.cancelAllButton()->isEnabled());

        // A new batch starts once the queue was idle (for longer than the gap: none here).
        std::atomic<bool> never {false};
        for (int i = 0; i < 3; ++i)
            queue.submit(QStringLiteral("long %1").arg(i), [&](const Base::Progress &p) { return waitFor(never, p); });
        QTRY_COMPARE(dock.overallLabel()->text(), QStringLiteral("0 of 3 jobs finished"));
        QCOMPARE(dock.overallBar()->value(), 0);
        QVERIFY(dock.cancelAllButton()->isEnabled());
        dock.cancelAllButton()->click();
        QTRY_COMPARE(finished.count(), 4);
        QTRY_COMPARE(dock.overallLabel()->text(), QStringLiteral("3 of 3 jobs finished"));
        QCOMPARE(dock.overallBar()->value(), 1000);
        QVERIFY(!dock.cancelAllButton()->isEnabled());
        QCOMPARE(dock.model()->index(0, Ui::JobListModel::StateColumn).data().toString(), QStringLiteral("Cancelled"));
    }

    void workThatFollowsWorkJoinsItsBatch()
    {
        Runs::JobQueue queue(2);
        Ui::JobsDock dock(&queue);
        dock.model()->setBatchGap(3600 * 1000);
        QSignalSpy finished(&queue, &Runs::JobQueue::jobFinished);
        queue.submit(QStringLiteral("load"), [](const Base::Progress &) { return Base::Status {}; });
        QTRY_COMPARE(finished.count(), 1);
        QTRY_COMPARE(dock.overallLabel()->text(), QStringLiteral("1 of 1 jobs finished"));
        // The follow-up (a profile after a load) comes within the gap: one batch of two.
        queue.submit(QStringLiteral("profile"), [](const Base::Progress &) { return Base::Status {}; });
        QTRY_COMPARE(finished.count(), 2);
        QTRY_COMPARE(dock.overallLabel()->text(), QStringLiteral("2 of 2 jobs finished"));
        QCOMPARE(dock.model()->batchSize(), 2);
    }
};

QTEST_MAIN(TestJobsDock)
#include "tst_jobsdock.moc"
