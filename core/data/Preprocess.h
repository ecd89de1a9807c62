#pragma once
// Turning a user's picture of a digit (canvas drawing, photo, scan) into what an MNIST
// model saw in training: 28×28, white digit on black, fitted in 20×20, centred by mass.
#include <QString>

#include <cstdint>
#include <vector>

class QImage;

namespace mlwb {

struct GrayImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels; // row-major, width × height
};

// Any size PNG/JPEG/BMP; colour becomes grey (luma); transparent pixels are laid on the
// background that contrasts with the drawing. Throws Error naming the file.
GrayImage loadGrayImage(const QString &path);

// The same for an image in memory (a null image gives an empty GrayImage).
GrayImage fromQImage(const QImage &image);

// Dark-on-light input is inverted (the border is compared with the whole); the background
// level is removed; the ink's bounding box is cropped, scaled to fit 20×20 keeping its
// aspect ratio, and placed in 28×28 so that its centre of mass is at (14, 14) (pixel index
// coordinates: Σ x·v / Σ v), as in MNIST. An image without ink gives all black.
GrayImage preprocessMnistStyle(const GrayImage &in);

// True when the image holds no drawing worth classifying (blank or nearly so).
bool looksEmpty(const GrayImage &in);

} // namespace mlwb
