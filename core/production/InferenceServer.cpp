#include "production/InferenceServer.h"

#include "common/Error.h"
#include "common/Log.h"
#include "production/InferenceService.h"
#include "production/PredictRequest.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <charconv>
#include <map>
#include <mutex>

namespace mlwb {

namespace {

// A request head (request line and headers) larger than this is not looked at: Qt's parser
// refuses heads over 80 KiB by itself.
constexpr qsizetype kMaxSniffedHead = 64 * 1024;
// A too large body with a Content-Length up to this is read and dropped before the 413, so
// that the client (still sending) reads the answer instead of a reset connection.
constexpr qint64 kMaxDiscardedBody = 64 * 1024 * 1024;

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
    }
}

// One HTTP/1.1 response, written with one socket write.
QByteArray httpResponse(int status, const QByteArray &body, bool close, const QByteArray &extraHeaders = {})
{
    QByteArray out;
    out.reserve(body.size() + 160);
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\nContent-Type: application/json\r\nContent-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += extraHeaders;
    out += "\r\n";
    out += body;
    return out;
}

QByteArray errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact);
}

void appendJsonString(QByteArray &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// {"class", "label", "probabilities", "model", "sample"}, by hand: it is on every answer.
// Probabilities are written as the shortest text that reads back as the same float.
void appendAnswer(QByteArray &out, const InferenceAnswer &a)
{
    out += "{\"class\":";
    appendJsonString(out, a.className);
    out += ",\"label\":";
    out += QByteArray::number(a.predicted);
    out += ",\"probabilities\":[";
    char number[32];
    for (size_t i = 0; i < a.probabilities.size(); ++i) {
        if (i > 0)
            out += ',';
        const auto written = std::to_chars(number, number + sizeof number, a.probabilities[i]);
        out.append(number, written.ptr - number);
    }
    out += "],\"model\":";
    out += QByteArray::number(a.modelId);
    out += ",\"sample\":";
    out += QByteArray::number(a.sampleId);
    out += '}';
}

// The service answers a refused request and its own failures alike, with a message. These are
// its failures (nothing wrong with the request): 500, or 503 while it stops.
int statusOfAnswerError(const QString &error)
{
    if (error.startsWith(QLatin1String("the inference service")))
        return 503;
    static const QRegularExpression modelFailed(QStringLiteral("^model \\d+ failed: "));
    if (error.startsWith(QLatin1String("the samples could not be stored")) || modelFailed.match(error).hasMatch())
        return 500;
    return 400;
}

bool sameToken(const QByteArray &a, const QByteArray &b)
{
    // Constant time in the content, so that a wrong token does not tell how much of it was right.
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// What the front end hands on to the server's implementation.
class Handler {
public:
    virtual ~Handler() = default;
    virtual void handle(const QHttpServerRequest &request, QTcpSocket *socket) = 0;
    virtual void accepted(QTcpSocket *socket) = 0;
};

// Qt's HTTP parsing and connection handling, with our own dispatch: no router, whose regular
// expressions cost more than the three paths need, and answers written by us when the service
// has them (Qt 6.4's QFuture responses keep a reference to the socket, which a client that
// hangs up first deletes).
class FrontEnd final : public QAbstractHttpServer {
public:
    FrontEnd(Handler &handler, QObject *parent) : QAbstractHttpServer(parent), m_handler(handler) {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_handler.handle(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_handler.handle(request, socket);
    }

private:
    Handler &m_handler;
};

// Sees each connection before Qt's HTTP server does, so that the request guard reads the
// socket first.
class GuardedTcpServer final : public QTcpServer {
public:
    explicit GuardedTcpServer(Handler &handler) : m_handler(handler) {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        m_handler.accepted(socket);
        addPendingConnection(socket);
    }

private:
    Handler &m_handler;
};

// An answer of the service, handed from the thread that fulfilled it to the server's thread.
struct Finished {
    quint64 connection = 0;
    quint64 sequence = 0;
    bool list = false;
    QList<InferenceAnswer> answers;
};

// Shared with the service's callbacks, which may outlive the server.
struct Outbox {
    std::mutex mutex;
    std::function<void()> wake; // empty once the server is gone
    std::vector<Finished> items;

    void post(Finished &&finished)
    {
        std::lock_guard lock(mutex);
        items.push_back(std::move(finished));
        if (items.size() == 1 && wake) // one wake-up for everything that arrives until drained
            wake();
    }
};

// A connection: the order of its answers and the guard that reads each request head as it
// arrives. The guard refuses a body over the limit before Qt buffers it (413) and answers
// "Expect: 100-continue" (curl sends it for bodies over 1 KiB and else waits a second).
class HttpConnection final : public QObject {
public:
    HttpConnection(QTcpSocket *socket, quint64 id, qint64 maxBody, int idleTimeoutMs)
        : QObject(socket), m_socket(socket), m_id(id), m_maxBody(maxBody)
    {
        if (idleTimeoutMs > 0) {
            m_idle.setSingleShot(true);
            m_idle.setInterval(idleTimeoutMs);
            connect(&m_idle, &QTimer::timeout, this, &HttpConnection::idleTimeout);
            m_idle.start();
        }
    }

    quint64 id() const { return m_id; }
    bool closing() const { return m_closing; }

    // The next answer's place in line; `close`: the connection closes after it.
    quint64 reserve(bool close)
    {
        const quint64 sequence = m_nextSequence++;
        m_pending[sequence] = {false, {}, close};
        return sequence;
    }

    // The answer to the request at `sequence`; writes the answers that are next in line.
    void deliver(quint64 sequence, int status, const QByteArray &body, const QByteArray &headers = {})
    {
        auto it = m_pending.find(sequence);
        if (it == m_pending.end())
            return;
        it->second.ready = true;
        it->second.bytes = httpResponse(status, body, it->second.close || m_draining, headers);
        restartIdleClock();
        while (!m_pending.empty() && m_pending.begin()->second.ready) {
            Slot slot = std::move(m_pending.begin()->second);
            m_pending.erase(m_pending.begin());
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                continue;
            m_socket->write(slot.bytes);
            if (slot.close || (m_draining && m_pending.empty())) {
                closeAfterWriting();
                return;
            }
        }
    }

    // The server stops: answers still owed are written (saying the connection closes), then
    // the connection closes; an idle one closes now.
    void closeWhenAnswered()
    {
        m_draining = true;
        if (m_pending.empty() && !m_closing)
            closeAfterWriting();
    }

    // The client asked to close after this request (Connection: close, or HTTP/1.0).
    bool closeRequested() const { return m_closeRequested; }

    // Qt read a whole request: what arrives next is a new one.
    void requestComplete()
    {
        m_head.clear();
        m_headDone = false;
        m_bodySeen = 0;
        m_qtSawPart = false;
    }

    void closeAfterWriting()
    {
        m_closing = true;
        m_idle.stop();
        m_pending.clear();
        m_socket->disconnectFromHost(); // after what is written is sent
    }

    // Connected before Qt's own handler: sees each fragment first.
    void onReadyRead()
    {
        restartIdleClock();
        for (;;) {
            if (m_closing) {
                m_socket->skip(m_socket->bytesAvailable());
                return;
            }
            const qint64 available = m_socket->bytesAvailable();
            if (available <= 0)
                return;
            if (m_discardLeft > 0) {
                const qint64 skipped = m_socket->skip(std::min(available, m_discardLeft));
                if (skipped <= 0)
                    return;
                m_discardLeft -= skipped;
                if (m_discardLeft > 0)
                    return;
                // The refused body is gone; answer, and go on with what follows (if Qt saw
                // nothing of the refused request, its parser is between requests).
                const bool close = m_qtSawPart || m_closeRequested;
                deliver(reserve(close), 413, tooLarge());
                requestComplete();
                continue;
            }
            if (m_headDone) {
                m_bodySeen += available;
                if (m_chunked && m_bodySeen > m_maxBody + kMaxSniffedHead)
                    refuse(false);
                return; // Qt reads it
            }
            if (m_head.size() >= kMaxSniffedHead)
                return; // not ours to judge: Qt's parser refuses heads that are too long
            const QByteArray fragment = m_socket->peek(std::min(available, kMaxSniffedHead - m_head.size()));
            const qsizetype before = m_head.size();
            m_head += fragment;
            const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                m_qtSawPart = true; // Qt reads this fragment
                return;
            }
            m_headDone = true;
            readHead(m_head.first(end));
            m_bodySeen = m_head.size() - (end + 4) + (available - fragment.size());
            m_head.clear();
            if (m_contentLength > m_maxBody) {
                refuse(m_expectContinue);
                continue;
            }
            if (m_expectContinue && m_bodySeen == 0) // a client that did not wait needs none
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            return;
        }
    }

private:
    struct Slot {
        bool ready = false;
        QByteArray bytes;
        bool close = false;
    };

    void restartIdleClock()
    {
        if (m_idle.interval() > 0 && !m_closing)
            m_idle.start();
    }

    // Nothing arrived for the idle time. An answer still owed keeps the connection (the
    // service is working on it); a request begun and not finished gets 408; otherwise the
    // client simply has nothing more to ask.
    void idleTimeout()
    {
        if (m_closing)
            return;
        if (!m_pending.empty()) {
            m_idle.start();
            return;
        }
        const bool partial = !m_head.isEmpty() || m_headDone || m_discardLeft > 0 || m_socket->bytesAvailable() > 0;
        if (partial)
            deliver(reserve(true), 408, errorBody(QStringLiteral("the request was not completed in time")));
        else
            closeAfterWriting();
    }

    QByteArray tooLarge() const
    {
        return errorBody(QStringLiteral("the body is larger than %1 bytes").arg(m_maxBody));
    }

    // Over the limit: read and drop the body, then answer; or, when the client waits for a
    // 100 Continue, the length is huge or unknown, answer now and close.
    void refuse(bool now)
    {
        const qint64 left = m_contentLength - m_bodySeen;
        // What of the body is in this fragment counts as seen, but was not read yet: drop it
        // with the rest (the head too, when Qt has not read any of it).
        const qint64 inBuffer = m_socket->bytesAvailable();
        if (!now && !m_chunked && m_contentLength <= kMaxDiscardedBody) {
            m_discardLeft = inBuffer + std::max<qint64>(0, left);
            return;
        }
        m_socket->skip(inBuffer);
        deliver(reserve(true), 413, tooLarge());
    }

    void readHead(QByteArrayView head)
    {
        m_contentLength = -1;
        m_chunked = false;
        m_expectContinue = false;
        const qsizetype lineEnd = head.indexOf("\r\n");
        const QByteArrayView requestLine = lineEnd < 0 ? head : head.first(lineEnd);
        bool keepAlive = !requestLine.endsWith("HTTP/1.0");
        qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 2;
        while (pos < head.size()) {
            qsizetype next = head.indexOf("\r\n", pos);
            if (next < 0)
                next = head.size();
            const QByteArrayView line = head.sliced(pos, next - pos);
            pos = next + 2;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArrayView name = line.first(colon).trimmed();
            const QByteArrayView value = line.sliced(colon + 1).trimmed();
            auto is = [&name](const char *n) { return name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0; };
            if (is("content-length")) {
                bool ok = false;
                const qint64 n = value.toLongLong(&ok);
                m_contentLength = ok ? n : -1;
            } else if (is("transfer-encoding")) {
                m_chunked = QByteArray(value.data(), value.size()).toLower().contains("chunked");
            } else if (is("expect")) {
                m_expectContinue = value.compare(QByteArrayView("100-continue"), Qt::CaseInsensitive) == 0;
            } else if (is("connection")) {
                const QByteArray v = QByteArray(value.data(), value.size()).toLower();
                if (v.contains("close"))
                    keepAlive = false;
                else if (v.contains("keep-alive"))
                    keepAlive = true;
            }
        }
        m_closeRequested = !keepAlive;
    }

    QTcpSocket *m_socket;
    quint64 m_id;
    qint64 m_maxBody;
    quint64 m_nextSequence = 0;
    std::map<quint64, Slot> m_pending;
    bool m_closing = false;
    bool m_draining = false;

    QByteArray m_head;
    bool m_headDone = false;
    bool m_qtSawPart = false; // Qt's parser read part of this request
    qint64 m_bodySeen = 0;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_expectContinue = false;
    bool m_closeRequested = false;
    qint64 m_discardLeft = 0;
    QTimer m_idle;
};

} // namespace

struct InferenceServer::Impl final : Handler {
    InferenceServer *q = nullptr;
    InferenceService &service;
    Options options;
    QHostAddress address;
    QByteArray authorization; // "Bearer <token>", or empty
    InputGeometry geometry;

    FrontEnd *http = nullptr;
    GuardedTcpServer *tcp = nullptr;
    quint16 port = 0;
    QHash<quint64, HttpConnection *> connections;
    QHash<const QTcpSocket *, HttpConnection *> bySocket;
    quint64 nextConnection = 1;
    std::shared_ptr<Outbox> outbox = std::make_shared<Outbox>();
    qint64 inFlight = 0, requests = 0;
    bool stopping = false;

    Impl(InferenceServer *server, InferenceService &s, Options o) : q(server), service(s), options(std::move(o)) {}

    void accepted(QTcpSocket *socket) override
    {
        auto *connection = new HttpConnection(socket, nextConnection++, options.maxBodyBytes, options.idleTimeoutMs);
        connections.insert(connection->id(), connection);
        bySocket.insert(socket, connection);
        QObject::connect(socket, &QTcpSocket::readyRead, connection, [connection] { connection->onReadyRead(); });
        QObject::connect(connection, &QObject::destroyed, q, [this, id = connection->id(), socket] {
            connections.remove(id);
            bySocket.remove(socket);
        });
    }

    void handle(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void predict(const QHttpServerRequest &request, HttpConnection &connection, quint64 sequence);
    void drain();
    void finishIfDrained();
    void readGeometry()
    {
        const QJsonObject info = service.modelInfo();
        geometry.channels = info.value(QLatin1String("channels")).toInt(1);
        geometry.height = info.value(QLatin1String("height")).toInt(28);
        geometry.width = info.value(QLatin1String("width")).toInt(28);
    }
};

void InferenceServer::Impl::handle(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpConnection *connection = bySocket.value(socket);
    if (!connection || connection->closing())
        return;
    connection->requestComplete();
    ++requests;
    const bool close = connection->closeRequested()
                       || request.value(QByteArrayLiteral("connection")).toLower().contains("close");
    const quint64 sequence = connection->reserve(close || stopping);
    auto refuse = [&](int status, const QString &message, const QByteArray &headers = {}) {
        connection->deliver(sequence, status, errorBody(message), headers);
    };

    if (stopping)
        return refuse(503, QStringLiteral("the server is stopping"));
    if (!authorization.isEmpty() && !sameToken(request.value(QByteArrayLiteral("authorization")), authorization))
        return refuse(401,
                      request.value(QByteArrayLiteral("authorization")).isEmpty()
                          ? QStringLiteral("this server needs a token: send the header 'Authorization: Bearer <token>'")
                          : QStringLiteral("the token is wrong"),
                      "WWW-Authenticate: Bearer\r\n");

    const QString path = request.url().path();
    const QHttpServerRequest::Method method = request.method();
    const bool get = method == QHttpServerRequest::Method::Get;
    if (path == QLatin1String("/v1/predict")) {
        if (method != QHttpServerRequest::Method::Post)
            return refuse(405, QStringLiteral("/v1/predict takes POST"), "Allow: POST\r\n");
        return predict(request, *connection, sequence);
    }
    if (path == QLatin1String("/v1/health")) {
        if (!get)
            return refuse(405, QStringLiteral("/v1/health takes GET"), "Allow: GET\r\n");
        const QJsonObject health{{QStringLiteral("status"), QStringLiteral("ok")},
                                 {QStringLiteral("model"), service.servedModelId()},
                                 {QStringLiteral("answered"), service.answered()}};
        return connection->deliver(sequence, 200, QJsonDocument(health).toJson(QJsonDocument::Compact));
    }
    if (path == QLatin1String("/v1/model")) {
        if (!get)
            return refuse(405, QStringLiteral("/v1/model takes GET"), "Allow: GET\r\n");
        return connection->deliver(sequence, 200, QJsonDocument(service.modelInfo()).toJson(QJsonDocument::Compact));
    }
    refuse(404, QStringLiteral("no such path: %1 (there are POST /v1/predict, GET /v1/health and GET /v1/model)").arg(path.left(200)));
}

void InferenceServer::Impl::predict(const QHttpServerRequest &request, HttpConnection &connection, quint64 sequence)
{
    auto refuse = [&](int status, const QString &message) { connection.deliver(sequence, status, errorBody(message)); };
    const QByteArray body = request.body();
    if (body.size() > options.maxBodyBytes)
        return refuse(413, QStringLiteral("the body is larger than %1 bytes").arg(options.maxBodyBytes));
    const QByteArray contentType = request.value(QByteArrayLiteral("content-type"));
    const PredictContent content = predictContentOf(contentType);
    if (content == PredictContent::Unsupported)
        return refuse(415, QStringLiteral("Content-Type %1: send application/json, image/png or image/jpeg")
                               .arg(contentType.isEmpty() ? QStringLiteral("missing") : QString::fromUtf8(contentType.left(100))));
    PredictBody parsed = content == PredictContent::Json ? parsePredictJson(body, geometry) : parsePredictImage(body);
    if (!parsed.error.isEmpty())
        return refuse(400, parsed.error);

    ++inFlight;
    // Called on the writer's thread (after the batch is stored): they only hand the answer over.
    const std::shared_ptr<Outbox> box = outbox;
    const quint64 id = connection.id();
    if (!parsed.list) {
        service.submit(std::move(parsed.requests.first()), [box, id, sequence](InferenceAnswer &&answer) {
            Finished f{id, sequence, false, {}};
            f.answers.append(std::move(answer));
            box->post(std::move(f));
        });
    } else {
        service.submitAll(std::move(parsed.requests), [box, id, sequence](QList<InferenceAnswer> &&answers) {
            box->post(Finished{id, sequence, true, std::move(answers)});
        });
    }
}

void InferenceServer::Impl::drain()
{
    std::vector<Finished> items;
    {
        std::lock_guard lock(outbox->mutex);
        items.swap(outbox->items);
    }
    for (Finished &f : items) {
        --inFlight;
        HttpConnection *connection = connections.value(f.connection);
        if (!connection)
            continue; // the client hung up
        QString error;
        int status = 400;
        for (qsizetype i = 0; i < f.answers.size() && error.isEmpty(); ++i) {
            if (!f.answers[i].error.isEmpty()) {
                error = (f.list ? QStringLiteral("image %1: ").arg(i) : QString()) + f.answers[i].error;
                status = statusOfAnswerError(f.answers[i].error);
            }
        }
        if (!error.isEmpty()) {
            connection->deliver(f.sequence, status, errorBody(error));
            continue;
        }
        QByteArray body;
        body.reserve(160 + 200 * f.answers.size());
        if (f.list) {
            body += "{\"predictions\":[";
            for (qsizetype i = 0; i < f.answers.size(); ++i) {
                if (i > 0)
                    body += ',';
                appendAnswer(body, f.answers[i]);
            }
            body += "]}";
        } else {
            appendAnswer(body, f.answers.first());
        }
        connection->deliver(f.sequence, 200, body);
    }
    finishIfDrained();
}

void InferenceServer::Impl::finishIfDrained()
{
    if (!stopping || inFlight > 0)
        return;
    QMetaObject::invokeMethod(q, &InferenceServer::stopped, Qt::QueuedConnection);
}

InferenceServer::InferenceServer(InferenceService &service, Options options, QObject *parent)
    : QObject(parent), d(std::make_unique<Impl>(this, service, std::move(options)))
{
    d->outbox->wake = [this] { QMetaObject::invokeMethod(this, [this] { d->drain(); }, Qt::QueuedConnection); };
    connect(&service, &InferenceService::modelChanged, this, [this] { d->readGeometry(); });
}

InferenceServer::~InferenceServer()
{
    {
        std::lock_guard lock(d->outbox->mutex);
        d->outbox->wake = nullptr;
    }
    delete d->http; // its sockets and their connections, while the maps they leave are alive
    d->http = nullptr;
}

void InferenceServer::start()
{
    if (d->http) {
        if (d->stopping)
            throw Error(QStringLiteral("this inference server was stopped; start a new one"));
        return;
    }
    const QString host = d->options.host.trimmed();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        d->address = QHostAddress(QHostAddress::LocalHost);
    else if (!d->address.setAddress(host))
        throw UsageError(QStringLiteral("the host '%1' is not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)").arg(host));
    if (!d->address.isLoopback() && d->options.token.isEmpty())
        throw UsageError(QStringLiteral("serving on %1 makes the model reachable from other machines: give a token "
                                        "(requests then need 'Authorization: Bearer <token>'), or serve on 127.0.0.1")
                             .arg(host));
    if (d->options.maxBodyBytes < 1)
        throw UsageError(QStringLiteral("the body limit must be at least 1 byte, not %1").arg(d->options.maxBodyBytes));
    d->authorization = d->options.token.isEmpty() ? QByteArray() : "Bearer " + d->options.token.toUtf8();
    d->readGeometry();

    auto http = std::make_unique<FrontEnd>(*d, this);
    auto *tcp = new GuardedTcpServer(*d);
    if (!tcp->listen(d->address, d->options.port)) {
        const QString why = tcp->errorString();
        delete tcp;
        throw Error(QStringLiteral("cannot listen on %1 port %2: %3").arg(d->address.toString()).arg(d->options.port).arg(why));
    }
    http->bind(tcp); // takes it as a child
    d->tcp = tcp;
    d->port = tcp->serverPort();
    d->http = http.release();
    d->stopping = false;
    spdlog::info("inference API: listening on {}", url());
}

void InferenceServer::stop()
{
    if (!d->http || d->stopping)
        return;
    d->stopping = true;
    d->tcp->close();
    for (HttpConnection *connection : std::as_const(d->connections))
        connection->closeWhenAnswered();
    d->finishIfDrained();
}

bool InferenceServer::isListening() const
{
    return d->tcp && d->tcp->isListening();
}

quint16 InferenceServer::port() const
{
    return d->port;
}

QString InferenceServer::url() const
{
    const QString host = d->address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + d->address.toString() + u']'
                                                                                : d->address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(d->port);
}

qint64 InferenceServer::inFlight() const
{
    return d->inFlight;
}

qint64 InferenceServer::requests() const
{
    return d->requests;
}

} // namespace mlwb
