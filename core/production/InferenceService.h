#pragma once
#include "models/Precision.h"
#include "common/Cancel.h"
#include "production/ProductionSample.h"
#include "store/Workspace.h"

#include <QByteArray>
#include <QFuture>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>

namespace mlwb {

// One image for the production model: either the original picture (any size; MNIST-style
// preprocessing makes the input) or the exact input already (raw pixels in the model's
// geometry, e.g. from `{"pixels": [...]}`). With both, the input is what the model sees and the
// original is kept as the sample's image (the Sensor page: the drawing and the sensor's output).
struct InferenceRequest {
    SampleSource source = SampleSource::Api;
    QByteArray originalPng;          // PNG/JPEG bytes of the original, or empty
    std::vector<std::uint8_t> input; // set instead when the pixels are already the model input
    QString originalName;
};

struct InferenceAnswer {
    qint64 sampleId = 0;
    qint64 modelId = 0;
    int predicted = -1;
    QString className;
    std::vector<float> probabilities;
    std::vector<std::uint8_t> input; // what the model saw
    QString originalName;            // the request's
    QString error;                   // not empty: the request was refused (nothing stored)
};

// The production model as a service for the canvas, the watched folder and the HTTP API.
// Requests from any thread are queued; one worker thread takes what has queued (up to
// maxBatch, waiting at most maxWaitMicroseconds for more once one arrived, and at most a quarter
// of that without a new arrival), preprocesses and predicts them as one batch. A writer thread
// stores the batch as samples in one transaction while the worker predicts the next, then
// fulfils every future of it — so an answered request is stored, and batches are answered in
// order. Continuations attached without a context run on the writer (on the worker with
// storeSamples false): keep them short. OpenBLAS is limited to one thread: its spinning pool
// would take the cores the HTTP thread and the writer need.
// A promotion (the production alias moving) is noticed between batches (the alias is read at
// most every 250 ms) and the new model is loaded and warmed up aside while the old one keeps
// answering; then it serves. An explicit modelId serves that version instead.
// A refused request (bad image bytes, a pixel count that is not the model's C×H×W) is answered
// with an error and stores nothing; the others of its batch are not affected.
class InferenceService : public QObject {
    Q_OBJECT
public:
    struct Options {
        qint64 modelId = 0;            // 0: follow the production alias
        int maxBatch = 64;
        // Waiting for more to batch costs a busy server its throughput: its clients wait for
        // answers before they send again, so the worker idled (0 µs served 35% more requests a
        // second than 500 µs; batches form anyway while the worker is busy).
        int maxWaitMicroseconds = 0;
        int threads = 1;               // libtorch threads of the worker
        bool storeSamples = true;      // false: predict only (live canvas preview)
        Precision precision = Precision::Auto; // bf16 where the CPU has it and it is faster (see Precision.h)
    };

    InferenceService(WorkspacePtr workspace, Options options, QObject *parent = nullptr);
    ~InferenceService() override; // answers what is queued, then stops

    // Loads the model. Throws UsageError "no model is in production yet: promote one first" when
    // following the alias and there is none, Error when the model cannot be loaded. Requests
    // submitted before start() wait for it. Calling it again does nothing.
    void start();
    // From any thread. After the destructor began: answered at once with an error.
    QFuture<InferenceAnswer> submit(InferenceRequest request);
    QFuture<QList<InferenceAnswer>> submitAll(QList<InferenceRequest> requests);
    // The same answering a function instead of a future, for a caller that answers thousands of
    // requests a second (the HTTP server: a future costs it allocations and copies of the
    // answer). `done` is called exactly once, on the writer thread (on the worker with
    // storeSamples false), or on the calling thread when the service is stopping; an answer
    // the service could not give says "the inference service stopped before answering".
    using Done = std::function<void(InferenceAnswer &&)>;
    using DoneAll = std::function<void(QList<InferenceAnswer> &&)>;
    void submit(InferenceRequest request, Done done);
    void submitAll(QList<InferenceRequest> requests, DoneAll done);

    // The model now serving: id, class names, geometry ({"id", "architecture", "classes",
    // "channels", "height", "width", "macroF1"}).
    QJsonObject modelInfo() const;
    qint64 servedModelId() const;
    qint64 answered() const; // requests answered with a prediction since start

Q_SIGNALS:
    void modelChanged(qint64 modelId);
    void sampleStored(qint64 sampleId); // queued to the receiver's thread

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace mlwb
