#pragma once
#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <utility>

namespace mlwb {

// One HTTP/1.x request as the inference API needs it.
struct HttpRequest {
    QByteArray method;        // as sent ("GET", "POST", …): methods are case-sensitive
    QByteArray path;          // the target's path, percent-decoded, without query or fragment
    QByteArray contentType;   // header values, trimmed; repeated headers joined with ", "
    QByteArray authorization;
    bool keepAlive = true;    // false: the client asked to close (Connection: close, HTTP/1.0
                              // without keep-alive), or its framing was ambiguous (TE and CL)
    QByteArray body;          // Content-Length or chunked body, decoded; at most the limit
};

// A request the parser answers itself: status, message (for the JSON error body), and whether
// the connection must close after the answer (then the parser reads nothing more).
struct HttpRefusal {
    int status = 0;
    QString message;
    bool close = true;
};

// An incremental HTTP/1.1 request parser: bytes are appended as they arrive, next() yields
// what they make, one event at a time, in order (pipelined requests included).
//
// Rules (nothing from the wire allocates beyond the limits):
//   - request line "METHOD SP target SP HTTP/1.d"; CRLF or bare LF line ends; empty lines
//     between requests are skipped. A malformed request or header line (no colon, spaces
//     before the colon, control characters, folded lines) → 400, close.
//   - a head (request line and headers) not finished within kMaxHead bytes → 431, close.
//   - Content-Length: digits only, repeated only with the same value, else 400, close.
//     Transfer-Encoding: only "chunked" (sizes in hex, extensions ignored, trailers skipped);
//     any other coding → 501, close. With both, chunked wins and the connection closes after
//     the answer (RFC 9112 §6.3).
//   - a body over maxBodyBytes → 413. With a Content-Length up to kMaxDiscardedBody from a
//     client that does not wait for 100 Continue, the body is read and dropped first and the
//     connection stays usable (unless the client asked to close); a client waiting for 100
//     Continue, a larger length, or a chunked body growing over the limit → 413 now, close.
//   - Expect: 100-continue on a request with a body within the limit, none of which arrived
//     yet → Event::Continue (write "HTTP/1.1 100 Continue" before reading on).
class HttpRequestParser {
public:
    static constexpr qsizetype kMaxHead = 64 * 1024;
    static constexpr qint64 kMaxDiscardedBody = 64 * 1024 * 1024;
    static constexpr qsizetype kMaxChunkLine = 4096; // a chunk-size line with its extensions

    enum class Event {
        None,     // nothing complete: append more bytes
        Request,  // takeRequest()
        Continue, // the client waits for "100 Continue"
        Refused,  // refusal(); when it closes, everything after is dropped
    };

    explicit HttpRequestParser(qint64 maxBodyBytes);

    void append(const QByteArray &bytes);
    Event next();

    HttpRequest takeRequest() { return std::move(m_request); }
    const HttpRefusal &refusal() const { return m_refusal; }

    // Part of a request was received and it is not complete (nor refused yet).
    bool partial() const { return m_state != State::Idle && m_state != State::Dead; }
    // A refusal closed the connection: nothing more is parsed.
    bool closed() const { return m_state == State::Dead; }
    // Bytes appended and not consumed yet (at most a head and a chunk line, plus one append).
    qsizetype buffered() const { return m_buffer.size() - m_offset; }

private:
    enum class State { Idle, Head, Body, Discard, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Dead };

    Event refuse(int status, const QString &message, bool close = true);
    Event tooLarge(bool close);
    Event parseHead(const char *begin, const char *end);
    Event finishRequest();
    void consume(qsizetype n) { m_offset += n; }
    // Finds the next line end at or after m_scan, within `limit` bytes of m_offset: the
    // length of the line (without CR LF) and of its terminator, or -1.
    qsizetype findLine(qsizetype limit, qsizetype *terminator);

    qint64 m_maxBody;
    QByteArray m_buffer;
    qsizetype m_offset = 0; // bytes of m_buffer consumed
    qsizetype m_scan = 0;   // where the search for a line end goes on (relative to m_offset)
    State m_state = State::Idle;

    HttpRequest m_request;
    HttpRefusal m_refusal;
    qint64 m_left = 0;          // body bytes still to read (or to drop), or of this chunk
    qsizetype m_trailerBytes = 0;
    bool m_expectContinue = false;
};

} // namespace mlwb
