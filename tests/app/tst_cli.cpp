// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/Version.h"
#include "core/store/ExperimentStore.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;

    QStringList outLines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QString firstOutLine() const { return out.section(QLatin1Char('\n'), 0, 0); }
    QString firstErrLine() const { return err.section(QLatin1Char('\n'), 0, 0); }
};

CliResult runCli(const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TANDEM_CLI_PATH), arguments);
    CliResult result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("tandem-cli did not finish: ") + process.errorString();
        return result;
    }
    if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString describe(const CliResult &result)
{
    return QStringLiteral("exit %1\n--- stdout:\n%2--- stderr:\n%3").arg(result.exitCode).arg(result.out, result.err);
}

/// Writes `bytes` to `name` in `dir`; the path, or empty when it could not be written.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() ? path : QString();
}

const QString irisPath = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/iris.csv");

const QString examplesDir = QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples");

/// The runs of a workspace as `runs list --json` prints them; empty on failure.
QJsonArray listRuns(const QString &workspace)
{
    const CliResult result = runCli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--workspace"),
        workspace, QStringLiteral("--json")});
    if (result.exitCode != 0) {
        qWarning() << describe(result);
        return {};
    }
    return QJsonDocument::fromJson(result.out.toUtf8()).array();
}

const QString usageLine = QStringLiteral("Usage: tandem-cli <command> [options] [arguments]");

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // One invocation: exit code and the exact first line of stdout and stderr.
    // "{tmp}" in arguments and expectations stands for a fresh temporary folder;
    // an empty expectation means the stream must be empty.
    void invocation_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("firstOut");
        QTest::addColumn<QString>("firstErr");

        const QString versionLine = QStringLiteral("tandem-cli ") + Tandem::Base::appVersion();
        const auto args = [](std::initializer_list<const char *> list) {
            QStringList result;
            for (const char *arg : list)
                result << QString::fromUtf8(arg);
            return result;
        };

        QTest::newRow("--version") << args({"--version"}) << 0 << versionLine << QString();
        QTest::newRow("version") << args({"version"}) << 0 << versionLine << QString();
        QTest::newRow("version extra") << args({"version", "now"}) << 2 << QString()
                                       << QStringLiteral("tandem-cli version: unexpected argument 'now'");
        QTest::newRow("help") << args({"help"}) << 0 << usageLine << QString();
        QTest::newRow("--help") << args({"--help"}) << 0 << usageLine << QString();
        QTest::newRow("-h") << args({"-h"}) << 0 << usageLine << QString();
        QTest::newRow("help workspace") << args({"help", "workspace"}) << 0
                                        << QStringLiteral("Usage: tandem-cli workspace init [--json] DIR") << QString();
        QTest::newRow("--help workspace")
            << args({"--help", "workspace"}) << 0 << QStringLiteral("Usage: tandem-cli workspace init [--json] DIR")
            << QString();
        QTest::newRow("workspace --help")
            << args({"workspace", "--help"}) << 0 << QStringLiteral("Usage: tandem-cli workspace init [--json] DIR")
            << QString();
        QTest::newRow("help sample-workspace")
            << args({"help", "sample-workspace"}) << 0
            << QStringLiteral("Usage: tandem-cli sample-workspace [--no-runs] [DIR]") << QString();
        QTest::newRow("help serve")
            << args({"help", "serve"}) << 0
            << QStringLiteral("Usage: tandem-cli serve BUNDLE [--host ADDRESS] [--port N] [--max-body-mb N]")
            << QString();
        QTest::newRow("help unknown") << args({"help", "xyz"}) << 2 << QString()
                                      << QStringLiteral("tandem-cli: unknown command 'xyz'");
        QTest::newRow("unknown command") << args({"xyz"}) << 2 << QString()
                                         << QStringLiteral("tandem-cli: unknown command 'xyz'");
        QTest::newRow("unknown global option")
            << args({"--bogus"}) << 2 << QString() << QStringLiteral("tandem-cli: unknown option '--bogus'");
        QTest::newRow("bad option") << args({"workspace", "info", "--bogus", "{tmp}"}) << 2 << QString()
                                    << QStringLiteral("tandem-cli workspace: unknown option '--bogus'");
        QTest::newRow("bad short option") << args({"workspace", "info", "-q", "{tmp}"}) << 2 << QString()
                                          << QStringLiteral("tandem-cli workspace: unknown option '-q'");
        QTest::newRow("missing argument") << args({"workspace", "init"}) << 2 << QString()
                                          << QStringLiteral("tandem-cli workspace: missing argument DIR");
        QTest::newRow("missing action")
            << args({"workspace"}) << 2 << QString()
            << QStringLiteral("tandem-cli workspace: missing action: 'init', 'info' or 'import-results'");
        QTest::newRow("unknown action")
            << args({"workspace", "delete", "{tmp}"}) << 2 << QString()
            << QStringLiteral(
                   "tandem-cli workspace: unknown action 'delete' (expected 'init', 'info' or 'import-results')");
        QTest::newRow("extra argument") << args({"workspace", "info", "{tmp}", "more"}) << 2 << QString()
                                        << QStringLiteral("tandem-cli workspace: unexpected argument 'more'");
        QTest::newRow("no arguments") << QStringList() << 2 << QString() << usageLine;
        QTest::newRow("profile without a file")
            << args({"profile"}) << 2 << QString() << QStringLiteral("tandem-cli profile: missing argument FILE");
        QTest::newRow("profile bad delimiter")
            << args({"profile", "--delimiter", "ab", "{tmp}/file.txt"}) << 2 << QString()
            << QStringLiteral("tandem-cli profile: invalid --delimiter 'ab': expected one character such as , ; | or "
                              "'tab' or 'whitespace'");
        QTest::newRow("profile bad encoding")
            << args({"profile", "--encoding", "ebcdic", "{tmp}/file.txt"}) << 2 << QString()
            << QStringLiteral("tandem-cli profile: invalid --encoding 'ebcdic': expected one of auto, utf-8, "
                              "utf-16le, utf-16be, windows-1252");
        QTest::newRow("profile missing file")
            << args({"profile", "{tmp}/nowhere.csv"}) << 1 << QString()
            << QStringLiteral("tandem-cli: error: {tmp}/nowhere.csv: Cannot open the file: No such file or directory");
        QTest::newRow("profile empty file") << args({"profile", "{tmp}/file.txt"}) << 1 << QString()
                                            << QStringLiteral("tandem-cli: error: {tmp}/file.txt: The file is empty");
        QTest::newRow("serve without a bundle")
            << args({"serve"}) << 2 << QString() << QStringLiteral("tandem-cli serve: missing argument BUNDLE");
        QTest::newRow("serve bad port") << args({"serve", "{tmp}/file.txt", "--port", "65536"}) << 2 << QString()
                                        << QStringLiteral(
                                               "tandem-cli serve: invalid --port '65536': expected a whole number in "
                                               "0..65535");
        QTest::newRow("serve bad host") << args({"serve", "{tmp}/file.txt", "--host", "example.org"}) << 2 << QString()
                                        << QStringLiteral(
                                               "tandem-cli serve: invalid --host 'example.org': expected an IP address "
                                               "such as 127.0.0.1, 0.0.0.0 or ::1, or localhost");
        QTest::newRow("serve bad body limit")
            << args({"serve", "{tmp}/file.txt", "--max-body-mb", "0"}) << 2 << QString()
            << QStringLiteral("tandem-cli serve: invalid --max-body-mb '0': expected a whole number in 1..4096");
        QTest::newRow("serve missing bundle")
            << args({"serve", "{tmp}/nowhere.tandem", "--port", "0"}) << 1 << QString()
            << QStringLiteral(
                   "tandem-cli: error: {tmp}/nowhere.tandem: cannot open the bundle: No such file or directory");
        QTest::newRow("help run")
            << args({"help", "run"}) << 0
            << QStringLiteral("Usage: tandem-cli run SPEC.json --workspace DIR [--data FILE] [--task-index I] [--json]")
            << QString();
        QTest::newRow("run without spec") << args({"run", "--workspace", "{tmp}/ws"}) << 2 << QString()
                                          << QStringLiteral("tandem-cli run: missing argument SPEC");
        QTest::newRow("run without workspace") << args({"run", "{tmp}/file.txt"}) << 2 << QString()
                                               << QStringLiteral("tandem-cli run: missing option --workspace");
        QTest::newRow("run missing spec")
            << args({"run", "{tmp}/nowhere.json", "--workspace", "{tmp}/ws"}) << 1 << QString()
            << QStringLiteral(
                   "tandem-cli: error: {tmp}/nowhere.json: cannot read the run spec: No such file or directory");
        QTest::newRow("sweep bad parallel")
            << args({"sweep", "{tmp}/file.txt", "--workspace", "{tmp}/ws", "--parallel", "0"}) << 2 << QString()
            << QStringLiteral("tandem-cli sweep: invalid --parallel '0': expected a whole number in 1..1024");
        QTest::newRow("runs without action")
            << args({"runs", "--workspace", "{tmp}"}) << 2 << QString()
            << QStringLiteral("tandem-cli runs: missing action: 'list', 'show' or 'export'");
        QTest::newRow("runs show without id") << args({"runs", "show", "--workspace", "{tmp}"}) << 2 << QString()
                                              << QStringLiteral("tandem-cli runs: missing argument ID");
        QTest::newRow("runs list on a plain folder")
            << args({"runs", "list", "--workspace", "{tmp}"}) << 1 << QString()
            << QStringLiteral("tandem-cli: error: {tmp}: not a Tandem workspace: it has no tandem.db");
        QTest::newRow("workspace init") << args({"workspace", "init", "{tmp}/ws"}) << 0 << QStringLiteral("{tmp}/ws")
                                        << QString();
        QTest::newRow("workspace info on a plain folder")
            << args({"workspace", "info", "{tmp}"}) << 1 << QString()
            << QStringLiteral("tandem-cli: error: {tmp}: not a Tandem workspace: it has no tandem.db");
        QTest::newRow("workspace info on a missing folder")
            << args({"workspace", "info", "{tmp}/nowhere"}) << 1 << QString()
            << QStringLiteral("tandem-cli: error: {tmp}/nowhere: no such folder");
        QTest::newRow("workspace init on a file")
            << args({"workspace", "init", "{tmp}/file.txt"}) << 1 << QString()
            << QStringLiteral("tandem-cli: error: {tmp}/file.txt: a workspace is a folder, but this is a file");
    }

    void invocation()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, firstOut);
        QFETCH(QString, firstErr);

        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QFile file(tmp.filePath(QStringLiteral("file.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const auto substitute = [&](QString text) { return text.replace(QStringLiteral("{tmp}"), tmp.path()); };
        for (QString &argument : arguments)
            argument = substitute(argument);

        const CliResult result = runCli(arguments);
        QVERIFY2(result.exitCode == exitCode, qPrintable(describe(result)));
        QCOMPARE(result.firstOutLine(), substitute(firstOut));
        QCOMPARE(result.firstErrLine(), substitute(firstErr));
    }

    void versionNamesQtAndEigen()
    {
        const CliResult result = runCli({QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.outLines();
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(1).startsWith(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
        QVERIFY2(lines.at(2).startsWith(QStringLiteral("Eigen 3.")), qPrintable(lines.at(2)));
    }

    void helpListsEveryCommandAndTheExitCodes()
    {
        const CliResult result = runCli({QStringLiteral("help")});
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.split(QLatin1Char('\n'));
        const auto lineOf = [&](const QString &command) {
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (lines.at(i).startsWith(QStringLiteral("  ") + command + QLatin1Char(' ')))
                    return i;
            }
            return qsizetype(-1);
        };
        // Every command is built: none is listed as planned.
        QVERIFY2(std::none_of(lines.cbegin(), lines.cend(),
                     [](const QString &line) { return line.startsWith(QStringLiteral("Planned")); }),
            qPrintable(result.out));
        for (const char *available : {"workspace", "sample-workspace", "profile", "train", "run", "sweep", "runs",
                 "compare", "drift", "export", "predict", "serve", "help", "version"})
            QVERIFY2(lineOf(QString::fromLatin1(available)) > 0, available);
        for (const char *exitCode : {"  0  ", "  1  ", "  2  ", "  3  ", "  130  "}) {
            const auto documented = [&](const QString &line) { return line.startsWith(QLatin1String(exitCode)); };
            QVERIFY2(std::any_of(lines.cbegin(), lines.cend(), documented), exitCode);
        }
    }

    void usageErrorsPointToHelp_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("pointer");
        QTest::newRow("unknown command") << QStringList {QStringLiteral("xyz")} << QStringLiteral("tandem-cli help");
        QTest::newRow("bad option") << QStringList {QStringLiteral("workspace"), QStringLiteral("info"),
            QStringLiteral("--bogus")}
                                    << QStringLiteral("tandem-cli help workspace");
    }

    void usageErrorsPointToHelp()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, pointer);
        const CliResult result = runCli(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        const QStringList lines = result.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 2 && lines.size() <= 4, qPrintable(result.err));
        QVERIFY2(result.err.contains(QLatin1Char('\'') + pointer), qPrintable(result.err));
    }

    void workspaceInitInfoRoundTrip()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("round trip"));
        CliResult result = runCli({QStringLiteral("workspace"), QStringLiteral("init"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QCOMPARE(result.outLines(), QStringList {dir});
        QVERIFY(Tandem::Store::Workspace::looksLikeWorkspace(dir));

        result = runCli({QStringLiteral("workspace"), QStringLiteral("info"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY(result.out.isEmpty());

        const QString data = QDir(dir).filePath(QStringLiteral("points.csv"));
        {
            QFile file(data);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("x,y\n1,2\n");
        }
        {
            auto workspace = Tandem::Store::Workspace::open(dir);
            QVERIFY2(workspace.ok(), qPrintable(workspace.error().toString()));
            QVERIFY(workspace.value()->addDataset(data).ok());
        }
        result = runCli({QStringLiteral("workspace"), QStringLiteral("info"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QCOMPARE(result.outLines(), QStringList {data});
        QVERIFY(result.err.isEmpty());

        // init on an existing workspace opens it and keeps what it holds.
        result = runCli({QStringLiteral("workspace"), QStringLiteral("init"), QStringLiteral("--json"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonObject object = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("datasets")).toArray(), QJsonArray {data});
    }

    void workspaceInfoJson()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        QCOMPARE(runCli({QStringLiteral("workspace"), QStringLiteral("init"), dir}).exitCode, 0);

        const CliResult result
            = runCli({QStringLiteral("workspace"), QStringLiteral("info"), dir, QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
        QVERIFY2(
            error.error == QJsonParseError::NoError, qPrintable(error.errorString() + QLatin1Char('\n') + result.out));
        QVERIFY(document.isObject());
        const QJsonObject object = document.object();
        QCOMPARE(object.value(QStringLiteral("path")).toString(), dir);
        QVERIFY(object.value(QStringLiteral("datasets")).isArray());
        QVERIFY(object.value(QStringLiteral("datasets")).toArray().isEmpty());
    }

    void sampleWorkspaceListsIris()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("sample"));
        CliResult result = runCli({QStringLiteral("sample-workspace"), QStringLiteral("--no-runs"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QCOMPARE(result.outLines(), QStringList {dir});
        // --no-runs: the files, no runs.
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("examples/iris_logreg.json"))));
        QVERIFY(result.err.isEmpty());
        QVERIFY(listRuns(dir).isEmpty());

        result = runCli({QStringLiteral("workspace"), QStringLiteral("info"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QString iris = QDir(dir).filePath(QStringLiteral("datasets/iris.csv"));
        QVERIFY2(result.outLines().contains(iris), qPrintable(result.out));
        for (const QString &line : result.outLines())
            QVERIFY2(!line.endsWith(QStringLiteral(".txt")), qPrintable(line)); // licence notes are not datasets

        result = runCli({QStringLiteral("workspace"), QStringLiteral("info"), QStringLiteral("--json"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonArray datasets
            = QJsonDocument::fromJson(result.out.toUtf8()).object().value(QStringLiteral("datasets")).toArray();
        QVERIFY(datasets.contains(iris));

        // Running it again refreshes, it does not fail.
        QCOMPARE(runCli({QStringLiteral("sample-workspace"), QStringLiteral("--no-runs"), dir}).exitCode, 0);
    }

    // Without --no-runs, a workspace without runs gets the examples' runs, reported on
    // stderr as they end, each done, in the experiments the specs name; once it holds
    // runs, nothing runs again.
    void sampleWorkspaceRunsTheExamples()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("sample"));
        CliResult result = runCli({QStringLiteral("sample-workspace"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QCOMPARE(result.outLines(), QStringList {dir});
        QVERIFY2(result.err.contains(QStringLiteral("examples/wine_logreg_grid.json (experiment \"wine: "
                                                    "regularisation\"):")),
            qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("[12/12] run ")), qPrintable(result.err));

        const QJsonArray runs = listRuns(dir);
        QCOMPARE(runs.size(), 1 + 12 + 12);
        QMap<QString, int> perExperiment;
        for (const QJsonValue &value : runs) {
            const QJsonObject run = value.toObject();
            QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
            ++perExperiment[run.value(QStringLiteral("experiment")).toString()];
        }
        const QMap<QString, int> expected {{QStringLiteral("iris baselines"), 1},
            {QStringLiteral("wine: regularisation"), 12}, {QStringLiteral("breast cancer: forests"), 12}};
        QCOMPARE(perExperiment, expected);

        result = runCli({QStringLiteral("sample-workspace"), dir});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY2(
            result.err.startsWith(QStringLiteral("note: the workspace already holds runs")), qPrintable(result.err));
        QCOMPARE(listRuns(dir).size(), runs.size());
    }

    void profileJson()
    {
        const QString path = QStringLiteral(TANDEM_FIXTURES_DIR "/data/profile/mixed.csv");
        const CliResult result = runCli({QStringLiteral("profile"), QStringLiteral("--json"),
            QStringLiteral("--target"), QStringLiteral("y"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY(result.err.isEmpty());
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(object.value(QStringLiteral("file")).toString(), path);
        QCOMPARE(object.value(QStringLiteral("encoding")).toString(), QStringLiteral("UTF-8"));
        QCOMPARE(object.value(QStringLiteral("delimiter")).toString(), QStringLiteral(","));
        QCOMPARE(object.value(QStringLiteral("rows")).toInteger(), 60);
        QCOMPARE(object.value(QStringLiteral("target")).toString(), QStringLiteral("y"));
        QVERIFY(object.value(QStringLiteral("warnings")).toArray().isEmpty());

        // Reference values from pandas/numpy/scipy (the same file tst_profile checks in full).
        QHash<QString, QJsonObject> columns;
        for (const QJsonValue &column : object.value(QStringLiteral("columns")).toArray())
            columns.insert(column[QStringLiteral("name")].toString(), column.toObject());
        QCOMPARE(columns.size(), 13);
        const QJsonObject x = columns.value(QStringLiteral("x"));
        QCOMPARE(x.value(QStringLiteral("type")).toString(), QStringLiteral("numeric"));
        QCOMPARE(x.value(QStringLiteral("count")).toInteger(), 55);
        QCOMPARE(x.value(QStringLiteral("missing")).toInteger(), 5);
        QCOMPARE(x.value(QStringLiteral("distinct")).toInteger(), 48);
        QCOMPARE(x.value(QStringLiteral("distinct_estimated")).toBool(), false);
        QVERIFY(qAbs(x.value(QStringLiteral("mean")).toDouble() / 3.688781818181818 - 1) < 1e-12);
        QVERIFY(qAbs(x.value(QStringLiteral("std")).toDouble() / 10.273492991568713 - 1) < 1e-9);
        QCOMPARE(x.value(QStringLiteral("min")).toDouble(), -17.159);
        QCOMPARE(x.value(QStringLiteral("q25")).toDouble(), -3.66);
        QCOMPARE(x.value(QStringLiteral("median")).toDouble(), 4.25);
        QCOMPARE(x.value(QStringLiteral("q75")).toDouble(), 9.88);
        QCOMPARE(x.value(QStringLiteral("max")).toDouble(), 27.397);
        const QJsonObject histogram = x.value(QStringLiteral("histogram")).toObject();
        QCOMPARE(histogram.value(QStringLiteral("edges")).toArray().size(), 21);
        const QJsonArray counts = histogram.value(QStringLiteral("counts")).toArray();
        const QList<int> wantCounts {2, 0, 0, 3, 4, 5, 3, 5, 5, 11, 1, 2, 2, 3, 0, 2, 2, 2, 2, 1};
        QCOMPARE(counts.size(), wantCounts.size());
        for (qsizetype i = 0; i < counts.size(); ++i)
            QCOMPARE(counts.at(i).toInt(), wantCounts.at(i));
        const QJsonObject association = x.value(QStringLiteral("association")).toObject();
        QCOMPARE(association.value(QStringLiteral("measure")).toString(), QStringLiteral("pearson"));
        QCOMPARE(association.value(QStringLiteral("target")).toString(), QStringLiteral("y"));
        QVERIFY(qAbs(association.value(QStringLiteral("value")).toDouble() / 0.9836692831591967 - 1) < 1e-9);

        const QJsonObject cat = columns.value(QStringLiteral("cat"));
        QCOMPARE(cat.value(QStringLiteral("type")).toString(), QStringLiteral("categorical"));
        QVERIFY(cat.value(QStringLiteral("mean")).isNull());
        QVERIFY(cat.value(QStringLiteral("histogram")).isNull());
        const QJsonArray top = cat.value(QStringLiteral("top")).toArray();
        QCOMPARE(top.size(), 4);
        QCOMPARE(top.at(0)[QStringLiteral("value")].toString(), QStringLiteral("a"));
        QCOMPARE(top.at(0)[QStringLiteral("count")].toInt(), 21);
        QCOMPARE(cat.value(QStringLiteral("association"))[QStringLiteral("measure")].toString(),
            QStringLiteral("correlation_ratio"));

        const QJsonObject empty = columns.value(QStringLiteral("empty"));
        QCOMPARE(empty.value(QStringLiteral("missing")).toInteger(), 60);
        QVERIFY(empty.value(QStringLiteral("mean")).isNull()); // NaN is null
        QVERIFY(columns.value(QStringLiteral("y")).value(QStringLiteral("association")).isNull());
    }

    void profileTextPrintsEveryColumn()
    {
        const QString path = QStringLiteral(TANDEM_FIXTURES_DIR "/data/profile/mixed.csv");
        const CliResult result = runCli({QStringLiteral("profile"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY2(result.firstOutLine().startsWith(path + QStringLiteral(": 60 rows x 13 columns")),
            qPrintable(result.firstOutLine()));
        for (const char *line :
            {"2. x (numeric)", "  median        4.25", "  top           a (21), b (19), c (12), d (4)"})
            QVERIFY2(result.outLines().contains(QString::fromUtf8(line)), line);
    }

    void profileOptionsReachTheReader()
    {
        QTemporaryDir tmp;
        const QString path = writeFile(tmp, QStringLiteral("semi.txt"), "a;a\n1;x\n-;y\n3;\n");
        QVERIFY(!path.isEmpty());
        const CliResult result = runCli({QStringLiteral("profile"), QStringLiteral("--json"),
            QStringLiteral("--delimiter"), QStringLiteral(";"), QStringLiteral("--na"), QStringLiteral("-"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonObject object = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("delimiter")).toString(), QStringLiteral(";"));
        const QJsonArray columns = object.value(QStringLiteral("columns")).toArray();
        QCOMPARE(columns.size(), 2);
        QCOMPARE(columns.at(0)[QStringLiteral("type")].toString(), QStringLiteral("integer"));
        QCOMPARE(columns.at(0)[QStringLiteral("missing")].toInt(), 1); // "-" is missing
        QCOMPARE(columns.at(1)[QStringLiteral("missing")].toInt(), 1); // the empty cell stays missing
        // The duplicate name is a load warning, with its line and column.
        const QJsonArray warnings = object.value(QStringLiteral("warnings")).toArray();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.at(0)[QStringLiteral("line")].toInt(), 1);
        QCOMPARE(warnings.at(0)[QStringLiteral("column")].toInt(), 2);
        QVERIFY(!warnings.at(0)[QStringLiteral("message")].toString().isEmpty());
    }

    void profileReadsWhitespaceTablesAfterSkippedLines()
    {
        QTemporaryDir tmp;
        const QString path = writeFile(tmp, QStringLiteral("aligned.txt"), "3 2\nh  w\n1.5   60\n1.7   72\n1.8   80\n");
        QVERIFY(!path.isEmpty());
        const CliResult result
            = runCli({QStringLiteral("profile"), QStringLiteral("--json"), QStringLiteral("--delimiter"),
                QStringLiteral("whitespace"), QStringLiteral("--skip-lines"), QStringLiteral("1"), path});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonObject object = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(object.value(QStringLiteral("delimiter")).toString(), QStringLiteral("whitespace"));
        QCOMPARE(object.value(QStringLiteral("rows")).toInt(), 3);
        const QJsonArray columns = object.value(QStringLiteral("columns")).toArray();
        QCOMPARE(columns.size(), 2);
        QCOMPARE(columns.at(1)[QStringLiteral("max")].toDouble(), 80.0);
        const CliResult bad
            = runCli({QStringLiteral("profile"), QStringLiteral("--skip-lines"), QStringLiteral("-2"), path});
        QCOMPARE(bad.exitCode, 2);
    }

    void profileOfARaggedFileNamesTheLine()
    {
        QTemporaryDir tmp;
        const QString path = writeFile(tmp, QStringLiteral("ragged.csv"), "a,b\n1,2\n3,4\n5\n6,7\n");
        QVERIFY(!path.isEmpty());
        const CliResult result = runCli({QStringLiteral("profile"), path});
        QVERIFY2(result.exitCode == 1, qPrintable(describe(result)));
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.firstErrLine().startsWith(QStringLiteral("tandem-cli: error: ") + path + QStringLiteral(":4")),
            qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("line 4"), Qt::CaseInsensitive), qPrintable(result.err));
    }

    void sampleWorkspaceDefaultsToTheDataFolder()
    {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
        QTemporaryDir tmp;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), tmp.path());
        const CliResult result = runCli({QStringLiteral("sample-workspace"), QStringLiteral("--no-runs")}, environment);
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QString path = result.firstOutLine();
        QVERIFY2(path.startsWith(tmp.path() + QLatin1Char('/')), qPrintable(path));
        QVERIFY2(path.endsWith(QStringLiteral("/Sample workspace")), qPrintable(path));
        QVERIFY(QFileInfo::exists(QDir(path).filePath(QStringLiteral("datasets/iris.csv"))));
#else
        QSKIP("The default data folder is only redirected through XDG_DATA_HOME on Linux and BSD");
#endif
    }
    void trainIrisJson()
    {
        const QStringList arguments {QStringLiteral("train"), QStringLiteral("--data"), irisPath,
            QStringLiteral("--target"), QStringLiteral("species"), QStringLiteral("--model"), QStringLiteral("logreg"),
            QStringLiteral("--json")};
        const CliResult result = runCli(arguments);
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY(result.err.isEmpty());
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(json.value(QStringLiteral("model")).toString(), QStringLiteral("logreg"));
        const QJsonObject params = json.value(QStringLiteral("params")).toObject();
        QCOMPARE(params.value(QStringLiteral("C")).toDouble(), 1.0);
        QCOMPARE(params.value(QStringLiteral("penalty")).toString(), QStringLiteral("l2"));
        QCOMPARE(params.value(QStringLiteral("max_iter")).toInt(), 100);
        QVERIFY(params.value(QStringLiteral("fit_intercept")).isBool());
        const QJsonArray folds = json.value(QStringLiteral("folds")).toArray();
        QCOMPARE(folds.size(), 5);
        for (const QJsonValue fold : folds) {
            const double accuracy = fold.toObject().value(QStringLiteral("accuracy")).toDouble(-1.0);
            QVERIFY2(accuracy >= 0.0 && accuracy <= 1.0, qPrintable(QString::number(accuracy)));
        }
        const QJsonObject mean = json.value(QStringLiteral("mean")).toObject();
        const double accuracy = mean.value(QStringLiteral("accuracy")).toDouble(-1.0);
        QVERIFY2(accuracy >= 0.9 && accuracy <= 1.0, qPrintable(QString::number(accuracy)));
        for (const char *name : {"balanced_accuracy", "f1_macro", "roc_auc_ovr", "log_loss"})
            QVERIFY2(mean.value(QString::fromLatin1(name)).isDouble(), name);
        QCOMPARE(json.value(QStringLiteral("rows")).toInt(), 150);
        QCOMPARE(json.value(QStringLiteral("classes")).toArray().size(), 3);

        // The same command gives the same numbers (seed 0 by default).
        QCOMPARE(runCli(arguments).out, result.out);
    }

    void trainTextShowsFoldsAndMeans()
    {
        const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--data"), irisPath,
            QStringLiteral("--target"), QStringLiteral("species"), QStringLiteral("--model"), QStringLiteral("knn"),
            QStringLiteral("--param"), QStringLiteral("n_neighbors=7"), QStringLiteral("--cv"), QStringLiteral("3")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY2(result.firstOutLine().startsWith(QStringLiteral("knn (k-nearest neighbours) on iris.csv")),
            qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("n_neighbors=7")), qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("3-fold stratified cross-validation")), qPrintable(result.out));
        const QStringList lines = result.outLines();
        const auto accuracy = std::find_if(lines.cbegin(), lines.cend(),
            [](const QString &line) { return line.startsWith(QStringLiteral("accuracy ")); });
        QVERIFY2(accuracy != lines.cend(), qPrintable(result.out));
        QVERIFY2(accuracy->contains(QStringLiteral(" ± ")), qPrintable(*accuracy));
    }

    void trainRegressionJson()
    {
        const CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--data"),
            QStringLiteral(TANDEM_FIXTURES_DIR "/learn/diabetes.csv"), QStringLiteral("--target"),
            QStringLiteral("target"), QStringLiteral("--model"), QStringLiteral("ridge"), QStringLiteral("--param"),
            QStringLiteral("alpha=0.5"), QStringLiteral("--holdout"), QStringLiteral("0.2"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("params")).toObject().value(QStringLiteral("alpha")).toDouble(), 0.5);
        QCOMPARE(json.value(QStringLiteral("folds")).toArray().size(), 1);
        const QJsonObject mean = json.value(QStringLiteral("mean")).toObject();
        for (const char *name : {"rmse", "mae", "r2"})
            QVERIFY2(mean.value(QString::fromLatin1(name)).isDouble(), name);
        QVERIFY(mean.value(QStringLiteral("r2")).toDouble() > 0.3);
        QVERIFY(!json.contains(QStringLiteral("permutation_importance")));
    }

    void trainTreeModelsOnCategoriesAndMissingValues()
    {
        // The class is "red or x > 5"; a fifth of x is missing and missingness itself
        // says "class 1". Tree models take the category as codes, gbdt keeps the gaps.
        QByteArray csv = "x,color,noise,label\n";
        for (int i = 0; i < 400; ++i) {
            const char *color = i % 4 == 0 ? "red" : i % 4 == 1 ? "green" : i % 4 == 2 ? "blue" : "grey";
            const double x = (i * 37 % 100) / 10.0;
            const bool missing = i % 5 == 0;
            const bool positive = i % 4 == 0 || x > 5.0 || missing;
            csv += (missing ? QByteArray() : QByteArray::number(x)) + ',' + color + ','
                + QByteArray::number(i * 53 % 17) + ',' + (positive ? "yes" : "no") + '\n';
        }
        QTemporaryDir tmp;
        const QString path = writeFile(tmp, QStringLiteral("mixed.csv"), csv);
        for (const char *model : {"gbdt", "forest", "extratrees", "tree", "mlp"}) {
            QStringList arguments {QStringLiteral("train"), QStringLiteral("--data"), path, QStringLiteral("--target"),
                QStringLiteral("label"), QStringLiteral("--model"), QString::fromLatin1(model),
                QStringLiteral("--json")};
            if (QLatin1String(model) == QLatin1String("gbdt"))
                arguments << QStringLiteral("--param") << QStringLiteral("min_samples_leaf=5");
            const CliResult result = runCli(arguments);
            QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
            const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
            const double accuracy
                = json.value(QStringLiteral("mean")).toObject().value(QStringLiteral("accuracy")).toDouble();
            QVERIFY2(accuracy > 0.9, qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(model)).arg(accuracy)));
            // Trees say which input mattered; the network has no impurity importances.
            const QJsonArray impurity = json.value(QStringLiteral("impurity_importance")).toArray();
            if (QLatin1String(model) == QLatin1String("mlp")) {
                QVERIFY(impurity.isEmpty());
                QCOMPARE(json.value(QStringLiteral("scale")).toString(), QStringLiteral("standard"));
            } else {
                QCOMPARE(impurity.size(), 3);
                QVERIFY(
                    impurity.first().toObject().value(QStringLiteral("feature")).toString() != QStringLiteral("noise"));
                QCOMPARE(json.value(QStringLiteral("scale")).toString(), QStringLiteral("none"));
            }
        }
        const CliResult bad = runCli({QStringLiteral("train"), QStringLiteral("--data"), path,
            QStringLiteral("--target"), QStringLiteral("label"), QStringLiteral("--model"), QStringLiteral("forest"),
            QStringLiteral("--param"), QStringLiteral("max_features=cube")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("max_features")), qPrintable(bad.err));
    }

    void trainPermutationImportance()
    {
        const CliResult result
            = runCli({QStringLiteral("train"), QStringLiteral("--data"), irisPath, QStringLiteral("--target"),
                QStringLiteral("species"), QStringLiteral("--model"), QStringLiteral("logreg"), QStringLiteral("--cv"),
                QStringLiteral("3"), QStringLiteral("--importance"), QStringLiteral("3"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonArray importance = QJsonDocument::fromJson(result.out.toUtf8())
                                          .object()
                                          .value(QStringLiteral("permutation_importance"))
                                          .toArray();
        QCOMPARE(importance.size(), 4);
        // Largest first; on iris the petal measurements carry the classes.
        QVERIFY(importance.first()
                    .toObject()
                    .value(QStringLiteral("feature"))
                    .toString()
                    .startsWith(QStringLiteral("petal")));
        for (qsizetype i = 1; i < importance.size(); ++i)
            QVERIFY(importance.at(i - 1).toObject().value(QStringLiteral("mean")).toDouble()
                >= importance.at(i).toObject().value(QStringLiteral("mean")).toDouble());

        const CliResult text = runCli({QStringLiteral("train"), QStringLiteral("--data"), irisPath,
            QStringLiteral("--target"), QStringLiteral("species"), QStringLiteral("--model"), QStringLiteral("logreg"),
            QStringLiteral("--importance"), QStringLiteral("2")});
        QVERIFY2(text.out.contains(QStringLiteral("permutation importance (drop in accuracy")), qPrintable(text.out));
        const CliResult bad = runCli({QStringLiteral("train"), QStringLiteral("--data"), irisPath,
            QStringLiteral("--target"), QStringLiteral("species"), QStringLiteral("--model"), QStringLiteral("logreg"),
            QStringLiteral("--importance"), QStringLiteral("0")});
        QCOMPARE(bad.exitCode, 2);
    }

    void trainErrors_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("firstErr");
        const auto args = [](std::initializer_list<const char *> list) {
            QStringList result;
            for (const char *arg : list)
                result << QString::fromUtf8(arg);
            return result;
        };
        const QString iris = QStringLiteral("tandem-cli: error: {iris}: ");
        QTest::newRow("unknown model")
            << args({"--target", "species", "--model", "svm"}) << 1
            << QStringLiteral("tandem-cli: error: unknown model svm (known: linreg, ridge, lasso, elasticnet, logreg, "
                              "gnb, cnb, knn, knn_reg, tree, tree_reg, forest, forest_reg, extratrees, extratrees_reg, "
                              "gbdt, gbdt_reg, mlp, mlp_reg)");
        QTest::newRow("unknown parameter")
            << args({"--target", "species", "--model", "logreg", "--param", "gamma=1"}) << 1
            << QStringLiteral("tandem-cli: error: unknown parameter gamma (this model takes: C, penalty, "
                              "fit_intercept, max_iter, tol, class_weight)");
        QTest::newRow("out of range") << args({"--target", "species", "--model", "logreg", "--param", "C=-1"}) << 1
                                      << QStringLiteral("tandem-cli: error: C must be > 0, got -1");
        QTest::newRow("not an integer") << args({"--target", "species", "--model", "knn", "--param", "n_neighbors=2.5"})
                                        << 1
                                        << QStringLiteral("tandem-cli: error: n_neighbors must be an integer, got 2.5");
        QTest::newRow("target not found") << args({"--target", "kind", "--model", "gnb"}) << 1
                                          << iris
                + QStringLiteral("target column kind not found (the columns are: sepal_length, sepal_width, "
                                 "petal_length, petal_width, species)");
        QTest::newRow("regression on a text target")
            << args({"--target", "species", "--model", "ridge"}) << 1
            << iris + QStringLiteral("target species is categorical; regression needs a numeric target");
        QTest::newRow("classifier on a continuous target")
            << args({"--target", "sepal_length", "--model", "logreg"}) << 1
            << iris
                + QStringLiteral("target sepal_length is continuous (35 distinct values, such as 4.3): choose a "
                                 "regression model, or make the target categorical");
        QTest::newRow("missing model") << args({"--target", "species"}) << 2
                                       << QStringLiteral("tandem-cli train: missing option --model");
        QTest::newRow("cv and holdout") << args({"--target", "species", "--model", "gnb", "--cv", "3", "--holdout",
            "0.2"}) << 2 << QStringLiteral("tandem-cli train: --cv and --holdout exclude each other");
        QTest::newRow("bad cv") << args({"--target", "species", "--model", "gnb", "--cv", "1"}) << 2
                                << QStringLiteral("tandem-cli train: invalid --cv '1': expected a whole number of "
                                                  "folds >= 2");
    }

    void trainErrors()
    {
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        QFETCH(QString, firstErr);
        const CliResult result
            = runCli(QStringList {QStringLiteral("train"), QStringLiteral("--data"), irisPath} + options);
        QVERIFY2(result.exitCode == exitCode, qPrintable(describe(result)));
        QVERIFY(result.out.isEmpty());
        QCOMPARE(result.firstErrLine(), QString(firstErr).replace(QStringLiteral("{iris}"), irisPath));
    }

    void trainOnAnUnreadableFileNamesTheLine()
    {
        QTemporaryDir tmp;
        const QString missing = tmp.filePath(QStringLiteral("nowhere.csv"));
        CliResult result = runCli({QStringLiteral("train"), QStringLiteral("--data"), missing,
            QStringLiteral("--target"), QStringLiteral("c"), QStringLiteral("--model"), QStringLiteral("ridge")});
        QVERIFY2(result.exitCode == 1, qPrintable(describe(result)));
        QCOMPARE(result.firstErrLine(),
            QStringLiteral("tandem-cli: error: ") + missing
                + QStringLiteral(": Cannot open the file: No such file or "
                                 "directory"));

        const QString ragged = writeFile(tmp, QStringLiteral("ragged.csv"), "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        result = runCli({QStringLiteral("train"), QStringLiteral("--data"), ragged, QStringLiteral("--target"),
            QStringLiteral("c"), QStringLiteral("--model"), QStringLiteral("ridge")});
        QVERIFY2(result.exitCode == 1, qPrintable(describe(result)));
        QVERIFY2(
            result.firstErrLine().startsWith(QStringLiteral("tandem-cli: error: ") + ragged + QStringLiteral(":3")),
            qPrintable(result.err));
    }

    // The single-run example runs as it is; --json has the run's id, status, model,
    // params and mean metrics, and the run is stored with its folds and predictions.
    void runExampleJson()
    {
        QTemporaryDir tmp;
        const QString workspace = tmp.filePath(QStringLiteral("ws"));
        const CliResult result = runCli({QStringLiteral("run"), examplesDir + QStringLiteral("/iris_logreg.json"),
            QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonObject run = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(run.value(QStringLiteral("id")).toInteger(), 1);
        QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QCOMPARE(run.value(QStringLiteral("model")).toString(), QStringLiteral("logreg"));
        QCOMPARE(run.value(QStringLiteral("experiment")).toString(), QStringLiteral("iris baselines"));
        QCOMPARE(run.value(QStringLiteral("params")).toObject().value(QStringLiteral("C")).toDouble(), 1.0);
        QCOMPARE(run.value(QStringLiteral("params")).toObject().value(QStringLiteral("max_iter")).toInt(), 200);
        const double accuracy
            = run.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("accuracy")).toDouble();
        QVERIFY2(accuracy > 0.9 && accuracy <= 1.0, qPrintable(result.out));

        const CliResult shown = runCli({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("1"),
            QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        QVERIFY2(shown.exitCode == 0, qPrintable(describe(shown)));
        const QJsonObject details = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("folds")).toArray().size(), 5);
        QVERIFY(!details.value(QStringLiteral("steps")).toArray().isEmpty());
        QCOMPARE(
            details.value(QStringLiteral("artifacts")).toArray(), QJsonArray {QStringLiteral("oof_predictions.csv")});
        const QString storedPath = details.value(QStringLiteral("spec"))
                                       .toObject()
                                       .value(QStringLiteral("dataset"))
                                       .toObject()
                                       .value(QStringLiteral("path"))
                                       .toString();
        QCOMPARE(storedPath, QFileInfo(irisPath).canonicalFilePath());
        QFile predictions(
            details.value(QStringLiteral("artifacts_dir")).toString() + QStringLiteral("/oof_predictions.csv"));
        QVERIFY(predictions.open(QIODevice::ReadOnly));
        QCOMPARE(predictions.readAll().count('\n'), 151);

        const CliResult text = runCli({QStringLiteral("run"), examplesDir + QStringLiteral("/iris_logreg.json"),
            QStringLiteral("--workspace"), workspace});
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        QCOMPARE(text.firstOutLine(), QStringLiteral("run 2 done: iris logistic regression"));
        QVERIFY2(text.out.contains(QStringLiteral("accuracy")), qPrintable(text.out));
    }

    // A run cancelled after two folds shows their scores and no mean: neither fold's
    // score, nor a mean over some of the folds, is the run's.
    void stoppedRunShowsItsFoldsWithoutAMean()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("ws"));
        {
            auto workspace = Tandem::Store::Workspace::create(dir);
            QVERIFY2(workspace.ok(), qPrintable(workspace.error().toString()));
            Tandem::Store::ExperimentStore &store = workspace.value()->store();
            const qint64 id = store.addRun({}).value();
            QVERIFY(store
                        .appendMetrics(
                            id, {{QStringLiteral("accuracy"), 0.9, 0, {}}, {QStringLiteral("accuracy"), 0.8, 1, {}}})
                        .ok());
            QVERIFY(store.finishRun(id, Tandem::Store::RunStatus::Cancelled).ok());
        }
        const CliResult shown = runCli(
            {QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--workspace"), dir});
        QVERIFY2(shown.exitCode == 0, qPrintable(describe(shown)));
        QVERIFY2(shown.outLines().contains(QStringLiteral("  accuracy               0.9000   0.8000")),
            qPrintable(shown.out));
        const CliResult listed = runCli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--workspace"),
            dir, QStringLiteral("--json")});
        QVERIFY2(listed.exitCode == 0, qPrintable(describe(listed)));
        const QJsonObject run = QJsonDocument::fromJson(listed.out.toUtf8()).array().at(0).toObject();
        QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        QVERIFY2(run.value(QStringLiteral("metrics")).toObject().isEmpty(), qPrintable(listed.out));
    }

    // --data replaces the spec's data file; the stored spec names the file used.
    void runDataOverride()
    {
        QTemporaryDir tmp;
        const QString copy = tmp.filePath(QStringLiteral("flowers.csv"));
        QVERIFY(QFile::copy(irisPath, copy));
        const QString workspace = tmp.filePath(QStringLiteral("ws"));
        const CliResult result = runCli({QStringLiteral("run"), examplesDir + QStringLiteral("/iris_logreg.json"),
            QStringLiteral("--workspace"), workspace, QStringLiteral("--data"), copy, QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const CliResult shown = runCli({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("1"),
            QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        QVERIFY2(shown.out.contains(copy), qPrintable(shown.out));
    }

    // The grid example: 12 runs of one experiment, progress on stderr, a table best
    // first; runs list --json has every field scripts need, and the numbers do not
    // depend on --parallel.
    void sweepExampleAndRunsList()
    {
        QTemporaryDir tmp;
        const QString spec = examplesDir + QStringLiteral("/wine_logreg_grid.json");
        QMap<QString, QJsonObject> metricsByParallel[2];
        for (const int parallel : {1, 3}) {
            const QString workspace = tmp.filePath(QStringLiteral("ws%1").arg(parallel));
            const CliResult result = runCli({QStringLiteral("sweep"), spec, QStringLiteral("--workspace"), workspace,
                QStringLiteral("--parallel"), QString::number(parallel)});
            QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
            QVERIFY2(result.err.contains(QStringLiteral("[12/12] run ")), qPrintable(result.err));
            const QStringList table = result.outLines();
            QCOMPARE(table.size(), 13);
            QVERIFY2(table.first().contains(QStringLiteral("accuracy")), qPrintable(result.out));
            double previous = 2.0;
            for (qsizetype i = 1; i < table.size(); ++i) {
                const double accuracy = table.at(i)
                                            .section(QLatin1Char(' '), 0, -1, QString::SectionSkipEmpty)
                                            .split(QLatin1Char(' '), Qt::SkipEmptyParts)
                                            .at(2)
                                            .toDouble();
                QVERIFY2(accuracy <= previous, qPrintable(result.out));
                previous = accuracy;
            }

            const QJsonArray runs = listRuns(workspace);
            QCOMPARE(runs.size(), 12);
            for (const QJsonValue &value : runs) {
                const QJsonObject run = value.toObject();
                for (const char *key : {"id", "status", "model", "params", "metrics"})
                    QVERIFY2(run.contains(QLatin1String(key)), key);
                QVERIFY(run.value(QStringLiteral("id")).isDouble());
                QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
                QCOMPARE(run.value(QStringLiteral("model")).toString(), QStringLiteral("logreg"));
                QCOMPARE(run.value(QStringLiteral("experiment")).toString(), QStringLiteral("wine: regularisation"));
                QVERIFY(run.value(QStringLiteral("params")).toObject().contains(QStringLiteral("penalty")));
                metricsByParallel[parallel == 1 ? 0 : 1].insert(
                    run.value(QStringLiteral("name")).toString(), run.value(QStringLiteral("metrics")).toObject());
            }
        }
        QCOMPARE(metricsByParallel[0].size(), 12);
        QCOMPARE(metricsByParallel[0], metricsByParallel[1]);

        const QString workspace = tmp.filePath(QStringLiteral("ws1"));
        const CliResult csv = runCli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--workspace"),
            workspace, QStringLiteral("--csv")});
        QVERIFY2(csv.exitCode == 0, qPrintable(describe(csv)));
        QCOMPARE(csv.outLines().size(), 13);
        QVERIFY2(csv.firstOutLine().contains(QStringLiteral("param.C")), qPrintable(csv.firstOutLine()));
        QVERIFY2(csv.firstOutLine().contains(QStringLiteral("metric.accuracy")), qPrintable(csv.firstOutLine()));
        const CliResult exported = runCli({QStringLiteral("runs"), QStringLiteral("export"),
            QStringLiteral("--workspace"), workspace, QStringLiteral("--csv")});
        QVERIFY2(exported.exitCode == 0, qPrintable(describe(exported)));
        QCOMPARE(exported.firstOutLine(), QStringLiteral("run_id,experiment,name,model,status,metric,fold,step,value"));
        QVERIFY(exported.outLines().size() > 12 * 6 * 10);
        const CliResult all
            = runCli({QStringLiteral("runs"), QStringLiteral("export"), QStringLiteral("--workspace"), workspace});
        QCOMPARE(QJsonDocument::fromJson(all.out.toUtf8()).array().size(), 12);
        const CliResult table
            = runCli({QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--workspace"), workspace});
        QCOMPARE(table.outLines().size(), 13);
    }

    // The random-search example runs as it is, with successive halving: most
    // configurations stop early, tagged, and at least one has every fold.
    void sweepRandomExample()
    {
        QTemporaryDir tmp;
        const QString workspace = tmp.filePath(QStringLiteral("ws"));
        const CliResult result
            = runCli({QStringLiteral("sweep"), examplesDir + QStringLiteral("/breast_cancer_forest_random.json"),
                QStringLiteral("--workspace"), workspace});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        QVERIFY2(result.err.contains(QStringLiteral("[12/12] run ")), qPrintable(result.err));
        const QJsonArray runs = listRuns(workspace);
        QCOMPARE(runs.size(), 12);
        int stopped = 0;
        for (const QJsonValue &run : runs) {
            QCOMPARE(run.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("done"));
            stopped += run.toObject()
                           .value(QStringLiteral("tags"))
                           .toArray()
                           .contains(QJsonValue(QStringLiteral("halving-stopped")))
                ? 1
                : 0;
        }
        QVERIFY2(stopped >= 8 && stopped < 12, qPrintable(QString::number(stopped)));
    }

    // A spec that is not valid names the field and exits 1 before anything is recorded.
    void badSpecNamesTheField_data()
    {
        QTest::addColumn<QByteArray>("evaluation");
        QTest::addColumn<QString>("field");
        QTest::newRow("folds") << QByteArray("{\"method\": \"kfold\", \"folds\": 1}")
                               << QStringLiteral("evaluation.folds must be an integer >= 2, got 1");
        QTest::newRow("unknown key") << QByteArray("{\"method\": \"kfold\", \"fold\": 3}")
                                     << QStringLiteral("evaluation.fold");
    }

    void badSpecNamesTheField()
    {
        QFETCH(QByteArray, evaluation);
        QFETCH(QString, field);
        QTemporaryDir tmp;
        const QByteArray text = "{\"dataset\": {\"path\": \"" + irisPath.toUtf8()
            + "\"}, \"target\": \"species\", \"model\": {\"id\": \"logreg\"}, \"evaluation\": " + evaluation + "}";
        const QString spec = writeFile(tmp, QStringLiteral("bad.json"), text);
        QVERIFY(!spec.isEmpty());
        const QString workspace = tmp.filePath(QStringLiteral("ws"));
        for (const char *command : {"run", "sweep"}) {
            const CliResult result
                = runCli({QString::fromLatin1(command), spec, QStringLiteral("--workspace"), workspace});
            QVERIFY2(result.exitCode == 1, qPrintable(describe(result)));
            QVERIFY(result.out.isEmpty());
            QVERIFY2(
                result.firstErrLine().startsWith(QStringLiteral("tandem-cli: error: ") + spec), qPrintable(result.err));
            QVERIFY2(result.firstErrLine().contains(field), qPrintable(result.err));
        }
        QVERIFY(!QFileInfo::exists(workspace));
    }

    // run refuses a spec with a sweep (that is sweep's job); runs show refuses an unknown id.
    void runRefusesASweepAndShowAnUnknownRun()
    {
        QTemporaryDir tmp;
        const QString workspace = tmp.filePath(QStringLiteral("ws"));
        const QString spec = examplesDir + QStringLiteral("/wine_logreg_grid.json");
        const CliResult result = runCli({QStringLiteral("run"), spec, QStringLiteral("--workspace"), workspace});
        QVERIFY2(result.exitCode == 1, qPrintable(describe(result)));
        QVERIFY2(result.firstErrLine().contains(QStringLiteral("tandem-cli sweep")), qPrintable(result.err));
        QVERIFY(runCli({QStringLiteral("workspace"), QStringLiteral("init"), workspace}).exitCode == 0);
        const CliResult shown = runCli({QStringLiteral("runs"), QStringLiteral("show"), QStringLiteral("7"),
            QStringLiteral("--workspace"), workspace});
        QVERIFY2(shown.exitCode == 1, qPrintable(describe(shown)));
        QVERIFY2(shown.firstErrLine().contains(QStringLiteral("7")), qPrintable(shown.err));
        QCOMPARE(listRuns(workspace), QJsonArray());
    }

    void helpTrainListsTheModelsAndTheirParameters()
    {
        const CliResult result = runCli({QStringLiteral("help"), QStringLiteral("train")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.firstOutLine().startsWith(QStringLiteral("Usage: tandem-cli train --data FILE")));
        for (const char *model : {"linreg", "ridge", "lasso", "elasticnet", "logreg", "gnb", "cnb", "knn", "knn_reg"})
            QVERIFY2(result.out.contains(QStringLiteral("\n  %1  ").arg(QString::fromLatin1(model))), model);
        for (const char *param : {"C", "l1_ratio", "n_neighbors", "var_smoothing", "min_categories"})
            QVERIFY2(result.out.contains(QStringLiteral("\n      %1 ").arg(QString::fromLatin1(param))), param);
    }
    // compare: two runs on the same folds get the corrected t-test, a run on other
    // folds gets the reason instead; --json has the shape scripts read.
    void compareRunsJsonAndText()
    {
        QTemporaryDir tmp;
        const QString workspace = tmp.filePath(QStringLiteral("ws"));
        const auto spec = [&](const char *model, int seed) {
            return writeFile(tmp, QStringLiteral("%1-%2.json").arg(QString::fromLatin1(model)).arg(seed),
                "{\"dataset\": {\"path\": \"" + irisPath.toUtf8()
                    + "\"}, \"target\": \"species\", \"model\": {\"id\": \"" + QByteArray(model)
                    + "\"}, \"evaluation\": {\"method\": \"kfold\", \"folds\": 5, \"seed\": " + QByteArray::number(seed)
                    + "}}");
        };
        for (const QString &file : {spec("logreg", 42), spec("knn", 42), spec("gnb", 7)}) {
            const CliResult ran = runCli({QStringLiteral("run"), file, QStringLiteral("--workspace"), workspace});
            QVERIFY2(ran.exitCode == 0, qPrintable(describe(ran)));
        }

        const CliResult result = runCli({QStringLiteral("compare"), QStringLiteral("1"), QStringLiteral("2"),
            QStringLiteral("3"), QStringLiteral("--workspace"), workspace, QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(describe(result)));
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("metric")).toString(), QStringLiteral("accuracy"));
        QCOMPARE(json.value(QStringLiteral("greater_is_better")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("alpha")).toDouble(), 0.05);
        const QJsonArray runs = json.value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 3);
        QList<double> means;
        for (const QJsonValue &value : runs) {
            const QJsonObject run = value.toObject();
            QVERIFY(run.value(QStringLiteral("id")).isDouble());
            QVERIFY(!run.value(QStringLiteral("model")).toString().isEmpty());
            const QJsonObject accuracy
                = run.value(QStringLiteral("summaries")).toObject().value(QStringLiteral("accuracy")).toObject();
            const double mean = accuracy.value(QStringLiteral("mean")).toDouble();
            const QJsonArray ci = accuracy.value(QStringLiteral("ci")).toArray();
            QCOMPARE(ci.size(), 2);
            QVERIFY2(ci[0].toDouble() < mean && mean < ci[1].toDouble(), qPrintable(result.out));
            QVERIFY(accuracy.value(QStringLiteral("std")).toDouble() > 0.0);
            QCOMPARE(accuracy.value(QStringLiteral("folds")).toInt(), 5);
            means.append(mean);
        }
        QCOMPARE(runs[1].toObject().value(QStringLiteral("model")).toString(), QStringLiteral("knn"));
        const QJsonArray pairs = json.value(QStringLiteral("pairs")).toArray();
        QCOMPARE(pairs.size(), 3);
        const QJsonObject shared = pairs[0].toObject();
        QCOMPARE(shared.value(QStringLiteral("a")).toInt(), 1);
        QCOMPARE(shared.value(QStringLiteral("b")).toInt(), 2);
        QCOMPARE(shared.value(QStringLiteral("test")).toString(), QStringLiteral("corrected_t"));
        const double p = shared.value(QStringLiteral("p_value")).toDouble();
        QVERIFY2(p > 0.0 && p <= 1.0, qPrintable(result.out));
        QVERIFY(std::abs(shared.value(QStringLiteral("mean_diff")).toDouble() - (means[0] - means[1])) < 1e-12);
        QCOMPARE(shared.value(QStringLiteral("paired_folds")).toInt(), 5);
        QVERIFY(shared.value(QStringLiteral("mcnemar")).toObject().contains(QStringLiteral("p_value")));
        QVERIFY(!shared.contains(QStringLiteral("reason")));
        for (const int apart : {1, 2}) {
            const QJsonObject pair = pairs[apart].toObject();
            QCOMPARE(pair.value(QStringLiteral("b")).toInt(), 3);
            QVERIFY(pair.value(QStringLiteral("test")).isNull());
            QVERIFY(pair.value(QStringLiteral("p_value")).isNull());
            QCOMPARE(pair.value(QStringLiteral("reason")).toString(), QStringLiteral("different seeds (42 vs 7)"));
            QCOMPARE(pair.value(QStringLiteral("outcome")).toString(), QStringLiteral("not compared"));
        }
        QCOMPARE(json.value(QStringLiteral("win_tie_loss")).toArray().size(), 3);

        const CliResult loss = runCli({QStringLiteral("compare"), QStringLiteral("1"), QStringLiteral("2"),
            QStringLiteral("--workspace"), workspace, QStringLiteral("--metric"), QStringLiteral("log_loss"),
            QStringLiteral("--alpha"), QStringLiteral("0.1"), QStringLiteral("--json")});
        QVERIFY2(loss.exitCode == 0, qPrintable(describe(loss)));
        const QJsonObject lossJson = QJsonDocument::fromJson(loss.out.toUtf8()).object();
        QCOMPARE(lossJson.value(QStringLiteral("greater_is_better")).toBool(), false);
        QCOMPARE(lossJson.value(QStringLiteral("alpha")).toDouble(), 0.1);
        QCOMPARE(lossJson.value(QStringLiteral("pairs")).toArray().size(), 1);

        const CliResult text = runCli({QStringLiteral("compare"), QStringLiteral("1"), QStringLiteral("2"),
            QStringLiteral("3"), QStringLiteral("--workspace"), workspace});
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        QCOMPARE(text.firstOutLine(), QStringLiteral("3 runs on accuracy (higher is better); * marks the best"));
        QVERIFY2(text.out.contains(QStringLiteral("corrected t-test")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("not compared: different seeds (42 vs 7)")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("log_loss")), qPrintable(text.out));
    }

    void compareErrors()
    {
        QTemporaryDir tmp;
        const QString workspace = tmp.filePath(QStringLiteral("ws"));
        for (int i = 0; i < 2; ++i) {
            const CliResult ran = runCli({QStringLiteral("run"), examplesDir + QStringLiteral("/iris_logreg.json"),
                QStringLiteral("--workspace"), workspace});
            QVERIFY2(ran.exitCode == 0, qPrintable(describe(ran)));
        }
        struct Case {
            QStringList arguments;
            int exitCode;
            QString firstErr;
        };
        const QString ws = QStringLiteral("--workspace");
        const QString one = QStringLiteral("1");
        const QString two = QStringLiteral("2");
        const QList<Case> cases {
            {{}, 2, QStringLiteral("tandem-cli compare: missing argument RUN_ID")},
            {{one, ws, workspace}, 2, QStringLiteral("tandem-cli compare: compare needs at least two runs, got 1")},
            {{one, QStringLiteral("x"), ws, workspace}, 2, QStringLiteral("tandem-cli compare: invalid run id 'x'")},
            {{one, two}, 2, QStringLiteral("tandem-cli compare: missing option --workspace")},
            {{one, two, ws, workspace, QStringLiteral("--alpha"), QStringLiteral("2")}, 2,
                QStringLiteral("tandem-cli compare: invalid --alpha '2': expected a number between 0 and 1")},
            {{one, two, ws, workspace, QStringLiteral("--metric"), QStringLiteral("bogus")}, 1,
                QStringLiteral("tandem-cli: error: unknown metric 'bogus': the runs have accuracy, "
                               "balanced_accuracy, f1_macro, f1_micro, f1_weighted, precision_macro, recall_macro, "
                               "roc_auc_ovr, log_loss, brier_score")},
            {{one, one, ws, workspace}, 1, QStringLiteral("tandem-cli: error: run 1 is given twice")},
        };
        for (const Case &c : cases) {
            const CliResult result = runCli(QStringList {QStringLiteral("compare")} + c.arguments);
            QVERIFY2(result.exitCode == c.exitCode, qPrintable(describe(result)));
            QVERIFY(result.out.isEmpty());
            QCOMPARE(result.firstErrLine(), c.firstErr);
        }
        const CliResult unknown = runCli({QStringLiteral("compare"), one, QStringLiteral("99"), ws, workspace});
        QVERIFY2(unknown.exitCode == 1, qPrintable(describe(unknown)));
        QVERIFY2(unknown.firstErrLine().startsWith(QStringLiteral("tandem-cli: error: ")), qPrintable(unknown.err));
        QVERIFY2(
            unknown.firstErrLine().contains(QStringLiteral("run 99: there is no such run")), qPrintable(unknown.err));
        const CliResult help = runCli({QStringLiteral("help"), QStringLiteral("compare")});
        QCOMPARE(help.firstOutLine(),
            QStringLiteral("Usage: tandem-cli compare RUN_ID... --workspace DIR [--metric M] [--alpha A] [--json]"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
