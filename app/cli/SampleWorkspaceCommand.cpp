// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/SampleWorkspaceCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/SpecLaunch.h"
#include "core/runs/RunPlan.h"
#include "core/runs/SampleRuns.h"
#include "core/store/SampleWorkspace.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QDir>

namespace Tandem::Cli {
namespace {

const QString noRunsOption = QStringLiteral("no-runs");

} // namespace

QString SampleWorkspaceCommand::details() const
{
    return QStringLiteral("The datasets are copied into DIR/datasets/ with their licence notices and\n"
                          "registered in the workspace; the example run specs (a single run, a grid sweep,\n"
                          "a random sweep with successive halving) go to DIR/examples/, their dataset paths\n"
                          "pointing at DIR/datasets/. Files you changed are left alone; missing ones are\n"
                          "restored. When the workspace holds no run yet, every example is then run into it,\n"
                          "as 'tandem-cli sweep' runs a spec, each run reported on stderr as it ends; Ctrl-C\n"
                          "cancels them. Then stdout gets the workspace's path. Exits 1 when a run failed.\n"
                          "Without DIR the workspace goes to:\n  %1\n")
        .arg(Store::defaultSampleWorkspaceDir());
}

void SampleWorkspaceCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(
        QStringList {noRunsOption}, QStringLiteral("Only create the workspace's files; run none of the examples.")));
    parser.addPositionalArgument(QStringLiteral("DIR"),
        QStringLiteral("Where to create the sample workspace (default: see above)."), QStringLiteral("[DIR]"));
}

int SampleWorkspaceCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() > 1)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(1)));
    if (!arguments.isEmpty() && arguments.first().isEmpty())
        return output.usageError(QStringLiteral("DIR is empty"));

    const QString dir = arguments.isEmpty() ? Store::defaultSampleWorkspaceDir() : arguments.first();
    const auto path = Store::createSampleWorkspace(dir);
    if (!path.ok())
        return output.failure(path.error());
    if (!parser.isSet(noRunsOption)) {
        if (const int ran = runExamples(path.value(), output); ran != ExitSuccess)
            return ran;
    }
    output.out() << path.value() << '\n';
    return ExitSuccess;
}

int SampleWorkspaceCommand::runExamples(const QString &path, CliOutput &output)
{
    {
        auto workspace = Store::Workspace::open(path);
        if (!workspace.ok())
            return output.failure(workspace.error());
        const auto wanted = Runs::sampleRunsWanted(*workspace.value());
        if (!wanted.ok())
            return output.failure(wanted.error());
        if (!wanted.value()) {
            output.err() << QStringLiteral("note: the workspace already holds runs: the examples are not run again\n");
            return ExitSuccess;
        }
    }

    qsizetype runs = 0;
    qsizetype failed = 0;
    for (const QString &file : Runs::sampleRunSpecFiles(path)) {
        // Each example goes the way of `tandem-cli sweep FILE --workspace PATH`, so its
        // runs are read, recorded, reported and interrupted alike.
        QCommandLineParser sweepArguments;
        SpecLaunch::configure(sweepArguments);
        if (!sweepArguments.parse({QStringLiteral("tandem-cli"), file, QStringLiteral("--workspace"), path}))
            return output.failure(Base::Error(sweepArguments.errorText(), file));
        SpecLaunch launch;
        if (const int prepared = launch.prepare(sweepArguments, output, true); prepared != ExitSuccess)
            return prepared;
        const QString experiment = Runs::experimentName(launch.spec());
        output.err() << QDir::toNativeSeparators(QDir(path).relativeFilePath(file))
                     << (experiment.isEmpty() ? QString() : QStringLiteral(" (experiment \"%1\")").arg(experiment))
                     << ":\n";
        const auto progress = [&](const Store::RunRecord &run, qsizetype ended, qsizetype total) {
            failed += run.status == Store::RunStatus::Done ? 0 : 1;
            output.err() << QStringLiteral("  ") << runProgressLine(run, ended, total) << '\n';
            output.err().flush();
        };
        int exitCode = ExitSuccess;
        runs += launch.runAll(0, progress, output, exitCode).size();
        if (exitCode != ExitSuccess)
            return exitCode;
    }
    if (failed > 0)
        return output.failure(
            Base::Error(QStringLiteral("%1 of %2 example runs did not finish").arg(failed).arg(runs)));
    return ExitSuccess;
}

} // namespace Tandem::Cli
