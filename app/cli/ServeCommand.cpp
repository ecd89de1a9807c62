#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Options.h"

#include "common/Error.h"
#include "production/InferenceServer.h"
#include "production/InferenceService.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace mlwb {

namespace {
std::atomic_bool g_stopRequested{false};
extern "C" void onStopSignal(int) { g_stopRequested = true; }
} // namespace

// `mlwb serve`: the production model over HTTP until Ctrl+C or SIGTERM, which stop accepting,
// answer what is in flight and exit 0.
int cmdServe(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port (0: any free one; the URL names it). Default 8080."), QStringLiteral("n"), QStringLiteral("8080"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1). Any other than a loopback address needs --token."), QStringLiteral("ip"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("Every request must send 'Authorization: Bearer <token>' (default: $MLWB_SERVE_TOKEN, else none)."), QStringLiteral("token"));
    const QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")}, QStringLiteral("Serve this model version instead of following the production alias."), QStringLiteral("id"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("libtorch threads of the inference worker (default 1)."), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"), QStringLiteral("Largest request body in bytes (default 1048576); larger ones get 413."), QStringLiteral("bytes"), QStringLiteral("1048576"));
    const QCommandLineOption precision(QStringLiteral("precision"),
                                       QStringLiteral("fp32, bf16, or auto: bf16 where the CPU has AVX-512 BF16 and it is faster (every micro-batch of a cnn, others from 4 images) (default)."),
                                       QStringLiteral("p"), QStringLiteral("auto"));
    parser.addOptions({port, host, token, model, threads, maxBody, precision});
    context.parse(parser, args,
                  QStringLiteral("Serve the production model over HTTP: POST /v1/predict (a PNG/JPEG body, or JSON {\"pixels\": [784 numbers in 0..1]}), "
                                 "GET /v1/health, GET /v1/model. Every answer is stored as a production sample. "
                                 "A promotion switches the model without dropping requests. Ctrl+C stops."));
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(QStringLiteral("serve: unexpected argument '%1'").arg(parser.positionalArguments().first()));

    const int portNumber = parseInt(parser.value(port), QStringLiteral("--port"));
    if (portNumber < 0 || portNumber > 65535)
        throw UsageError(QStringLiteral("--port must be 0..65535, not %1").arg(portNumber));
    InferenceService::Options serviceOptions;
    if (parser.isSet(model))
        serviceOptions.modelId = parseId(parser.value(model), QStringLiteral("model"));
    serviceOptions.threads = parseInt(parser.value(threads), QStringLiteral("--threads"));
    if (serviceOptions.threads < 1)
        throw UsageError(QStringLiteral("--threads must be at least 1"));
    const std::optional<Precision> chosen = precisionFromString(parser.value(precision));
    if (!chosen)
        throw UsageError(QStringLiteral("--precision must be fp32, bf16 or auto, not '%1'").arg(parser.value(precision)));
    serviceOptions.precision = *chosen;
    InferenceServer::Options serverOptions;
    serverOptions.host = parser.value(host);
    serverOptions.port = quint16(portNumber);
    serverOptions.token = parser.isSet(token) ? parser.value(token) : qEnvironmentVariable("MLWB_SERVE_TOKEN");
    serverOptions.maxBodyBytes = parseInt(parser.value(maxBody), QStringLiteral("--max-body"));

    InferenceService service(context.workspaceShared(), serviceOptions);
    try {
        service.start();
    } catch (const UsageError &e) {
        if (serviceOptions.modelId > 0)
            throw; // an unknown --model: bad usage
        throw Error(QStringLiteral("serve: %1").arg(e.message())); // no production model: exit 1
    }
    InferenceServer server(service, serverOptions);
    server.start(); // throws (exit 1) when the port is taken

    QTextStream out(stdout), err(stderr);
    const qint64 modelId = service.servedModelId();
    if (context.json())
        out << QJsonDocument(QJsonObject{{QStringLiteral("url"), server.url()},
                                         {QStringLiteral("port"), int(server.port())},
                                         {QStringLiteral("model"), modelId}})
                   .toJson(QJsonDocument::Compact)
            << "\n";
    else
        out << QStringLiteral("serving model %1 at %2  (POST %2/v1/predict; Ctrl+C stops)\n").arg(modelId).arg(server.url());
    out.flush();
    std::fflush(stdout);

    QObject::connect(&service, &InferenceService::modelChanged, &server, [&err](qint64 id) {
        err << QStringLiteral("now serving model %1 (the production alias moved)\n").arg(id);
        err.flush();
    });

    QEventLoop loop;
    QObject::connect(&server, &InferenceServer::stopped, &loop, &QEventLoop::quit);
    g_stopRequested = false;
    auto previousInt = std::signal(SIGINT, onStopSignal);
    auto previousTerm = std::signal(SIGTERM, onStopSignal);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (g_stopRequested.exchange(false)) {
            err << QStringLiteral("stopping: answering %1 request(s) in flight\n").arg(server.inFlight());
            err.flush();
            server.stop();
        }
    });
    poll.start(50);
    loop.exec();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    err << QStringLiteral("stopped after %1 HTTP request(s), %2 answered prediction(s)\n").arg(server.requests()).arg(service.answered());
    return ExitDone;
}

} // namespace mlwb
