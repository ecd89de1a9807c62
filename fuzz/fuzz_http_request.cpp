// The inference API's HTTP/1.1 request parser: byte 0 picks the body limit, byte 1 how the
// rest (the bytes a client sends) is cut into reads. The events must not depend on the cuts
// (bar 100 Continue, which is only asked for when no body byte came with the head), no body
// may exceed the limit, and what the parser keeps buffered stays under its head limit.
#include "FuzzSupport.h"

#include "production/HttpRequestParser.h"

#include <QStringList>

using namespace mlwb;

namespace {

using Event = HttpRequestParser::Event;

void drain(HttpRequestParser &parser, qint64 maxBody, QStringList &events)
{
    for (Event e = parser.next(); e != Event::None; e = parser.next()) {
        MLWB_FUZZ_CHECK(!parser.closed() || e == Event::Refused);
        if (e == Event::Request) {
            const HttpRequest r = parser.takeRequest();
            MLWB_FUZZ_CHECK(r.body.size() <= maxBody);
            MLWB_FUZZ_CHECK(!r.method.isEmpty());
            events.append(QString::fromLatin1(r.method + ' ' + r.path.toHex() + ' ' + r.contentType.toHex() + ' '
                                              + r.authorization.toHex() + (r.keepAlive ? " keep " : " close ")
                                              + r.body.toHex()));
        } else if (e == Event::Refused) {
            const HttpRefusal &r = parser.refusal();
            MLWB_FUZZ_CHECK(r.status >= 400 && r.status < 600 && !r.message.isEmpty());
            MLWB_FUZZ_CHECK(r.close == parser.closed());
            events.append(QStringLiteral("refused %1 %2 ").arg(r.status).arg(r.close) + r.message);
        }
        // Continue: not compared (it depends on the cuts)
    }
    MLWB_FUZZ_CHECK(parser.buffered() < HttpRequestParser::kMaxHead);
    MLWB_FUZZ_CHECK(!parser.closed() || parser.buffered() == 0);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qint64 maxBody = qint64(1) << (data[0] % 17); // 1 B … 64 KiB
    std::uint32_t cuts = data[1] * 2654435761u + 1;
    const QByteArray stream(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    QStringList whole;
    {
        HttpRequestParser parser(maxBody);
        parser.append(stream);
        drain(parser, maxBody, whole);
    }
    QStringList pieces;
    {
        HttpRequestParser parser(maxBody);
        for (qsizetype from = 0; from < stream.size();) {
            cuts = cuts * 1664525u + 1013904223u;
            const qsizetype n = std::min<qsizetype>(stream.size() - from, 1 + (cuts >> 24) % (data[1] % 64 + 1));
            parser.append(stream.mid(from, n));
            from += n;
            drain(parser, maxBody, pieces);
        }
    }
    MLWB_FUZZ_CHECK(whole == pieces);
    return 0;
}
