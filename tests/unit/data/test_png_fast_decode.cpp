#include "data/PngFastDecode.h"
#include "unit/data/DataFixtures.h"

#include <QBuffer>
#include <QImage>
#include <QRandomGenerator>
#include <QtTest>

using namespace mlwb::detail;

namespace {

QByteArray pngBytes(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        qFatal("cannot encode PNG");
    return bytes;
}

// Noise plus smooth gradients, so that the encoder uses several row filters.
QImage testImage(int w, int h, QImage::Format format, quint32 seed)
{
    QImage img(w, h, format);
    QRandomGenerator rng(seed);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const bool noisy = (y / 4) % 2 == 0;
            const int v = noisy ? int(rng.bounded(256)) : (x * 7 + y * 3) % 256;
            img.setPixel(x, y, format == QImage::Format_Grayscale8 ? qRgb(v, v, v) : qRgb(v, (v * 5 + y) % 256, 255 - v));
        }
    return img;
}

QByteArray chunk(const char *type, const QByteArray &body)
{
    const QByteArray typed = QByteArray(type, 4) + body;
    return fixtures::be32(quint32(body.size())) + typed + fixtures::be32(fixtures::crc32(typed));
}

// An 8-bit grey PNG, every checksum right, whose header declares width × height and whose
// image data is `rows` deflated (filter bytes included); `extra` chunks go before it.
QByteArray greyPng(quint32 width, quint32 height, const QByteArray &rows, const QByteArray &extra = {})
{
    const QByteArray header = fixtures::be32(width) + fixtures::be32(height) + QByteArray("\x08\0\0\0\0", 5);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + extra + chunk("IDAT", qCompress(rows).mid(4))
           + chunk("IEND", {});
}

} // namespace

class TestPngFastDecode : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesQtsDecoder_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("colour");
        for (const QSize s : {QSize(1, 1), QSize(28, 28), QSize(7, 3), QSize(64, 48), QSize(3, 100)})
            for (bool colour : {false, true})
                QTest::addRow("%dx%d %s", s.width(), s.height(), colour ? "rgb" : "grey") << s.width() << s.height() << colour;
    }
    void matchesQtsDecoder()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, colour);
        const QImage image = testImage(width, height, colour ? QImage::Format_RGB888 : QImage::Format_Grayscale8, quint32(width * 1000 + height));
        const QByteArray bytes = pngBytes(image);
        SimplePng png;
        QVERIFY(decodeSimplePng(bytes.constData(), bytes.size(), colour ? 3 : 1, png));
        QCOMPARE(png.width, width);
        QCOMPARE(png.height, height);
        QCOMPARE(png.channels, colour ? 3 : 1);
        const QImage reference = QImage::fromData(bytes, "PNG").convertToFormat(colour ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
        for (int y = 0; y < height; ++y)
            QVERIFY(std::memcmp(png.pixels.data() + size_t(y) * size_t(width) * size_t(png.channels),
                                reference.constScanLine(y), size_t(width) * size_t(png.channels)) == 0);
        // Asked for the other channel count: left to the general decoder.
        QVERIFY(!decodeSimplePng(bytes.constData(), bytes.size(), colour ? 1 : 3, png));
    }

    // A PNG made by hand decodes: the refusals below differ from it only where they say.
    void decodesAHandMadePng()
    {
        SimplePng png;
        const QByteArray bytes = greyPng(2, 2, QByteArray("\0\x01\x02\x01\x03\x04", 6));
        QVERIFY(decodeSimplePng(bytes.constData(), bytes.size(), 1, png));
        QCOMPARE(png.pixels, (std::vector<std::uint8_t>{1, 2, 3, 7})); // row 2: filter 1 (sub), 3 then 3 + 4
    }

    void declinesWhatItDoesNotHandle_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = pngBytes(testImage(10, 10, QImage::Format_Grayscale8, 1));
        QByteArray damaged = good;
        damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 0x10);
        QTest::newRow("damaged") << damaged;
        QTest::newRow("truncated") << good.left(good.size() - 20);
        QTest::newRow("not a png") << QByteArray("GIF89a and some more bytes to pass the size check");
        QTest::newRow("16-bit") << pngBytes(testImage(10, 10, QImage::Format_RGB888, 2).convertToFormat(QImage::Format_Grayscale16));
        QTest::newRow("palette") << pngBytes(testImage(10, 10, QImage::Format_RGB888, 3).convertToFormat(QImage::Format_Indexed8));
        // Headers that would have a buffer allocated on their word alone.
        const QByteArray twoRows("\0\x01\x02\0\x03\x04", 6);
        QTest::newRow("width 2^31 - 1") << greyPng(0x7fffffffu, 2, twoRows);
        QTest::newRow("8000×8000 from a few bytes") << greyPng(8000, 8000, twoRows);
        QTest::newRow("transparency") << greyPng(2, 2, twoRows, chunk("tRNS", QByteArray("\0\x01", 2)));
    }
    void declinesWhatItDoesNotHandle()
    {
        QFETCH(QByteArray, bytes);
        SimplePng png;
        QVERIFY(!decodeSimplePng(bytes.constData(), bytes.size(), 1, png));
    }
};

QTEST_GUILESS_MAIN(TestPngFastDecode)
#include "test_png_fast_decode.moc"
