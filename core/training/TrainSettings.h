#pragma once
#include <QJsonObject>
#include <QString>

namespace mlwb {

struct ModelSpec;

// Batch-wise augmentation of training images (never of validation or test images).
struct Augmentation {
    double rotationDegrees = 0;   // uniform in ±this
    double cropProbability = 0;   // chance that an image is cropped and resized back
    double cropScale = 22.0 / 28; // smallest side of the crop, as a fraction of the image
    double noiseSigma = 0;        // Gaussian noise on [0, 1] pixels, then clamped

    bool any() const { return rotationDegrees > 0 || cropProbability > 0 || noiseSigma > 0; }
    friend bool operator==(const Augmentation &, const Augmentation &) = default;
};

struct TrainSettings {
    QString architecture = QStringLiteral("cnn"); // built-in name or JSON spec path
    int epochs = 1;
    int batchSize = 128;
    double learningRate = 1e-3;
    QString optimizer = QStringLiteral("adam"); // adam | sgd
    double momentum = 0.9;                      // sgd only
    double weightDecay = 0;
    QString schedule = QStringLiteral("constant"); // constant | onecycle
    quint64 seed = 42;
    double validationFraction = 0.1;
    Augmentation augmentation;
    int threads = 0; // libtorch intra-op threads; 0 = all cores
    // > 0: start from this model version's weights and input normalisation instead of a fresh
    // initialisation (fine-tuning; the TrainJob finds its folder). Same architecture and classes.
    qint64 fineTuneFrom = 0;
    // The number format of the forward passes: fp32 | bf16 | auto (see Precision.h). bf16 runs
    // them under libtorch's CPU autocast; weights, optimizer state, the loss, checkpoints and
    // the trained model stay fp32.
    QString precision = QStringLiteral("fp32");

    // Keys as the field names; augmentation nested; seed as a decimal string (exact);
    // fineTuneFrom only when set, precision only when not fp32 (older runs' JSON is unchanged).
    QJsonObject toJson() const;
    // Missing keys keep their defaults; a key of the wrong type or an unknown key throws
    // UsageError. Does not validate ranges: call validate().
    static TrainSettings fromJson(const QJsonObject &json);
    // Throws UsageError naming the setting and its value.
    void validate() const;
    // The thread count to use: `threads`, or every core when 0.
    int effectiveThreads() const;
    // Whether a network of `spec` trains in bf16 with these settings on this CPU: precision
    // bf16, or auto on a CPU with AVX-512 BF16 for a network whose layers all run under autocast.
    bool trainsInBf16(const ModelSpec &spec) const;

    friend bool operator==(const TrainSettings &, const TrainSettings &) = default;
};

} // namespace mlwb
