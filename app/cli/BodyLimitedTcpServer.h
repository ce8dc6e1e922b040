// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QTcpServer>

#include <functional>

namespace Tandem::Cli {

/// A QTcpServer for QHttpServer whose connections refuse a request body larger
/// than a limit as soon as the request's head arrives, before any of the body
/// is held in memory.
///
/// Why: QHttpServer (6.4 and later) reads a whole request, body included, into
/// memory before a handler sees it, and has no size limit of its own. So each
/// connection gets a watcher that sees the bytes as they arrive: it peeks at them
/// just before QHttpServer's reader takes them, finds each request's head, and
/// follows the body by its Content-Length to the next request (keep-alive). It
/// answers itself, then closes the connection, when:
///  - the Content-Length exceeds the limit: 413. The body is read and thrown
///    away as it comes, and the answer sent once it is all in (most clients read
///    no answer before they are done sending); at once to a client that waits
///    for a go-ahead (Expect: 100-continue), which then sends nothing;
///  - the body is sent chunked (no length declared up front): 411;
///  - the Content-Length is not a number: 400;
///  - the head exceeds 64 KiB: 431.
/// A request within the limit that says `Expect: 100-continue` (curl does for
/// large bodies) is told to go on at once; QHttpServer 6.4 does not answer it.
/// Pipelined requests (sent before the previous answer came) are not supported.
class BodyLimitedTcpServer final : public QTcpServer
{
    Q_OBJECT
public:
    /// Told of each request the watcher answered itself: method, target ("/invocations"), status.
    using RefusalLog = std::function<void(const QByteArray &method, const QByteArray &target, int status)>;

    BodyLimitedTcpServer(qint64 maxBodyBytes, RefusalLog log, QObject *parent = nullptr);

    static constexpr qint64 maxHeadBytes = 64 * 1024;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    qint64 m_maxBodyBytes;
    RefusalLog m_log;
};

} // namespace Tandem::Cli
