// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QMutex>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <cmath>
#include <limits>

using namespace Tandem::Store;

/// Checks a Result or Status and shows its error when it failed.
#define VERIFY_OK(expression)                                                                                          \
    do {                                                                                                               \
        const auto &outcome_ = (expression);                                                                           \
        QVERIFY2(outcome_.ok(), qPrintable(outcome_.error().toString()));                                              \
    } while (false)

namespace {

/// Runs one SQL statement on the store with a separate raw connection and returns
/// the first column of the first row.
QVariant rawValue(const QString &dbPath, const QString &sql, const QVariantList &values = {})
{
    const QString name = QUuid::createUuid().toString();
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("PRAGMA busy_timeout = 10000"));
            query.prepare(sql);
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (query.exec() && query.next())
                result = query.value(0);
            else if (query.lastError().isValid())
                result = QStringLiteral("error: ") + query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

std::shared_ptr<Workspace> createWorkspace(const QString &dir)
{
    auto ws = Workspace::create(dir);
    if (!ws.ok())
        qFatal("cannot create the workspace: %s", qPrintable(ws.error().toString()));
    return ws.value();
}

const RunRecord *findRun(const QList<RunRecord> &runs, qint64 id)
{
    for (const RunRecord &run : runs) {
        if (run.id == id)
            return &run;
    }
    return nullptr;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aRunFromQueuedToDone()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        ExperimentStore &store = ws->store();
        const auto experiment = store.createExperiment(QStringLiteral("iris sweep"), QStringLiteral("C values"));
        QVERIFY2(experiment.ok(), qPrintable(experiment.error().toString()));
        NewRun newRun;
        newRun.experimentId = experiment.value();
        newRun.name = QStringLiteral("logreg C=0.1");
        newRun.spec = QJsonObject {{QStringLiteral("model"), QStringLiteral("logreg")}};
        newRun.seed = std::numeric_limits<quint64>::max(); // not representable as a signed SQLite integer
        const auto id = store.addRun(newRun);
        QVERIFY2(id.ok(), qPrintable(id.error().toString()));

        auto runs = store.runs();
        QVERIFY(runs.ok());
        QCOMPARE(runs.value().size(), 1);
        QCOMPARE(runs.value().at(0).status, RunStatus::Queued);
        QVERIFY(!runs.value().at(0).startedAt.isValid());

        VERIFY_OK(store.markRunning(id.value()));
        const QJsonObject params {{QStringLiteral("C"), 0.1}, {QStringLiteral("penalty"), QStringLiteral("l2")},
            {QStringLiteral("fit_intercept"), true}, {QStringLiteral("layers"), QJsonArray {10, 5}}};
        VERIFY_OK(store.recordParams(id.value(), params));
        QList<MetricPoint> points;
        for (int step = 0; step < 10; ++step)
            points.append({QStringLiteral("loss"), 1.0 / (step + 1), std::nullopt, step});
        for (int fold = 0; fold < 5; ++fold)
            points.append({QStringLiteral("accuracy"), 0.9 + fold * 0.01, fold, std::nullopt});
        VERIFY_OK(store.appendMetrics(id.value(), points.mid(0, 5)));
        VERIFY_OK(store.appendMetrics(id.value(), points.mid(5)));
        const MetricPoint overall {QStringLiteral("accuracy"), 0.92, std::nullopt, std::nullopt};
        VERIFY_OK(store.appendMetrics(id.value(), {overall}));
        points.append(overall);
        VERIFY_OK(store.finishRun(id.value(), RunStatus::Done));

        runs = store.runs();
        QVERIFY(runs.ok());
        const RunRecord &run = runs.value().at(0);
        QCOMPARE(run.status, RunStatus::Done);
        QCOMPARE(run.experimentId, experiment.value());
        QCOMPARE(run.experimentName, QStringLiteral("iris sweep"));
        QCOMPARE(run.name, newRun.name);
        QCOMPARE(run.spec, newRun.spec);
        QCOMPARE(run.seed, newRun.seed);
        QCOMPARE(run.executor, QStringLiteral("local"));
        QCOMPARE(run.session, ws->sessionId());
        QVERIFY(!run.appVersion.isEmpty());
        QVERIFY(!run.host.isEmpty());
        QVERIFY(run.startedAt.isValid() && run.endedAt.isValid() && run.createdAt.isValid());
        QVERIFY(run.durationMs.has_value() && *run.durationMs >= 0);
        QCOMPARE(run.params, params);
        // Summary: the value over all folds, else the latest step.
        QCOMPARE(run.metrics.value(QStringLiteral("accuracy")), 0.92);
        QCOMPARE(run.metrics.value(QStringLiteral("loss")), 0.1);

        const auto details = store.run(id.value());
        QVERIFY2(details.ok(), qPrintable(details.error().toString()));
        QCOMPARE(details.value().metrics, points);
        QCOMPARE(details.value().run.params, params);
    }

