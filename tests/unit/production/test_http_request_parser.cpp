// The incremental HTTP/1.1 request parser of the inference API: the same events however the
// bytes are split, pipelining, chunked bodies, every refusal, 100 Continue, keep-alive rules
// and the limits.
#include "production/HttpRequestParser.h"

#include <QtTest>

using namespace mlwb;
using Event = HttpRequestParser::Event;

namespace {

// The events of a parser, as text: easy to compare and to read in a failure.
QString describe(HttpRequestParser &parser, Event event)
{
    switch (event) {
    case Event::None: return QStringLiteral("none");
    case Event::Continue: return QStringLiteral("continue");
    case Event::Refused: {
        const HttpRefusal &r = parser.refusal();
        return QStringLiteral("refused %1 %2 %3").arg(r.status).arg(QLatin1String(r.close ? "close" : "keep"), r.message);
    }
    case Event::Request: {
        const HttpRequest r = parser.takeRequest();
        return QStringLiteral("%1 %2 type=%3 auth=%4 %5 body=%6")
            .arg(QString::fromLatin1(r.method), QString::fromUtf8(r.path), QString::fromLatin1(r.contentType),
                 QString::fromLatin1(r.authorization), r.keepAlive ? QStringLiteral("keep") : QStringLiteral("close"),
                 QString::fromLatin1(r.body.left(60)) + (r.body.size() > 60 ? QStringLiteral("…%1").arg(r.body.size()) : QString()));
    }
    }
    return {};
}

QStringList drain(HttpRequestParser &parser)
{
    QStringList out;
    for (Event e = parser.next(); e != Event::None; e = parser.next())
        out.append(describe(parser, e));
    return out;
}

// Feeds `bytes` in pieces cut at `cuts` (offsets), collecting the events after each piece.
QStringList feed(const QByteArray &bytes, QList<qsizetype> cuts = {}, qint64 maxBody = 100,
                 HttpRequestParser *keep = nullptr)
{
    HttpRequestParser own(maxBody);
    HttpRequestParser &parser = keep ? *keep : own;
    cuts.append(bytes.size());
    QStringList out;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        parser.append(bytes.mid(from, cut - from));
        from = cut;
        out += drain(parser);
    }
    return out;
}

QStringList byteByByte(const QByteArray &bytes, qint64 maxBody = 100)
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < bytes.size(); ++i)
        cuts.append(i);
    return feed(bytes, cuts, maxBody);
}

QStringList withoutContinue(QStringList events)
{
    events.removeAll(QStringLiteral("continue"));
    return events;
}

const QByteArray kGet = "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n";

} // namespace

class TestHttpRequestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aSimpleRequest()
    {
        QCOMPARE(feed("GET /v1/health?verbose=1#top HTTP/1.1\r\nHost: x\r\n\r\n"),
                 QStringList{"GET /v1/health type= auth= keep body="});
        QCOMPARE(feed("POST /v1/predict HTTP/1.1\r\ncontent-TYPE:   application/json  \r\nAUTHORIZATION: Bearer t\r\n"
                      "Content-Length: 2\r\n\r\n{}"),
                 QStringList{"POST /v1/predict type=application/json auth=Bearer t keep body={}"});
        // Bare LF line ends, the path percent-decoded, the absolute form.
        QCOMPARE(feed("GET /v1/%68ealth HTTP/1.1\nHost: x\n\n"), QStringList{"GET /v1/health type= auth= keep body="});
        QCOMPARE(feed("GET http://x:8080/v1/model?a HTTP/1.1\r\n\r\n"), QStringList{"GET /v1/model type= auth= keep body="});
        QCOMPARE(feed("GET http://x:8080 HTTP/1.1\r\n\r\n"), QStringList{"GET / type= auth= keep body="});
        // Repeated headers are joined, as HTTP defines.
        QCOMPARE(feed("GET / HTTP/1.1\r\nAuthorization: a\r\nauthorization: b\r\n\r\n"), QStringList{"GET / type= auth=a, b keep body="});
        // Other methods are the server's to refuse.
        QCOMPARE(feed("BREW /pot HTTP/1.1\r\n\r\n"), QStringList{"BREW /pot type= auth= keep body="});
    }

    void everySplitGivesTheSameEvents()
    {
        const QByteArray inputs[] = {
            kGet,
            "POST /v1/predict HTTP/1.1\r\nContent-Type: image/png\r\nContent-Length: 5\r\n\r\nhello" + kGet,
            "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0a\r\n, chunked!\r\n0\r\nX-Trailer: 1\r\n\r\n" + kGet,
            "POST /p HTTP/1.1\r\nContent-Length: 150\r\n\r\n" + QByteArray(150, 'x') + kGet, // dropped, 413, goes on
            "POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc" + kGet,
            "\r\n" + kGet + "\r\n\r\n" + kGet,
            "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n" + kGet,
            "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n" + QByteArray(101, 'x'),
            "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\nConnection: close\r\n\r\n",
        };
        for (const QByteArray &input : inputs) {
            const QStringList whole = feed(input);
            QVERIFY2(!whole.isEmpty(), input.constData());
            QCOMPARE(withoutContinue(byteByByte(input)), withoutContinue(whole));
            for (qsizetype cut = 1; cut < input.size(); ++cut)
                QCOMPARE(withoutContinue(feed(input, {cut})), withoutContinue(whole));
            for (qsizetype a = 1; a < input.size(); a += 7)
                for (qsizetype b = a + 1; b < input.size(); b += 5)
                    QCOMPARE(withoutContinue(feed(input, {a, b})), withoutContinue(whole));
        }
    }

    void pipelinedRequestsComeInOrder()
    {
        const QByteArray bytes = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                                 "GET /b HTTP/1.1\r\n\r\n"
                                 "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
                                 "GET /d HTTP/1.1\r\nConnection: close\r\n\r\n";
        const QStringList expected{"POST /a type= auth= keep body=abc", "GET /b type= auth= keep body=",
                                   "POST /c type= auth= keep body=xy", "GET /d type= auth= close body="};
        QCOMPARE(feed(bytes), expected);
        QCOMPARE(byteByByte(bytes), expected);

        // Many requests byte by byte: what is consumed does not pile up.
        HttpRequestParser parser(100);
        QByteArray many;
        for (int i = 0; i < 200; ++i)
            many += "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789";
        int requests = 0;
        for (qsizetype i = 0; i < many.size(); i += 13) {
            parser.append(many.mid(i, 13));
            for (Event e = parser.next(); e != Event::None; e = parser.next()) {
                QCOMPARE(e, Event::Request);
                QCOMPARE(parser.takeRequest().body, QByteArray("0123456789"));
                ++requests;
            }
            QVERIFY(parser.buffered() < 100);
        }
        QCOMPARE(requests, 200);
        QVERIFY(!parser.partial());
    }

    void chunkedBodies()
    {
        QCOMPARE(feed("POST /p HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\nA;name=\"v\"\r\n0123456789\r\n0\r\n\r\n"),
                 QStringList{"POST /p type= auth= keep body=abc0123456789"});
        // Bare LF, trailers skipped, a size with spaces before its extension.
        QCOMPARE(feed("POST /p HTTP/1.1\nTransfer-Encoding: chunked\n\n3 ;x\nabc\n0\nA: b\nC: d\n\nGET /n HTTP/1.1\n\n"),
                 (QStringList{"POST /p type= auth= keep body=abc", "GET /n type= auth= keep body="}));
        // Transfer-Encoding wins over Content-Length, and the connection then closes.
        QCOMPARE(feed("POST /p HTTP/1.1\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"),
                 QStringList{"POST /p type= auth= close body=z"});
        // Exactly the limit is fine; one byte over is not.
        QCOMPARE(feed("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n32\r\n" + QByteArray(50, 'a') + "\r\n32\r\n"
                      + QByteArray(50, 'b') + "\r\n0\r\n\r\n"),
                 QStringList{"POST /p type= auth= keep body=" + QString(50, 'a') + QString(10, 'b') + "…100"});
        QCOMPARE(feed("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n32\r\n" + QByteArray(50, 'a') + "\r\n33\r\n"),
                 QStringList{"refused 413 close the body is larger than 100 bytes"});
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QString badLine = QStringLiteral("refused 400 close malformed request line");
        const QString badHeader = QStringLiteral("refused 400 close malformed header line");
        const QString badLength = QStringLiteral("refused 400 close invalid Content-Length");
        const QString badChunk = QStringLiteral("refused 400 close malformed chunked body");
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << badLine;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << badLine;
        QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << badLine;
        QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\n\r\n") << badLine;
        QTest::newRow("control in target") << QByteArray("GET /\x01 HTTP/1.1\r\n\r\n") << badLine;
        QTest::newRow("method not a token") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << badLine;
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << badLine;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << badHeader;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << badHeader;
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << badHeader;
        QTest::newRow("empty name") << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n") << badHeader;
        QTest::newRow("NUL in value") << QByteArray("GET / HTTP/1.1\r\nA: b\0c\r\n\r\n", 26) << badHeader;
        QTest::newRow("CR in value") << QByteArray("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n") << badHeader;
        QTest::newRow("length not a number") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") << badLength;
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << badLength;
        QTest::newRow("empty length") << QByteArray("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n") << badLength;
        QTest::newRow("length list") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n") << badLength;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << badLength;
        QTest::newRow("gzip") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
                              << QStringLiteral("refused 501 close Transfer-Encoding gzip, chunked is not supported: send Content-Length or chunked");
        QTest::newRow("chunk size not hex") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n") << badChunk;
        QTest::newRow("chunk without CR LF") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n") << badChunk;
        QTest::newRow("chunk size overflow") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffffffff\r\n")
                                             << QStringLiteral("refused 413 close the body is larger than 100 bytes");
        QTest::newRow("chunk line too long") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;" + QByteArray(5000, 'e') << badChunk;
        QTest::newRow("head too large") << "GET / HTTP/1.1\r\nA: " + QByteArray(70000, 'a')
                                        << QStringLiteral("refused 431 close the request head is larger than 65536 bytes");
        QTest::newRow("trailers too large") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: " + QByteArray(70000, 'a')
                                            << QStringLiteral("refused 431 close the request trailers are larger than 65536 bytes");
        QTest::newRow("waits for 100 Continue") << QByteArray("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n")
                                                << QStringLiteral("refused 413 close the body is larger than 100 bytes");
        QTest::newRow("over 64 MiB") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 67108865\r\n\r\n")
                                     << QStringLiteral("refused 413 close the body is larger than 100 bytes");
        QTest::newRow("length overflow") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n")
                                         << QStringLiteral("refused 413 close the body is larger than 100 bytes");
    }

    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        HttpRequestParser parser(100);
        const QByteArray after = kGet; // after a refusal that closes, nothing more is read
        const QStringList events = feed(bytes + after, {}, 100, &parser);
        QCOMPARE(events.size(), 1);
        QVERIFY2(events.first().startsWith(expected), qPrintable(events.first()));
        QVERIFY(parser.closed());
        QVERIFY(!parser.partial());
        QCOMPARE(parser.buffered(), 0);
        QCOMPARE(feed(after, {}, 100, &parser), QStringList{});
        QCOMPARE(withoutContinue(byteByByte(bytes + after)), events);
    }

    void aTooLargeBodyIsDroppedAndTheConnectionGoesOn()
    {
        HttpRequestParser parser(100);
        const QByteArray head = "POST /p HTTP/1.1\r\nContent-Length: 1000\r\n\r\n";
        QCOMPARE(feed(head + QByteArray(400, 'x'), {}, 100, &parser), QStringList{});
        QVERIFY(parser.partial());
        QVERIFY(parser.buffered() == 0); // dropped as it comes, not buffered
        QCOMPARE(feed(QByteArray(600, 'x') + kGet, {}, 100, &parser),
                 (QStringList{"refused 413 keep the body is larger than 100 bytes", "GET /v1/health type= auth= keep body="}));
        QVERIFY(!parser.closed());
        // The client asked to close: the 413 closes.
        QCOMPARE(feed("POST /p HTTP/1.0\r\nContent-Length: 101\r\n\r\n" + QByteArray(101, 'x')),
                 QStringList{"refused 413 close the body is larger than 100 bytes"});
        // Exactly the limit is no refusal.
        QCOMPARE(feed("POST /p HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'x')).first().left(34),
                 QStringLiteral("POST /p type= auth= keep body=xxxx"));
    }

    void continueIsAskedForOnlyWhenTheClientWaits()
    {
        HttpRequestParser parser(100);
        QCOMPARE(feed("POST /p HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n", {}, 100, &parser),
                 QStringList{"continue"});
        QVERIFY(parser.partial());
        QCOMPARE(feed("abc", {}, 100, &parser), QStringList{"POST /p type= auth= keep body=abc"});
        // Chunked too.
        QCOMPARE(feed("POST /p HTTP/1.1\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n", {}, 100, &parser),
                 QStringList{"continue"});
        QCOMPARE(feed("1\r\na\r\n0\r\n\r\n", {}, 100, &parser), QStringList{"POST /p type= auth= keep body=a"});
        // A client that did not wait, and a request without body, need none.
        QCOMPARE(feed("POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nab"), QStringList{});
        QCOMPARE(feed("POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n"),
                 QStringList{"POST /p type= auth= keep body="});
        QCOMPARE(feed("POST /p HTTP/1.1\r\nExpect: something\r\nContent-Length: 3\r\n\r\n"), QStringList{});
    }

    void keepAlive()
    {
        QCOMPARE(feed("GET / HTTP/1.0\r\n\r\n"), QStringList{"GET / type= auth= close body="});
        QCOMPARE(feed("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"), QStringList{"GET / type= auth= keep body="});
        QCOMPARE(feed("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"), QStringList{"GET / type= auth= close body="});
        QCOMPARE(feed("GET / HTTP/1.1\r\nConnection: Upgrade, CLOSE\r\n\r\n"), QStringList{"GET / type= auth= close body="});
        QCOMPARE(feed("GET / HTTP/1.1\r\nConnection: closed\r\n\r\n"), QStringList{"GET / type= auth= keep body="});
        QCOMPARE(feed("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n"), QStringList{"GET / type= auth= keep body="});
    }

    void partialRequests()
    {
        HttpRequestParser parser(100);
        QVERIFY(!parser.partial());
        QCOMPARE(feed("\r\n\r\n", {}, 100, &parser), QStringList{}); // empty lines are no request
        QVERIFY(!parser.partial());
        QCOMPARE(feed("G", {}, 100, &parser), QStringList{});
        QVERIFY(parser.partial());
        QCOMPARE(feed("ET / HTTP/1.1\r\nContent-Length: 2\r\n\r\n", {}, 100, &parser), QStringList{});
        QVERIFY(parser.partial());
        QCOMPARE(feed("{}", {}, 100, &parser), QStringList{"GET / type= auth= keep body={}"});
        QVERIFY(!parser.partial());
        QCOMPARE(parser.buffered(), 0);
    }

    void limits()
    {
        // A head of just under 64 KiB is read; the body limit is the parser's.
        const QByteArray big = "GET / HTTP/1.1\r\nA: " + QByteArray(HttpRequestParser::kMaxHead - 23, 'a') + "\r\n\r\n";
        QCOMPARE(big.size(), HttpRequestParser::kMaxHead);
        QCOMPARE(feed(big), QStringList{"GET / type= auth= keep body="});
        QCOMPARE(feed(QByteArray(big).insert(20, 'a')).first().left(11), QStringLiteral("refused 431")); // one byte more
        QCOMPARE(feed("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n12345", {}, 5), QStringList{"POST / type= auth= keep body=12345"});
        QCOMPARE(feed("POST / HTTP/1.1\r\nContent-Length: 6\r\n\r\n123456", {}, 5),
                 QStringList{"refused 413 keep the body is larger than 5 bytes"});
        // Exactly 64 MiB is dropped, not refused at once.
        HttpRequestParser parser(5);
        QCOMPARE(feed("POST / HTTP/1.1\r\nContent-Length: 67108864\r\n\r\n", {}, 5, &parser), QStringList{});
        QVERIFY(!parser.closed());
        QVERIFY(parser.partial());
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "test_http_request_parser.moc"
