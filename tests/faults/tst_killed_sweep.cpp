// SPDX-License-Identifier: GPL-3.0-or-later
// Fault tests of the real `tandem-cli sweep`: killed at random points again and again
// on one workspace, two of them writing one workspace at once, and interrupted with
// Ctrl-C. After each, the workspace is reopened as the next user would open it and
// must hold exactly what the CLI said it had stored, with nothing left half done.
#include "core/store/ExperimentStore.h"
#include "core/store/RunRecord.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace Tandem;
using Store::RunRecord;
using Store::RunStatus;
using Store::Workspace;

namespace {

const QString cliPath = QStringLiteral(TANDEM_CLI_PATH);

/// The sweep every case runs: k-nearest neighbours on the breast cancer sample, a
/// grid of 24 configurations of about 50 ms each (8 × 5-fold cross-validation), so
/// that a sweep lasts about a second and a kill lands among its runs.
constexpr int configurations = 24;

QByteArray sweepSpec(const QString &experiment)
{
    const QString dataset = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/breast_cancer.csv");
    return QStringLiteral(R"({
    "version": 1,
    "name": "knn grid",
    "experiment": "%1",
    "dataset": {"path": "%2"},
    "target": "diagnosis",
    "model": {"id": "knn"},
    "evaluation": {"method": "kfold", "folds": 5, "repeats": 8, "seed": 11},
    "sweep": {
        "method": "grid",
        "params": {
            "n_neighbors": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            "weights": ["uniform", "distance"]
        }
    }
})")
        .arg(experiment, dataset)
        .toUtf8();
}

/// Writes the spec into `dir`; its path, or empty when it could not be written.
QString writeSpec(const QTemporaryDir &dir, const QString &experiment)
{
    const QString path = dir.filePath(experiment + QStringLiteral(".json"));
    QFile file(path);
    const QByteArray text = sweepSpec(experiment);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() ? path : QString();
}

/// One line the sweep prints on stderr once a run has ended and is stored:
/// "[3/24] run 7 done (accuracy 0.9532): n_neighbors=4, weights=uniform".
struct ReportedRun {
    qint64 id = 0;
    int total = 0;
    QString status;
    QString metric; // done runs only
    QString value; // as printed
    QString name;
};

/// The progress lines in `text`; a last line cut short by a kill is not one.
QList<ReportedRun> parseReports(const QString &text)
{
    static const QRegularExpression line(
        QStringLiteral(R"(^\[(\d+)/(\d+)\] run (\d+) (\w+)(?: \((\S+) (\S+)\))?: (.*)$)"));
    QList<ReportedRun> reports;
    QStringList lines = text.split(QLatin1Char('\n'));
    lines.removeLast(); // empty after a final newline, else unfinished
    for (const QString &text : std::as_const(lines)) {
        const QRegularExpressionMatch match = line.match(text);
        if (match.hasMatch())
            reports.append({match.captured(3).toLongLong(), match.captured(2).toInt(), match.captured(4),
                match.captured(5), match.captured(6), match.captured(7)});
    }
    return reports;
}

