// SPDX-License-Identifier: GPL-3.0-or-later
// bench_serve: a load test of `tandem-cli serve` (issue 9, "Serving") or of any
// server speaking MLflow's scoring protocol on this machine; run_serve_benchmark.sh
// starts the servers and runs it.
//
//   bench_serve --port N --data FILE [--host 127.0.0.1] [--connections C] [--requests M]
//               [--rows R] [--format split|records|csv] [--warmup W] [--max-seconds S]
//
// Keeps C keep-alive connections (default 8) busy, each sending its next request as
// soon as the previous answer is complete, until M requests (default 20000) have
// been answered, or S seconds (default 120) have passed. Every request is
// `POST /invocations` with R rows (default 5) of FILE (a CSV with a header naming
// the model's input columns, cells that read as numbers sent as numbers), as a
// pandas "split" or "records" JSON body or as CSV; the rows rotate through the file.
// W untimed requests per connection (default 20) go first. Latency is from the
// first byte written to the last byte of the answer read. A request whose answer
// is not 200 with one prediction per row counts as an error.
//
// Prints one line for people, then one JSON line: requests, errors, seconds,
// requests_per_second, rows_per_second and latency_ms {p50, p90, p99, max}. A
// server that closes the connection after each answer (no keep-alive) is
// reconnected to, and the latency of the next request includes the connect
// (connections_closed_by_server counts them).
// Raw sockets (QTcpSocket) on one thread keep the client's own cost small; it
// only talks to 127.0.0.1 (or --host) and stops by itself. A plain program, not a test.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

enum class Format { Split, Records, Csv };

struct Options {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString data;
    int connections = 8;
    qint64 requests = 20000;
    int rows = 5;
    Format format = Format::Split;
    int warmup = 20;
    int maxSeconds = 120;
};

