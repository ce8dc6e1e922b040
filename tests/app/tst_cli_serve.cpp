// SPDX-License-Identifier: GPL-3.0-or-later
// tandem-cli serve, as a black box over real HTTP: the server is started on a
// free port, every body shape it takes predicts what `tandem-cli predict` writes
// for the same rows, number for number; /health and /metadata answer; bad
// requests get their 4xx with a JSON error; an oversized body is refused as soon
// as its head arrives, on a connection that served requests before; SIGTERM
// stops it cleanly.
#include "core/base/Version.h"
#include "core/bundle/Bundle.h"
#include "core/runs/CsvText.h"
#include "tests/support/CliRunner.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Tandem;
using Testing::runCli;

namespace {

const QString irisPath = QStringLiteral(TANDEM_SOURCE_DIR "/resources/samples/iris.csv");
const QString irisSpec = QStringLiteral(TANDEM_SOURCE_DIR "/resources/examples/iris_logreg.json");
const QStringList irisInputs {QStringLiteral("sepal_length"), QStringLiteral("sepal_width"),
    QStringLiteral("petal_length"), QStringLiteral("petal_width")};

/// How long a test waits for the server before it gives up (a hang, not a measure).
constexpr int patienceMs = 60000;

struct HttpReply {
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString message() const { return json().value(QStringLiteral("message")).toString(); }
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// iris.csv's rows as JSON numbers, in the order of irisInputs.
QList<QJsonArray> irisRows()
{
    QList<QJsonArray> rows;
    const QList<QByteArray> lines = readFile(irisPath).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> cells = lines.at(i).trimmed().split(',');
        if (cells.size() < 4)
            continue;
        QJsonArray row;
        for (qsizetype c = 0; c < 4; ++c)
            row.append(cells.at(c).toDouble());
        rows << row;
    }
    return rows;
}

/// A JSON prediction as predict writes the same cell (numbers in their shortest
/// exact form: equal text is equal bits).
QString cell(const QJsonValue &value)
{
    return value.isDouble() ? Runs::CsvText::number(value.toDouble()) : Runs::CsvText::field(value.toString());
}

/// An answer's predictions as predict's CSV (header, then a line per row).
QByteArray asCsv(const QByteArray &json, const QStringList &columns)
{
    QByteArray text = columns.join(QLatin1Char(',')).toUtf8() + '\n';
    for (const QJsonValue &prediction :
        QJsonDocument::fromJson(json).object().value(QStringLiteral("predictions")).toArray()) {
        QStringList cells;
        if (prediction.isObject()) {
            for (const QString &column : columns)
                cells << cell(prediction.toObject().value(column));
        } else {
            cells << cell(prediction);
        }
        text += cells.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    return text;
}

/// Reads one HTTP response from `socket`: its status and body (by Content-Length).
HttpReply readRawReply(QTcpSocket &socket)
{
    QByteArray received;
    qsizetype headEnd = -1;
    qint64 length = -1;
    while (true) {
        if (headEnd < 0) {
            headEnd = received.indexOf("\r\n\r\n");
            // Interim answers (100 Continue) come before the final one.
            if (headEnd >= 0 && received.startsWith("HTTP/1.1 1")) {
                received.remove(0, headEnd + 4);
                headEnd = -1;
                continue;
            }
            if (headEnd >= 0) {
                const QRegularExpression lengthHeader(
                    QStringLiteral("\r\ncontent-length: *(\\d+)"), QRegularExpression::CaseInsensitiveOption);
                const auto match = lengthHeader.match(QString::fromLatin1(received.first(headEnd + 2)));
                length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
            }
        }
        if (headEnd >= 0 && received.size() >= headEnd + 4 + length)
            break;
        if (!socket.waitForReadyRead(patienceMs))
            return {};
        received += socket.readAll();
    }
    HttpReply reply;
    reply.status = received.mid(9, 3).toInt();
    reply.body = received.mid(headEnd + 4, length);
    return reply;
}

} // namespace

class TestCliServe : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_bundle;
    QProcess m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;

    static constexpr int maxBodyMb = 1;

