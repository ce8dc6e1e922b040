// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/jobs/JobListModel.h"
#include "ui/jobs/JobsDock.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Tandem;

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
};

QTEST_MAIN(TestJobsDock)
#include "tst_jobsdock.moc"
