// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/SpecLaunch.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptSignal.h"
#include "app/cli/MetricFormat.h"
#include "app/cli/RunRecordFormat.h"
#include "core/base/Progress.h"
#include "core/data/Dataset.h"
#include "core/runs/JobQueue.h"
#include "core/runs/LocalExecutor.h"
#include "core/runs/RunPlan.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>

#include <algorithm>

namespace Tandem::Cli {
namespace {

const QString workspaceOption = QStringLiteral("workspace");
const QString dataOption = QStringLiteral("data");

} // namespace

QString runProgressLine(const Store::RunRecord &run, qsizetype ended, qsizetype total)
{
    QString line
        = QStringLiteral("[%1/%2] run %3 %4").arg(ended).arg(total).arg(run.id).arg(Store::runStatusName(run.status));
    if (run.status == Store::RunStatus::Done)
        line += QStringLiteral(" (%1 %2)").arg(runHeadlineMetric(run), formatMetric(runHeadlineValue(run)));
    line += QStringLiteral(": ") + run.name;
    if (!run.error.isEmpty())
        line += QStringLiteral(" (%1)").arg(run.error);
    return line;
}

void SpecLaunch::configure(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringList {workspaceOption},
        QStringLiteral("The workspace the runs are recorded in (created when missing)."), QStringLiteral("DIR")));
    parser.addOption(QCommandLineOption(QStringList {dataOption},
        QStringLiteral("Read this data file instead of the spec's dataset.path (a pinned fingerprint still "
                       "applies)."),
        QStringLiteral("FILE")));
    parser.addPositionalArgument(
        QStringLiteral("SPEC"), QStringLiteral("The run spec, a JSON file (see resources/examples/)."));
}

int SpecLaunch::prepare(const QCommandLineParser &parser, CliOutput &output, bool allowSweep)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty() || arguments.first().isEmpty())
        return output.usageError(QStringLiteral("missing argument SPEC"));
    if (arguments.size() > 1)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(1)));
    if (parser.value(workspaceOption).isEmpty())
        return output.usageError(QStringLiteral("missing option --workspace"));
    if (parser.isSet(dataOption) && parser.value(dataOption).isEmpty())
        return output.usageError(QStringLiteral("--data is empty"));

    auto spec = Runs::RunSpec::load(arguments.first());
    if (!spec.ok())
        return output.failure(spec.error());
    m_spec = spec.value();
    if (m_spec.sweep && !allowSweep)
        return output.failure(
            Base::Error(QStringLiteral("the spec has a sweep: run it with 'tandem-cli sweep'"), arguments.first()));
    if (parser.isSet(dataOption))
        m_spec.datasetPath = QFileInfo(parser.value(dataOption)).absoluteFilePath();

    // The data is read before the workspace is touched: a wrong file leaves no run behind.
    Base::NullProgressSink sink;
    auto loaded = m_spec.loadDataset(Base::Progress(sink));
    if (!loaded.ok())
        return output.failure(loaded.error());
    m_dataset = loaded.value().dataset;

    auto workspace = Store::Workspace::create(parser.value(workspaceOption));
    if (!workspace.ok())
        return output.failure(workspace.error());
    m_workspace = workspace.value();
    return ExitSuccess;
}

int SpecLaunch::selectRun(int index, CliOutput &output)
{
    auto planned = Runs::planRuns(m_spec, *m_dataset);
    if (!planned.ok())
        return output.failure(planned.error());
    if (index >= planned.value().size())
        return output.failure(Base::Error(QStringLiteral("--task-index %1 is not one of the spec's runs (0..%2)")
                                              .arg(index)
                                              .arg(planned.value().size() - 1)));
    const QString experiment = Runs::experimentName(m_spec);
    m_spec = planned.value().at(index).spec;
    m_spec.experiment = experiment;
    return ExitSuccess;
}

QList<Store::RunRecord> SpecLaunch::runAll(
    int concurrency, const Finished &onFinished, CliOutput &output, int &exitCode)
{
    Runs::JobQueue queue(concurrency);
    Runs::LocalExecutor executor(queue);
    return runAll(executor, onFinished, output, exitCode);
}

QList<Store::RunRecord> SpecLaunch::runAll(
    Runs::Executor &executor, const Finished &onFinished, CliOutput &output, int &exitCode)
{
    exitCode = ExitSuccess;
    // Listening before the runs are queued: an interrupt from here on cancels them.
    InterruptSignal interrupt;
    QEventLoop loop;
    qsizetype ended = 0;
    qsizetype total = -1; // known once launched; no run can end before the loop runs
    auto launch = Runs::launchRuns(m_workspace, executor, m_spec, m_dataset,
        [&](const Runs::LaunchedRun &run, Store::RunStatus status, const QString &error) {
            ++ended;
            if (onFinished) {
                auto details = m_workspace->store().run(run.runId);
                Store::RunRecord record;
                if (details.ok()) {
                    record = details.value().run;
                } else {
                    record.id = run.runId;
                    record.name = run.plan.name;
                    record.status = status;
                    record.error = error;
                }
                onFinished(record, ended, total);
            }
            if (ended == total)
                loop.quit();
        });
    if (!launch.ok()) {
        exitCode = output.failure(launch.error());
        return {};
    }
    for (const QString &note : launch.value().notes)
        output.err() << QStringLiteral("note: ") << note << '\n';
    output.err().flush();
    total = launch.value().runs.size();

    QObject::connect(&interrupt, &InterruptSignal::interrupted, &executor, [&] {
        output.err() << QStringLiteral("tandem-cli: interrupted: cancelling the runs (interrupt again to quit at "
                                       "once)\n");
        output.err().flush();
        executor.cancelAll();
    });
    // A job submitted after the interrupt (the next rung of a halving sweep) is
    // cancelled before it starts.
    QObject::connect(&executor, &Runs::Executor::jobAdded, &executor, [&](Runs::JobId id) {
        if (interrupt.isInterrupted())
            executor.cancel(id);
    });
    if (ended < total)
        loop.exec();

    QList<Store::RunRecord> runs;
    for (const Runs::LaunchedRun &run : launch.value().runs) {
        auto details = m_workspace->store().run(run.runId);
        if (!details.ok()) {
            exitCode = output.failure(details.error());
            return {};
        }
        runs.append(details.value().run);
    }
    if (interrupt.isInterrupted()) {
        const auto count = [&runs](Store::RunStatus status) {
            return std::count_if(
                runs.cbegin(), runs.cend(), [status](const Store::RunRecord &run) { return run.status == status; });
        };
        const qsizetype failed = count(Store::RunStatus::Failed);
        output.err() << QStringLiteral("tandem-cli: interrupted: %1 of %2 runs done, %3 cancelled%4\n")
                            .arg(count(Store::RunStatus::Done))
                            .arg(runs.size())
                            .arg(count(Store::RunStatus::Cancelled))
                            .arg(failed > 0 ? QStringLiteral(", %1 failed").arg(failed) : QString());
        output.err().flush();
        exitCode = ExitInterrupted;
    }
    return runs;
}

} // namespace Tandem::Cli