/// `tandem-cli sweep SPEC --workspace DIR` running in the background, its stderr
/// collected as it comes.
class SweepProcess
{
public:
    SweepProcess(const QString &spec, const QString &workspace)
    {
        m_process.setReadChannel(QProcess::StandardError);
        m_process.start(cliPath, {QStringLiteral("sweep"), spec, QStringLiteral("--workspace"), workspace});
    }
    ~SweepProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(-1);
        }
    }

    bool waitForStarted() { return m_process.waitForStarted(60000); }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    /// Reads stderr until it holds `count` progress lines or the process ended.
    void waitForReports(int count)
    {
        while (parseReports(m_err).size() < count && isRunning()) {
            m_process.waitForReadyRead(1000);
            collect();
        }
    }
    /// Reads stderr until a line contains `text` or the process ended.
    void waitForText(const QString &text)
    {
        while (!m_err.contains(text) && isRunning()) {
            m_process.waitForReadyRead(1000);
            collect();
        }
    }
    /// Lets it run for up to `msecs` (less when it ends sooner).
    void runFor(int msecs)
    {
        m_process.waitForFinished(msecs);
        collect();
    }
    /// SIGKILL on Unix, TerminateProcess on Windows: no chance to clean up.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(-1);
        collect();
    }
    /// Waits for the end; the exit code, or -1 when it crashed or was killed.
    int finish()
    {
        // waitForFinished is false for a process that has already ended.
        if (isRunning() && !m_process.waitForFinished(120000))
            return -2;
        collect();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QString err() const { return m_err; }
    QList<ReportedRun> reports() const { return parseReports(m_err); }
    QString describe() const
    {
        return QStringLiteral("exit status %1, code %2\n--- stderr:\n%3")
            .arg(int(m_process.exitStatus()))
            .arg(m_process.exitCode())
            .arg(m_err);
    }

private:
    void collect() { m_err += QString::fromUtf8(m_process.readAllStandardError()); }

    QProcess m_process;
    QString m_err;
};

/// A sweep of the spec (experiment `experiment`, written into `tmp`) on workspace
/// `dir`, once it has reported its first run; null if it could not start.
std::unique_ptr<SweepProcess> sweepAfterItsFirstRun(
    const QTemporaryDir &tmp, const QString &experiment, const QString &dir)
{
    const QString spec = writeSpec(tmp, experiment);
    if (spec.isEmpty())
        return nullptr;
    auto sweep = std::make_unique<SweepProcess>(spec, dir);
    if (!sweep->waitForStarted())
        return nullptr;
    sweep->waitForReports(1);
    return sweep;
}

std::shared_ptr<Workspace> openWorkspace(const QString &dir, Workspace::Access access = Workspace::Access::ReadWrite)
{
    auto workspace = Workspace::open(dir, access);
    if (!workspace.ok()) {
        qWarning() << workspace.error().toString();
        return {};
    }
    return workspace.value();
}

QMap<qint64, RunRecord> runsById(const Workspace &workspace)
{
    QMap<qint64, RunRecord> runs;
    const auto all = workspace.store().runs();
    if (!all.ok()) {
        qWarning() << all.error().toString();
        return runs;
    }
    for (const RunRecord &run : all.value())
        runs.insert(run.id, run);
    return runs;
}

/// True when `params` hold the values the run's name says ("n_neighbors=4, weights=uniform").
bool paramsMatchName(const QJsonObject &params, const QString &runName)
{
    const QStringList parts = runName.split(QStringLiteral(", "));
    if (parts.size() != 2)
        return false;
    for (const QString &part : parts) {
        const QString name = part.section(QLatin1Char('='), 0, 0);
        const QString value = part.section(QLatin1Char('='), 1);
        const QJsonValue recorded = params.value(name);
        const bool same = recorded.isDouble() ? recorded.toDouble() == value.toDouble() : recorded.toString() == value;
        if (!same)
            return false;
    }
    return true;
}

/// The run's configuration: the parameters it was recorded with (once it started) and
/// those of its stored spec (from the moment it was queued) both match its name.
bool configurationIntact(const RunRecord &run)
{
    const QJsonObject specParams
        = run.spec.value(QStringLiteral("model")).toObject().value(QStringLiteral("params")).toObject();
    if (!paramsMatchName(specParams, run.name))
        return false;
    return run.status != RunStatus::Done || paramsMatchName(run.params, run.name);
}

/// Metric maps equal value for value (NaN equal to NaN).
bool sameMetrics(const QMap<QString, double> &a, const QMap<QString, double> &b)
{
    if (a.keys() != b.keys())
        return false;
    for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
        const double other = b.value(it.key());
        if (!(it.value() == other || (std::isnan(it.value()) && std::isnan(other))))
            return false;
    }
    return true;
}

