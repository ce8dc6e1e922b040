// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/WorkspaceCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
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

} // namespace

QStringList WorkspaceCommand::synopsis() const
{
    return {QStringLiteral("workspace init [--json] DIR"), QStringLiteral("workspace info [--json] DIR")};
}

QString WorkspaceCommand::details() const
{
    return QStringLiteral("Actions:\n"
                          "  init  Create the workspace in DIR (the folder and its store) and print its\n"
                          "        path. An existing workspace is opened, never overwritten.\n"
                          "  info  Print the absolute path of each dataset registered in the workspace,\n"
                          "        one per line, oldest first.\n"
                          "\n"
                          "A workspace is a folder holding tandem.db (the experiment store) and the\n"
                          "files runs write.\n");
}

void WorkspaceCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(QStringList {jsonOption},
        QStringLiteral("Print the workspace as JSON: {\"path\": ..., \"datasets\": [...]}.")));
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("'init' or 'info' (see Actions above)."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The workspace folder."));
}

int WorkspaceCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return output.usageError(QStringLiteral("missing action: 'init' or 'info'"));
    const QString action = arguments.first();
    const bool init = action == QLatin1String("init");
    if (!init && action != QLatin1String("info"))
        return output.usageError(QStringLiteral("unknown action '%1' (expected 'init' or 'info')").arg(action));
    if (arguments.size() < 2 || arguments.at(1).isEmpty())
        return output.usageError(QStringLiteral("missing argument DIR"));
    if (arguments.size() > 2)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(2)));

    const QString dir = arguments.at(1);
    const auto workspace = init ? Store::Workspace::create(dir) : Store::Workspace::open(dir);
    if (!workspace.ok())
        return output.failure(workspace.error());

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
