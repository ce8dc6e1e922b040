// SPDX-License-Identifier: GPL-3.0-or-later
// Heartbeat benchmark (issue 6, point 5: "the window never stalls"): a 50 ms QTimer
// on the GUI thread, with the Jobs dock showing, while a 40-run sweep runs through
// the JobQueue into a temporary workspace with the Runs machinery (launchRuns:
// store writes, progress, live metrics). Prints how late each tick came (slip =
// interval − 50 ms): max, p99, median. Two sweeps: the wine logistic-regression grid
// widened to 40 configurations, and 40 random forests on breast cancer.
//
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench/bench_heartbeat
//       [--workload logreg|forest|both] [--runs N] [--parallel N]
#include "core/base/Progress.h"
#include "core/runs/JobQueue.h"
#include "core/runs/RunLauncher.h"
#include "core/runs/RunSpec.h"
#include "core/store/Workspace.h"
#include "ui/jobs/JobsDock.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Tandem;

namespace {

const QString examples = QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples");
constexpr int heartbeatMs = 50;

struct Figures {
    int runs = 0;
    int done = 0;
    double seconds = 0.0;
    qsizetype ticks = 0;
    double maxSlip = 0.0;
    double p99Slip = 0.0;
    double medianSlip = 0.0;
    double launchMs = 0.0; ///< launchRuns on the GUI thread: planning and queueing every run in the store
    double maxSlipAt = 0.0; ///< seconds after the launch
    qsizetype progressSignals = 0; ///< jobProgress signals the GUI thread handled
};

/// A spec file with its sweep adjusted to `runs` configurations.
Base::Result<Runs::RunSpec> sweepSpec(const QString &workload, int runs)
{
    const bool forest = workload == QStringLiteral("forest");
    const QString path = examples
        + (forest ? QStringLiteral("/breast_cancer_forest_random.json") : QStringLiteral("/wine_logreg_grid.json"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Base::Error(file.errorString(), path);
    QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject sweep = json.value(QStringLiteral("sweep")).toObject();
    if (forest) {
        // Every configuration on every fold: the heaviest load the queue gets.
        sweep.remove(QStringLiteral("halving"));
        sweep.insert(QStringLiteral("n_iter"), runs);
    } else {
        // C steps × two penalties.
        QJsonObject params = sweep.value(QStringLiteral("params")).toObject();
        QJsonObject c = params.value(QStringLiteral("C")).toObject();
        c.insert(QStringLiteral("steps"), std::max(1, runs / 2));
        params.insert(QStringLiteral("C"), c);
        sweep.insert(QStringLiteral("params"), params);
    }
    json.insert(QStringLiteral("sweep"), sweep);
    return Runs::RunSpec::fromJson(json, QFileInfo(path).absolutePath());
}

double percentile(std::vector<double> sorted, double p)
{
    if (sorted.empty())
        return 0.0;
    std::sort(sorted.begin(), sorted.end());
    const auto at = std::size_t(std::min(double(sorted.size() - 1), p * double(sorted.size() - 1) + 0.5));
    return sorted[at];
}

Base::Result<Figures> measure(const QString &workload, int runs, int parallel, Runs::JobQueue &queue)
{
    auto spec = sweepSpec(workload, runs);
    if (!spec.ok())
        return spec.error();
    Base::NullProgressSink sink;
    auto data = spec.value().loadDataset(Base::Progress(sink));
    if (!data.ok())
        return data.error();
    QTemporaryDir dir;
    auto workspace = Store::Workspace::create(dir.path());
    if (!workspace.ok())
        return workspace.error();
    queue.setMaxConcurrentJobs(parallel);

    Figures figures;
    std::vector<double> slips;
    QElapsedTimer sinceTick;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(heartbeatMs);
    QElapsedTimer wall;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        slips.push_back(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - heartbeatMs));
        if (slips.back() >= figures.maxSlip) {
            figures.maxSlip = slips.back();
            figures.maxSlipAt = double(wall.nsecsElapsed()) / 1e9;
        }
        sinceTick.start();
    });

    const QMetaObject::Connection counter
        = QObject::connect(&queue, &Runs::JobQueue::jobProgress, [&figures] { ++figures.progressSignals; });
    QEventLoop loop;
    wall.start();
    sinceTick.start();
    heartbeat.start();
    int ended = 0;
    auto launch = Runs::launchRuns(workspace.value(), queue, spec.value(), data.value().dataset,
        [&](const Runs::LaunchedRun &, Store::RunStatus status, const QString &) {
            figures.done += status == Store::RunStatus::Done ? 1 : 0;
            if (++ended == figures.runs)
                loop.quit();
        });
    figures.launchMs = double(wall.nsecsElapsed()) / 1e6;
    if (!launch.ok())
        return launch.error();
    figures.runs = int(launch.value().runs.size());
    if (ended < figures.runs)
        loop.exec();
    heartbeat.stop();
    QObject::disconnect(counter);
    figures.seconds = double(wall.nsecsElapsed()) / 1e9;
    figures.ticks = qsizetype(slips.size());
    figures.p99Slip = percentile(slips, 0.99);
    figures.medianSlip = percentile(slips, 0.5);
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QString workload = QStringLiteral("both");
    int runs = 40;
    int parallel = 0;
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == QStringLiteral("--workload"))
            workload = args.at(i + 1);
        else if (args.at(i) == QStringLiteral("--runs"))
            runs = args.at(i + 1).toInt();
        else if (args.at(i) == QStringLiteral("--parallel"))
            parallel = args.at(i + 1).toInt();
    }

    Runs::JobQueue queue;
    // The dock draws every job's progress, as in the app, so its cost is in the figures.
    Ui::JobsDock dock(&queue);
    dock.resize(1000, 400);
    dock.show();

    QTextStream out(stdout);
    out << "heartbeat " << heartbeatMs << " ms, " << QThread::idealThreadCount() << " threads, platform "
        << QGuiApplication::platformName() << "\n";
    const QStringList workloads = workload == QStringLiteral("both")
        ? QStringList {QStringLiteral("logreg"), QStringLiteral("forest")}
        : QStringList {workload};
    int status = 0;
    for (const QString &name : workloads) {
        auto figures = measure(name, runs, parallel, queue);
        if (!figures.ok()) {
            out << name << ": error: " << figures.error().toString() << "\n";
            status = 1;
            continue;
        }
        const Figures &f = figures.value();
        out << QStringLiteral("%1: %2 runs (%3 done), %4 at once, %5 s; %6 ticks, slip max %7 ms, p99 %8 ms, "
                              "median %9 ms (max at %10 s; launchRuns took %11 ms; %12 progress signals)\n")
                   .arg(name)
                   .arg(f.runs)
                   .arg(f.done)
                   .arg(queue.maxConcurrentJobs())
                   .arg(f.seconds, 0, 'f', 2)
                   .arg(f.ticks)
                   .arg(f.maxSlip, 0, 'f', 1)
                   .arg(f.p99Slip, 0, 'f', 1)
                   .arg(f.medianSlip, 0, 'f', 1)
                   .arg(f.maxSlipAt, 0, 'f', 2)
                   .arg(f.launchMs, 0, 'f', 1)
                   .arg(f.progressSignals);
        out.flush();
    }
    return status;
}
