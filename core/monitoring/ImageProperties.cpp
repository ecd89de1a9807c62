#include "monitoring/ImageProperties.h"

#include "common/Error.h"

#include <cmath>
#include <vector>

namespace mlwb {

const std::array<ImageProperty, 4> &allImageProperties()
{
    static const std::array<ImageProperty, 4> all = {ImageProperty::Brightness, ImageProperty::Contrast,
                                                     ImageProperty::InkArea, ImageProperty::Sharpness};
    return all;
}

QString imagePropertyKey(ImageProperty property)
{
    switch (property) {
    case ImageProperty::Brightness:
        return QStringLiteral("brightness");
    case ImageProperty::Contrast:
        return QStringLiteral("contrast");
    case ImageProperty::InkArea:
        return QStringLiteral("ink");
    case ImageProperty::Sharpness:
        return QStringLiteral("sharpness");
    }
    return {};
}

std::optional<ImageProperty> imagePropertyFromKey(const QString &key)
{
    for (ImageProperty p : allImageProperties())
        if (imagePropertyKey(p) == key)
            return p;
    return std::nullopt;
}

double propertyValue(const ImageProperties &properties, ImageProperty property)
{
    switch (property) {
    case ImageProperty::Brightness:
        return properties.brightness;
    case ImageProperty::Contrast:
        return properties.contrast;
    case ImageProperty::InkArea:
        return properties.inkArea;
    case ImageProperty::Sharpness:
        return properties.sharpness;
    }
    return 0;
}

ImageProperties imageProperties(const std::uint8_t *image, int channels, int height, int width)
{
    if (channels <= 0 || height <= 0 || width <= 0)
        throw UsageError(QStringLiteral("image properties of a %1×%2×%3 image").arg(channels).arg(height).arg(width));
    const size_t plane = size_t(height) * size_t(width);
    std::vector<double> grey(plane, 0.0);
    for (int c = 0; c < channels; ++c) {
        const std::uint8_t *p = image + size_t(c) * plane;
        for (size_t k = 0; k < plane; ++k)
            grey[k] += double(p[k]);
    }
    const double scale = 1.0 / (255.0 * channels);
    double sum = 0, sumSquares = 0;
    size_t ink = 0;
    for (double &g : grey) {
        g *= scale;
        sum += g;
        sumSquares += g * g;
        ink += g >= kInkThreshold;
    }
    ImageProperties r;
    const double n = double(plane);
    r.brightness = sum / n;
    r.contrast = std::sqrt(std::max(0.0, sumSquares / n - r.brightness * r.brightness));
    r.inkArea = double(ink) / n;
    if (height >= 3 && width >= 3) {
        double energy = 0;
        for (int y = 1; y + 1 < height; ++y) {
            const double *row = grey.data() + size_t(y) * size_t(width);
            for (int x = 1; x + 1 < width; ++x) {
                const double laplacian = row[x - 1] + row[x + 1] + row[x - width] + row[x + width] - 4 * row[x];
                energy += laplacian * laplacian;
            }
        }
        r.sharpness = energy / (double(height - 2) * double(width - 2));
    }
    return r;
}

} // namespace mlwb
