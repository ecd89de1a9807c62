#include "production/LivePredictor.h"

#include "common/Error.h"
#include "inference/Predictor.h"
#include "registry/ModelRegistry.h"

#include <QPointer>

namespace mlwb {

LivePredictor::LivePredictor(WorkspacePtr workspace, QObject *parent) : QObject(parent), m_workspace(std::move(workspace))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // one long-lived thread: libtorch's per-thread state stays warm
}

LivePredictor::~LivePredictor()
{
    // The tasks post their answers to this object; they must end before it goes (posted events
    // to a destroyed object are dropped).
    m_waiting.reset();
    m_pool.waitForDone();
}

void LivePredictor::load(qint64 modelId)
{
    const quint64 serial = ++m_loadSerial;
    m_loading = true;
    m_model.reset();
    m_predictor.reset(); // an input in flight keeps its own reference
    // The registry is read here (a quick query on this thread's connection); the files are
    // loaded and warmed up on the worker.
    QString dir;
    qint64 id = modelId;
    try {
        const ModelRegistry registry(*m_workspace);
        const std::optional<ModelVersion> model = modelId == 0 ? registry.production() : registry.model(modelId);
        if (!model)
            throw UsageError(modelId == 0 ? QStringLiteral("no model in production")
                                          : QStringLiteral("no model version %1").arg(modelId));
        id = model->id;
        dir = m_workspace->absolute(model->path);
    } catch (const Error &e) {
        m_loading = false;
        const QString message = e.message();
        QMetaObject::invokeMethod(this, [this, message] { Q_EMIT modelFailed(message); }, Qt::QueuedConnection);
        return;
    }
    m_pool.start([this, serial, id, dir] {
        std::shared_ptr<Predictor> predictor;
        QString error;
        try {
            predictor = std::make_shared<Predictor>(dir, 1);
        } catch (const std::exception &e) {
            error = QString::fromLocal8Bit(e.what());
        }
        QMetaObject::invokeMethod(this, [this, serial, id, predictor, error] {
            if (serial != m_loadSerial)
                return; // a newer load is on its way
            m_loading = false;
            if (!predictor) {
                Q_EMIT modelFailed(error);
                return;
            }
            m_predictor = predictor;
            m_model = ModelInfo{id, predictor->classNames(), predictor->channels(), predictor->height(), predictor->width()};
            Q_EMIT modelReady(id);
            startNext();
        }, Qt::QueuedConnection);
    });
}

quint64 LivePredictor::predict(std::vector<std::uint8_t> input)
{
    Input next;
    next.serial = ++m_serial;
    next.pixels = std::move(input);
    next.since.start();
    m_waiting = std::move(next); // replaces an input that has not started yet
    startNext();
    return m_serial;
}

void LivePredictor::startNext()
{
    if (m_inFlight || m_loading || !m_predictor || !m_waiting)
        return;
    Input input = std::move(*m_waiting);
    m_waiting.reset();
    run(std::move(input));
}

void LivePredictor::run(Input input)
{
    m_inFlight = true;
    const std::shared_ptr<Predictor> predictor = m_predictor;
    const qint64 modelId = m_model ? m_model->id : 0;
    m_pool.start([this, predictor, modelId, input = std::move(input)]() mutable {
        LivePrediction answer;
        answer.serial = input.serial;
        answer.modelId = modelId;
        try {
            Prediction p = predictor->predict(input.pixels);
            answer.predicted = p.label;
            answer.probabilities = std::move(p.probabilities);
        } catch (const std::exception &e) {
            answer.error = QString::fromLocal8Bit(e.what());
        }
        answer.input = std::move(input.pixels);
        QMetaObject::invokeMethod(this, [this, answer = std::move(answer), since = input.since]() mutable {
            m_inFlight = false;
            ++m_answered;
            answer.latencyMs = double(since.nsecsElapsed()) / 1e6;
            Q_EMIT predicted(answer);
            startNext();
        }, Qt::QueuedConnection);
    });
}

} // namespace mlwb
