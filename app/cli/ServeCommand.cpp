// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ServeCommand.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitCode.h"
#include "app/cli/InterruptSignal.h"
#include "app/cli/ScoringServer.h"
#include "core/bundle/Bundle.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QLocale>

#include <memory>

namespace Tandem::Cli {
namespace {

const QString hostOption = QStringLiteral("host");
const QString portOption = QStringLiteral("port");
const QString maxBodyOption = QStringLiteral("max-body-mb");

constexpr int maxBodyMbLimit = 4096;

/// "127.0.0.1", "[::1]": the host part of a URL.
QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
}

} // namespace

QStringList ServeCommand::synopsis() const
{
    return {QStringLiteral("serve BUNDLE [--host ADDRESS] [--port N] [--max-body-mb N]")};
}

QString ServeCommand::details() const
{
    return QStringLiteral(
        "Serves the predictions of the model bundle BUNDLE (made by 'tandem-cli export') over HTTP,\n"
        "with the protocol of MLflow's scoring server, until Ctrl-C or SIGTERM (then it exits 0):\n"
        "\n"
        "  POST /invocations   score rows: JSON (Content-Type: application/json) as one of\n"
        "                        {\"dataframe_split\": {\"columns\": [...], \"data\": [[...], ...]}}\n"
        "                        {\"dataframe_records\": [{\"column\": value, ...}, ...]}\n"
        "                        {\"instances\": [...]}  or  {\"inputs\": ...}\n"
        "                      or CSV with a header (Content-Type: text/csv).\n"
        "                      Answers {\"predictions\": [...]}, one per row. ?proba=1 (or\n"
        "                      \"params\": {\"proba\": true}) adds the probability of every class;\n"
        "                      ?allow_unknown_categories=1 scores categories the model never saw.\n"
        "  GET /health         {\"status\": \"ok\"} (also GET /ping)\n"
        "  GET /metadata       the bundle's schema, classes, run spec, fingerprint, metrics, versions\n"
        "\n"
        "A request that does not fit the model's schema gets 400 with a JSON error naming the\n"
        "column and the record (or line); other content types 415; unknown paths 404; a known\n"
        "path with the wrong method 405; a body over --max-body-mb (default 64) 413, refused as\n"
        "soon as its headers arrive. Predictions equal those of 'tandem-cli predict', bit for bit.\n"
        "\n"
        "It listens on 127.0.0.1 (this machine only) unless --host says otherwise (0.0.0.0 or ::\n"
        "for every interface: there is no authentication or TLS), on --port (default 8080;\n"
        "0 picks a free one). The URL is printed on stdout once it listens; one line per request\n"
        "(method, path, status, milliseconds) goes to stderr.\n");
}

void ServeCommand::configure(QCommandLineParser &parser) const
{
    parser.addOption(QCommandLineOption(QStringList {hostOption},
        QStringLiteral("Address to listen on (default 127.0.0.1; localhost, 0.0.0.0, ::1, ::)."),
        QStringLiteral("ADDRESS")));
    parser.addOption(QCommandLineOption(QStringList {portOption},
        QStringLiteral("Port to listen on (default %1; 0 picks a free one).").arg(defaultPort), QStringLiteral("N")));
    parser.addOption(QCommandLineOption(QStringList {maxBodyOption},
        QStringLiteral("Largest request body accepted, in MiB (default %1).").arg(defaultMaxBodyMb),
        QStringLiteral("N")));
    parser.addPositionalArgument(QStringLiteral("BUNDLE"), QStringLiteral("The model bundle (.tandem)."));
}

int ServeCommand::run(const QCommandLineParser &parser, CliOutput &output)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        return output.usageError(QStringLiteral("missing argument BUNDLE"));
    if (arguments.size() > 1)
        return output.usageError(QStringLiteral("unexpected argument '%1'").arg(arguments.at(1)));

    QHostAddress address(QHostAddress::LocalHost);
    if (parser.isSet(hostOption)) {
        const QString host = parser.value(hostOption).trimmed();
        if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0 && !address.setAddress(host))
            return output.usageError(
                QStringLiteral("invalid --host '%1': expected an IP address such as 127.0.0.1, 0.0.0.0 or ::1, "
                               "or localhost")
                    .arg(parser.value(hostOption)));
    }
    quint16 port = defaultPort;
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint value = QLocale::c().toUInt(parser.value(portOption), &ok);
        if (!ok || value > 65535)
            return output.usageError(QStringLiteral("invalid --port '%1': expected a whole number in 0..65535")
                                         .arg(parser.value(portOption)));
        port = quint16(value);
    }
    int maxBodyMb = defaultMaxBodyMb;
    if (parser.isSet(maxBodyOption)) {
        bool ok = false;
        maxBodyMb = QLocale::c().toInt(parser.value(maxBodyOption), &ok);
        if (!ok || maxBodyMb < 1 || maxBodyMb > maxBodyMbLimit)
            return output.usageError(QStringLiteral("invalid --max-body-mb '%1': expected a whole number in 1..%2")
                                         .arg(parser.value(maxBodyOption))
                                         .arg(maxBodyMbLimit));
    }

    auto loaded = Bundle::Bundle::load(arguments.at(0));
    if (!loaded.ok())
        return output.failure(loaded.error());
    auto bundle = std::make_shared<const Bundle::Bundle>(std::move(loaded).value());
    const Bundle::BundleManifest &manifest = bundle->manifest();
    const QString bundleFile = QFileInfo(arguments.at(0)).fileName();

    ScoringServer server(bundle, bundleFile, qint64(maxBodyMb) * 1024 * 1024, output.err());
    const auto listening = server.listen(address, port);
    if (!listening.ok())
        return output.failure(listening.error());

    // Interrupts are caught from here on: a stop closes the server and exits 0.
    InterruptSignal interrupt;
    output.out() << QStringLiteral("Serving %1 (%2, %3) on http://%4:%5\n")
                        .arg(bundleFile, manifest.modelName, Learn::taskName(manifest.task), urlHost(address))
                        .arg(listening.value());
    output.out().flush();
    if (!address.isLoopback())
        output.err() << QStringLiteral("tandem-cli serve: listening beyond this machine (%1): whoever reaches it can "
                                       "score with the model; there is no authentication or TLS\n")
                            .arg(address.toString());
    output.err() << QStringLiteral("tandem-cli serve: POST /invocations, GET /health, GET /metadata; Ctrl-C stops\n");
    output.err().flush();

    QEventLoop loop;
    QObject::connect(&interrupt, &InterruptSignal::interrupted, &loop, &QEventLoop::quit);
    loop.exec();
    output.err() << QStringLiteral("tandem-cli serve: stopped after %1 request(s)\n").arg(server.requestCount());
    return ExitSuccess;
}

} // namespace Tandem::Cli