    HttpReply send(const QByteArray &method, const QString &target, const QByteArray &contentType = {},
        const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(target)));
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        HttpReply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        if (result.status == 0)
            qWarning() << target << "got no answer:" << reply->errorString();
        reply->deleteLater();
        return result;
    }

    HttpReply post(const QString &target, const QByteArray &contentType, const QByteArray &body)
    {
        return send("POST", target, contentType, body);
    }

    HttpReply postJson(const QJsonObject &body, const QString &query = {})
    {
        return post(QStringLiteral("/invocations") + query, "application/json",
            QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    QByteArray predicted(bool probabilities)
    {
        QStringList arguments {QStringLiteral("predict"), m_bundle, irisPath};
        if (probabilities)
            arguments << QStringLiteral("--proba");
        const Testing::CliResult result = runCli(arguments);
        return result.exitCode == 0 ? result.out.toUtf8() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_network.setProxy(QNetworkProxy::NoProxy);
        const QString workspace = m_dir.filePath(QStringLiteral("ws"));
        const Testing::CliResult ran
            = runCli({QStringLiteral("run"), irisSpec, QStringLiteral("--workspace"), workspace});
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.describe()));
        m_bundle = m_dir.filePath(QStringLiteral("iris.tandem"));
        const Testing::CliResult exported = runCli({QStringLiteral("export"), QStringLiteral("1"),
            QStringLiteral("--workspace"), workspace, QStringLiteral("--out"), m_bundle});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));

        // A free port, chosen by the server and printed once it listens.
        m_server.start(QStringLiteral(TANDEM_CLI_PATH),
            {QStringLiteral("serve"), m_bundle, QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--max-body-mb"), QString::number(maxBodyMb)});
        QVERIFY2(m_server.waitForStarted(patienceMs), qPrintable(m_server.errorString()));
        QByteArray out;
        while (!out.contains('\n') && m_server.waitForReadyRead(patienceMs))
            out += m_server.readAllStandardOutput();
        const QRegularExpression serving(
            QStringLiteral("^Serving iris\\.tandem \\(Logistic regression, classification\\) on "
                           "http://127\\.0\\.0\\.1:(\\d+)\n$"));
        const auto match = serving.match(QString::fromUtf8(out));
        QVERIFY2(match.hasMatch(), out.constData());
        m_port = quint16(match.captured(1).toUInt());
        QVERIFY(m_port > 0);
    }

    void healthAndMetadata()
    {
        for (const QString &path : {QStringLiteral("/health"), QStringLiteral("/ping")}) {
            const HttpReply health = send("GET", path);
            QCOMPARE(health.status, 200);
            QCOMPARE(health.body, QByteArray(R"({"status":"ok"})"));
        }
        const HttpReply metadata = send("GET", QStringLiteral("/metadata"));
        QCOMPARE(metadata.status, 200);
        const QJsonObject json = metadata.json();
        const auto manifest = Bundle::Bundle::loadManifest(m_bundle);
        QVERIFY(manifest.ok());
        QCOMPARE(json.value(QStringLiteral("classes")).toArray(), QJsonArray::fromStringList(manifest.value().classes));
        QCOMPARE(json.value(QStringLiteral("input_schema")).toArray(), manifest.value().inputs.toJson());
        QCOMPARE(json.value(QStringLiteral("training")).toObject().value(QStringLiteral("fingerprint")).toString(),
            manifest.value().datasetFingerprint);
        QCOMPARE(json.value(QStringLiteral("run")).toObject().value(QStringLiteral("spec")).toObject(),
            manifest.value().runSpec);
        QCOMPARE(json.value(QStringLiteral("evaluation")).toObject().value(QStringLiteral("metrics")).toObject().size(),
            manifest.value().metrics.size());
        QCOMPARE(json.value(QStringLiteral("model")).toObject().value(QStringLiteral("id")).toString(),
            QStringLiteral("logreg"));
        QVERIFY(!json.contains(QStringLiteral("profile")));
        const QJsonObject server = json.value(QStringLiteral("server")).toObject();
        QCOMPARE(server.value(QStringLiteral("app_version")).toString(), Base::appVersion());
        QCOMPARE(server.value(QStringLiteral("bundle_file")).toString(), QStringLiteral("iris.tandem"));
        QCOMPARE(server.value(QStringLiteral("max_body_bytes")).toInteger(), qint64(maxBodyMb) * 1024 * 1024);
    }

    void everyShapePredictsAsPredictDoes()
    {
        const QByteArray expected = predicted(false);
        const QByteArray expectedProba = predicted(true);
        QCOMPARE(expected.count('\n'), 151);
        QCOMPARE(expectedProba.count('\n'), 151);
        const QStringList columns {QStringLiteral("prediction")};
        const QStringList probaColumns
            = QString::fromUtf8(expectedProba.left(expectedProba.indexOf('\n'))).split(QLatin1Char(','));

        const QList<QJsonArray> rows = irisRows();
        QCOMPARE(rows.size(), 150);
        QJsonArray lists;
        QJsonArray records;
        QJsonObject columnValues;
        for (const QJsonArray &row : rows) {
            lists.append(row);
            QJsonObject record;
            for (qsizetype c = 0; c < irisInputs.size(); ++c)
                record.insert(irisInputs.at(c), row.at(c));
            records.append(record);
        }
        for (qsizetype c = 0; c < irisInputs.size(); ++c) {
            QJsonArray values;
            for (const QJsonArray &row : rows)
                values.append(row.at(c));
            columnValues.insert(irisInputs.at(c), values);
        }
        const QJsonObject split {{QStringLiteral("dataframe_split"),
            QJsonObject {
                {QStringLiteral("columns"), QJsonArray::fromStringList(irisInputs)}, {QStringLiteral("data"), lists}}}};

        struct Case {
            const char *name;
            HttpReply reply;
            bool probabilities;
        };
        const QList<Case> cases {
            {"dataframe_split", postJson(split), false},
            {"dataframe_split ?proba=1", postJson(split, QStringLiteral("?proba=1")), true},
            {"dataframe_records", postJson({{QStringLiteral("dataframe_records"), records}}), false},
            {"dataframe_records, params proba",
                postJson({{QStringLiteral("dataframe_records"), records},
                    {QStringLiteral("params"), QJsonObject {{QStringLiteral("proba"), true}}}}),
                true},
            {"instances", postJson({{QStringLiteral("instances"), lists}}), false},
            {"inputs", postJson({{QStringLiteral("inputs"), columnValues}}), false},
            {"csv", post(QStringLiteral("/invocations"), "text/csv", readFile(irisPath)), false},
            {"csv ?proba=1", post(QStringLiteral("/invocations?proba=1"), "text/csv", readFile(irisPath)), true},
        };
        for (const Case &c : cases) {
            QVERIFY2(c.reply.status == 200,
                qPrintable(QStringLiteral("%1: %2 %3")
                               .arg(QLatin1String(c.name))
                               .arg(c.reply.status)
                               .arg(QString::fromUtf8(c.reply.body))));
            QVERIFY2(asCsv(c.reply.body, c.probabilities ? probaColumns : columns)
                    == (c.probabilities ? expectedProba : expected),
                c.name);
        }
    }

    void badRequestsGetTheir4xx()
    {
        HttpReply reply = postJson({{QStringLiteral("dataframe_records"),
            QJsonArray {QJsonObject {{QStringLiteral("sepal_length"), 5.1}, {QStringLiteral("sepal_width"), 3.5},
                {QStringLiteral("petal_length"), 1.4}}}}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("error_code")).toString(), QStringLiteral("BAD_REQUEST"));
        QCOMPARE(reply.message(),
            QStringLiteral("column \"petal_width\" is missing: the model reads sepal_length, sepal_width, "
                           "petal_length, petal_width"));
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), reply.message());

        reply = post(QStringLiteral("/invocations"), "text/csv",
            "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n4.9,wide,1.4,0.2\n");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.message(),
            QStringLiteral("line 3, column \"sepal_width\": \"wide\" is not numeric, the type the model reads"));

        reply = postJson({{QStringLiteral("instances"), QJsonArray {QJsonArray {5.1, 3.5, 1.4, QStringLiteral("x")}}}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.message(), QStringLiteral("record 1, column \"petal_width\": \"x\" is not a number"));

        reply = post(QStringLiteral("/invocations"), "application/json", "{\"instances\": ");
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.message().startsWith(QStringLiteral("the body is not valid JSON")), reply.body.constData());

        reply = post(QStringLiteral("/invocations"), "text/plain", "5.1,3.5,1.4,0.2");
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.json().value(QStringLiteral("error_code")).toString(), QStringLiteral("UNSUPPORTED_MEDIA_TYPE"));

        reply = send("GET", QStringLiteral("/predict"));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().value(QStringLiteral("error_code")).toString(), QStringLiteral("NOT_FOUND"));
        QVERIFY2(reply.message().startsWith(QStringLiteral("no such path \"/predict\"")), reply.body.constData());

        reply = send("GET", QStringLiteral("/invocations"));
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.message(), QStringLiteral("GET /invocations is not allowed: /invocations answers POST"));
    }

    void oversizedBodiesAreRefused()
    {
        // Sent whole by the client: the server reads and drops it, then answers.
        const QByteArray big(maxBodyMb * 1024 * 1024 + 1, 'x');
        HttpReply reply = post(QStringLiteral("/invocations"), "application/json", big);
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.json().value(QStringLiteral("error_code")).toString(), QStringLiteral("PAYLOAD_TOO_LARGE"));
        QCOMPARE(reply.message(),
            QStringLiteral("the body has 1048577 bytes, more than the 1048576 bytes this server accepts (tandem-cli "
                           "serve --max-body-mb)"));
        // A body at the limit is read (and here refused for what it holds).
        reply = post(QStringLiteral("/invocations"), "application/json", big.left(maxBodyMb * 1024 * 1024));
        QCOMPARE(reply.status, 400);
        QCOMPARE(send("GET", QStringLiteral("/health")).status, 200);
    }

    void oversizedBodiesAreRefusedOnTheirHead()
    {
        // One keep-alive connection: two requests served, then a head announcing
        // 10 MiB with Expect: 100-continue. The 413 comes before any body is sent.
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(socket.waitForConnected(patienceMs));
        const QByteArray csv = "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n";
        socket.write("POST /invocations HTTP/1.1\r\nHost: test\r\nContent-Type: text/csv\r\nContent-Length: "
            + QByteArray::number(csv.size()) + "\r\n\r\n" + csv);
        HttpReply reply = readRawReply(socket);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, QByteArray(R"({"predictions":["setosa"]})"));
        socket.write("GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
        QCOMPARE(readRawReply(socket).status, 200);
        socket.write("POST /invocations HTTP/1.1\r\nHost: test\r\nContent-Type: text/csv\r\nContent-Length: 10485760"
                     "\r\nExpect: 100-continue\r\n\r\n");
        reply = readRawReply(socket);
        QCOMPARE(reply.status, 413);
        QVERIFY2(reply.message().startsWith(QStringLiteral("the body has 10485760 bytes")), reply.body.constData());

        // A body of no declared length is refused: the limit could not be checked up front.
        QTcpSocket chunked;
        chunked.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(chunked.waitForConnected(patienceMs));
        chunked.write("POST /invocations HTTP/1.1\r\nHost: test\r\nContent-Type: text/csv\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        reply = readRawReply(chunked);
        QCOMPARE(reply.status, 411);
        QCOMPARE(reply.json().value(QStringLiteral("error_code")).toString(), QStringLiteral("LENGTH_REQUIRED"));
    }

    void cleanupTestCase()
    {
        if (m_server.state() == QProcess::NotRunning)
            return;
#ifdef Q_OS_WIN
        // A console program gets no SIGTERM on Windows (Ctrl-C stops it there).
        m_server.kill();
        m_server.waitForFinished(patienceMs);
#else
        m_server.terminate();
        QVERIFY(m_server.waitForFinished(patienceMs));
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.exitCode(), 0);
        // One line per request on stderr, the refused ones too; a last one on stopping.
        const QString log = QString::fromUtf8(m_server.readAllStandardError());
        QVERIFY2(log.contains(QStringLiteral("\nGET /health 200 ")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("\nPOST /invocations?proba=1 200 ")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("\nPOST /invocations 413 ")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("\nGET /predict 404 ")), qPrintable(log));
        QVERIFY2(QRegularExpression(QStringLiteral("\ntandem-cli serve: stopped after \\d+ request\\(s\\)\n$"))
                     .match(log)
                     .hasMatch(),
            qPrintable(log));
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliServe)
#include "tst_cli_serve.moc"
