#include "data/SampleImage.h"

namespace mlwb {

QImage planarToImage(const std::uint8_t *pixels, int channels, int height, int width)
{
    if (channels == 1) {
        QImage image(width, height, QImage::Format_Grayscale8);
        for (int y = 0; y < height; ++y)
            std::copy_n(pixels + qsizetype(y) * width, width, image.scanLine(y));
        return image;
    }
    // Planar colour: interleave the first three planes.
    QImage image(width, height, QImage::Format_RGB888);
    const qsizetype plane = qsizetype(height) * width;
    for (int y = 0; y < height; ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const qsizetype at = qsizetype(y) * width + x;
            for (int c = 0; c < 3; ++c)
                line[3 * x + c] = pixels[std::min(c, channels - 1) * plane + at];
        }
    }
    return image;
}

} // namespace mlwb
