#include "production/InferenceServer.h"

#include "common/Error.h"
#include "common/Log.h"
#include "production/HttpRequestParser.h"
#include "production/InferenceService.h"
#include "production/PredictRequest.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <charconv>
#include <map>
#include <mutex>

namespace mlwb {

namespace {

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
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
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

class HttpConnection;

// Where a connection hands its complete requests.
class Handler {
public:
    virtual ~Handler() = default;
    virtual void handle(HttpRequest &&request, HttpConnection &connection) = 0;
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

// A connection: its request parser and the order of its answers. Bytes are parsed as they
// arrive; a body over the limit is refused before it is buffered (413), and "Expect:
// 100-continue" is answered (curl sends it for bodies over 1 KiB and else waits a second).
class HttpConnection final : public QObject {
public:
    HttpConnection(QTcpSocket *socket, quint64 id, Handler &handler, qint64 maxBody, int idleTimeoutMs)
        : QObject(socket), m_socket(socket), m_id(id), m_handler(handler), m_parser(maxBody)
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
        m_pending[sequence] = {false, false, {}, close};
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
        flush();
    }

    // The server stops: answers still owed are written (saying the connection closes), then
    // the connection closes; an idle one closes now.
    void closeWhenAnswered()
    {
        m_draining = true;
        if (m_pending.empty() && !m_closing)
            closeAfterWriting();
    }

    void closeAfterWriting()
    {
        m_closing = true;
        m_idle.stop();
        m_pending.clear();
        m_socket->disconnectFromHost(); // after what is written is sent
    }

    void onReadyRead()
    {
        restartIdleClock();
        if (m_closing) {
            m_socket->skip(m_socket->bytesAvailable());
            return;
        }
        m_parser.append(m_socket->readAll());
        while (!m_closing) {
            switch (m_parser.next()) {
            case HttpRequestParser::Event::None:
                return;
            case HttpRequestParser::Event::Request:
                m_handler.handle(m_parser.takeRequest(), *this);
                break;
            case HttpRequestParser::Event::Continue:
                interim("HTTP/1.1 100 Continue\r\n\r\n");
                break;
            case HttpRequestParser::Event::Refused: {
                const HttpRefusal &refusal = m_parser.refusal();
                deliver(reserve(refusal.close), refusal.status, errorBody(refusal.message));
                break;
            }
            }
        }
    }

private:
    struct Slot {
        bool ready = false;
        bool interim = false; // a 1xx: no answer of its own
        QByteArray bytes;
        bool close = false;
    };

    // A 1xx response, after the answers owed before it.
    void interim(const QByteArray &bytes)
    {
        m_pending[m_nextSequence++] = {true, true, bytes, false};
        flush();
    }

    void flush()
    {
        while (!m_pending.empty() && m_pending.begin()->second.ready) {
            Slot slot = std::move(m_pending.begin()->second);
            m_pending.erase(m_pending.begin());
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                continue;
            m_socket->write(slot.bytes);
            if (slot.close || (m_draining && m_pending.empty() && !slot.interim)) {
                closeAfterWriting();
                return;
            }
        }
    }

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
        if (m_parser.partial() || m_socket->bytesAvailable() > 0)
            deliver(reserve(true), 408, errorBody(QStringLiteral("the request was not completed in time")));
        else
            closeAfterWriting();
    }

    QTcpSocket *m_socket;
    quint64 m_id;
    Handler &m_handler;
    HttpRequestParser m_parser;
    quint64 m_nextSequence = 0;
    std::map<quint64, Slot> m_pending;
    bool m_closing = false;
    bool m_draining = false;
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

    QTcpServer *tcp = nullptr;
    quint16 port = 0;
    QHash<quint64, HttpConnection *> connections;
    quint64 nextConnection = 1;
    std::shared_ptr<Outbox> outbox = std::make_shared<Outbox>();
    qint64 inFlight = 0, requests = 0;
    bool stopping = false;

