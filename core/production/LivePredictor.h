#pragma once
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace mlwb {

class Predictor;

// One answer of the live preview.
struct LivePrediction {
    quint64 serial = 0;               // what predict() returned for this input
    qint64 modelId = 0;
    int predicted = -1;
    std::vector<float> probabilities; // one per class, summing to 1
    std::vector<std::uint8_t> input;  // what the model saw
    double latencyMs = 0;             // from predict() to the answer on the predictor's thread
    QString error;                    // not empty: no answer (the input did not fit the model)
};

// Predicts as fast as the model keeps up with a stream of inputs (the canvas while a digit is
// drawn), without storing anything: one worker thread, at most one input in flight, and a
// newer input replaces one still waiting — so the answer shown is never older than necessary
// and the last input is always answered. Answers come back on the thread the predictor lives
// in (the UI thread). Loading a model happens on the worker too.
class LivePredictor : public QObject {
    Q_OBJECT
public:
    explicit LivePredictor(WorkspacePtr workspace, QObject *parent = nullptr);
    ~LivePredictor() override; // waits for the input in flight; waiting inputs are dropped

    // Loads a model version (0: the one in production now) off this thread; modelReady or
    // modelFailed follow. Inputs given meanwhile wait for the new model. A newer load()
    // replaces an older one that has not answered yet.
    void load(qint64 modelId = 0);
    bool isReady() const { return m_model.has_value(); }

    // The loaded model (valid once ready).
    struct ModelInfo {
        qint64 id = 0;
        QStringList classNames;
        int channels = 1, height = 28, width = 28;
    };
    const std::optional<ModelInfo> &model() const { return m_model; }

    // Queues an input (C×H×W uint8 in the model's geometry); returns its serial (increasing).
    quint64 predict(std::vector<std::uint8_t> input);
    bool isBusy() const { return m_inFlight || m_waiting.has_value(); }
    qint64 answered() const { return m_answered; }

Q_SIGNALS:
    void modelReady(qint64 modelId);
    void modelFailed(const QString &message);
    void predicted(const mlwb::LivePrediction &prediction);

private:
    struct Input {
        quint64 serial = 0;
        std::vector<std::uint8_t> pixels;
        QElapsedTimer since;
    };
    void startNext();
    void run(Input input);

    WorkspacePtr m_workspace;
    QThreadPool m_pool;                       // one thread: the Predictor is not thread-safe
    std::shared_ptr<Predictor> m_predictor;   // used on the worker only
    std::optional<ModelInfo> m_model;
    std::optional<Input> m_waiting;
    bool m_inFlight = false;
    bool m_loading = false;
    quint64 m_loadSerial = 0;
    quint64 m_serial = 0;
    qint64 m_answered = 0;
};

} // namespace mlwb

Q_DECLARE_METATYPE(mlwb::LivePrediction)
