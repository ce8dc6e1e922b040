// SPDX-License-Identifier: GPL-3.0-or-later
// Retraining a run on the current data: a new run of the same experiment that is
// the spec run on that data, the old model scored there as a run of its own, the
// reference and current rows stacked, and the refusals.
#include "MonitorTestData.h"

#include "core/data/DatasetReader.h"
#include "core/monitor/ExternalEvaluation.h"
#include "core/monitor/Retrain.h"
#include "core/runs/JobQueue.h"
#include "core/runs/RunLauncher.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using namespace Tandem::MonitorTest;
using Monitor::RetrainData;
using Store::RunStatus;

namespace {

/// Runs `spec` in `workspace` and waits: the run as stored.
Store::RunRecord launchAndWait(const std::shared_ptr<Store::Workspace> &workspace, const Runs::RunSpec &spec)
{
    Base::NullProgressSink sink;
    auto data = spec.loadDataset(Base::Progress(sink));
    if (!data.ok())
        qFatal("%s", qPrintable(data.error().toString()));
    Runs::JobQueue queue(2);
    bool ended = false;
    auto launch = Runs::launchRuns(workspace, queue, spec, data.value().dataset,
        [&ended](const Runs::LaunchedRun &, RunStatus, const QString &) { ended = true; });
    if (!launch.ok() || !QTest::qWaitFor([&] { return ended; }, 60000))
        qFatal("the run did not end");
    return workspace->store().run(launch.value().runs.first().runId).value().run;
}

} // namespace

