#pragma once
#include "common/Cancel.h"
#include "data/Dataset.h"
#include "training/TrainSettings.h"

#include <QJsonObject>
#include <functional>
#include <memory>
#include <vector>

namespace mlwb {

struct EpochMetrics {
    int epoch = 0; // 1-based
    double trainLoss = 0, trainAccuracy = 0;
    double validationLoss = 0, validationAccuracy = 0; // NaN when there is no validation split
    double seconds = 0;         // the whole epoch, validation included
    qint64 imagesPerSecond = 0; // training images per second of the training part

    QJsonObject toJson() const; // NaN as null
    static EpochMetrics fromJson(const QJsonObject &json);
};

// All called on the thread that runs Trainer::run().
struct TrainCallbacks {
    std::function<void(int epoch, qint64 step, double loss, double learningRate)> onBatch; // step: global, 0-based
    std::function<void(const EpochMetrics &)> onEpoch; // after the epoch's checkpoint is on disk
    ProgressFn onProgress;                              // global steps done of all steps
    std::function<bool()> shouldPause;                  // while true, the loop waits between batches
};

struct TrainResult {
    int epochsDone = 0;
    bool cancelled = false;
    QString modelDir;         // runDir/model, empty when cancelled
    qint64 parameterCount = 0;
    std::vector<EpochMetrics> epochs; // every epoch so far, those of a resumed run included
};

// Trains a model on a data set. Synchronous: the caller runs it on a worker thread.
//   runDir/checkpoint.pt  after every epoch (atomic): weights, optimizer, metrics
//   runDir/model/         at the end (atomic): model.json + weights.pt (see ModelFiles.h)
// The same data, settings and thread count give the same weights and metrics; a run
// resumed from its checkpoint ends bit-identical to an uninterrupted one.
class Trainer {
public:
    Trainer(DatasetPtr data, TrainSettings settings, QString runDir);
    ~Trainer();
    Trainer(const Trainer &) = delete;
    Trainer &operator=(const Trainer &) = delete;

    // Throws UsageError for bad settings or an architecture that does not fit the data,
    // Error for I/O problems. Cancel (checked between batches) returns with cancelled set,
    // writes no model and leaves the last full epoch's checkpoint. resume = true continues
    // after the checkpoint's epoch (from scratch when there is none); the checkpoint must
    // come from the same data and settings (threads aside; epochs may grow with a constant
    // schedule).
    TrainResult run(const CancelFlag &cancel, const TrainCallbacks &callbacks, bool resume);

    // Fine-tuning: start from this trained model's weights, and keep its input normalisation
    // (its weights expect it), instead of a fresh initialisation. run() throws UsageError when
    // its architecture, classes or image size differ from this run's.
    void setInitialModel(const QString &modelDir);

    static QString checkpointPath(const QString &runDir);
    static QString modelPath(const QString &runDir);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace mlwb
