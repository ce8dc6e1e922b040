// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/ScoringServer.h"

#include "app/cli/BodyLimitedTcpServer.h"
#include "core/base/Version.h"
#include "core/bundle/ScoringRequest.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QTextStream>
#include <QtGlobal>

namespace Tandem::Cli {
namespace {

using StatusCode = QHttpServerResponder::StatusCode;

const QByteArray jsonType = "application/json";

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}

/// The path and query as the client asked them ("/invocations?proba=1").
QByteArray target(const QHttpServerRequest &request)
{
    const QUrl url = request.url();
    QByteArray text = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        text += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return text;
}

const QString endpointList = QStringLiteral("POST /invocations, GET /health, GET /ping and GET /metadata");

} // namespace

ScoringServer::ScoringServer(std::shared_ptr<const Bundle::Bundle> bundle, QString bundleFile, qint64 maxBodyBytes,
    QTextStream &log, QObject *parent)
    : QObject(parent)
    , m_scorer(std::move(bundle))
    , m_bundleFile(std::move(bundleFile))
    , m_maxBodyBytes(maxBodyBytes)
    , m_log(log)
{
    // route() returns bool up to Qt 6.7 and the rule from 6.8 on; a fixed path cannot fail.
    const auto route = [this](const QString &path, Endpoint endpoint) {
        static_cast<void>(m_http.route(
            path, [this, endpoint](const QHttpServerRequest &request) { return respond(endpoint, request); }));
    };
    route(QStringLiteral("/invocations"), Endpoint::Invocations);
    route(QStringLiteral("/health"), Endpoint::Health);
    route(QStringLiteral("/ping"), Endpoint::Health);
    route(QStringLiteral("/metadata"), Endpoint::Metadata);

    // Unknown paths: the same JSON error as everything else (QHttpServer's own is an empty 404).
    const auto notFound = [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        QElapsedTimer timer;
        timer.start();
        const QByteArray body = Bundle::errorJson(QStringLiteral("NOT_FOUND"),
            QStringLiteral("no such path \"%1\": this server answers %2").arg(request.url().path(), endpointList));
        responder.write(body, jsonType, StatusCode::NotFound);
        logRequest(methodName(request.method()), target(request), int(StatusCode::NotFound),
            double(timer.nsecsElapsed()) / 1e6);
    };
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_http.setMissingHandler(this, notFound);
#else
    m_http.setMissingHandler([notFound](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        notFound(request, responder);
    });
#endif
}

ScoringServer::~ScoringServer() = default;

Base::Result<quint16> ScoringServer::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new BodyLimitedTcpServer(
        m_maxBodyBytes,
        [this](const QByteArray &method, const QByteArray &path, int status) { logRequest(method, path, status, 0.0); },
        this);
    if (!tcp->listen(address, port)) {
        const QString reason = tcp->errorString();
        delete tcp;
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
            : address.toString();
        return Base::Error(QStringLiteral("cannot listen on %1:%2: %3").arg(host).arg(port).arg(reason));
    }
    // bind() returns nothing in Qt 6.4 and whether the server was listening (it is) from 6.8 on.
    static_cast<void>(m_http.bind(tcp));
    return tcp->serverPort();
}

QHttpServerResponse ScoringServer::respond(Endpoint endpoint, const QHttpServerRequest &request)
{
    QElapsedTimer timer;
    timer.start();
    const auto method = request.method();
    const auto reply = [&](StatusCode status, const QByteArray &body) {
        logRequest(methodName(method), target(request), int(status), double(timer.nsecsElapsed()) / 1e6);
        return QHttpServerResponse(jsonType, body, status);
    };
    const auto wrongMethod = [&](const char *allowed) {
        return reply(StatusCode::MethodNotAllowed,
            Bundle::errorJson(QStringLiteral("METHOD_NOT_ALLOWED"),
                QStringLiteral("%1 %2 is not allowed: %2 answers %3")
                    .arg(QString::fromLatin1(methodName(method)), request.url().path(), QLatin1String(allowed))));
    };

    switch (endpoint) {
    case Endpoint::Health:
        if (method != QHttpServerRequest::Method::Get)
            return wrongMethod("GET");
        return reply(StatusCode::Ok, R"({"status":"ok"})");
    case Endpoint::Metadata:
        if (method != QHttpServerRequest::Method::Get)
            return wrongMethod("GET");
        return reply(StatusCode::Ok, metadataJson());
    case Endpoint::Invocations: break;
    }

    if (method != QHttpServerRequest::Method::Post)
        return wrongMethod("POST");
    // BodyLimitedTcpServer refuses oversized bodies before they are read; this
    // holds should a body arrive some other way.
    if (request.body().size() > m_maxBodyBytes)
        return reply(StatusCode::PayloadTooLarge,
            Bundle::errorJson(QStringLiteral("PAYLOAD_TOO_LARGE"),
                QStringLiteral("the body has %1 bytes, more than the %2 bytes this server accepts")
                    .arg(request.body().size())
                    .arg(m_maxBodyBytes)));
    const Bundle::ScoringRequest scoring {request.value("Content-Type"), request.body(), request.query()};
    const Bundle::ScoringAnswer answer = Bundle::answerScoringRequest(m_scorer, scoring);
    if (!answer.refusal)
        return reply(StatusCode::Ok, answer.json);
    return reply(*answer.refusal == Bundle::RequestRefusal::UnsupportedMediaType ? StatusCode::UnsupportedMediaType
                                                                                 : StatusCode::BadRequest,
        answer.json);
}

void ScoringServer::logRequest(const QByteArray &method, const QByteArray &path, int status, double milliseconds)
{
    ++m_requestCount;
    m_log << QString::fromLatin1(method) << ' ' << QString::fromUtf8(path) << ' ' << status << ' '
          << QString::number(milliseconds, 'f', 2) << " ms\n";
    m_log.flush();
}

QByteArray ScoringServer::metadataJson() const
{
    QJsonObject metadata = m_scorer.bundle().manifest().toJson();
    // The profile is the drift reference: large, and of no use to a client.
    metadata.remove(QStringLiteral("profile"));
    metadata.insert(QStringLiteral("server"),
        QJsonObject {{QStringLiteral("app_version"), Base::appVersion()}, {QStringLiteral("bundle_file"), m_bundleFile},
            {QStringLiteral("max_body_bytes"), m_maxBodyBytes},
            {QStringLiteral("output_columns"),
                QJsonArray::fromStringList(
                    m_scorer.outputColumns(m_scorer.bundle().manifest().task == Learn::Task::Classification))}});
    return QJsonDocument(metadata).toJson(QJsonDocument::Compact);
}

} // namespace Tandem::Cli
