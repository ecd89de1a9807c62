#pragma once
#include "data/Preprocess.h"

#include <QJsonObject>
#include <QString>
#include <vector>

namespace mlwb {

// A simple image sensor between a drawing and the model, so that a digit drawn on a clean
// canvas reaches the model the way a camera would deliver it. The stages, in this order:
//   1. optics     Gaussian point-spread function, σ in sensor pixels (applied at the drawing's
//                 resolution, scaled accordingly)
//   2. pose       rotation about the centre (degrees) and a sub-pixel shift (sensor pixels)
//   3. sampling   area-averaging down to the sensor's resolution (square, e.g. 28 or 16)
//   4. response   gain and contrast around mid-grey: v' = 0.5 + contrast·(gain·v − 0.5)
//   5. noise      shot noise (σ = shot·√v, signal-dependent) plus read noise (σ = read), in [0, 1]
//   6. defects    a fraction of dead (always 0) and of hot (always 1) pixels, at fixed places
//   7. output     clamped to [0, 1] and quantised to 8 bits
// Noise and defects come from `seed`: the same settings give the same image, and a new seed
// (a new "frame") new noise. Values: the drawing's 0–255 as 0–1, ink bright on dark.
struct SensorSettings {
    double blurSigma = 0.0;
    double rotationDegrees = 0.0;
    double shiftX = 0.0, shiftY = 0.0;
    int resolution = 28;
    double gain = 1.0, contrast = 1.0;
    double shotNoise = 0.0, readNoise = 0.0;
    double deadPixels = 0.0, hotPixels = 0.0; // fractions of all pixels, 0–0.2
    quint64 seed = 1;

    enum class Preset { Clean, CheapWebcam, Noisy };
    static SensorSettings preset(Preset preset);
    static QString presetName(Preset preset); // "clean", "cheap webcam", "noisy"

    QJsonObject toJson() const;
    static SensorSettings fromJson(const QJsonObject &json); // missing keys keep the defaults
    bool operator==(const SensorSettings &) const = default;
};

// The sensor's output for a drawing (any size, grey, ink bright on dark). Throws UsageError
// for a resolution outside 4–256 or a fraction outside 0–0.2.
GrayImage simulateSensor(const GrayImage &drawing, const SensorSettings &settings);

// Every stage's image in order (1–7 above), for the page's previews; the last is
// simulateSensor()'s result. Stages 1–2 are at the drawing's resolution, the rest at the sensor's.
std::vector<GrayImage> sensorStages(const GrayImage &drawing, const SensorSettings &settings);

// What the model gets from a drawing: simulateSensor, then MNIST-style preprocessing.
inline GrayImage sensorModelInput(const GrayImage &drawing, const SensorSettings &settings)
{
    return preprocessMnistStyle(simulateSensor(drawing, settings));
}

} // namespace mlwb