QString describeRun(const RunRecord &run)
{
    return QStringLiteral("run %1 '%2' %3 (%4), accuracy %5")
        .arg(run.id)
        .arg(run.name, Store::runStatusName(run.status), run.error)
        .arg(run.metrics.value(QStringLiteral("accuracy")), 0, 'f', 6);
}

} // namespace

class TestKilledSweep : public QObject
{
    Q_OBJECT
private:
    /// After a kill: the workspace reopens, its store is whole, every run the CLI
    /// reported is there as reported, the runs it did not get to are interrupted,
    /// and the runs of earlier cycles are as they were. Adds this cycle's runs to
    /// `settled`; counts the done and interrupted ones.
    void checkAfterKill(
        const QString &dir, const SweepProcess &sweep, QMap<qint64, RunRecord> &settled, int &done, int &interrupted)
    {
        auto workspace = openWorkspace(dir);
        QVERIFY(workspace);
        const Base::Status integrity = workspace->checkIntegrity();
        QVERIFY2(integrity.ok(), qPrintable(integrity.error().toString()));
        const QMap<qint64, RunRecord> runs = runsById(*workspace);

        // Earlier cycles: untouched.
        for (const RunRecord &before : std::as_const(settled)) {
            QVERIFY2(runs.contains(before.id), qPrintable(describeRun(before)));
            const RunRecord &now = runs.value(before.id);
            QVERIFY2(now.status == before.status && now.name == before.name && now.params == before.params
                    && sameMetrics(now.metrics, before.metrics),
                qPrintable(describeRun(before) + QStringLiteral(" became ") + describeRun(now)));
        }

        // This cycle: what the CLI said was stored is stored, as it said.
        const QList<ReportedRun> reports = sweep.reports();
        for (const ReportedRun &report : reports) {
            QCOMPARE(report.total, configurations);
            QCOMPARE(report.status, QStringLiteral("done"));
            QVERIFY2(runs.contains(report.id), qPrintable(sweep.describe()));
            const RunRecord &run = runs.value(report.id);
            QVERIFY2(!settled.contains(run.id), qPrintable(describeRun(run)));
            QCOMPARE(run.status, RunStatus::Done);
            QCOMPARE(run.name, report.name);
            QCOMPARE(report.metric, QStringLiteral("accuracy"));
            QCOMPARE(QString::number(run.metrics.value(report.metric), 'f', 4), report.value);
        }

        const qsizetype settledBefore = settled.size();
        // Every run of this cycle has ended: done (reported or not: a kill can land
        // between the commit and the line), or interrupted by the kill.
        QList<qint64> unfinished;
        for (const RunRecord &run : runs) {
            if (settled.contains(run.id))
                continue;
            QVERIFY2(
                run.status == RunStatus::Done || run.status == RunStatus::Interrupted, qPrintable(describeRun(run)));
            QVERIFY2(configurationIntact(run), qPrintable(describeRun(run)));
            if (run.status == RunStatus::Done) {
                QVERIFY2(run.metrics.contains(QStringLiteral("accuracy")), qPrintable(describeRun(run)));
                ++done;
            } else {
                unfinished.append(run.id);
                ++interrupted;
            }
            settled.insert(run.id, run);
        }
        QCOMPARE(workspace->interruptedOnOpen(), unfinished);
        QVERIFY2(settled.size() - settledBefore <= configurations, qPrintable(sweep.describe()));
    }

