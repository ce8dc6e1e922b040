// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/WorkspaceCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/PendingClusterResults.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Tandem::Cli {
namespace {

const QString jsonOption = QStringLiteral("json");

void printJson(const Store::Workspace &workspace, CliOutput &output)
{
    const QJsonObject object {
        {QStringLiteral("path"), workspace.path()},
        {QStringLiteral("datasets"), QJsonArray::fromStringList(workspace.datasetPaths())},
    };
    output.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

int importResults(Store::Workspace &workspace, bool json, CliOutput &output)
{
    if (workspace.isReadOnly())
        return output.failure(Base::Error(
            QStringLiteral("cannot import cluster results: %1").arg(workspace.readOnlyNotice()), workspace.path()));
    const auto report = importPendingClusterResults(workspace.store(), output);
    if (!report.ok())
        return output.failure(report.error());
    const Runs::ClusterResultsImport &imported = report.value();
    if (json) {
        QJsonArray ids;
        for (const qint64 id : imported.importedRunIds)
            ids.append(id);
        QJsonArray problems;
        for (const Base::Error &problem : imported.problems)
            problems.append(
                QJsonObject {{QStringLiteral("file"), problem.file}, {QStringLiteral("message"), problem.message}});
        const QJsonObject object {{QStringLiteral("path"), workspace.path()}, {QStringLiteral("imported"), ids},
            {QStringLiteral("without_result"), imported.withoutResult}, {QStringLiteral("problems"), problems}};
        output.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        return ExitSuccess;
    }
    if (imported.importedRunIds.isEmpty())
        output.out() << QStringLiteral("no cluster results to import\n");
    else
        output.out() << QStringLiteral("imported %1\n").arg(importedResultsText(imported));
    if (imported.withoutResult > 0)
        output.out() << QStringLiteral("%1 cluster run%2 without a result file yet\n")
                            .arg(imported.withoutResult)
                            .arg(imported.withoutResult == 1 ? QString() : QStringLiteral("s"));
    return ExitSuccess;
}

} // namespace

QStringList WorkspaceCommand::synopsis() const
{
    // Two lines, so that a usage error stays short.
    return {
        QStringLiteral("workspace init [--json] DIR"), QStringLiteral("workspace info|import-results [--json] DIR")};
}

QString WorkspaceCommand::details() const
{
    return QStringLiteral("Actions:\n"
                          "  init  Create the workspace in DIR (the folder and its store) and print its\n"
                          "        path. An existing workspace is opened, never overwritten.\n"
                          "  info  Print the absolute path of each dataset registered in the workspace,\n"
                          "        one per line, oldest first.\n"
                          "  import-results\n"
                          "        Import the results of cluster tasks that ended after the process that\n"
                          "        submitted them did (their runs show as interrupted): each result file\n"
                          "        under cluster/<batch>/results/ whose run is queued, running or\n"
                          "        interrupted. Runs that ended are never changed; a damaged file is\n"
                          "        named on stderr and skipped. --json: {\"path\", \"imported\": [run ids],\n"
                          "        \"without_result\": N, \"problems\": [{\"file\", \"message\"}]}.\n"
                          "\n"
                          "A workspace is a folder holding tandem.db (the experiment store) and the\n"
                          "files runs write.\n");
}

void WorkspaceCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(QStringList {jsonOption},
        QStringLiteral("Print JSON: {\"path\": ..., \"datasets\": [...]} (init, info; import-results above).")));
    parser.addPositionalArgument(
        QStringLiteral("ACTION"), QStringLiteral("'init', 'info' or 'import-results' (see Actions above)."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The workspace folder."));
}

int WorkspaceCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return output.usageError(QStringLiteral("missing action: 'init', 'info' or 'import-results'"));
    const QString action = arguments.first();
    const bool init = action == QLatin1String("init");
    const bool import = action == QLatin1String("import-results");
    if (!init && !import && action != QLatin1String("info"))
        return output.usageError(
            QStringLiteral("unknown action '%1' (expected 'init', 'info' or 'import-results')").arg(action));
    if (arguments.size() < 2 || arguments.at(1).isEmpty())
        return output.usageError(QStringLiteral("missing argument DIR"));
    if (arguments.size() > 2)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(2)));

    const QString dir = arguments.at(1);
    const auto workspace = init ? Store::Workspace::create(dir) : Store::Workspace::open(dir);
    if (!workspace.ok())
        return output.failure(workspace.error());
    if (import)
        return importResults(*workspace.value(), parser.isSet(jsonOption), output);

    if (parser.isSet(jsonOption)) {
        printJson(*workspace.value(), output);
    } else if (init) {
        output.out() << workspace.value()->path() << '\n';
    } else {
        for (const QString &dataset : workspace.value()->datasetPaths())
            output.out() << dataset << '\n';
    }
    return ExitSuccess;
}

} // namespace Tandem::Cli
