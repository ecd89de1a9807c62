#pragma once
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace mlwb {

// What a sensor changes about its images without changing what they show: a brighter or
// darker exposure, a flatter contrast, thicker or thinner strokes, a blurred lens. Measured
// on the model input (C×H×W uint8; channels averaged into one grey value in [0, 1]):
//   brightness  the mean grey value
//   contrast    the standard deviation of the grey values
//   inkArea     the share of pixels at or above kInkThreshold (the strokes of a light-on-dark digit)
//   sharpness   the mean squared 4-neighbour Laplacian over the interior pixels (0 below 3×3):
//               high for crisp edges and for noise, low for a blur
struct ImageProperties {
    double brightness = 0;
    double contrast = 0;
    double inkArea = 0;
    double sharpness = 0;
};

inline constexpr double kInkThreshold = 0.5;

enum class ImageProperty { Brightness, Contrast, InkArea, Sharpness };

const std::array<ImageProperty, 4> &allImageProperties(); // in the order above
QString imagePropertyKey(ImageProperty property);         // "brightness", "contrast", "ink", "sharpness"
std::optional<ImageProperty> imagePropertyFromKey(const QString &key);
double propertyValue(const ImageProperties &properties, ImageProperty property);

// Throws UsageError for a geometry that is not positive.
ImageProperties imageProperties(const std::uint8_t *image, int channels, int height, int width);

} // namespace mlwb
