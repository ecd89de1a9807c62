#pragma once
#include "common/Cancel.h"
#include "production/ProductionSample.h"
#include "store/Workspace.h"

#include <QByteArray>
#include <QFuture>
#include <QObject>
#include <QStringList>
#include <memory>

namespace mlwb {

// One image for the production model: either the original picture (any size; MNIST-style
// preprocessing makes the input) or the exact input already (raw pixels in the model's
// geometry, e.g. from `{"pixels": [...]}`).
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
    QString error;                   // not empty: the request was refused (nothing stored)
};

// The production model as a service for the canvas, the watched folder and the HTTP API.
// Requests from any thread are queued; one worker thread takes what has queued (up to
// maxBatch, waiting at most maxWaitMicroseconds for more once one arrived), preprocesses,
// predicts them as one batch, stores them as samples in one transaction, then fulfils every
// future — so an answered request is stored. A promotion (the production alias moving) is
// noticed between batches and the new model is loaded and warmed up before it serves; requests
// in flight are answered by the old one. An explicit modelId serves that version instead.
class InferenceService : public QObject {
    Q_OBJECT
public:
    struct Options {
        qint64 modelId = 0;            // 0: follow the production alias
        int maxBatch = 64;
        int maxWaitMicroseconds = 500;
        int threads = 1;               // libtorch threads of the worker
        bool storeSamples = true;      // false: predict only (live canvas preview)
    };

    InferenceService(WorkspacePtr workspace, Options options, QObject *parent = nullptr);
    ~InferenceService() override; // answers what is queued, then stops

    // Throws Error when there is no production model (or the given one cannot be loaded).
    void start();
    QFuture<InferenceAnswer> submit(InferenceRequest request);
    QFuture<QList<InferenceAnswer>> submitAll(QList<InferenceRequest> requests);

    // The model now serving: id, class names, geometry ({"id", "architecture", "classes",
    // "channels", "height", "width", "macroF1"}).
    QJsonObject modelInfo() const;
    qint64 servedModelId() const;
    qint64 answered() const; // since start

Q_SIGNALS:
    void modelChanged(qint64 modelId);
    void sampleStored(qint64 sampleId); // queued to the receiver's thread

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace mlwb
