#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace mlwb {

// Where a production input came from.
enum class SampleSource { Canvas, Folder, Api, File };
QString sampleSourceName(SampleSource source);                   // "canvas", "folder", "api", "file"
std::optional<SampleSource> sampleSourceFromString(const QString &text);

// One input the production side saw and what the model answered. The original image is kept
// once per content (imageHash: see NewSample in SampleStore.h); every request is a sample of its own.
struct ProductionSample {
    qint64 id = 0;
    SampleSource source = SampleSource::Api;
    QString imageHash;                  // of the original image's PNG (or of the input, without one)
    QString imagePath;                  // relative to the workspace: production/samples/ab/abcd….png
    QString originalName;               // the file name it came as (folder, file), else empty
    std::vector<std::uint8_t> input;    // the exact model input, C×H×W uint8 (28×28 for MNIST)
    int channels = 1, height = 28, width = 28;
    qint64 modelId = 0;
    int predicted = -1;
    std::vector<float> probabilities;
    std::vector<float> embedding;       // the model's penultimate layer (may be empty)
    QDateTime created;
    // The label, once someone gave it (the Label page, `mlwb samples label`, a digit key on the
    // Sensor page). discarded: "not a digit".
    std::optional<int> label;
    bool discarded = false;
    QString labeledBy;
    QDateTime labeledAt;

    QJsonObject toJson(bool withInput = false) const;
};

} // namespace mlwb
