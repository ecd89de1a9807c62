// `mlwb serve` as a process: it tells its port on the first stdout line, answers HTTP, follows
// a promotion, stops cleanly on SIGTERM, and refuses to start without a production model or on a port in use.
#include "cli/CliRunner.h"
#include "cli/SyntheticDigits.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <csignal>
#include <sys/types.h>

using namespace mlwb::test;
using namespace Qt::StringLiterals;

class CliServeTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CliRunner> m_cli; // a workspace with a production model
    qint64 m_model = 0;
    SyntheticDigits::Part m_test;
    QNetworkAccessManager m_network;

    struct Reply {
        int status = 0;
        QJsonObject json;
    };

    Reply send(const QUrl &url, const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        QNetworkReply *reply;
        if (body.isEmpty()) {
            reply = m_network.get(request);
        } else {
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            reply = m_network.post(request, body);
        }
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), QJsonDocument::fromJson(reply->readAll()).object()};
        reply->deleteLater();
        return r;
    }

    // Starts `mlwb serve --port 0` and reads {"url", "port", "model"} from its first line.
    std::unique_ptr<QProcess> startServer(const QStringList &extra, QJsonObject *started)
    {
        auto process = m_cli->start(QStringList{u"serve"_s, u"--port"_s, u"0"_s} + extra);
        const bool line = QTest::qWaitFor([&] { return process->canReadLine() || process->state() == QProcess::NotRunning; }, 120000);
        if (line && process->canReadLine())
            *started = QJsonDocument::fromJson(process->readLine()).object();
        return process;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QStringLiteral(MLWB_BINARY)).isExecutable(), MLWB_BINARY);
        QVERIFY(m_dir.isValid());
        const QString digits = m_dir.filePath(u"digits"_s);
        m_test = SyntheticDigits::writeIdxFolder(digits, 300, 100, 7);
        m_cli = std::make_unique<CliRunner>(m_dir.filePath(u"ws"_s));
        CLI_OK(m_cli->run({u"data"_s, u"ingest"_s, digits, u"--name"_s, u"digits"_s}));
        const CliResult trained = m_cli->run({u"train"_s, u"--data"_s, u"digits"_s, u"--model"_s, u"mlp"_s, u"--batch-size"_s,
                                              u"16"_s, u"--lr"_s, u"0.003"_s, u"--threads"_s, u"1"_s});
        CLI_OK(trained);
        m_model = trained.object()[u"model"_s].toInteger();
        CLI_OK(m_cli->run({u"promote"_s, QString::number(m_model), u"--min-f1"_s, u"0"_s}));
    }

    void servesUntilSigterm()
    {
        QJsonObject started;
        auto process = startServer({}, &started);
        QVERIFY2(!started.isEmpty(), process->readAllStandardError().constData());
        const int port = started[u"port"_s].toInt();
        QVERIFY(port > 0);
        QCOMPARE(started[u"url"_s].toString(), u"http://127.0.0.1:%1"_s.arg(port));
        QCOMPARE(started[u"model"_s].toInteger(), m_model);

        const QUrl base(started[u"url"_s].toString());
        const Reply health = send(base.resolved(QUrl(u"/v1/health"_s)));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json[u"status"_s].toString(), u"ok"_s);
        QCOMPARE(health.json[u"model"_s].toInteger(), m_model);

        QByteArray pixels = "{\"pixels\": [";
        for (int i = 0; i < 784; ++i)
            pixels += (i ? "," : "") + QByteArray::number(quint8(m_test.images[i]) / 255.0);
        pixels += "]}";
        const Reply predicted = send(base.resolved(QUrl(u"/v1/predict"_s)), pixels);
        QCOMPARE(predicted.status, 200);
        QCOMPARE(predicted.json[u"model"_s].toInteger(), m_model);
        QCOMPARE(predicted.json[u"probabilities"_s].toArray().size(), 10);
        QVERIFY(predicted.json[u"sample"_s].toInteger() > 0);
        QCOMPARE(send(base.resolved(QUrl(u"/v1/health"_s))).json[u"answered"_s].toInteger(), 1);

        // A promotion switches the running server, which says so on stderr.
        const CliResult second = m_cli->run({u"train"_s, u"--data"_s, u"digits"_s, u"--model"_s, u"mlp"_s, u"--batch-size"_s,
                                             u"16"_s, u"--lr"_s, u"0.003"_s, u"--threads"_s, u"1"_s, u"--seed"_s, u"3"_s});
        CLI_OK(second);
        const qint64 next = second.object()[u"model"_s].toInteger();
        CLI_OK(m_cli->run({u"promote"_s, QString::number(next), u"--min-f1"_s, u"0"_s, u"--no-beat-production"_s}));
        QByteArray log;
        QVERIFY2(QTest::qWaitFor([&] {
            log += process->readAllStandardError();
            return log.contains("now serving model " + QByteArray::number(next));
        }, 60000), log.constData());
        QCOMPARE(send(base.resolved(QUrl(u"/v1/predict"_s)), pixels).json[u"model"_s].toInteger(), next);

        // A second server on the same port: exit 1, naming the port.
        const CliResult taken = m_cli->run({u"serve"_s, u"--port"_s, QString::number(port)});
        CLI_EXIT(taken, 1);
        QVERIFY2(taken.errText().contains(QString::number(port)), taken.describe().constData());

        ::kill(pid_t(process->processId()), SIGTERM);
        const CliResult stopped = CliRunner::finish(*process, 60000);
        CLI_OK(stopped);
        QVERIFY2(stopped.errText().contains(u"stopped after"_s), stopped.describe().constData());
    }

    void withoutProductionModelExitsOne()
    {
        QTemporaryDir empty;
        CliRunner fresh(empty.filePath(u"ws"_s));
        const CliResult r = fresh.run({u"serve"_s, u"--port"_s, u"0"_s});
        CLI_EXIT(r, 1);
        QVERIFY2(r.errText().contains(u"production"_s), r.describe().constData());
        QVERIFY(r.out.isEmpty());
    }

    void exposedWithoutTokenIsRefused()
    {
        const CliResult r = m_cli->run({u"serve"_s, u"--port"_s, u"0"_s, u"--host"_s, u"0.0.0.0"_s});
        CLI_EXIT(r, 2);
        QVERIFY2(r.errText().contains(u"token"_s), r.describe().constData());
    }
};

QTEST_GUILESS_MAIN(CliServeTest)
#include "test_cli_serve.moc"