    /// Every run of the workspace ended as done or `otherwise`; the done ones are
    /// exactly those reported done, the others reported as `otherwise`.
    void checkEnded(const QString &dir, const SweepProcess &sweep, RunStatus otherwise)
    {
        // Read-only: what the CLI left, before a reopen marks anything interrupted.
        auto workspace = openWorkspace(dir, Workspace::Access::ReadOnly);
        QVERIFY(workspace);
        const Base::Status integrity = workspace->checkIntegrity();
        QVERIFY2(integrity.ok(), qPrintable(integrity.error().toString()));
        const QMap<qint64, RunRecord> runs = runsById(*workspace);
        QCOMPARE(runs.size(), configurations);
        QMap<qint64, QString> reported;
        for (const ReportedRun &report : sweep.reports())
            reported.insert(report.id, report.status);
        QCOMPARE(reported.size(), configurations);
        for (const RunRecord &run : runs) {
            QVERIFY2(run.status == RunStatus::Done || run.status == otherwise, qPrintable(describeRun(run)));
            QCOMPARE(reported.value(run.id), Store::runStatusName(run.status));
            QVERIFY2(configurationIntact(run), qPrintable(describeRun(run)));
        }
    }

private Q_SLOTS:
    // Sweeps on one workspace, each killed (SIGKILL / TerminateProcess) at a seeded
    // random point: after a random time, or after its k-th finished run, until twelve
    // were killed before their end. Then one sweep runs to the end on the same
    // workspace, and every run a killed sweep finished has the very numbers of the
    // same configuration in that one.
    void killedAgainAndAgain()
    {
        QTemporaryDir tmp;
        const QString spec = writeSpec(tmp, QStringLiteral("killed"));
        QVERIFY(!spec.isEmpty());
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        QRandomGenerator random(20261125);
        QMap<qint64, RunRecord> settled;
        int done = 0;
        int interrupted = 0;
        int kills = 0;
        for (int cycle = 0; kills < 12 && cycle < 40; ++cycle) {
            SweepProcess sweep(spec, dir);
            QVERIFY(sweep.waitForStarted());
            QString killPoint;
            if (random.bounded(2) == 0) {
                const int msecs = random.bounded(1000);
                killPoint = QStringLiteral("after %1 ms").arg(msecs);
                sweep.runFor(msecs);
            } else {
                const int finished = random.bounded(1, configurations - 1);
                killPoint = QStringLiteral("after %1 runs").arg(finished);
                sweep.waitForReports(finished);
            }
            const bool killed = sweep.isRunning();
            kills += killed ? 1 : 0;
            if (killed)
                sweep.kill();
            else
                QVERIFY2(sweep.finish() == 0, qPrintable(sweep.describe()));
            qInfo("cycle %d: %s %s, %d runs reported", cycle, killed ? "killed" : "ended before the kill",
                qPrintable(killPoint), int(sweep.reports().size()));
            checkAfterKill(dir, sweep, settled, done, interrupted);
            if (QTest::currentTestFailed()) {
                qWarning("cycle %d, killed %s:\n%s", cycle, qPrintable(killPoint), qPrintable(sweep.describe()));
                return;
            }
        }
        QCOMPARE(kills, 12);
        // The kills landed among the runs: some were finished, some cut off.
        QVERIFY2(done > 0 && interrupted > 0,
            qPrintable(QStringLiteral("%1 done, %2 interrupted").arg(done).arg(interrupted)));

        // The store still takes writes: a whole sweep on the same workspace.
        SweepProcess last(spec, dir);
        QVERIFY(last.waitForStarted());
        QVERIFY2(last.finish() == 0, qPrintable(last.describe()));
        QCOMPARE(last.reports().size(), configurations);
        auto workspace = openWorkspace(dir);
        QVERIFY(workspace);
        QVERIFY(workspace->interruptedOnOpen().isEmpty());
        const Base::Status integrity = workspace->checkIntegrity();
        QVERIFY2(integrity.ok(), qPrintable(integrity.error().toString()));
        const QMap<qint64, RunRecord> runs = runsById(*workspace);
        QCOMPARE(runs.size(), settled.size() + configurations);
        QMap<QString, RunRecord> reference;
        for (const ReportedRun &report : last.reports()) {
            const RunRecord &run = runs.value(report.id);
            QCOMPARE(run.status, RunStatus::Done);
            reference.insert(run.name, run);
        }
        QCOMPARE(reference.size(), configurations);
        for (const RunRecord &run : std::as_const(settled)) {
            if (run.status != RunStatus::Done)
                continue;
            QVERIFY2(sameMetrics(run.metrics, reference.value(run.name).metrics),
                qPrintable(describeRun(run) + QStringLiteral(" vs ") + describeRun(reference.value(run.name))));
            QCOMPARE(run.params, reference.value(run.name).params);
        }
    }