class TestRetrain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_reference = writeFile(m_dir.filePath(QStringLiteral("reference.csv")), tableCsv(false));
        m_current = writeFile(m_dir.filePath(QStringLiteral("current.csv")), tableCsv(true));
        auto workspace = Store::Workspace::create(m_dir.filePath(QStringLiteral("ws")));
        QVERIFY(workspace.ok());
        m_workspace = workspace.value();
        m_original = launchAndWait(m_workspace, treeSpec(m_reference));
        QCOMPARE(m_original.status, RunStatus::Done);
    }

    // The new run is the spec on the current data, in the original's experiment,
    // linked to it; the old model's metrics on the current data are a run beside it.
    void retrainOnTheCurrentData()
    {
        Runs::JobQueue queue(2);
        std::optional<Monitor::RetrainLaunch> ended;
        RunStatus status = RunStatus::Queued;
        auto launch = Monitor::queueRetrain(m_workspace, queue, m_original.id, m_current, RetrainData::CurrentOnly,
            [&](const Monitor::RetrainLaunch &launched, RunStatus newStatus, const QString &) {
                ended = launched;
                status = newStatus;
            });
        QVERIFY2(launch.ok(), qPrintable(launch.error().toString()));
        QVERIFY(QTest::qWaitFor([&] { return ended.has_value(); }, 60000));
        QCOMPARE(status, RunStatus::Done);
        QCOMPARE(ended->runId, launch->runId);
        QCOMPARE(launch->originalRunId, std::optional<qint64>(m_original.id));
        QVERIFY(launch->notes.isEmpty());
        QCOMPARE(QFileInfo(launch->trainingPath), QFileInfo(m_current));

        const Store::ExperimentStore &store = m_workspace->store();
        const auto retrained = store.run(launch->runId).value();
        QCOMPARE(retrained.run.status, RunStatus::Done);
        QCOMPARE(retrained.run.experimentId, m_original.experimentId);
        QCOMPARE(launch->experimentId, m_original.experimentId);
        QVERIFY(retrained.run.tags.contains(Monitor::retrainTag()));
        QVERIFY(retrained.run.tags.contains(QStringLiteral("retrain-of:%1").arg(m_original.id)));
        QCOMPARE(retrained.notes.size(), 1);
        QVERIFY(retrained.notes.first().text.contains(QDir::toNativeSeparators(m_current)));
        auto spec = Runs::RunSpec::fromJson(retrained.run.spec);
        QVERIFY(spec.ok());
        QCOMPARE(spec->datasetPath, QFileInfo(m_current).absoluteFilePath());
        QCOMPARE(spec->datasetFingerprint, parse(tableCsv(true))->fingerprint());

        // Running the spec on the current data by hand gives the same metrics.
        QTemporaryDir other;
        auto otherWorkspace = Store::Workspace::create(other.path());
        QVERIFY(otherWorkspace.ok());
        const Store::RunRecord byHand = launchAndWait(otherWorkspace.value(), treeSpec(m_current));
        QCOMPARE(retrained.run.metrics, byHand.metrics);
        QCOMPARE(retrained.run.params, byHand.params);

        // The old model on the current data: externalMetrics of the run's exported bundle.
        QVERIFY(launch->originalOnCurrentRunId);
        const auto external = store.run(*launch->originalOnCurrentRunId).value();
        QCOMPARE(external.run.status, RunStatus::Done);
        QCOMPARE(external.run.experimentId, m_original.experimentId);
        QVERIFY(external.run.tags.contains(Monitor::externalEvaluationTag()));
        QVERIFY(external.run.tags.contains(Monitor::modelOfTag(m_original.id)));
        QCOMPARE(external.run.spec, m_original.spec);
        QCOMPARE(external.run.params, m_original.params);
        QCOMPARE(external.notes.size(), 1);
        Base::NullProgressSink sink;
        auto bundle = Bundle::exportRun(store, m_original.id, {}, Base::Progress(sink));
        QVERIFY(bundle.ok());
        const auto expected = Monitor::externalMetrics(
            std::make_shared<const Bundle::Bundle>(std::move(bundle).value()), *parse(tableCsv(true)), m_current);
        QVERIFY(expected.ok());
        QCOMPARE(external.run.metrics.size(), expected->metrics.size());
        for (const Eval::Metric &metric : expected->metrics)
            QCOMPARE(external.run.metrics.value(metric.name), metric.value);
        for (const Store::MetricPoint &point : external.metrics)
            QVERIFY(!point.fold && !point.step); // one value per metric: not a cross-validation
    }

    // Reference and current: the run's data then the current rows, in the workspace.
    void retrainOnBoth()
    {
        Runs::JobQueue queue(2);
        bool ended = false;
        RunStatus status = RunStatus::Queued;
        auto launch
            = Monitor::queueRetrain(m_workspace, queue, m_original.id, m_current, RetrainData::ReferenceAndCurrent,
                [&](const Monitor::RetrainLaunch &, RunStatus newStatus, const QString &) {
                    ended = true;
                    status = newStatus;
                });
        QVERIFY2(launch.ok(), qPrintable(launch.error().toString()));
        QVERIFY(QTest::qWaitFor([&] { return ended; }, 60000));
        QCOMPARE(status, RunStatus::Done);

        const QFileInfo stacked(launch->trainingPath);
        QCOMPARE(stacked.absolutePath(), QDir(m_workspace->path()).filePath(QStringLiteral("datasets")));
        QVERIFY(stacked.fileName().startsWith(QStringLiteral("retrain-%1-").arg(m_original.id)));
        QVERIFY(m_workspace->datasetPaths().contains(stacked.absoluteFilePath()));
        auto both = Data::DatasetReader::read(launch->trainingPath);
        QVERIFY(both.ok());
        const auto reference = parse(tableCsv(false));
        const auto current = parse(tableCsv(true));
        const Data::Dataset &data = *both.value().dataset;
        QCOMPARE(data.rowCount(), 240);
        QCOMPARE(data.columnNames(), reference->columnNames());
        for (qsizetype c = 0; c < data.columnCount(); ++c) {
            for (qint64 row = 0; row < 120; ++row) {
                QCOMPARE(data.column(c).toString(row), reference->column(c).toString(row));
                QCOMPARE(data.column(c).toString(120 + row), current->column(c).toString(row));
            }
        }
        const auto retrained = m_workspace->store().run(launch->runId).value();
        QCOMPARE(retrained.run.experimentId, m_original.experimentId);
        QCOMPARE(
            retrained.run.spec.value(QStringLiteral("dataset")).toObject().value(QStringLiteral("path")).toString(),
            stacked.absoluteFilePath());
        QVERIFY(retrained.notes.first().text.contains(QStringLiteral("mix reference and current rows")));
    }

    void columnsMustMatchToStack_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("textX");
        QTest::addColumn<QString>("problem");
        QTest::newRow("missing") << QByteArray("x,colour,label") << false
                                 << QStringLiteral("has no column 'color', which the reference");
        QTest::newRow("extra") << QByteArray("x,color,label,extra") << false
                               << QStringLiteral("has a column 'extra' that the reference");
        QTest::newRow("other type") << QByteArray("x,color,label") << true
                                    << QStringLiteral("column 'x' is numeric in the reference");
    }
    void columnsMustMatchToStack()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, textX);
        QFETCH(QString, problem);
        QList<QByteArray> lines = tableCsv(true).split('\n');
        lines[0] = header;
        if (header.endsWith(",extra")) {
            for (qsizetype i = 1; i < lines.size(); ++i) {
                if (!lines[i].isEmpty())
                    lines[i] += ",0";
            }
        }
        if (textX)
            lines[1] = "ten,r,hi";
        const QByteArray csv = lines.join('\n');
        const QString path = writeFile(m_dir.filePath(QStringLiteral("mismatch.csv")), csv);
        const auto source = Monitor::retrainSourceOfRun(m_workspace->store(), m_original.id);
        QVERIFY(source.ok());
        Base::NullProgressSink sink;
        const auto plan = Monitor::prepareRetrain(
            source.value(), m_workspace->path(), path, RetrainData::ReferenceAndCurrent, Base::Progress(sink));
        QVERIFY(!plan.ok());
        QVERIFY2(plan.error().message.contains(problem), qPrintable(plan.error().toString()));
        QVERIFY(plan.error().message.startsWith(QStringLiteral("cannot stack the reference and the current data")));
        // Nothing written.
        QVERIFY(QDir(m_workspace->path() + QStringLiteral("/datasets"))
                    .entryList({QStringLiteral("*.csv")}, QDir::Files)
                    .size()
            <= 1); // only retrainOnBoth's
    }

    void refusals()
    {
        Runs::JobQueue queue(1);
        const auto unknown = Monitor::queueRetrain(m_workspace, queue, 999, m_current, RetrainData::CurrentOnly);
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().message.contains(QStringLiteral("999")), qPrintable(unknown.error().toString()));

        Runs::RunSpec sweep = treeSpec(m_reference);
        sweep.sweep = Runs::SweepSpec {};
        const auto source = Monitor::retrainSourceOfSpec(sweep);
        QVERIFY(!source.ok());
        QCOMPARE(source.error().message, QStringLiteral("the spec 'tree' has a sweep: a retrain is one run"));

        // A current file without the target: the spec's check names it.
        const QString noLabel = writeFile(m_dir.filePath(QStringLiteral("nolabel.csv")), "x,color\n1,r\n2,g\n");
        const auto missing
            = Monitor::queueRetrain(m_workspace, queue, m_original.id, noLabel, RetrainData::CurrentOnly);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(QStringLiteral("label")), qPrintable(missing.error().toString()));
    }

private:
    QTemporaryDir m_dir;
    QString m_reference;
    QString m_current;
    std::shared_ptr<Store::Workspace> m_workspace;
    Store::RunRecord m_original;
};

QTEST_GUILESS_MAIN(TestRetrain)
#include "tst_retrain.moc"