    Impl(InferenceServer *server, InferenceService &s, Options o) : q(server), service(s), options(std::move(o)) {}

    void accept()
    {
        while (QTcpSocket *socket = tcp->nextPendingConnection()) {
            auto *connection = new HttpConnection(socket, nextConnection++, *this, options.maxBodyBytes, options.idleTimeoutMs);
            connections.insert(connection->id(), connection);
            QObject::connect(socket, &QTcpSocket::readyRead, connection, [connection] { connection->onReadyRead(); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(connection, &QObject::destroyed, q, [this, id = connection->id()] { connections.remove(id); });
            if (stopping)
                connection->closeWhenAnswered();
        }
    }

    void handle(HttpRequest &&request, HttpConnection &connection) override;
    void predict(const HttpRequest &request, HttpConnection &connection, quint64 sequence);
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

void InferenceServer::Impl::handle(HttpRequest &&request, HttpConnection &connection)
{
    if (connection.closing())
        return;
    ++requests;
    const quint64 sequence = connection.reserve(!request.keepAlive || stopping);
    auto refuse = [&](int status, const QString &message, const QByteArray &headers = {}) {
        connection.deliver(sequence, status, errorBody(message), headers);
    };

    if (stopping)
        return refuse(503, QStringLiteral("the server is stopping"));
    if (!authorization.isEmpty() && !sameToken(request.authorization, authorization))
        return refuse(401,
                      request.authorization.isEmpty()
                          ? QStringLiteral("this server needs a token: send the header 'Authorization: Bearer <token>'")
                          : QStringLiteral("the token is wrong"),
                      "WWW-Authenticate: Bearer\r\n");

    const QByteArray &path = request.path;
    const bool get = request.method == "GET";
    if (path == "/v1/predict") {
        if (request.method != "POST")
            return refuse(405, QStringLiteral("/v1/predict takes POST"), "Allow: POST\r\n");
        return predict(request, connection, sequence);
    }
    if (path == "/v1/health") {
        if (!get)
            return refuse(405, QStringLiteral("/v1/health takes GET"), "Allow: GET\r\n");
        const QJsonObject health{{QStringLiteral("status"), QStringLiteral("ok")},
                                 {QStringLiteral("model"), service.servedModelId()},
                                 {QStringLiteral("answered"), service.answered()}};
        return connection.deliver(sequence, 200, QJsonDocument(health).toJson(QJsonDocument::Compact));
    }
    if (path == "/v1/model") {
        if (!get)
            return refuse(405, QStringLiteral("/v1/model takes GET"), "Allow: GET\r\n");
        return connection.deliver(sequence, 200, QJsonDocument(service.modelInfo()).toJson(QJsonDocument::Compact));
    }
    refuse(404, QStringLiteral("no such path: %1 (there are POST /v1/predict, GET /v1/health and GET /v1/model)")
                    .arg(QString::fromUtf8(path).left(200)));
}

void InferenceServer::Impl::predict(const HttpRequest &request, HttpConnection &connection, quint64 sequence)
{
    auto refuse = [&](int status, const QString &message) { connection.deliver(sequence, status, errorBody(message)); };
    const QByteArray &body = request.body; // within the limit: the parser refused larger ones
    const QByteArray &contentType = request.contentType;
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
    delete d->tcp; // its sockets and their connections, while the maps they leave are alive
    d->tcp = nullptr;
}

void InferenceServer::start()
{
    if (d->tcp) {
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

    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(d->address, d->options.port)) {
        const QString why = tcp->errorString();
        delete tcp;
        throw Error(QStringLiteral("cannot listen on %1 port %2: %3").arg(d->address.toString()).arg(d->options.port).arg(why));
    }
    connect(tcp, &QTcpServer::newConnection, this, [this] { d->accept(); });
    d->tcp = tcp;
    d->port = tcp->serverPort();
    d->stopping = false;
    spdlog::info("inference API: listening on {}", url());
}

void InferenceServer::stop()
{
    if (!d->tcp || d->stopping)
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
