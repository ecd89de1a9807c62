#pragma once
#include <QByteArray>

class QImage;

namespace mlwb {

// The image as PNG bytes in memory (production samples keep their originals as PNG). Throws
// Error when Qt cannot encode it (a null image).
QByteArray encodePng(const QImage &image);

} // namespace mlwb
