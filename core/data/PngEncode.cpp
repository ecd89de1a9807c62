#include "data/PngEncode.h"

#include "common/Error.h"

#include <QBuffer>
#include <QImage>

namespace mlwb {

QByteArray encodePng(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        throw Error(QStringLiteral("cannot encode a %1×%2 image as PNG").arg(image.width()).arg(image.height()));
    return png;
}

} // namespace mlwb