/// The requests to send, built once: R consecutive rows of the file each.
std::vector<QByteArray> buildRequests(const Options &options, const QString &host)
{
    QFile file(options.data);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.size() < 2)
        return {};
    const QByteArray header = lines.takeFirst().trimmed();
    const QList<QByteArray> columns = header.split(',');
    std::vector<QByteArray> requests;
    for (qsizetype start = 0; start + options.rows <= lines.size() && requests.size() < 1000; start += options.rows) {
        QByteArray body;
        QByteArray contentType = "application/json";
        if (options.format == Format::Csv) {
            contentType = "text/csv";
            body = header + '\n';
            for (int r = 0; r < options.rows; ++r)
                body += lines.at(start + r).trimmed() + '\n';
        } else {
            QJsonArray data;
            QJsonArray records;
            for (int r = 0; r < options.rows; ++r) {
                const QList<QByteArray> cells = lines.at(start + r).trimmed().split(',');
                QJsonArray row;
                QJsonObject record;
                for (qsizetype c = 0; c < columns.size(); ++c) {
                    bool number = false;
                    const double value = cells.value(c).toDouble(&number);
                    const QJsonValue cell = number ? QJsonValue(value) : QJsonValue(QString::fromUtf8(cells.value(c)));
                    row.append(cell);
                    record.insert(QString::fromUtf8(columns.at(c)), cell);
                }
                data.append(row);
                records.append(record);
            }
            QJsonArray names;
            for (const QByteArray &name : columns)
                names.append(QString::fromUtf8(name));
            const QJsonObject object = options.format == Format::Split
                ? QJsonObject {{QStringLiteral("dataframe_split"),
                    QJsonObject {{QStringLiteral("columns"), names}, {QStringLiteral("data"), data}}}}
                : QJsonObject {{QStringLiteral("dataframe_records"), records}};
            body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
        requests.push_back("POST /invocations HTTP/1.1\r\nHost: " + host.toUtf8() + "\r\nContent-Type: " + contentType
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    return requests;
}

/// The client: C connections, each with one request in flight.
class LoadRun : public QObject
{
public:
    LoadRun(const Options &options, std::vector<QByteArray> requests)
        : m_options(options), m_requests(std::move(requests))
    { }

    void start()
    {
        m_wall.start();
        QTimer::singleShot(m_options.maxSeconds * 1000, this, [this] { finish(); });
        for (int i = 0; i < m_options.connections; ++i) {
            auto connection = std::make_unique<Connection>();
            Connection *c = connection.get();
            c->warmupLeft = m_options.warmup;
            connect(&c->socket, &QTcpSocket::connected, this, [this, c] { sendNext(*c); });
            connect(&c->socket, &QTcpSocket::readyRead, this, [this, c] { readAnswer(*c); });
            connect(&c->socket, &QTcpSocket::errorOccurred, this, [this, c] {
                if (m_finished)
                    return;
                std::fprintf(stderr, "bench_serve: connection error: %s\n", qPrintable(c->socket.errorString()));
                c->dead = true;
                if (std::all_of(m_connections.begin(), m_connections.end(), [](const auto &k) { return k->dead; }))
                    finish();
            });
            m_connections.push_back(std::move(connection));
            c->socket.connectToHost(m_options.host, m_options.port);
        }
    }

    int report() const
    {
        std::vector<double> latencies = m_latencies;
        std::sort(latencies.begin(), latencies.end());
        const auto percentile = [&](double p) {
            if (latencies.empty())
                return 0.0;
            const std::size_t at = std::min(latencies.size() - 1, std::size_t(p / 100.0 * double(latencies.size())));
            return latencies[at];
        };
        const double seconds = double(m_timedNs) / 1e9;
        const double perSecond = seconds > 0 ? double(m_done) / seconds : 0.0;
        std::printf("%lld requests (%d rows each, %s, %d connections) in %.2f s: %.0f requests/s, %.0f rows/s; "
                    "latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms; %lld errors\n",
            static_cast<long long>(m_done), m_options.rows, formatName(), m_options.connections, seconds, perSecond,
            perSecond * m_options.rows, percentile(50), percentile(90), percentile(99),
            latencies.empty() ? 0.0 : latencies.back(), static_cast<long long>(m_errors));
        const QJsonObject json {{QStringLiteral("requests"), m_done}, {QStringLiteral("errors"), m_errors},
            {QStringLiteral("connections"), m_options.connections}, {QStringLiteral("rows"), m_options.rows},
            {QStringLiteral("format"), QLatin1String(formatName())}, {QStringLiteral("seconds"), seconds},
            {QStringLiteral("connections_closed_by_server"), m_reconnects},
            {QStringLiteral("requests_per_second"), perSecond},
            {QStringLiteral("rows_per_second"), perSecond * m_options.rows},
            {QStringLiteral("latency_ms"),
                QJsonObject {{QStringLiteral("p50"), percentile(50)}, {QStringLiteral("p90"), percentile(90)},
                    {QStringLiteral("p99"), percentile(99)},
                    {QStringLiteral("max"), latencies.empty() ? 0.0 : latencies.back()}}}};
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
        if (!m_firstAnswer.isEmpty() && m_errors > 0)
            std::fprintf(stderr, "bench_serve: first answer: %s\n", m_firstAnswer.left(300).constData());
        return m_errors == 0 && m_done > 0 ? 0 : 1;
    }

private:
    struct Connection {
        QTcpSocket socket;
        QByteArray received;
        qint64 sentAt = 0;
        /// When the connection for the next request was asked for (after the server closed the last one).
        qint64 connectStart = 0;
        int warmupLeft = 0;
        bool dead = false;
    };

    const char *formatName() const
    {
        return m_options.format == Format::Split  ? "dataframe_split"
            : m_options.format == Format::Records ? "dataframe_records"
                                                  : "csv";
    }

    void sendNext(Connection &c)
    {
        if (m_finished)
            return;
        if (c.warmupLeft == 0) {
            if (m_started >= m_options.requests)
                return;
            if (m_started++ == 0)
                m_timedStart = m_wall.nsecsElapsed();
        }
        const QByteArray &request = m_requests[std::size_t(m_next++) % m_requests.size()];
        c.sentAt = c.connectStart > 0 ? c.connectStart : m_wall.nsecsElapsed();
        c.connectStart = 0;
        c.socket.write(request);
    }

    void readAnswer(Connection &c)
    {
        c.received += c.socket.readAll();
        while (true) {
            const qsizetype headEnd = c.received.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QByteArray head = c.received.first(headEnd).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qint64 length
                = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (c.received.size() < headEnd + 4 + length)
                return;
            const QByteArray answer = c.received.first(headEnd + 4 + length);
            c.received.remove(0, headEnd + 4 + length);
            if (answer.startsWith("HTTP/1.1 1"))
                continue; // an interim answer
            const qint64 now = m_wall.nsecsElapsed();
            const QByteArray body = answer.sliced(headEnd + 4);
            if (m_firstAnswer.isEmpty())
                m_firstAnswer = answer;
            bool good = answer.startsWith("HTTP/1.1 200");
            if (good && m_checked < 50) { // the first answers are read whole
                ++m_checked;
                good = QJsonDocument::fromJson(body).object().value(QStringLiteral("predictions")).toArray().size()
                    == m_options.rows;
            }
            if (c.warmupLeft > 0) {
                --c.warmupLeft;
            } else {
                m_latencies.push_back(double(now - c.sentAt) / 1e6);
                ++m_done;
                m_timedNs = now - m_timedStart;
                if (!good)
                    ++m_errors;
            }
            if (m_done >= m_options.requests) {
                finish();
                return;
            }
            if (head.contains("\r\nconnection: close")) {
                // A server without keep-alive (gunicorn's sync workers): the next
                // request pays for a new connection, and its latency includes it.
                ++m_reconnects;
                c.received.clear();
                c.socket.abort();
                c.connectStart = m_wall.nsecsElapsed();
                c.socket.connectToHost(m_options.host, m_options.port);
                return;
            }
            sendNext(c);
        }
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        for (auto &c : m_connections)
            c->socket.abort();
        QCoreApplication::quit();
    }

    Options m_options;
    std::vector<QByteArray> m_requests;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QElapsedTimer m_wall;
    qint64 m_next = 0;
    qint64 m_started = 0;
    qint64 m_done = 0;
    qint64 m_errors = 0;
    qint64 m_checked = 0;
    qint64 m_reconnects = 0;
    qint64 m_timedStart = 0;
    qint64 m_timedNs = 0;
    std::vector<double> m_latencies;
    QByteArray m_firstAnswer;
    bool m_finished = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Load test of an MLflow-style scoring server."));
    parser.addHelpOption();
    const QCommandLineOption host(
        QStringLiteral("host"), QStringLiteral("Server address."), QStringLiteral("A"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Server port."), QStringLiteral("N"));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("CSV rows to send."), QStringLiteral("FILE"));
    const QCommandLineOption connections(QStringLiteral("connections"), QStringLiteral("Keep-alive connections."),
        QStringLiteral("C"), QStringLiteral("8"));
    const QCommandLineOption requests(
        QStringLiteral("requests"), QStringLiteral("Timed requests."), QStringLiteral("M"), QStringLiteral("20000"));
    const QCommandLineOption rows(
        QStringLiteral("rows"), QStringLiteral("Rows per request."), QStringLiteral("R"), QStringLiteral("5"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("split, records or csv."),
        QStringLiteral("F"), QStringLiteral("split"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Untimed requests per connection."),
        QStringLiteral("W"), QStringLiteral("20"));
    const QCommandLineOption maxSeconds(QStringLiteral("max-seconds"), QStringLiteral("Stop after this long."),
        QStringLiteral("S"), QStringLiteral("120"));
    parser.addOptions({host, port, data, connections, requests, rows, format, warmup, maxSeconds});
    parser.process(app);

    Options options;
    options.host = parser.value(host);
    options.port = quint16(parser.value(port).toUInt());
    options.data = parser.value(data);
    options.connections = std::clamp(parser.value(connections).toInt(), 1, 256);
    options.requests = std::max<qint64>(1, parser.value(requests).toLongLong());
    options.rows = std::max(1, parser.value(rows).toInt());
    options.warmup = std::max(0, parser.value(warmup).toInt());
    options.maxSeconds = std::clamp(parser.value(maxSeconds).toInt(), 1, 3600);
    const QString formatName = parser.value(format);
    if (formatName == QLatin1String("records"))
        options.format = Format::Records;
    else if (formatName == QLatin1String("csv"))
        options.format = Format::Csv;
    else if (formatName != QLatin1String("split")) {
        std::fprintf(stderr, "bench_serve: --format is split, records or csv\n");
        return 2;
    }
    if (options.port == 0 || options.data.isEmpty()) {
        std::fprintf(stderr, "bench_serve: --port and --data are required\n");
        return 2;
    }
    std::vector<QByteArray> built = buildRequests(options, options.host);
    if (built.empty()) {
        std::fprintf(stderr, "bench_serve: %s has fewer than %d rows\n", qPrintable(options.data), options.rows);
        return 2;
    }
    LoadRun run(options, std::move(built));
    QTimer::singleShot(0, &run, [&run] { run.start(); });
    app.exec();
    return run.report();
}
