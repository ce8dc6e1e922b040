// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"
#include "ui/charts/LineChart.h"
#include "ui/runs/RunsFilterModel.h"
#include "ui/runs/RunsTableModel.h"
#include "ui/runs/RunsView.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Tandem;

class TestRunsView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Store::Workspace> m_workspace;
    QList<qint64> m_ids;

    static void check(const Base::Status &status)
    {
        if (!status.ok())
            qFatal("%s", qPrintable(status.error().toString()));
    }

    qint64 addRun(const QString &name, const QString &model, double c, double accuracy, bool fail = false)
    {
        Store::ExperimentStore &store = m_workspace->store();
        Store::NewRun run;
        run.name = name;
        run.spec = QJsonObject {
            {QStringLiteral("name"), name}, {QStringLiteral("model"), QJsonObject {{QStringLiteral("id"), model}}}};
        const qint64 id = store.addRun(run).value();
        [&] { QVERIFY(store.markRunning(id).ok()); }();
        check(store.recordParams(id, QJsonObject {{QStringLiteral("C"), c}}));
        QList<Store::MetricPoint> points;
        for (int fold = 0; fold < 3; ++fold)
            points.append({QStringLiteral("accuracy"), accuracy + 0.01 * fold, fold, std::nullopt});
        points.append({QStringLiteral("accuracy"), accuracy + 0.01, std::nullopt, std::nullopt});
        for (int step = 0; step < 5; ++step) {
            points.append({QStringLiteral("train_loss"), 1.0 / (step + 1), 0, step});
            points.append({QStringLiteral("validation_loss"), 1.2 / (step + 1), 0, step});
        }
        check(store.appendMetrics(id, points));
        check(store.finishRun(id, fail ? Store::RunStatus::Failed : Store::RunStatus::Done,
            fail ? QStringLiteral("the solver diverged") : QString()));
        return id;
    }

    void loaded(Ui::RunsView &view)
    {
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.refresh();
        QVERIFY(spy.wait(5000));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TandemTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_runsview"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        auto ws = Store::Workspace::create(m_dir.path());
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        m_workspace = ws.value();
        m_ids << addRun(QStringLiteral("alpha"), QStringLiteral("logreg"), 10.0, 0.9);
        m_ids << addRun(QStringLiteral("beta"), QStringLiteral("knn"), 2.0, 0.85);
        m_ids << addRun(QStringLiteral("gamma"), QStringLiteral("logreg"), 0.5, 0.95, true);
    }

    void emptyStates()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QVERIFY(view.showsNoWorkspace());
        QTemporaryDir empty;
        auto ws = Store::Workspace::create(empty.path());
        QVERIFY(ws.ok());
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(ws.value());
        QVERIFY(spy.wait(5000));
        QVERIFY(view.showsEmptyState());
        view.setWorkspace(nullptr);
        QVERIFY(view.showsNoWorkspace());
    }

    void modelShowsRuns()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        QVERIFY(!view.showsEmptyState());
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view.model()->rowCount(), 3);
        const QStringList keys = view.model()->columnKeys();
        // Fixed columns, then metrics (what runs are compared by), then parameters.
        QCOMPARE(keys,
            (QStringList {QStringLiteral("status"), QStringLiteral("name"), QStringLiteral("model"),
                QStringLiteral("experiment"), QStringLiteral("executor"), QStringLiteral("metric:accuracy"),
                QStringLiteral("metric:train_loss"), QStringLiteral("metric:validation_loss"),
                QStringLiteral("param:C"), QStringLiteral("started"), QStringLiteral("duration"),
                QStringLiteral("tags")}));
        const int name = view.model()->columnOf(QStringLiteral("name"));
        QStringList names;
        for (int r = 0; r < 3; ++r)
            names << view.model()->index(r, name).data().toString();
        names.sort();
        QCOMPARE(names, (QStringList {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}));
        const int status = view.model()->columnOf(QStringLiteral("status"));
        const int gamma = view.model()->rowOf(m_ids[2]);
        QCOMPARE(view.model()->index(gamma, status).data().toString(), QStringLiteral("failed"));
        QVERIFY(!view.model()->index(gamma, status).data(Qt::DecorationRole).isNull());
    }

    void sortsNumerically()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        // C = 10, 2, 0.5: as text "10" < "2"; as numbers 0.5 < 2 < 10.
        const int c = view.model()->columnOf(QStringLiteral("param:C"));
        view.table()->sortByColumn(c, Qt::AscendingOrder);
        auto *proxy = view.filterModel();
        const int name = view.model()->columnOf(QStringLiteral("name"));
        QCOMPARE(proxy->index(0, name).data().toString(), QStringLiteral("gamma"));
        QCOMPARE(proxy->index(1, name).data().toString(), QStringLiteral("beta"));
        QCOMPARE(proxy->index(2, name).data().toString(), QStringLiteral("alpha"));
        const int acc = view.model()->columnOf(QStringLiteral("metric:accuracy"));
        view.table()->sortByColumn(acc, Qt::DescendingOrder);
        QCOMPARE(proxy->index(0, name).data().toString(), QStringLiteral("gamma"));
        QCOMPARE(proxy->index(2, name).data().toString(), QStringLiteral("beta"));
    }

    void filters()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        view.filterField()->setText(QStringLiteral("logreg"));
        QCOMPARE(view.filterModel()->rowCount(), 2);
        view.filterField()->setText(QStringLiteral("logreg alp"));
        QCOMPARE(view.filterModel()->rowCount(), 1);
        view.filterField()->clear();
        view.statusFilter()->setCurrentIndex(
            view.statusFilter()->findData(int(Ui::RunsFilterModel::StatusFilter::Failed)));
        QCOMPARE(view.filterModel()->rowCount(), 1);
        view.statusFilter()->setCurrentIndex(0);
        QCOMPARE(view.filterModel()->rowCount(), 3);
    }

    void columnChoice()
    {
        Runs::JobQueue jobs(1);
        {
            Ui::RunsView view(&jobs, {});
            QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
            view.setWorkspace(m_workspace);
            QVERIFY(spy.wait(5000));
            const int c = view.model()->columnOf(QStringLiteral("param:C"));
            QVERIFY(!view.table()->isColumnHidden(c));
            view.setColumnShown(QStringLiteral("param:C"), false);
            QVERIFY(view.table()->isColumnHidden(c));
            // The Executor column is optional: hidden while every run ran here, until chosen.
            const int executor = view.model()->columnOf(QStringLiteral("executor"));
            QVERIFY(executor >= 0);
            QCOMPARE(view.model()->index(0, executor).data().toString(), QStringLiteral("local"));
            QVERIFY(view.table()->isColumnHidden(executor));
            view.setColumnShown(QStringLiteral("executor"), true);
            QVERIFY(!view.table()->isColumnHidden(executor));
        }
        Ui::RunsView again(&jobs, {});
        QSignalSpy spy(&again, &Ui::RunsView::runsLoaded);
        again.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        QVERIFY(again.table()->isColumnHidden(again.model()->columnOf(QStringLiteral("param:C"))));
        again.setColumnShown(QStringLiteral("param:C"), true);
        QVERIFY(!again.table()->isColumnHidden(again.model()->columnOf(QStringLiteral("param:C"))));
        QVERIFY(!again.table()->isColumnHidden(again.model()->columnOf(QStringLiteral("executor"))));
        again.setColumnShown(QStringLiteral("executor"), false);
        QVERIFY(again.table()->isColumnHidden(again.model()->columnOf(QStringLiteral("executor"))));
    }

    void headerMenuChoosesColumns()
    {
        QSettings().remove(QStringLiteral("runs/hiddenColumns"));
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QHeaderView *header = view.table()->horizontalHeader();
        const int accuracy = view.model()->columnOf(QStringLiteral("metric:accuracy"));
        // A long metric name is readable in full.
        const int validationLoss = view.model()->columnOf(QStringLiteral("metric:validation_loss"));
        QVERIFY(header->sectionSize(validationLoss) >= header->sectionSizeHint(validationLoss));
        QVERIFY(header->sectionSizeHint(validationLoss) > header->defaultSectionSize());

        // Right-click the header, open Metrics, untick accuracy.
        QStringList topLevel;
        QStringList metricItems;
        QTimer::singleShot(0, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            QMenu *metrics = nullptr;
            for (QAction *a : menu->actions()) {
                topLevel << a->text();
                if (a->menu() && a->text() == QStringLiteral("Metrics"))
                    metrics = a->menu();
            }
            QVERIFY(metrics);
            for (QAction *a : metrics->actions()) {
                metricItems << a->text();
                if (a->text() == QStringLiteral("accuracy")) {
                    QVERIFY(a->isCheckable() && a->isChecked());
                    a->trigger();
                }
            }
            menu->close();
        });
        Q_EMIT header->customContextMenuRequested(QPoint(10, 5));
        QVERIFY(!topLevel.contains(QStringLiteral("Name"))); // the name column always stays
        QVERIFY(topLevel.contains(QStringLiteral("Status")));
        QVERIFY(topLevel.indexOf(QStringLiteral("Metrics")) < topLevel.indexOf(QStringLiteral("Parameters")));
        QCOMPARE(metricItems,
            (QStringList {
                QStringLiteral("accuracy"), QStringLiteral("train_loss"), QStringLiteral("validation_loss")}));
        QVERIFY(view.table()->isColumnHidden(accuracy));
        QVERIFY(!view.isColumnShown(QStringLiteral("metric:accuracy")));
        QCOMPARE(QSettings().value(QStringLiteral("runs/hiddenColumns")).toStringList(),
            QStringList {QStringLiteral("metric:accuracy")});

        // Show All Columns brings it back.
        QTimer::singleShot(0, [] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            for (QAction *a : menu->actions())
                if (a->text() == QStringLiteral("Show All Columns"))
                    a->trigger();
            menu->close();
        });
        Q_EMIT header->customContextMenuRequested(QPoint(10, 5));
        QVERIFY(!view.table()->isColumnHidden(accuracy));
        QVERIFY(QSettings().value(QStringLiteral("runs/hiddenColumns")).toStringList().isEmpty());
    }

    void detailsShowFoldsCurveAndError()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        QSignalSpy details(&view, &Ui::RunsView::detailsLoaded);
        view.selectRun(m_ids[2]);
        QVERIFY(details.wait(5000));
        QCOMPARE(details.last().at(0).toLongLong(), m_ids[2]);
        QTableWidget *folds = view.foldTable();
        QCOMPARE(folds->rowCount(), 4); // 3 folds + mean
        QCOMPARE(folds->columnCount(), 1);
        QCOMPARE(folds->horizontalHeaderItem(0)->text(), QStringLiteral("accuracy"));
        QCOMPARE(folds->item(0, 0)->data(Qt::DisplayRole).toString(), QLocale().toString(0.95, 'f', 4));
        QCOMPARE(folds->verticalHeaderItem(3)->text(), QStringLiteral("Mean"));
        QVERIFY(view.errorText().contains(QStringLiteral("the solver diverged")));
        QCOMPARE(view.learningCurve()->seriesCount(), 2);
        QCOMPARE(view.learningCurve()->seriesNames().first(), QStringLiteral("train_loss"));
        QCOMPARE(view.learningCurve()->points(0).size(), 5);
        QVERIFY(view.specText().contains(QStringLiteral("\"id\": \"logreg\"")));

        view.selectRun(m_ids[0]);
        QVERIFY(details.wait(5000));
        QVERIFY(view.errorText().isEmpty());
    }

    void renameTagNoteDelete()
    {
        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        const qint64 extra = addRun(QStringLiteral("temp"), QStringLiteral("knn"), 1.0, 0.5);
        loaded(view);
        QCOMPARE(view.model()->rowCount(), 4);

        // Rename through the table's editor path (model setData), as F2 does.
        const int name = view.model()->columnOf(QStringLiteral("name"));
        QVERIFY(
            view.model()->setData(view.model()->index(view.model()->rowOf(extra), name), QStringLiteral("renamed")));
        QTRY_COMPARE(view.model()->runById(extra)->name, QStringLiteral("renamed"));
        QCOMPARE(m_workspace->store().run(extra).value().run.name, QStringLiteral("renamed"));

        view.setTags(extra, {QStringLiteral("best"), QStringLiteral("baseline")});
        QTRY_COMPARE(view.model()->runById(extra)->tags.size(), 2);
        view.filterField()->setText(QStringLiteral("baseline"));
        QCOMPARE(view.filterModel()->rowCount(), 1);
        view.filterField()->clear();

        view.selectRun(extra);
        view.addNote(extra, QStringLiteral("promising"));
        QTRY_VERIFY(view.notes().contains(QStringLiteral("promising")));

        QSignalSpy edit(&view, &Ui::RunsView::editSpecRequested);
        view.findChild<QAction *>(); // actions exist
        for (QAction *a : view.actions())
            if (a->text().startsWith(QStringLiteral("Duplicate")))
                a->trigger();
        QCOMPARE(edit.size(), 1);
        QCOMPARE(edit.first().at(0).toJsonObject().value(QStringLiteral("name")).toString(), QStringLiteral("temp"));

        view.deleteRuns({extra});
        QTRY_COMPARE(view.model()->rowCount(), 3);
        QCOMPARE(view.model()->rowOf(extra), -1);
        QVERIFY(!m_workspace->store().run(extra).ok());
    }

    void markAsInterruptedIsForRunsOfOtherProcesses()
    {
        // A second session on the workspace stands for a process on another machine.
        auto other = Store::Workspace::open(m_dir.path());
        QVERIFY2(other.ok(), qPrintable(other.error().toString()));
        Store::NewRun run;
        run.name = QStringLiteral("far away");
        const qint64 remote = other.value()->store().addRun(run).value();
        check(other.value()->store().markRunning(remote));
        run.name = QStringLiteral("right here");
        const qint64 local = m_workspace->store().addRun(run).value();
        check(m_workspace->store().markRunning(local));

        Runs::JobQueue jobs(1);
        Ui::RunsView view(&jobs, {});
        QSignalSpy spy(&view, &Ui::RunsView::runsLoaded);
        view.setWorkspace(m_workspace);
        QVERIFY(spy.wait(5000));
        auto *action = view.findChild<QAction *>(QStringLiteral("markInterrupted"));
        QVERIFY(action);
        view.selectRun(local); // this process's own run: cancel it instead
        QVERIFY(!action->isEnabled());
        view.selectRun(m_ids[0]); // done
        QVERIFY(!action->isEnabled());
        QSignalSpy details(&view, &Ui::RunsView::detailsLoaded);
        view.selectRun(remote);
        QVERIFY(action->isEnabled());
        QVERIFY(details.wait(5000));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("runSubtitle"))
                    ->text()
                    .contains(QStringLiteral("run by another process on %1").arg(QSysInfo::machineHostName())));

        // The confirmation names the run and the host; Cancel leaves the run running.
        QString question;
        auto answer = [&question](bool confirm) {
            QTimer::singleShot(0, [&question, confirm] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                question = box->text();
                if (const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR"); !dir.isEmpty())
                    box->grab().save(QDir(dir).filePath(QStringLiteral("runs-mark-interrupted.png")));
                for (QAbstractButton *button : box->buttons())
                    if (box->buttonRole(button) == (confirm ? QMessageBox::DestructiveRole : QMessageBox::RejectRole))
                        button->click();
            });
        };
        answer(false);
        action->trigger();
        QVERIFY(question.contains(QStringLiteral("far away")));
        QVERIFY(question.contains(QSysInfo::machineHostName()));
        QCOMPARE(m_workspace->store().run(remote).value().run.status, Store::RunStatus::Running);

        question.clear();
        answer(true);
        action->trigger();
        QVERIFY(!question.isEmpty());
        QTRY_COMPARE(view.model()->runById(remote)->status, Store::RunStatus::Interrupted);
        const Store::RunRecord marked = m_workspace->store().run(remote).value().run;
        QCOMPARE(marked.error, QStringLiteral("marked interrupted by the user"));
        QVERIFY(marked.endedAt.isValid());
        QVERIFY(!action->isEnabled());

        check(m_workspace->store().finishRun(local, Store::RunStatus::Cancelled));
        view.deleteRuns({remote, local});
        QTRY_COMPARE(view.model()->rowCount(), 3);
    }
};

QTEST_MAIN(TestRunsView)
#include "tst_runsview.moc"
