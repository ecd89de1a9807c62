#pragma once
#include <QObject>
#include <QString>
#include <memory>

namespace mlwb {

class InferenceService;

// The production model over HTTP (JSON answers, every error a 4xx JSON {"error": "…"} that
// stores nothing):
//   POST /v1/predict   a PNG/JPEG body, or JSON pixels (see PredictRequest.h for the exact
//                      shapes) → {"class", "label", "probabilities", "model", "sample"}, or for
//                      a list {"predictions": [...]}
//   GET  /v1/health    {"status": "ok", "model": id, "answered": n}
//   GET  /v1/model     InferenceService::modelInfo()
// Statuses: 400 bad body (not an image, malformed JSON, wrong pixel count, values not numbers
// or outside [0, 1]), 401 missing or wrong token, 404 unknown path, 405 wrong method, 413 body
// over maxBodyBytes (refused as its headers arrive, before the body is buffered), 415 another
// Content-Type, 500/503 when the service fails or stops.
// HTTP/1.1 (and 1.0) on a plain TCP server, parsed by HttpRequestParser: keep-alive and
// pipelining, Content-Length or chunked bodies. A malformed request line or header is 400,
// a head over 64 KiB 431, another Transfer-Encoding than chunked 501; these close the
// connection.
//
// Requests are read and answered on the thread the server lives in (the GUI or CLI thread);
// predictions are submitted to the service and answered when it calls back, without
// blocking that thread. Answers on one connection keep the order of its requests. Nothing but
// listen() blocks, so the window can own one.
class InferenceServer : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString host = QStringLiteral("127.0.0.1"); // an IP address, or "localhost"
        quint16 port = 0;                           // 0: any free port (see port())
        QString token;                              // required unless host is a loopback address
        qint64 maxBodyBytes = 1 << 20;
        // A connection that sends nothing for this long while no answer is owed is closed; one
        // that started a request and has not finished sending it then gets 408 first (slow
        // clients cannot hold connections open forever). 0: never.
        int idleTimeoutMs = 30000;
    };

    // The service must outlive the server and be started.
    InferenceServer(InferenceService &service, Options options, QObject *parent = nullptr);
    ~InferenceServer() override; // closes every connection; answers still in flight are dropped

    // Listens. Throws UsageError for a host that is no IP address, a non-loopback host without
    // token or a negative body limit; Error naming the address when it cannot be bound (the
    // port is taken).
    void start();
    // Stops accepting connections; answers what is in flight, closes the connections, then
    // emits stopped() (queued, also when nothing is in flight). A stopped server does not
    // start again: make a new one.
    void stop();

    bool isListening() const;
    quint16 port() const;  // the bound port, once started
    QString url() const;   // "http://127.0.0.1:8080"
    qint64 inFlight() const; // predictions submitted and not answered yet
    qint64 requests() const; // HTTP requests handled since start

Q_SIGNALS:
    void stopped();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace mlwb
