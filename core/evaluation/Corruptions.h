#pragma once
#include "common/Cancel.h"
#include "data/Dataset.h"
#include "evaluation/Classifier.h"

#include <QJsonArray>
#include <QString>
#include <vector>

namespace mlwb {

// Sensor-like corruptions of an image, each over five severities (1 = mild … 5 = severe):
//   noise     additive Gaussian noise, σ 0.1 0.2 0.3 0.4 0.5 (pixels in [0, 1], clamped)
//   blur      Gaussian blur (an out-of-focus lens), σ 0.5 1.0 1.5 2.0 2.5 pixels
//   shift     translation by 1 2 3 4 5 pixels in a direction drawn per image, zeros come in
//   contrast  values pulled towards the image's mean: x' = m + (x − m)·c, c 0.8 0.6 0.4 0.3 0.2
//   rotation  about the centre by 5 10 15 20 30 degrees, clockwise or not drawn per image,
//             bilinear, zeros come in
// Every random draw comes from (seed, sample position), so an image is corrupted the same way
// whatever the batch size, and the severities of one kind scale the same draws.
enum class Corruption { Noise, Blur, Shift, Contrast, Rotation };

const std::vector<Corruption> &allCorruptions();        // in the order above
QString corruptionKey(Corruption kind);                 // "noise", "blur", … (JSON, CLI)
QString corruptionUnit(Corruption kind);                // "σ", "σ px", "px", "factor", "°"
const std::vector<double> &corruptionSeverities(Corruption kind); // the five values above

// Writes the corrupted image (C×H×W floats in [0, 1]) to out; in and out do not overlap.
// Level 0 copies the image unchanged; 1–5 use corruptionSeverities(kind)[level − 1]. The
// result stays in [0, 1]. Throws UsageError for a level outside 0–5.
void corruptImage(Corruption kind, int level, const float *in, float *out, int channels, int height, int width,
                  quint64 seed, qint64 samplePosition);

struct CorruptionCurve {
    Corruption kind = Corruption::Noise;
    std::vector<double> severities; // six: 0 (the clean images), then corruptionSeverities(kind)
    std::vector<double> accuracy;   // one per severity
};

// Accuracy of the classifier on data's samples at `indices` under every corruption at every
// level (level 0 is computed once and shared by all curves). Progress counts images over
// all passes. Image j of `indices` is corrupted with sample position j, whatever the batch
// size. Throws as evaluate() does (Evaluator.h), Cancelled when the flag is raised.
std::vector<CorruptionCurve> corruptionCurves(Classifier &classifier, const Dataset &data,
                                              const std::vector<qint64> &indices, quint64 seed = 1,
                                              int batchSize = 500, const ProgressFn &progress = {},
                                              const CancelFlag *cancel = nullptr);

// [{"corruption": key, "unit": unit, "severities": [...], "accuracy": [...]}]
QJsonArray corruptionCurvesToJson(const std::vector<CorruptionCurve> &curves);
// Reads what corruptionCurvesToJson wrote; throws Error naming `origin` when malformed.
std::vector<CorruptionCurve> corruptionCurvesFromJson(const QJsonArray &json, const QString &origin);

} // namespace mlwb
