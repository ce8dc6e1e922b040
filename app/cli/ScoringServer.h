// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/Result.h"
#include "core/bundle/Scorer.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

#include <memory>

class QTextStream;

namespace Tandem::Cli {

/// The HTTP side of `tandem-cli serve`: a QHttpServer with MLflow's scoring
/// endpoints over one bundle. What a request means and what it gets back is
/// Bundle::answerScoringRequest's; this class routes, limits and logs.
///
///  - `POST /invocations`: scores the body (JSON or CSV) → {"predictions": [...]};
///  - `GET /health` and `GET /ping`: {"status": "ok"};
///  - `GET /metadata`: the bundle's manifest (schema, classes, run spec,
///    fingerprint, metrics, versions) without the profile, and the server's own
///    version and limits under "server".
/// A known path asked with another method gets 405, an unknown path 404, a body
/// above the limit 413 (see BodyLimitedTcpServer), each with an error body as
/// Bundle::errorJson writes it. One line per request goes to `log`:
/// "POST /invocations 200 0.84 ms", the time from the whole request having
/// arrived to the answer being ready.
///
/// Requests are answered one at a time on the thread the server lives on.
class ScoringServer final : public QObject
{
    Q_OBJECT
public:
    ScoringServer(std::shared_ptr<const Bundle::Bundle> bundle, QString bundleFile, qint64 maxBodyBytes,
        QTextStream &log, QObject *parent = nullptr);
    ~ScoringServer() override;

    /// Starts listening on `address`, port `port` (0: any free one); the port.
    Base::Result<quint16> listen(const QHostAddress &address, quint16 port);

    /// Requests answered so far, refused ones included.
    qint64 requestCount() const { return m_requestCount; }

private:
    enum class Endpoint : quint8 { Invocations, Health, Metadata };

    QHttpServerResponse respond(Endpoint endpoint, const QHttpServerRequest &request);
    void logRequest(const QByteArray &method, const QByteArray &path, int status, double milliseconds);
    QByteArray metadataJson() const;

    Bundle::Scorer m_scorer;
    QString m_bundleFile;
    qint64 m_maxBodyBytes;
    QTextStream &m_log;
    QHttpServer m_http;
    qint64 m_requestCount = 0;
};

} // namespace Tandem::Cli
