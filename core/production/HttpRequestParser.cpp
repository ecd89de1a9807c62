#include "production/HttpRequestParser.h"

#include <QByteArrayView>

#include <algorithm>
#include <cstring>
#include <limits>

namespace mlwb {

namespace {

bool isTokenChar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text)
        if (!isTokenChar(static_cast<unsigned char>(c)))
            return false;
    return true;
}

// A header value's bytes: visible characters, spaces, tabs and obs-text; no CR, LF, NUL.
bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

bool isTarget(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView text)
{
    qsizetype from = 0, to = text.size();
    while (from < to && (text[from] == ' ' || text[from] == '\t'))
        ++from;
    while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t'))
        --to;
    return text.sliced(from, to - from);
}

bool is(QByteArrayView name, const char *lowerCase)
{
    return name.compare(QByteArrayView(lowerCase), Qt::CaseInsensitive) == 0;
}

void join(QByteArray &to, QByteArrayView value)
{
    if (!to.isEmpty())
        to += ", ";
    to.append(value.data(), value.size());
}

// The path of an origin-form ("/a/b?q") or absolute-form ("http://host/a/b?q") target.
QByteArray pathOf(QByteArrayView target)
{
    if (!target.startsWith('/')) {
        const qsizetype scheme = target.indexOf("://");
        if (scheme > 0) {
            target = target.sliced(scheme + 3);
            qsizetype slash = 0;
            while (slash < target.size() && target[slash] != '/' && target[slash] != '?' && target[slash] != '#')
                ++slash;
            target = target.sliced(slash);
            if (target.isEmpty() || target.front() != '/')
                return QByteArrayLiteral("/");
        }
    }
    qsizetype end = 0;
    while (end < target.size() && target[end] != '?' && target[end] != '#')
        ++end;
    return QByteArray::fromPercentEncoding(QByteArray(target.data(), end));
}

// 1*DIGIT; larger than anything allowed clamps to the maximum (refused as too large).
bool parseLength(QByteArrayView text, qint64 *length)
{
    if (text.isEmpty())
        return false;
    qint64 n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        if (n > (std::numeric_limits<qint64>::max() - 9) / 10)
            n = std::numeric_limits<qint64>::max(); // stays: still digits to check
        else
            n = n * 10 + (c - '0');
    }
    *length = n;
    return true;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

HttpRequestParser::HttpRequestParser(qint64 maxBodyBytes) : m_maxBody(maxBodyBytes) {}

void HttpRequestParser::append(const QByteArray &bytes)
{
    if (m_state == State::Dead || bytes.isEmpty())
        return;
    if (m_offset == m_buffer.size()) {
        m_buffer = bytes; // shared, not copied
        m_offset = 0;
        return;
    }
    // Consumed bytes are dropped once they are the larger part: each byte moves O(1) times.
    if (m_offset > 0 && m_offset >= m_buffer.size() - m_offset) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer += bytes;
}

HttpRequestParser::Event HttpRequestParser::refuse(int status, const QString &message, bool close)
{
    m_refusal = {status, message, close};
    if (close) {
        m_state = State::Dead;
        m_buffer.clear();
        m_offset = 0;
    } else {
        m_state = State::Idle;
    }
    m_scan = 0;
    return Event::Refused;
}

HttpRequestParser::Event HttpRequestParser::tooLarge(bool close)
{
    return refuse(413, QStringLiteral("the body is larger than %1 bytes").arg(m_maxBody), close);
}

HttpRequestParser::Event HttpRequestParser::finishRequest()
{
    m_state = State::Idle;
    m_scan = 0;
    return Event::Request;
}

qsizetype HttpRequestParser::findLine(qsizetype limit, qsizetype *terminator)
{
    const qsizetype available = std::min(buffered(), limit);
    const char *data = m_buffer.constData() + m_offset;
    if (m_scan < available) {
        if (const void *lf = std::memchr(data + m_scan, '\n', size_t(available - m_scan))) {
            const qsizetype at = static_cast<const char *>(lf) - data;
            m_scan = 0;
            const bool cr = at > 0 && data[at - 1] == '\r';
            *terminator = cr ? 2 : 1;
            return at - (cr ? 1 : 0);
        }
    }
    m_scan = available;
    return -1;
}

