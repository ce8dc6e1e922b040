// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Progress.h"
#include "core/data/Dataset.h"
#include "core/runs/HalvingSweep.h"
#include "core/runs/JobQueue.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/SampleRuns.h"
#include "core/store/ExperimentStore.h"
#include "core/store/SampleWorkspace.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Runs::RunSpec;

/// The sample workspace's example specs (core/runs/SampleRuns) and what running them gives.
class TestSampleRuns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every example reads as it stands in the workspace, finds its data in the
    // workspace's datasets/ (not in the source tree), and a pinned fingerprint
    // still matches: the datasets are byte-identical copies.
    void examplesReadAndPointAtTheWorkspaceData()
    {
        QTemporaryDir tmp;
        const auto path = Store::createSampleWorkspace(tmp.filePath(QStringLiteral("sample")));
        QVERIFY2(path.ok(), qPrintable(path.error().toString()));

        QStringList files;
        for (const QString &file : Runs::sampleRunSpecFiles(path.value()))
            files << QFileInfo(file).fileName();
        // The same specs as resources/examples/.
        QCOMPARE(files,
            QDir(QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples"))
                .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name));

        const auto specs = Runs::sampleRunSpecs(path.value());
        QVERIFY2(specs.ok(), qPrintable(specs.error().toString()));
        QCOMPARE(specs->size(), 3);
        const QString datasets = QDir(path.value()).filePath(QStringLiteral("datasets"));
        int pinned = 0;
        for (const RunSpec &spec : specs.value()) {
            QCOMPARE(QFileInfo(spec.resolvedDatasetPath()).absolutePath(), QFileInfo(datasets).absoluteFilePath());
            QVERIFY2(QFileInfo::exists(spec.resolvedDatasetPath()), qPrintable(spec.resolvedDatasetPath()));
            Base::NullProgressSink sink;
            const auto loaded = spec.loadDataset(Base::Progress(sink)); // checks a pinned fingerprint
            QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
            if (!spec.datasetFingerprint.isEmpty()) {
                QCOMPARE(loaded->dataset->fingerprint(), spec.datasetFingerprint);
                ++pinned;
            }
        }
        QCOMPARE(pinned, 1); // iris_logreg.json pins its data
    }

    // Running the examples into a fresh sample workspace gives real runs, all done,
    // in the experiments the specs name: one run, a 6 × 2 grid and 12 random draws
    // raced by successive halving. Afterwards the workspace no longer asks for them.
    void runningTheExamplesFillsTheirExperiments()
    {
        QTemporaryDir tmp;
        const auto path = Store::createSampleWorkspace(tmp.filePath(QStringLiteral("sample")));
        QVERIFY2(path.ok(), qPrintable(path.error().toString()));
        auto workspace = Store::Workspace::open(path.value());
        QVERIFY2(workspace.ok(), qPrintable(workspace.error().toString()));
        const auto wanted = Runs::sampleRunsWanted(*workspace.value());
        QVERIFY(wanted.ok() && wanted.value());

        const auto specs = Runs::sampleRunSpecs(path.value());
        QVERIFY2(specs.ok(), qPrintable(specs.error().toString()));
        Runs::JobQueue queue;
        qsizetype launched = 0;
        qsizetype ended = 0;
        for (const RunSpec &spec : specs.value()) {
            Base::NullProgressSink sink;
            const auto data = spec.loadDataset(Base::Progress(sink));
            QVERIFY2(data.ok(), qPrintable(data.error().toString()));
            const auto launch = Runs::launchRuns(workspace.value(), queue, spec, data->dataset,
                [&ended](const Runs::LaunchedRun &, Store::RunStatus, const QString &) { ++ended; });
            QVERIFY2(launch.ok(), qPrintable(launch.error().toString()));
            launched += launch->runs.size();
        }
        QVERIFY(QTest::qWaitFor([&] { return ended == launched; }, 600000));

        const auto runs = workspace.value()->store().runs();
        QVERIFY2(runs.ok(), qPrintable(runs.error().toString()));
        QMap<QString, int> perExperiment;
        int stoppedByHalving = 0;
        for (const Store::RunRecord &run : runs.value()) {
            QVERIFY2(run.status == Store::RunStatus::Done, qPrintable(run.name + QStringLiteral(": ") + run.error));
            QVERIFY2(run.metrics.contains(QStringLiteral("accuracy")), qPrintable(run.name));
            ++perExperiment[run.experimentName];
            stoppedByHalving += run.tags.contains(Runs::haltingTag) ? 1 : 0;
        }
        const QMap<QString, int> expected {{QStringLiteral("iris baselines"), 1},
            {QStringLiteral("wine: regularisation"), 12}, {QStringLiteral("breast cancer: forests"), 12}};
        QCOMPARE(perExperiment, expected);
        // Halving kept only the best third going at each rung: most draws stopped early.
        QVERIFY(stoppedByHalving > 0 && stoppedByHalving < 12);

        const auto again = Runs::sampleRunsWanted(*workspace.value());
        QVERIFY(again.ok() && !again.value());
    }

    void readOnlyOrForeignWorkspacesAreNotRunInto()
    {
        QTemporaryDir tmp;
        // A workspace without examples/ has nothing to run.
        auto plain = Store::Workspace::create(tmp.filePath(QStringLiteral("plain")));
        QVERIFY(plain.ok());
        QVERIFY(!Runs::sampleRunsWanted(*plain.value()).value());
        // A read-only sample workspace cannot take runs.
        const auto path = Store::createSampleWorkspace(tmp.filePath(QStringLiteral("sample")));
        QVERIFY(path.ok());
        auto readOnly = Store::Workspace::open(path.value(), Store::Workspace::Access::ReadOnly);
        QVERIFY(readOnly.ok());
        QVERIFY(!Runs::sampleRunsWanted(*readOnly.value()).value());
    }
};

QTEST_GUILESS_MAIN(TestSampleRuns)
#include "tst_sampleruns.moc"
