// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/BodyLimitedTcpServer.h"

#include "core/bundle/ScoringRequest.h"

#include <QByteArrayView>
#include <QTcpSocket>
#include <QTimer>

#include <optional>

namespace Tandem::Cli {
namespace {

/// How long a refused request's body is read and dropped before the connection is cut.
constexpr int drainTimeoutMs = 30000;

/// What the watcher needs of a request's head (request line and header fields).
struct RequestHead {
    QByteArray method;
    QByteArray target;
    std::optional<qint64> contentLength;
    bool badContentLength = false;
    bool chunked = false;
    bool expectContinue = false;
};

/// Reads `head` (up to, not including, the blank line). Header names are
/// matched without regard to case; values are trimmed.
RequestHead parseHead(QByteArrayView head)
{
    RequestHead parsed;
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    parsed.method = requestLine.value(0);
    parsed.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.first(colon).trimmed().toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            // Two different lengths are as bad as none that reads.
            if (!ok || length < 0 || (parsed.contentLength && *parsed.contentLength != length))
                parsed.badContentLength = true;
            else
                parsed.contentLength = length;
        } else if (name == "transfer-encoding") {
            parsed.chunked = parsed.chunked || value.toLower().contains("chunked");
        } else if (name == "expect") {
            parsed.expectContinue = value.toLower() == "100-continue";
        }
    }
    return parsed;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
    }
}

/// Follows the requests of one connection (see BodyLimitedTcpServer). Its slots
/// are connected around QHttpServer's reader: before() sees what arrived before
/// the reader takes it, after() notes what the reader left in the buffer.
class ConnectionWatcher final : public QObject
{
public:
    ConnectionWatcher(QTcpSocket *socket, qint64 maxBodyBytes, const BodyLimitedTcpServer::RefusalLog &log)
        : QObject(socket), m_socket(socket), m_maxBodyBytes(maxBodyBytes), m_log(log)
    { }

    void before()
    {
        const qint64 available = m_socket->bytesAvailable();
        if (available <= m_unread)
            return;
        follow(m_socket->peek(available).sliced(m_unread));
    }

    void after() { m_unread = m_socket->bytesAvailable(); }

private:
    enum class State : quint8 { Head, Body, Refused };

    void follow(const QByteArray &fresh)
    {
        qsizetype at = 0;
        while (at < fresh.size() && m_state != State::Refused) {
            if (m_state == State::Body) {
                const qint64 taken = std::min<qint64>(m_bodyLeft, fresh.size() - at);
                m_bodyLeft -= taken;
                at += qsizetype(taken);
                if (m_bodyLeft == 0)
                    m_state = State::Head;
                continue;
            }
            // Empty lines between requests are allowed (RFC 9112, 2.2).
            if (m_head.isEmpty() && (fresh.at(at) == '\r' || fresh.at(at) == '\n')) {
                ++at;
                continue;
            }
            const qsizetype before = m_head.size();
            const qsizetype room = BodyLimitedTcpServer::maxHeadBytes + 4 - before;
            m_head.append(fresh.constData() + at, std::min<qsizetype>(room, fresh.size() - at));
            qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            qsizetype blank = 4;
            if (end < 0) {
                end = m_head.indexOf("\n\n", std::max<qsizetype>(0, before - 1));
                blank = 2;
            }
            if (end < 0) {
                if (m_head.size() > BodyLimitedTcpServer::maxHeadBytes)
                    refuse(parseHead(m_head), 431,
                        QStringLiteral("the request's head (its request line and header fields) exceeds %1 KiB")
                            .arg(BodyLimitedTcpServer::maxHeadBytes / 1024),
                        0);
                return;
            }
            at += end + blank - before;
            const RequestHead head = parseHead(QByteArrayView(m_head).first(end));
            m_head.clear();
            const qint64 bodyBytesHere = fresh.size() - at;
            if (head.chunked)
                refuse(head, 411,
                    QStringLiteral("the body is sent chunked: send it with a Content-Length header (at most %1 bytes)")
                        .arg(m_maxBodyBytes),
                    0);
            else if (head.badContentLength)
                refuse(head, 400, QStringLiteral("the Content-Length header is not one whole number of bytes"), 0);
            else if (head.contentLength.value_or(0) > m_maxBodyBytes)
                refuse(head, 413,
                    QStringLiteral("the body has %1 bytes, more than the %2 bytes this server accepts "
                                   "(tandem-cli serve --max-body-mb)")
                        .arg(*head.contentLength)
                        .arg(m_maxBodyBytes),
                    *head.contentLength - bodyBytesHere);
            else
                startBody(head);
        }
    }