HttpRequestParser::Event HttpRequestParser::next()
{
    for (;;) {
        const char *data = m_buffer.constData() + m_offset;
        const qsizetype available = buffered();
        switch (m_state) {
        case State::Dead:
            m_buffer.clear();
            m_offset = 0;
            return Event::None;

        case State::Idle: {
            // Empty lines between requests are no request (RFC 9112 §2.2).
            qsizetype skip = 0;
            while (skip < available && (data[skip] == '\r' || data[skip] == '\n'))
                ++skip;
            consume(skip);
            if (skip == available) {
                m_buffer.clear();
                m_offset = 0;
                return Event::None;
            }
            m_state = State::Head;
            m_scan = 0;
            m_request = HttpRequest{};
            m_expectContinue = false;
            break;
        }

        case State::Head: {
            // The head ends with an empty line: LF (CR LF) followed by LF or CR LF.
            const qsizetype limit = std::min(available, kMaxHead);
            qsizetype end = -1;
            qsizetype from = m_scan;
            while (from < limit) {
                const void *lf = std::memchr(data + from, '\n', size_t(limit - from));
                if (!lf)
                    break;
                const qsizetype at = static_cast<const char *>(lf) - data;
                if (at + 1 < limit && data[at + 1] == '\n') {
                    end = at + 2;
                    break;
                }
                if (at + 2 < limit && data[at + 1] == '\r' && data[at + 2] == '\n') {
                    end = at + 3;
                    break;
                }
                if (at + 2 >= limit) { // not known yet whether an empty line follows
                    from = at;
                    break;
                }
                from = at + 1;
            }
            if (end < 0) {
                m_scan = from < limit ? from : limit;
                if (available >= kMaxHead)
                    return refuse(431, QStringLiteral("the request head is larger than %1 bytes").arg(kMaxHead));
                return Event::None;
            }
            const Event headEvent = parseHead(data, data + end);
            if (m_state == State::Dead)
                return headEvent;
            consume(end);
            if (headEvent != Event::None)
                return headEvent; // a request without body
            if (m_expectContinue && buffered() == 0 && m_state != State::Discard)
                return Event::Continue;
            break;
        }

        case State::Body: {
            if (available == 0)
                return Event::None;
            if (m_request.body.isEmpty() && m_offset == 0 && available == m_left) {
                m_request.body = std::move(m_buffer); // the whole buffer is the body: no copy
                m_buffer = QByteArray();
                m_offset = 0;
                m_left = 0;
                return finishRequest();
            }
            const qsizetype n = qsizetype(std::min<qint64>(available, m_left));
            m_request.body.append(data, n);
            consume(n);
            m_left -= n;
            if (m_left > 0)
                return Event::None;
            return finishRequest();
        }

        case State::Discard: {
            const qsizetype n = qsizetype(std::min<qint64>(available, m_left));
            consume(n);
            m_left -= n;
            if (m_left > 0) {
                m_buffer.clear();
                m_offset = 0;
                return Event::None;
            }
            return tooLarge(!m_request.keepAlive);
        }

        case State::ChunkSize: {
            qsizetype terminator = 0;
            const qsizetype length = findLine(kMaxChunkLine, &terminator);
            if (length < 0) {
                if (available >= kMaxChunkLine)
                    return refuse(400, QStringLiteral("malformed chunked body: a chunk size line is too long"));
                return Event::None;
            }
            const QByteArrayView line(data, length);
            qsizetype i = 0;
            qint64 size = 0;
            const qint64 room = m_maxBody - m_request.body.size();
            bool over = false;
            while (i < line.size() && hexDigit(line[i]) >= 0) {
                if (!over) {
                    over = size > (std::numeric_limits<qint64>::max() - 15) / 16;
                    if (!over) {
                        size = size * 16 + hexDigit(line[i]);
                        over = size > room;
                    }
                }
                ++i;
            }
            if (i == 0)
                return refuse(400, QStringLiteral("malformed chunked body: a chunk size is no hex number"));
            const QByteArrayView rest = trimmed(line.sliced(i));
            if (!rest.isEmpty() && rest.front() != ';')
                return refuse(400, QStringLiteral("malformed chunked body: a chunk size is no hex number"));
            if (over)
                return tooLarge(true);
            consume(length + terminator);
            if (size == 0) {
                m_state = State::Trailers;
                m_left = 0;
                m_trailerBytes = 0;
            } else {
                m_state = State::ChunkData;
                m_left = size;
            }
            break;
        }

        case State::ChunkData: {
            if (available == 0)
                return Event::None;
            const qsizetype n = qsizetype(std::min<qint64>(available, m_left));
            m_request.body.append(data, n);
            consume(n);
            m_left -= n;
            if (m_left == 0)
                m_state = State::ChunkDataEnd;
            break;
        }

        case State::ChunkDataEnd: {
            if (available == 0)
                return Event::None;
            if (data[0] == '\n') {
                consume(1);
            } else if (data[0] != '\r') {
                return refuse(400, QStringLiteral("malformed chunked body: a chunk does not end with CR LF"));
            } else {
                if (available < 2)
                    return Event::None;
                if (data[1] != '\n')
                    return refuse(400, QStringLiteral("malformed chunked body: a chunk does not end with CR LF"));
                consume(2);
            }
            m_state = State::ChunkSize;
            m_scan = 0;
            break;
        }

        case State::Trailers: {
            qsizetype terminator = 0;
            const qsizetype length = findLine(kMaxHead - m_trailerBytes, &terminator);
            if (length < 0) {
                if (m_trailerBytes + available >= kMaxHead)
                    return refuse(431, QStringLiteral("the request trailers are larger than %1 bytes").arg(kMaxHead));
                return Event::None;
            }
            consume(length + terminator);
            m_trailerBytes += length + terminator;
            if (length == 0)
                return finishRequest(); // trailer fields are skipped
            break;
        }
        }
    }
}