    // A sweep killed while it made the workspace's store leaves an SQLite file without
    // a table (empty, or only switched to WAL): the next sweep makes the store there.
    void storeWhoseMakingWasKilledIsMadeAgain_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("empty file") << false;
        QTest::newRow("WAL, no table") << true;
    }

    void storeWhoseMakingWasKilledIsMadeAgain()
    {
        QFETCH(bool, wal);
        QTemporaryDir tmp;
        const QString spec = writeSpec(tmp, QStringLiteral("remade"));
        QVERIFY(!spec.isEmpty());
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        QVERIFY(QDir().mkpath(dir));
        const QString db = QDir(dir).filePath(QLatin1String(Workspace::databaseFileName));
        if (wal) {
            const QString name = QStringLiteral("half-made");
            {
                QSqlDatabase half = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                half.setDatabaseName(db);
                QVERIFY(half.open());
                QSqlQuery query(half);
                QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
                query.finish();
                half.close();
            }
            QSqlDatabase::removeDatabase(name);
        } else {
            QFile empty(db);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        QVERIFY(QFileInfo::exists(db));

        SweepProcess sweep(spec, dir);
        QVERIFY(sweep.waitForStarted());
        QVERIFY2(sweep.finish() == 0, qPrintable(sweep.describe()));
        QCOMPARE(sweep.reports().size(), configurations);
        auto workspace = openWorkspace(dir);
        QVERIFY(workspace);
        QCOMPARE(workspace->storeSchemaVersion(), Workspace::schemaVersion);
        const Base::Status integrity = workspace->checkIntegrity();
        QVERIFY2(integrity.ok(), qPrintable(integrity.error().toString()));
        QCOMPARE(runsById(*workspace).size(), configurations);
    }

    // Two sweeps started at once on one new workspace: both succeed, and the store
    // holds every run of both, done, with distinct ids.
    void twoSweepsWriteOneWorkspace()
    {
        QTemporaryDir tmp;
        const QString spec = writeSpec(tmp, QStringLiteral("together"));
        QVERIFY(!spec.isEmpty());
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        SweepProcess first(spec, dir);
        SweepProcess second(spec, dir);
        QVERIFY(first.waitForStarted());
        QVERIFY(second.waitForStarted());
        QVERIFY2(first.finish() == 0, qPrintable(first.describe()));
        QVERIFY2(second.finish() == 0, qPrintable(second.describe()));

        QSet<qint64> reported;
        for (const SweepProcess *sweep : {&first, &second}) {
            QCOMPARE(sweep->reports().size(), configurations);
            for (const ReportedRun &report : sweep->reports()) {
                QCOMPARE(report.status, QStringLiteral("done"));
                QVERIFY2(!reported.contains(report.id), qPrintable(QString::number(report.id)));
                reported.insert(report.id);
            }
        }
        auto workspace = openWorkspace(dir);
        QVERIFY(workspace);
        QVERIFY(workspace->interruptedOnOpen().isEmpty());
        const Base::Status integrity = workspace->checkIntegrity();
        QVERIFY2(integrity.ok(), qPrintable(integrity.error().toString()));
        const QMap<qint64, RunRecord> runs = runsById(*workspace);
        QCOMPARE(runs.size(), 2 * configurations);
        QCOMPARE(QSet<qint64>(runs.keyBegin(), runs.keyEnd()), reported);
        for (const RunRecord &run : runs) {
            QCOMPARE(run.status, RunStatus::Done);
            QVERIFY2(configurationIntact(run), qPrintable(describeRun(run)));
        }
    }

    // Ctrl-C (or SIGTERM) once the sweep has started: the runs are cancelled, what
    // was done stays done, nothing is left queued or running, and the exit code is 130.
    void interruptCancelsTheSweep_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<bool>("twice");
#ifdef Q_OS_UNIX
        QTest::newRow("SIGINT") << int(SIGINT) << false;
        QTest::newRow("SIGTERM") << int(SIGTERM) << false;
        // As GNU timeout delivers one (to its child, then to the child's process group):
        // still one request, so the runs are cancelled, not cut off.
        QTest::newRow("SIGTERM twice in a row") << int(SIGTERM) << true;
#else
        QTest::newRow("none") << 0 << false;
#endif
    }

    void interruptCancelsTheSweep()
    {
#ifdef Q_OS_UNIX
        QFETCH(int, signal);
        QFETCH(bool, twice);
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        const auto sweep = sweepAfterItsFirstRun(tmp, QStringLiteral("interrupted"), dir);
        QVERIFY(sweep);
        QVERIFY2(sweep->isRunning(), qPrintable(sweep->describe()));
        QCOMPARE(::kill(pid_t(sweep->pid()), signal), 0);
        if (twice) {
            QThread::msleep(20); // long enough for the first to be handled, not merged by the kernel
            QCOMPARE(::kill(pid_t(sweep->pid()), signal), 0);
        }
        QVERIFY2(sweep->finish() == 130, qPrintable(sweep->describe()));
        QVERIFY2(!sweep->err().contains(QStringLiteral("quitting now")), qPrintable(sweep->describe()));

        static const QRegularExpression summary(
            QStringLiteral(R"(tandem-cli: interrupted: (\d+) of 24 runs done, (\d+) cancelled\n)"));
        const QRegularExpressionMatch match = summary.match(sweep->err());
        QVERIFY2(match.hasMatch(), qPrintable(sweep->describe()));
        QVERIFY2(match.captured(2).toInt() > 0, qPrintable(sweep->describe()));
        QCOMPARE(match.captured(1).toInt() + match.captured(2).toInt(), configurations);
        checkEnded(dir, *sweep, RunStatus::Cancelled);
#else
        QSKIP("sends POSIX signals");
#endif
    }

    // A second interrupt quits at once, without waiting for the runs: those it cut
    // off show as interrupted when the workspace is next opened, the store is whole.
    void secondInterruptQuitsAtOnce()
    {
#ifdef Q_OS_UNIX
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        const auto sweep = sweepAfterItsFirstRun(tmp, QStringLiteral("quit"), dir);
        QVERIFY(sweep);
        QVERIFY2(sweep->isRunning(), qPrintable(sweep->describe()));
        // Two different signals: the same one twice would be merged into the first (by the
        // kernel when still pending, by tandem-cli within half a second).
        QCOMPARE(::kill(pid_t(sweep->pid()), SIGINT), 0);
        QCOMPARE(::kill(pid_t(sweep->pid()), SIGTERM), 0);
        QVERIFY2(sweep->finish() == 130, qPrintable(sweep->describe()));
        QVERIFY2(sweep->err().contains(QStringLiteral("tandem-cli: interrupted again: quitting now\n")),
            qPrintable(sweep->describe()));

        auto workspace = openWorkspace(dir);
        QVERIFY(workspace);
        const Base::Status integrity = workspace->checkIntegrity();
        QVERIFY2(integrity.ok(), qPrintable(integrity.error().toString()));
        const QMap<qint64, RunRecord> runs = runsById(*workspace);
        QCOMPARE(runs.size(), configurations);
        QSet<qint64> reportedDone;
        for (const ReportedRun &report : sweep->reports()) {
            if (report.status == QLatin1String("done"))
                reportedDone.insert(report.id);
        }
        QVERIFY(!reportedDone.isEmpty());
        for (const RunRecord &run : runs) {
            QVERIFY2(Store::isFinal(run.status), qPrintable(describeRun(run)));
            if (reportedDone.contains(run.id))
                QCOMPARE(run.status, RunStatus::Done);
        }
        QVERIFY2(!workspace->interruptedOnOpen().isEmpty(), qPrintable(sweep->describe()));
#else
        QSKIP("sends POSIX signals");
#endif
    }
};

QTEST_GUILESS_MAIN(TestKilledSweep)
#include "tst_killed_sweep.moc"
