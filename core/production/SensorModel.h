#pragma once
#include "data/Preprocess.h"

#include <QJsonObject>
#include <QString>
#include <vector>

namespace mlwb {

// A simple image sensor between a drawing and the model, so that a digit drawn on a clean
// canvas reaches the model the way a camera would deliver it. The stages, in this order:
//   1. optics     Gaussian point-spread function, σ in sensor pixels (applied at the drawing's
//                 resolution, scaled accordingly); outside the drawing is black
//   2. pose       rotation about the centre (degrees, positive = counter-clockwise on screen)
//                 and a sub-pixel shift (sensor pixels, +x right, +y down); bilinear, black
//                 where the turned drawing leaves the frame
//   3. sampling   exact area-averaging down (or up) to the sensor's resolution × resolution;
//                 the drawing's full extent fills the square, so a non-square drawing is
//                 scaled along x and y separately (stages 1–2 use the same per-axis scale)
//   4. response   gain and contrast around mid-grey: v' = 0.5 + contrast·(gain·v − 0.5)
//   5. noise      shot noise (σ = shot·√v, signal-dependent) plus read noise (σ = read), in
//                 units of full scale, drawn from GaussianNoise(seed)
//   6. defects    round(fraction · pixels) dead (always 0), then hot (always 1) pixels, at
//                 distinct places drawn from `seed`
//   7. output     clamped to [0, 1] and quantised to 8 bits (round to nearest)
// Values stay unclamped between stages 1–6, as in an analogue chain. Noise and defects come
// from `seed`: the same settings give the same image, and a new seed (a new "frame") new noise.
// Values: the drawing's 0–255 as 0–1, ink bright on dark.
struct SensorSettings {
    double blurSigma = 0.0;
    double rotationDegrees = 0.0;
    double shiftX = 0.0, shiftY = 0.0;
    int resolution = 28;
    double gain = 1.0, contrast = 1.0;
    double shotNoise = 0.0, readNoise = 0.0;
    double deadPixels = 0.0, hotPixels = 0.0; // fractions of all pixels, 0–0.2
    quint64 seed = 1;

    // Clean: the defaults (at resolution = drawing size, the drawing itself).
    // CheapWebcam: blur 0.8, 20×20, gain 1.1, contrast 0.8, shot 0.03, read 0.02, hot 0.0075
    //   (three of its 400 pixels).
    // Noisy: 28×28, blur 0.5, contrast 0.9, shot 0.08, read 0.06, dead 0.01, hot 0.01.
    enum class Preset { Clean, CheapWebcam, Noisy };
    static SensorSettings preset(Preset preset);
    static QString presetName(Preset preset); // "clean", "cheap webcam", "noisy"

    // Keys as the fields' names; the seed as a decimal string (a JSON number would lose 64-bit
    // seeds; a number is read too). Missing keys keep the defaults; a value of the wrong type
    // throws UsageError. Ranges are checked when the settings are used, not here.
    QJsonObject toJson() const;
    static SensorSettings fromJson(const QJsonObject &json);
    bool operator==(const SensorSettings &) const = default;
};

// The sensor's output for a drawing (any size, grey, ink bright on dark). Throws UsageError
// for a resolution outside 4–256, a fraction outside 0–0.2, a negative (or non-finite) blur,
// gain, contrast or noise, a non-finite rotation or shift, or a drawing without pixels.
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