// The head [begin, end), its empty line included. Sets up the body: returns Event::Request
// for a request without one, Event::None to read on, or a refusal.
HttpRequestParser::Event HttpRequestParser::parseHead(const char *begin, const char *end)
{
    const QByteArrayView head(begin, end - begin);
    qsizetype pos = 0;
    auto nextLine = [&]() -> QByteArrayView {
        const qsizetype lf = head.indexOf('\n', pos);
        QByteArrayView line = head.sliced(pos, lf - pos);
        pos = lf + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        return line;
    };

    // METHOD SP target SP HTTP/1.d
    const QByteArrayView requestLine = nextLine();
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp2 < 0)
        return refuse(400, QStringLiteral("malformed request line"));
    const QByteArrayView method = requestLine.first(sp1);
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method) || !isTarget(target) || version.size() != 8 || !version.startsWith("HTTP/1.")
        || version[7] < '0' || version[7] > '9')
        return refuse(400, QStringLiteral("malformed request line"));
    m_request.method = method.toByteArray();
    m_request.path = pathOf(target);
    bool keepAlive = version[7] != '0';

    qint64 contentLength = -1;
    bool hasTransferEncoding = false;
    QByteArray transferEncoding;
    for (;;) {
        const QByteArrayView line = nextLine();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return refuse(400, QStringLiteral("malformed header line"));
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (!isToken(name) || !isFieldValue(value))
            return refuse(400, QStringLiteral("malformed header line"));
        switch (name.front() | 0x20) { // only the names that matter are compared in full
        case 'a':
            if (is(name, "authorization"))
                join(m_request.authorization, value);
            break;
        case 'c':
            if (is(name, "content-length")) {
                qint64 n = 0;
                if (!parseLength(value, &n) || (contentLength >= 0 && n != contentLength))
                    return refuse(400, QStringLiteral("invalid Content-Length"));
                contentLength = n;
            } else if (is(name, "content-type")) {
                join(m_request.contentType, value);
            } else if (is(name, "connection")) {
                for (qsizetype from = 0; from <= value.size();) {
                    qsizetype comma = value.indexOf(',', from);
                    if (comma < 0)
                        comma = value.size();
                    const QByteArrayView option = trimmed(value.sliced(from, comma - from));
                    if (is(option, "close"))
                        keepAlive = false;
                    else if (is(option, "keep-alive"))
                        keepAlive = true;
                    from = comma + 1;
                }
            }
            break;
        case 'e':
            if (is(name, "expect"))
                m_expectContinue = is(value, "100-continue");
            break;
        case 't':
            if (is(name, "transfer-encoding")) {
                hasTransferEncoding = true;
                join(transferEncoding, value);
            }
            break;
        default:
            break;
        }
    }
    m_request.keepAlive = keepAlive;

    if (hasTransferEncoding) {
        // Only "chunked", alone: gzip or deflate bodies are not read.
        if (!is(trimmed(transferEncoding), "chunked"))
            return refuse(501, QStringLiteral("Transfer-Encoding %1 is not supported: send Content-Length or chunked")
                                   .arg(QString::fromLatin1(transferEncoding.left(100))));
        if (contentLength >= 0)
            m_request.keepAlive = false; // two framings: answer, then close (RFC 9112 §6.3)
        m_state = State::ChunkSize;
        m_scan = 0;
        return Event::None;
    }
    if (contentLength <= 0)
        return finishRequest();
    if (contentLength > m_maxBody) {
        // A client waiting for 100 Continue sends nothing more: answer now. A huge body is
        // not worth reading.
        if (m_expectContinue || contentLength > kMaxDiscardedBody)
            return tooLarge(true);
        m_state = State::Discard;
        m_left = contentLength;
        return Event::None;
    }
    m_state = State::Body;
    m_left = contentLength;
    return Event::None;
}

} // namespace mlwb