    void nanMetricsAreKept()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        const qint64 id = ws->store().addRun({}).value();
        VERIFY_OK(
            ws->store().appendMetrics(id, {{QStringLiteral("r2"), std::numeric_limits<double>::quiet_NaN(), {}, {}}}));
        QVERIFY(std::isnan(ws->store().run(id).value().metrics.at(0).value));
        QVERIFY(std::isnan(ws->store().runs().value().at(0).metrics.value(QStringLiteral("r2"))));
    }

    // A run stopped after two of its five folds: the folds' scores are kept, but neither
    // is the run's score (nor would their mean be, over a subset of the folds).
    void foldScoresAreNotTheRunsScore()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        ExperimentStore &store = ws->store();
        const qint64 id = store.addRun({}).value();
        VERIFY_OK(store.appendMetrics(id,
            {{QStringLiteral("accuracy"), 0.9, 0, {}}, {QStringLiteral("accuracy"), 0.8, 1, {}},
                {QStringLiteral("loss"), 0.7, 1, 3}, {QStringLiteral("loss"), 0.5, 1, 4}}));
        VERIFY_OK(store.finishRun(id, RunStatus::Cancelled));
        const RunRecord run = store.runs().value().at(0);
        QVERIFY(!run.metrics.contains(QStringLiteral("accuracy")));
        QCOMPARE(run.metrics.value(QStringLiteral("loss")), 0.5); // a curve's latest step still shows
        QCOMPARE(store.run(id).value().metrics.size(), 4);
    }

    void statusChangesAreChecked()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        ExperimentStore &store = ws->store();
        const qint64 a = store.addRun({}).value();
        VERIFY_OK(store.markRunning(a));
        auto again = store.markRunning(a);
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QStringLiteral("it is running, not queued")),
            qPrintable(again.error().message));
        VERIFY_OK(store.finishRun(a, RunStatus::Failed, QStringLiteral("singular matrix in fold 3")));
        auto twice = store.finishRun(a, RunStatus::Done);
        QVERIFY(!twice.ok());
        QVERIFY(twice.error().message.contains(QStringLiteral("already failed")));
        QCOMPARE(store.runs().value().at(0).error, QStringLiteral("singular matrix in fold 3"));

        const qint64 b = store.addRun({}).value();
        QVERIFY(!store.finishRun(b, RunStatus::Running).ok());
        VERIFY_OK(store.finishRun(b, RunStatus::Cancelled)); // cancelled before it started
        const auto cancelled = store.run(b);
        QCOMPARE(cancelled.value().run.status, RunStatus::Cancelled);
        QVERIFY(!cancelled.value().run.durationMs.has_value());

        auto missing = store.markRunning(999);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("there is no run 999")));
        QCOMPARE(missing.error().file, ws->databasePath());
        QVERIFY(!store.appendMetrics(999, {{QStringLiteral("x"), 1.0, {}, {}}}).ok());
        QVERIFY(!store.run(999).ok());
        QVERIFY(!store.addRun(NewRun {12345, {}, {}, {}, QStringLiteral("local"), {}}).ok()); // no such experiment
    }

    void renameTagNoteAndGroup()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        ExperimentStore &store = ws->store();
        const qint64 sweep = store.createExperiment(QStringLiteral("sweep")).value();
        QVERIFY(!store.createExperiment(QStringLiteral("sweep")).ok());
        QCOMPARE(store.ensureExperiment(QStringLiteral("sweep")).value(), sweep);
        const qint64 other = store.ensureExperiment(QStringLiteral("other")).value();
        QVERIFY(other != sweep);
        const qint64 a = store.addRun(NewRun {sweep, {}, {}, {}, QStringLiteral("local"), {}}).value();
        const qint64 b = store.addRun(NewRun {sweep, {}, {}, {}, QStringLiteral("local"), {}}).value();
        const qint64 c = store.addRun(NewRun {other, {}, {}, {}, QStringLiteral("local"), {}}).value();
        const qint64 loose = store.addRun({}).value();

        VERIFY_OK(store.renameRun(a, QStringLiteral("best so far")));
        VERIFY_OK(store.addTag(a, QStringLiteral("keep")));
        VERIFY_OK(store.addTag(a, QStringLiteral("keep"))); // twice is fine
        VERIFY_OK(store.addTag(a, QStringLiteral("baseline")));
        VERIFY_OK(store.removeTag(a, QStringLiteral("baseline")));
        QVERIFY(!store.addTag(a, QStringLiteral(" ")).ok());
        VERIFY_OK(store.addNote(a, QStringLiteral("first note")));
        VERIFY_OK(store.addNote(a, QStringLiteral("second note")));

        const auto inSweep = store.runs(sweep);
        QVERIFY(inSweep.ok());
        QCOMPARE(inSweep.value().size(), 2);
        QCOMPARE(inSweep.value().at(0).id, b); // newest first
        const RunRecord *runA = findRun(inSweep.value(), a);
        QVERIFY(runA);
        QCOMPARE(runA->name, QStringLiteral("best so far"));
        QCOMPARE(runA->tags, QStringList {QStringLiteral("keep")});
        const auto details = store.run(a).value();
        QCOMPARE(details.notes.size(), 2);
        QCOMPARE(details.notes.at(1).text, QStringLiteral("second note"));
        QCOMPARE(store.runs().value().size(), 4);
        QVERIFY(!findRun(store.runs().value(), loose)->experimentId.has_value());

        const auto experiments = store.experiments().value();
        QCOMPARE(experiments.size(), 2);
        QCOMPARE(experiments.at(0).name, QStringLiteral("sweep"));
        QCOMPARE(experiments.at(0).runCount, 2);
        VERIFY_OK(store.writeArtifact(c, QStringLiteral("model.bin"), "m"));
        VERIFY_OK(store.deleteExperiment(other));
        QVERIFY(!QFileInfo::exists(store.artifactDir(c)));
        QCOMPARE(store.runs().value().size(), 3);
    }

    void deletingARunRemovesEverythingOfIt()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        ExperimentStore &store = ws->store();
        const qint64 keep = store.addRun({}).value();
        const qint64 id = store.addRun({}).value();
        VERIFY_OK(store.recordParams(id, {{QStringLiteral("k"), 5}}));
        VERIFY_OK(store.appendMetrics(id, {{QStringLiteral("accuracy"), 0.5, {}, {}}}));
        VERIFY_OK(store.addTag(id, QStringLiteral("t")));
        VERIFY_OK(store.addNote(id, QStringLiteral("n")));
        const auto model = store.writeArtifact(id, QStringLiteral("model.bin"), QByteArray("weights"));
        QVERIFY2(model.ok(), qPrintable(model.error().toString()));
        VERIFY_OK(store.writeArtifact(id, QStringLiteral("curves/roc.json"), QByteArray("[]")));
        QCOMPARE(store.run(id).value().artifacts,
            (QStringList {QStringLiteral("curves/roc.json"), QStringLiteral("model.bin")}));
        QFile file(model.value());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("weights"));
        file.close();

        VERIFY_OK(store.deleteRun(id));
        QVERIFY(!QFileInfo::exists(store.artifactDir(id)));
        QCOMPARE(store.runs().value().size(), 1);
        QCOMPARE(store.runs().value().at(0).id, keep);
        for (const char *table : {"params", "metrics", "tags", "notes"})
            QCOMPARE(rawValue(ws->databasePath(), QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))
                         .toInt(),
                0);
        QVERIFY(!store.deleteRun(id).ok());
        // A new run never takes the deleted run's id (and so its folder).
        QVERIFY(store.addRun({}).value() > id);
    }

    void artifactNamesStayInsideTheRunFolder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("parent") << QStringLiteral("../escape.bin");
        QTest::newRow("inner parent") << QStringLiteral("a/../../b");
        QTest::newRow("absolute") << QDir::rootPath() + QStringLiteral("tmp/x");
        QTest::newRow("backslash") << QStringLiteral("a\\b");
        QTest::newRow("empty part") << QStringLiteral("a//b");
    }
    void artifactNamesStayInsideTheRunFolder()
    {
        QFETCH(QString, name);
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        const qint64 id = ws->store().addRun({}).value();
        const auto written = ws->store().writeArtifact(id, name, "x");
        QVERIFY(!written.ok());
        QVERIFY(written.error().message.contains(QStringLiteral("relative path")));
    }

    void artifactsAreReplacedWhole()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        const qint64 id = ws->store().addRun({}).value();
        VERIFY_OK(ws->store().writeArtifact(id, QStringLiteral("a.txt"), QByteArray(10000, 'x')));
        const auto path = ws->store().writeArtifact(id, QStringLiteral("a.txt"), QByteArray("short"));
        QVERIFY(path.ok());
        QFile file(path.value());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("short"));
        QCOMPARE(QDir(ws->store().artifactDir(id)).entryList(QDir::Files | QDir::Hidden),
            QStringList {QStringLiteral("a.txt")});
        QVERIFY(!ws->store().writeArtifact(id + 1, QStringLiteral("a.txt"), "x").ok()); // no such run
    }

    void runsOfADeadSessionBecomeInterrupted()
    {
        QTemporaryDir tmp;
        auto first = createWorkspace(tmp.path());
        ExperimentStore &store = first->store();
        const qint64 queued = store.addRun({}).value();
        const qint64 running = store.addRun({}).value();
        const qint64 done = store.addRun({}).value();
        const qint64 alive = store.addRun({}).value();
        for (qint64 id : {running, done, alive})
            VERIFY_OK(store.markRunning(id));
        VERIFY_OK(store.finishRun(done, RunStatus::Done));
        // Hand three runs to a session whose process is gone: nobody holds its lock.
        rawValue(first->databasePath(),
            QStringLiteral("UPDATE runs SET session = 'dead-session' WHERE id IN (?, ?, ?)"), {queued, running, done});

        auto second = Workspace::open(tmp.path());
        QVERIFY2(second.ok(), qPrintable(second.error().toString()));
        QCOMPARE(second.value()->interruptedOnOpen(), (QList<qint64> {queued, running}));
        const auto runs = second.value()->store().runs().value();
        QCOMPARE(findRun(runs, queued)->status, RunStatus::Interrupted);
        QCOMPARE(findRun(runs, running)->status, RunStatus::Interrupted);
        QVERIFY(findRun(runs, running)->error.contains(QStringLiteral("ended before it finished")));
        QVERIFY(findRun(runs, queued)->error.contains(QStringLiteral("ended before it started")));
        QCOMPARE(findRun(runs, done)->status, RunStatus::Done);
        // The first workspace's session is alive: its run is untouched and can finish.
        QCOMPARE(findRun(runs, alive)->status, RunStatus::Running);
        VERIFY_OK(store.finishRun(alive, RunStatus::Done));
        QVERIFY(!store.finishRun(running, RunStatus::Done).ok());
        // Only live sessions keep lock files.
        QCOMPARE(QDir(tmp.filePath(QStringLiteral("sessions"))).entryList(QDir::Files).size(), 2);
    }

    void aRunOfAnotherHostIsMarkedInterruptedByHand()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        ExperimentStore &store = ws->store();
        const qint64 mine = store.addRun({}).value();
        const qint64 remote = store.addRun({}).value();
        const qint64 queued = store.addRun({}).value();
        const qint64 done = store.addRun({}).value();
        for (qint64 id : {mine, remote, done})
            VERIFY_OK(store.markRunning(id));
        VERIFY_OK(store.finishRun(done, RunStatus::Done));
        // `remote` runs in a process on another machine (a shared workspace on network
        // storage): its lock file names that host, so it is never taken for stale.
        QFile lock(tmp.filePath(QStringLiteral("sessions/remote-session.lock")));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("4242\ntandem\ngpu-box.example\n");
        lock.close();
        rawValue(ws->databasePath(),
            QStringLiteral("UPDATE runs SET session = 'remote-session', host = 'gpu-box.example' WHERE id = ?"),
            {remote});
        {
            auto reopened = Workspace::open(tmp.path());
            VERIFY_OK(reopened);
            QVERIFY(reopened.value()->interruptedOnOpen().isEmpty());
            QCOMPARE(reopened.value()->store().run(remote).value().run.status, RunStatus::Running);
        }
        QVERIFY(lock.exists());

        // Only a running run of another session: this process cancels its own runs.
        const Tandem::Base::Status own = store.markInterrupted(mine);
        QVERIFY(!own.ok());
        QVERIFY2(own.error().message.contains(QStringLiteral("this process runs it")), qPrintable(own.error().message));
        const Tandem::Base::Status notRunning = store.markInterrupted(queued);
        QVERIFY(!notRunning.ok());
        QVERIFY(notRunning.error().message.contains(QStringLiteral("it is queued, not running")));
        QVERIFY(!store.markInterrupted(done).ok());
        QVERIFY(!store.markInterrupted(remote + 100).ok());

        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        VERIFY_OK(store.markInterrupted(remote));
        const RunRecord run = store.run(remote).value().run;
        QCOMPARE(run.status, RunStatus::Interrupted);
        QCOMPARE(run.error, QStringLiteral("marked interrupted by the user"));
        QVERIFY(run.endedAt >= before);
        QCOMPARE(run.host, QStringLiteral("gpu-box.example"));
        QVERIFY(!store.markInterrupted(remote).ok()); // once only
        // The far process can no longer end it; the other runs are untouched.
        QVERIFY(!store.finishRun(remote, RunStatus::Done).ok());
        QCOMPARE(store.run(mine).value().run.status, RunStatus::Running);
        QCOMPARE(store.run(queued).value().run.status, RunStatus::Queued);
        VERIFY_OK(store.finishRun(mine, RunStatus::Done));
    }

    void aKilledProcessLeavesItsRunInterrupted()
    {
        QTemporaryDir tmp;
        createWorkspace(tmp.path()).reset();
        QProcess child;
        child.start(QStringLiteral(TANDEM_STORE_HELPER), {QStringLiteral("hold"), tmp.path()});
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        QVERIFY(child.waitForReadyRead(20000));
        const qint64 id = child.readLine().trimmed().toLongLong();
        QVERIFY(id > 0);
        {
            // While the child lives, its run stays running.
            auto ws = Workspace::open(tmp.path());
            VERIFY_OK(ws);
            QVERIFY(ws.value()->interruptedOnOpen().isEmpty());
            QCOMPARE(ws.value()->store().run(id).value().run.status, RunStatus::Running);
        }
        child.kill();
        QVERIFY(child.waitForFinished(20000));
        auto ws = Workspace::open(tmp.path());
        QVERIFY2(ws.ok(), qPrintable(ws.error().toString()));
        QCOMPARE(ws.value()->interruptedOnOpen(), QList<qint64> {id});
        const RunDetails details = ws.value()->store().run(id).value();
        QCOMPARE(details.run.status, RunStatus::Interrupted);
        QCOMPARE(details.metrics.size(), 1); // what it committed is there
        QCOMPARE(rawValue(ws.value()->databasePath(), QStringLiteral("PRAGMA integrity_check")).toString(),
            QStringLiteral("ok"));
    }

    void twoThreadsWriteOneWorkspace()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        const qint64 id = ws->store().addRun({}).value();
        constexpr int rows = 1000;
        std::atomic<int> failures = 0;
        QString firstError;
        QMutex errorMutex;
        auto write = [&](ExperimentStore &store, const QString &name) {
            for (int i = 0; i < rows; ++i) {
                const auto status = store.appendMetrics(id, {{name, double(i), std::nullopt, i}});
                if (!status.ok()) {
                    ++failures;
                    QMutexLocker lock(&errorMutex);
                    firstError = status.error().toString();
                }
            }
        };
        // One thread shares the workspace's session, the other opens the workspace
        // again (another session, as a second process would).
        std::unique_ptr<QThread> shared(QThread::create([&] {
            auto store = ws->openStore();
            if (!store.ok()) {
                failures += rows;
                return;
            }
            write(*store.value(), QStringLiteral("shared"));
        }));
        std::unique_ptr<QThread> separate(QThread::create([&] {
            auto other = Workspace::open(tmp.path());
            if (!other.ok()) {
                failures += rows;
                return;
            }
            write(other.value()->store(), QStringLiteral("separate"));
        }));
        shared->start();
        separate->start();
        QVERIFY(shared->wait(120000));
        QVERIFY(separate->wait(120000));
        QVERIFY2(failures == 0, qPrintable(firstError));
        const auto details = ws->store().run(id).value();
        QCOMPARE(details.metrics.size(), 2 * rows);
        QCOMPARE(rawValue(ws->databasePath(), QStringLiteral("SELECT count(DISTINCT step) FROM metrics WHERE name = ?"),
                     {QStringLiteral("separate")})
                     .toInt(),
            rows);
        QCOMPARE(
            rawValue(ws->databasePath(), QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }

    void twoProcessesWriteOneWorkspace()
    {
        QTemporaryDir tmp;
        auto ws = createWorkspace(tmp.path());
        const qint64 id = ws->store().addRun({}).value();
        constexpr int rows = 300;
        QProcess a, b;
        for (QProcess *child : {&a, &b}) {
            child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child->start(QStringLiteral(TANDEM_STORE_HELPER),
                {QStringLiteral("write"), tmp.path(), QString::number(id), QString::number(rows)});
        }
        for (int i = 0; i < rows; ++i)
            VERIFY_OK(ws->store().appendMetrics(id, {{QStringLiteral("parent"), double(i), std::nullopt, i}}));
        for (QProcess *child : {&a, &b}) {
            QVERIFY(child->waitForFinished(120000));
            QCOMPARE(child->exitStatus(), QProcess::NormalExit);
            QCOMPARE(child->exitCode(), 0);
        }
        QCOMPARE(ws->store().run(id).value().metrics.size(), 3 * rows);
        QCOMPARE(
            rawValue(ws->databasePath(), QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