    void startBody(const RequestHead &head)
    {
        m_bodyLeft = head.contentLength.value_or(0);
        m_state = m_bodyLeft > 0 ? State::Body : State::Head;
        if (head.expectContinue && m_bodyLeft > 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }

    /// Answers `status` itself and takes the connection from QHttpServer. The rest
    /// of the body (`bodyLeft` bytes) is read and dropped first, unless the client
    /// waits for a go-ahead (Expect: 100-continue): most clients read no answer
    /// before they are done sending. Then the connection closes.
    void refuse(const RequestHead &head, int status, const QString &message, qint64 bodyLeft)
    {
        m_state = State::Refused;
        const QByteArray code = status == 413 ? "PAYLOAD_TOO_LARGE"
            : status == 411                   ? "LENGTH_REQUIRED"
            : status == 431                   ? "REQUEST_HEADER_FIELDS_TOO_LARGE"
                                              : "BAD_REQUEST";
        const QByteArray body = Bundle::errorJson(QString::fromLatin1(code), message);
        m_answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body;
        m_refused = head;
        m_refusedStatus = status;
        // QHttpServer's reader must see nothing more of this connection.
        disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        // What is in the buffer now ends with the body's first bytes, which
        // `bodyLeft` already leaves out: only what comes next is counted.
        m_socket->skip(m_socket->bytesAvailable());
        m_bodyLeft = head.expectContinue ? 0 : bodyLeft;
        connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionWatcher::drain);
        QTimer::singleShot(drainTimeoutMs, m_socket, &QTcpSocket::abort);
        drain();
    }

    void drain()
    {
        m_bodyLeft -= m_socket->skip(m_socket->bytesAvailable());
        if (m_bodyLeft > 0 || m_answer.isEmpty())
            return;
        m_socket->write(m_answer);
        m_answer.clear();
        if (m_log)
            m_log(m_refused.method, m_refused.target, m_refusedStatus);
        m_socket->disconnectFromHost();
    }

    QTcpSocket *m_socket;
    qint64 m_maxBodyBytes;
    BodyLimitedTcpServer::RefusalLog m_log;
    State m_state = State::Head;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    /// A refusal: the answer still to send, and what it answers.
    QByteArray m_answer;
    RequestHead m_refused;
    int m_refusedStatus = 0;
    /// Bytes QHttpServer's reader left in the socket's buffer: before() has seen them.
    qint64 m_unread = 0;
};

} // namespace

BodyLimitedTcpServer::BodyLimitedTcpServer(qint64 maxBodyBytes, RefusalLog log, QObject *parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes), m_log(std::move(log))
{ }

void BodyLimitedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto *watcher = new ConnectionWatcher(socket, m_maxBodyBytes, m_log);
    // The order of the slots on readyRead is the point: the watcher's before(),
    // then QHttpServer's reader (connected while it takes the socket, within
    // addPendingConnection), then the watcher's after().
    connect(socket, &QTcpSocket::readyRead, watcher, &ConnectionWatcher::before);
    addPendingConnection(socket);
    connect(socket, &QTcpSocket::readyRead, watcher, &ConnectionWatcher::after);
}

} // namespace Tandem::Cli
