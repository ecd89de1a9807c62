// The HTTP inference API against a real service on a tiny trained model: what it answers,
// what it stores, what it refuses (and that a refusal stores nothing), tokens, promotion while
// requests stream in, and stopping with requests in flight.
#include "unit/learning/SyntheticData.h"

#include "common/Error.h"
#include "production/InferenceServer.h"
#include "production/InferenceService.h"
#include "production/SampleStore.h"
#include "registry/ModelRegistry.h"
#include "store/DatasetStore.h"
#include "training/Trainer.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace mlwb;

namespace {

struct Reply {
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QString error() const { return json.value(QLatin1String("error")).toString(); }
};

Reply readReply(QNetworkReply *reply)
{
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        r.headers.insert(name.toLower(), value);
    return r;
}

// A raw HTTP/1.1 response from a socket: status line, headers, Content-Length body.
struct RawResponse {
    int status = 0;
    QByteArray head, body;
};

std::optional<RawResponse> takeRawResponse(QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RawResponse r;
    r.head = buffer.left(end);
    r.status = r.head.mid(9, 3).toInt();
    qsizetype length = 0;
    for (const QByteArray &line : r.head.split('\n'))
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    r.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return r;
}

QByteArray pixelsJson(const std::uint8_t *pixels, int count)
{
    QByteArray out = "{\"pixels\": [";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += ',';
        out += QByteArray::number(pixels[i] / 255.0, 'g', 17);
    }
    return out + "]}";
}

} // namespace

