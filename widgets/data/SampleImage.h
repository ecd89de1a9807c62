#pragma once
#include "data/Dataset.h"

#include <QImage>
#include <cstdint>

namespace mlwb {

// One image of planar uint8 pixels (C×H×W, C = 1 or 3) as a QImage that owns its bytes.
// Cheap for MNIST/CIFAR sizes, so views convert on demand instead of caching pixmaps.
QImage planarToImage(const std::uint8_t *pixels, int channels, int height, int width);

inline QImage sampleImage(const Dataset &data, qsizetype index)
{
    return planarToImage(data.image(index), data.channels, data.height, data.width);
}

} // namespace mlwb
