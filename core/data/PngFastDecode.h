#pragma once
// A fast path for the PNGs data sets are made of (8-bit grey or RGB), decoded by libspng
// straight into pixels: for a 28×28 MNIST file it costs less than OpenCV's general decoder,
// whose per-file set-up outweighs the pixels. Anything else is left to OpenCV.
#include <QtGlobal>

#include <cstdint>
#include <vector>

namespace mlwb::detail {

struct SimplePng {
    int width = 0, height = 0, channels = 0; // channels: 1 grey, 3 RGB
    std::vector<std::uint8_t> pixels;        // row-major, interleaved (H×W×C), R G B order
};

// Decodes `data` when it is an 8-bit PNG of colour type grey (1 channel) or RGB (3
// channels) equal to `channels`, with no transparency chunk, and every checksum right.
// Returns false otherwise (including damaged files and images larger than 2^26 pixels),
// leaving the verdict to a general decoder.
bool decodeSimplePng(const char *data, qint64 size, int channels, SimplePng &out);

} // namespace mlwb::detail