class TestInferenceServer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    WorkspacePtr m_workspace;
    DatasetPtr m_data;
    QString m_datasetId;
    qint64 m_modelA = 0, m_modelB = 0;
    std::unique_ptr<InferenceService> m_service;
    std::unique_ptr<InferenceServer> m_server;
    QNetworkAccessManager m_network;

    qint64 train(quint64 seed)
    {
        TrainSettings s = testing::tinyTrainSettings(m_dir.path(), 2, 16, 1);
        s.seed = seed;
        // The model folder is renamed into the workspace: train inside it.
        Trainer trainer(m_data, s, m_workspace->root() + QStringLiteral("/staging-%1").arg(seed));
        CancelFlag never;
        const TrainResult result = trainer.run(never, {}, false);
        NewModel model;
        model.datasetId = m_datasetId;
        model.architecture = QStringLiteral("tiny");
        model.parameterCount = result.parameterCount;
        model.accuracy = model.macroF1 = model.weightedF1 = 0.9;
        return ModelRegistry(*m_workspace).registerModel(model, result.modelDir).id;
    }

    void promote(qint64 id) { ModelRegistry(*m_workspace).promote(id, Gates{0.0, 1'000'000, false}); }

    qint64 sampleCount() const { return SampleStore(*m_workspace).count(SampleFilter{}); }

    // A fresh service on production and a server on a free loopback port.
    void serve(InferenceServer::Options options = {}, InferenceService::Options serviceOptions = {})
    {
        m_server.reset();
        m_service.reset();
        m_service = std::make_unique<InferenceService>(m_workspace, serviceOptions);
        m_service->start();
        m_server = std::make_unique<InferenceServer>(*m_service, options);
        m_server->start();
        QVERIFY(m_server->isListening());
        QVERIFY(m_server->port() > 0);
    }

    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body = {},
                         const QByteArray &contentType = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(QUrl(m_server->url() + path));
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (method == "GET")
            return m_network.get(request);
        if (method == "POST")
            return m_network.post(request, body);
        return m_network.sendCustomRequest(request, method, body);
    }

    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &contentType = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkReply *reply = start(method, path, body, contentType, headers);
        if (!reply->isFinished()) {
            QEventLoop loop;
            connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(60000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        const Reply r = readReply(reply);
        reply->deleteLater();
        return r;
    }

    Reply predictJson(const QByteArray &json, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return send("POST", QStringLiteral("/v1/predict"), json, "application/json", headers);
    }

    // Test image i of the data set as the JSON body, and as a PNG.
    QByteArray imageJson(qsizetype i) const { return pixelsJson(m_data->pixels.data() + i * 784, 784); }
    QByteArray imagePng(qsizetype i) const
    {
        QImage image(m_data->pixels.data() + i * 784, 28, 28, 28, QImage::Format_Grayscale8);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return png;
    }

    // Writes `bytes` on a fresh connection and collects `responses` answers (or what came
    // until the server closed the connection).
    QList<RawResponse> raw(const QByteArray &bytes, int responses, QTcpSocket *keep = nullptr)
    {
        QTcpSocket own;
        QTcpSocket &socket = keep ? *keep : own;
        if (socket.state() != QAbstractSocket::ConnectedState) {
            socket.connectToHost(QHostAddress::LocalHost, m_server->port());
            if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 30000))
                return {};
        }
        socket.write(bytes);
        QByteArray buffer;
        QList<RawResponse> out;
        (void)QTest::qWaitFor([&] {
            buffer += socket.readAll();
            while (auto r = takeRawResponse(buffer))
                out.append(*r);
            return out.size() >= responses || socket.state() == QAbstractSocket::UnconnectedState;
        }, 30000);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_workspace = Workspace::open(m_dir.filePath(QStringLiteral("ws")));
        m_data = testing::syntheticShapes(40);
        m_datasetId = DatasetStore(*m_workspace).save(*m_data, QStringLiteral("shapes"), QStringLiteral("test"),
                                                      QStringLiteral("memory"), 0.1, 42).version.id;
        m_modelA = train(1);
        m_modelB = train(2);
        QVERIFY(m_modelA != m_modelB);
    }

    void init() { promote(m_modelA); }

    void cleanup()
    {
        m_server.reset();
        m_service.reset();
    }

    void pngAndJsonAreAnsweredAndStored()
    {
        serve();
        const qint64 before = sampleCount();

        const Reply png = send("POST", QStringLiteral("/v1/predict"), imagePng(3), "image/png");
        QCOMPARE(png.status, 200);
        const Reply json = predictJson(imageJson(3));
        QCOMPARE(json.status, 200);
        QCOMPARE(json.headers.value("content-type"), QByteArray("application/json"));

        for (const Reply &r : {png, json}) {
            const QJsonObject a = r.json;
            QCOMPARE(a.value(QLatin1String("model")).toInteger(), m_modelA);
            const int label = a.value(QLatin1String("label")).toInt(-1);
            QVERIFY(label >= 0 && label < 4);
            QCOMPARE(a.value(QLatin1String("class")).toString(), m_data->classNames[label]);
            const QJsonArray p = a.value(QLatin1String("probabilities")).toArray();
            QCOMPARE(p.size(), 4);
            double sum = 0;
            int best = 0;
            for (int k = 0; k < 4; ++k) {
                sum += p[k].toDouble();
                if (p[k].toDouble() > p[best].toDouble())
                    best = k;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-4);
            QCOMPARE(best, label);

            // The sample is stored as answered.
            const std::optional<ProductionSample> s = SampleStore(*m_workspace).sample(a.value(QLatin1String("sample")).toInteger());
            QVERIFY(s.has_value());
            QCOMPARE(s->source, SampleSource::Api);
            QCOMPARE(s->modelId, m_modelA);
            QCOMPARE(s->predicted, label);
            QCOMPARE(qsizetype(s->probabilities.size()), p.size());
            for (int k = 0; k < 4; ++k)
                QCOMPARE(s->probabilities[size_t(k)], float(p[k].toDouble()));
        }
        // JSON pixels are the input itself: the stored input is the image, unchanged.
        const auto stored = SampleStore(*m_workspace).sample(json.json.value(QLatin1String("sample")).toInteger());
        QVERIFY(std::equal(stored->input.begin(), stored->input.end(), m_data->pixels.begin() + 3 * 784));
        QCOMPARE(stored->input.size(), size_t(784));

        // A list answers with predictions, one stored sample each.
        const Reply list = predictJson("{\"images\": [" + imageJson(0) + ", " + imageJson(1) + "]}");
        QCOMPARE(list.status, 200);
        const QJsonArray predictions = list.json.value(QLatin1String("predictions")).toArray();
        QCOMPARE(predictions.size(), 2);
        QVERIFY(predictions[0][QLatin1String("sample")].toInteger() != predictions[1][QLatin1String("sample")].toInteger());
        const Reply array = predictJson("[" + imageJson(2) + "]");
        QCOMPARE(array.status, 200);
        QCOMPARE(array.json.value(QLatin1String("predictions")).toArray().size(), 1);
        QCOMPARE(sampleCount(), before + 5);
    }

    void badRequestsAreRefusedAndStoreNothing()
    {
        serve();
        const qint64 before = sampleCount();
        QByteArray outside = imageJson(0);
        outside.replace("{\"pixels\": [", "{\"pixels\": [7,");
        outside.replace(outside.lastIndexOf(','), outside.size() - outside.lastIndexOf(','), "]}");
        QByteArray notNumbers = outside;
        notNumbers.replace("[7,", "[\"a\",");
        QByteArray truncatedPng = imagePng(0);
        truncatedPng.truncate(40);
        struct Case {
            const char *what;
            QByteArray method;
            QString path;
            QByteArray contentType, body;
            int status;
            QString message;
        };
        const Case cases[] = {
            {"not an image", "POST", "/v1/predict", "image/png", "hello", 400, "not a PNG or JPEG image"},
            {"undecodable PNG", "POST", "/v1/predict", "image/png", truncatedPng, 400, "not a PNG or JPEG image"},
            {"wrong pixel count", "POST", "/v1/predict", "application/json", "{\"pixels\": [0, 1, 0.5]}", 400, "3 pixels given; the model takes 1×28×28 = 784"},
            {"outside [0, 1]", "POST", "/v1/predict", "application/json", outside, 400, "pixel 0 is 7; pixels must be in [0, 1]"},
            {"not numbers", "POST", "/v1/predict", "application/json", notNumbers, 400, "pixel 0 is \"a\", not a number"},
            {"malformed JSON", "POST", "/v1/predict", "application/json", "{\"pixels\": [0,", 400, "not valid JSON"},
            {"too large", "POST", "/v1/predict", "application/json", QByteArray((1 << 20) + 100, ' '), 413, "larger than 1048576 bytes"},
            {"wrong content type", "POST", "/v1/predict", "text/plain", "0 0 0", 415, "Content-Type text/plain: send application/json, image/png or image/jpeg"},
            {"wrong method", "GET", "/v1/predict", {}, {}, 405, "/v1/predict takes POST"},
            {"wrong method on health", "POST", "/v1/health", "application/json", "{}", 405, "/v1/health takes GET"},
            {"wrong method on model", "DELETE", "/v1/model", {}, {}, 405, "/v1/model takes GET"},
            {"unknown path", "GET", "/v2/predict", {}, {}, 404, "no such path: /v2/predict"},
        };
        for (const Case &c : cases) {
            const Reply r = send(c.method, c.path, c.body, c.contentType);
            QVERIFY2(r.status == c.status, qPrintable(QStringLiteral("%1: status %2 (%3)").arg(c.what).arg(r.status).arg(QString::fromUtf8(r.body.left(300)))));
            QVERIFY2(r.error().contains(c.message), qPrintable(QStringLiteral("%1: %2").arg(c.what, r.error())));
            QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
            QCOMPARE(sampleCount(), before);
        }
        QCOMPARE(send("GET", QStringLiteral("/v1/predict")).headers.value("allow"), QByteArray("POST"));

        // Without any Content-Type (a raw request: Qt's client would add one).
        const QList<RawResponse> untyped = raw("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", 1);
        QCOMPARE(untyped.size(), 1);
        QCOMPARE(untyped[0].status, 415);
        QVERIFY(untyped[0].body.contains("Content-Type missing"));

        // A client that announces a too large body and waits for "100 Continue" is refused at
        // once; one within the limit gets the 100 and then its answer.
        const QList<RawResponse> announced = raw("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                                 "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n", 1);
        QCOMPARE(announced.size(), 1);
        QCOMPARE(announced[0].status, 413);
        const QByteArray body = imageJson(5);
        QTcpSocket socket;
        const QList<RawResponse> go = raw("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                                          + QByteArray::number(body.size()) + "\r\nExpect: 100-continue\r\n\r\n", 1, &socket);
        QCOMPARE(go.size(), 1);
        QCOMPARE(go[0].status, 100);
        const QList<RawResponse> answered = raw(body, 1, &socket);
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered[0].status, 200);
        QCOMPARE(sampleCount(), before + 1);

        // The server is still up.
        QCOMPARE(send("GET", QStringLiteral("/v1/health")).status, 200);
    }

    void chunkedBodiesAndOversizedHeads()
    {
        serve();
        const qint64 before = sampleCount();
        // A chunked body, cut anywhere, followed by a pipelined request on the same connection.
        const QByteArray body = imageJson(4);
        const qsizetype half = body.size() / 2;
        const QByteArray chunked = "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n"
                                   + QByteArray::number(half, 16) + ";ext=1\r\n" + body.left(half) + "\r\n"
                                   + QByteArray::number(body.size() - half, 16) + "\r\n" + body.mid(half) + "\r\n0\r\n\r\n"
                                   "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
        const QList<RawResponse> answers = raw(chunked, 2);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 200);
        QVERIFY(answers[0].body.contains("\"probabilities\""));
        QCOMPARE(answers[1].status, 200);
        QCOMPARE(sampleCount(), before + 1);

        // A chunked body over the limit: 413, closed.
        const QList<RawResponse> tooLarge = raw("POST /v1/predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                "200000\r\n", 2);
        QCOMPARE(tooLarge.size(), 1);
        QCOMPARE(tooLarge[0].status, 413);

        // A head that does not end within 64 KiB: 431, closed.
        const QList<RawResponse> head = raw("GET /v1/health HTTP/1.1\r\nX-Big: " + QByteArray(70000, 'a') + "\r\n\r\n", 2);
        QCOMPARE(head.size(), 1);
        QCOMPARE(head[0].status, 431);
        QVERIFY(head[0].head.contains("Connection: close"));

        // A body over the limit with a Content-Length is dropped; the connection goes on.
        const QList<RawResponse> dropped = raw("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                               "Content-Length: 1048577\r\n\r\n" + QByteArray(1048577, ' ')
                                               + "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n", 2);
        QCOMPARE(dropped.size(), 2);
        QCOMPARE(dropped[0].status, 413);
        QVERIFY(!dropped[0].head.contains("Connection: close"));
        QCOMPARE(dropped[1].status, 200);
        QCOMPARE(sampleCount(), before + 1);
    }

    void tokenIsRequiredWhenSet()
    {
        InferenceServer::Options options;
        options.token = QStringLiteral("s3cret");
        serve(options);
        const qint64 before = sampleCount();
        const Reply missing = predictJson(imageJson(0));
        QCOMPARE(missing.status, 401);
        QVERIFY(missing.error().contains(QLatin1String("Authorization: Bearer")));
        QCOMPARE(missing.headers.value("www-authenticate"), QByteArray("Bearer"));
        const Reply wrong = predictJson(imageJson(0), {{"Authorization", "Bearer s3creT"}});
        QCOMPARE(wrong.status, 401);
        QVERIFY(wrong.error().contains(QLatin1String("token is wrong")));
        QCOMPARE(send("GET", QStringLiteral("/v1/health"), {}, {}, {{"Authorization", "s3cret"}}).status, 401);
        QCOMPARE(send("GET", QStringLiteral("/v1/nosuch")).status, 401); // paths are not told either
        QCOMPARE(sampleCount(), before);

        const QList<QPair<QByteArray, QByteArray>> right{{"Authorization", "Bearer s3cret"}};
        QCOMPARE(predictJson(imageJson(0), right).status, 200);
        QCOMPARE(send("GET", QStringLiteral("/v1/health"), {}, {}, right).status, 200);
        QCOMPARE(sampleCount(), before + 1);
    }

    void refusesToStartWhereItShouldNot()
    {
        serve();
        InferenceServer::Options open;
        open.host = QStringLiteral("0.0.0.0");
        InferenceServer exposed(*m_service, open);
        QVERIFY_THROWS_EXCEPTION(UsageError, exposed.start());
        QVERIFY(!exposed.isListening());

        InferenceServer::Options name;
        name.host = QStringLiteral("example.org");
        InferenceServer named(*m_service, name);
        QVERIFY_THROWS_EXCEPTION(UsageError, named.start());

        InferenceServer::Options taken;
        taken.port = m_server->port();
        InferenceServer second(*m_service, taken);
        try {
            second.start();
            QFAIL("a second server on a port in use started");
        } catch (const UsageError &) {
            QFAIL("a port in use is no usage error");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QString::number(taken.port)), qPrintable(e.message()));
        }
        QVERIFY(!second.isListening());
        QCOMPARE(send("GET", QStringLiteral("/v1/health")).status, 200);
    }

    void healthAndModel()
    {
        serve();
        QCOMPARE(predictJson(imageJson(0)).status, 200);
        const Reply health = send("GET", QStringLiteral("/v1/health"));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(health.json.value(QLatin1String("model")).toInteger(), m_modelA);
        QCOMPARE(health.json.value(QLatin1String("answered")).toInteger(), 1);

        const Reply model = send("GET", QStringLiteral("/v1/model"));
        QCOMPARE(model.status, 200);
        QCOMPARE(model.json, m_service->modelInfo());
        QCOMPARE(model.json.value(QLatin1String("id")).toInteger(), m_modelA);
        QCOMPARE(model.json.value(QLatin1String("classes")).toArray().size(), 4);
        QCOMPARE(model.json.value(QLatin1String("width")).toInt(), 28);
    }

    void promotionWhileRequestsStream()
    {
        serve();
        const qint64 before = sampleCount();
        // Queued to this thread: once it is here, the service serves the new model.
        QList<qint64> changed;
        connect(m_service.get(), &InferenceService::modelChanged, this, [&changed](qint64 id) { changed.append(id); });
        struct Sent {
            bool afterSwitch = false;
            int status = 0;
            qint64 model = 0;
        };
        QList<Sent> done;
        int sent = 0, sentAfterSwitch = 0, inFlight = 0;
        bool promoted = false;
        QEventLoop loop;
        std::function<void()> next = [&] {
            const bool after = !changed.isEmpty();
            if (sentAfterSwitch >= 50 || sent >= 20000)
                return;
            ++sent;
            sentAfterSwitch += after;
            ++inFlight;
            QNetworkReply *reply = start("POST", QStringLiteral("/v1/predict"), imageJson(sent % 100), "application/json");
            connect(reply, &QNetworkReply::finished, this, [&, reply, after] {
                const Reply r = readReply(reply);
                reply->deleteLater();
                done.append({after, r.status, r.json.value(QLatin1String("model")).toInteger()});
                --inFlight;
                if (done.size() == 100 && !promoted) {
                    promoted = true;
                    promote(m_modelB);
                }
                next();
                if (inFlight == 0)
                    loop.quit();
            });
        };
        for (int i = 0; i < 12; ++i) // more than the client's six connections: requests queue
            next();
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();

        QCOMPARE(inFlight, 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first(), m_modelB);
        QVERIFY(sentAfterSwitch >= 50);
        int onA = 0, onB = 0;
        for (const Sent &s : done) {
            QCOMPARE(s.status, 200);
            QVERIFY(s.model == m_modelA || s.model == m_modelB);
            (s.model == m_modelA ? onA : onB)++;
            if (s.afterSwitch)
                QCOMPARE(s.model, m_modelB);
        }
        QVERIFY(onA >= 100);
        QVERIFY(onB >= 50);
        QCOMPARE(sampleCount(), before + done.size());
        QCOMPARE(send("GET", QStringLiteral("/v1/health")).json.value(QLatin1String("model")).toInteger(), m_modelB);
    }

    void stopAnswersWhatIsInFlight()
    {
        // Batches wait up to a second to fill: the request is surely in flight when stop() comes.
        InferenceService::Options slow;
        slow.maxWaitMicroseconds = 1'000'000;
        serve({}, slow);
        QSignalSpy stopped(m_server.get(), &InferenceServer::stopped);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(30000));
        const QByteArray body = imageJson(0);
        socket.write("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->inFlight(), 1, 30000);
        m_server->stop();
        QVERIFY(!m_server->isListening());
        QVERIFY(stopped.isEmpty());
        QByteArray buffer;
        std::optional<RawResponse> response;
        QVERIFY(QTest::qWaitFor([&] {
            buffer += socket.readAll();
            response = takeRawResponse(buffer);
            return response.has_value();
        }, 30000));
        QCOMPARE(response->status, 200);
        QVERIFY(response->head.contains("Connection: close"));
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 30000);

        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(!late.waitForConnected(5000)); // refused at once; no timed assertion
    }

    void clientThatHangsUpIsNoProblem()
    {
        InferenceService::Options slow;
        slow.maxWaitMicroseconds = 200'000;
        serve({}, slow);
        const qint64 answered = m_service->answered();
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(socket.waitForConnected(30000));
            const QByteArray body = imageJson(0);
            socket.write("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                         + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            QTRY_COMPARE_WITH_TIMEOUT(m_server->inFlight(), 1, 30000);
            socket.abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server->inFlight(), 0, 30000);
        QCOMPARE(m_service->answered(), answered + 1); // answered (and stored), the answer dropped
        QCOMPARE(send("GET", QStringLiteral("/v1/health")).status, 200);
    }

    void slowAndIdleClientsAreLetGo()
    {
        InferenceServer::Options quick;
        quick.idleTimeoutMs = 300;
        serve(quick);
        // Idle after an answer: closed without a word.
        QTcpSocket idle;
        const QList<RawResponse> answered = raw("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n", 1, &idle);
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered[0].status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 10000);
        // A head that never ends, and a body that never comes: 408, then closed.
        for (const QByteArray &partial : {QByteArray("POST /v1/predict HTTP/1.1\r\nHost: x\r\n"),
                                          QByteArray("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                                     "Content-Length: 500\r\n\r\n{\"pixels\": [")}) {
            QTcpSocket slow;
            const QList<RawResponse> refused = raw(partial, 1, &slow);
            QCOMPARE(refused.size(), 1);
            QCOMPARE(refused[0].status, 408);
            QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 10000);
        }
        // A connection that keeps asking stays open, and an answer the service still owes is
        // never cut off by the clock.
        InferenceService::Options slowService;
        slowService.maxWaitMicroseconds = 600'000;
        serve(quick, slowService);
        QTcpSocket busy;
        const QByteArray body = imageJson(0);
        const QList<RawResponse> late = raw("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                            "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body, 1, &busy);
        QCOMPARE(late.size(), 1);
        QCOMPARE(late[0].status, 200);
    }

    void answersKeepTheOrderOfTheirConnection()
    {
        // Requests written back to back on one connection: a slow prediction first, a quick
        // refusal after it; the answers come in the order asked.
        InferenceService::Options slow;
        slow.maxWaitMicroseconds = 300'000;
        serve({}, slow);
        QTcpSocket socket;
        const QByteArray body = imageJson(0);
        QList<RawResponse> first = raw("POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                                       + QByteArray::number(body.size()) + "\r\n\r\n" + body, 0, &socket);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->inFlight(), 1, 30000);
        const QList<RawResponse> answers = raw("GET /nosuch HTTP/1.1\r\nHost: x\r\n\r\n", 2, &socket);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 200);
        QCOMPARE(answers[1].status, 404);
    }
};

QTEST_GUILESS_MAIN(TestInferenceServer)
#include "test_inference_server.moc"
