// Image properties that a sensor changes, on images small enough to work out by hand.
#include "common/Error.h"
#include "monitoring/ImageProperties.h"

#include <QtTest>
#include <cmath>
#include <random>

using namespace mlwb;

namespace {

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class ImagePropertiesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void onePixelOfInk();
    void checkerboard();
    void flatGrey();
    void channelsAreAveraged();
    void blurLowersSharpness();
    void keys();
};

// 3×3, black but the centre white: mean 1/9, std √(1/9 − 1/81), ink 1/9; the one interior
// pixel's Laplacian is 0 + 0 + 0 + 0 − 4·1 = −4, squared 16.
void ImagePropertiesTest::onePixelOfInk()
{
    std::vector<std::uint8_t> image(9, 0);
    image[4] = 255;
    const ImageProperties p = imageProperties(image.data(), 1, 3, 3);
    QVERIFY(near(p.brightness, 1.0 / 9));
    QVERIFY(near(p.contrast, std::sqrt(1.0 / 9 - 1.0 / 81)));
    QVERIFY(near(p.inkArea, 1.0 / 9));
    QVERIFY(near(p.sharpness, 16));
}

// 4×4 black and white squares: every interior pixel differs from its four neighbours by 1.
void ImagePropertiesTest::checkerboard()
{
    std::vector<std::uint8_t> image(16);
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x)
            image[size_t(y * 4 + x)] = (x + y) % 2 ? 255 : 0;
    const ImageProperties p = imageProperties(image.data(), 1, 4, 4);
    QVERIFY(near(p.brightness, 0.5));
    QVERIFY(near(p.contrast, 0.5));
    QVERIFY(near(p.inkArea, 0.5));
    QVERIFY(near(p.sharpness, 16));
}

void ImagePropertiesTest::flatGrey()
{
    const std::vector<std::uint8_t> grey(28 * 28, 128), dark(28 * 28, 127);
    const ImageProperties p = imageProperties(grey.data(), 1, 28, 28);
    QVERIFY(near(p.brightness, 128.0 / 255));
    QVERIFY(near(p.contrast, 0));
    QVERIFY(near(p.inkArea, 1)); // 128/255 ≥ 0.5
    QVERIFY(near(p.sharpness, 0));
    QVERIFY(near(imageProperties(dark.data(), 1, 28, 28).inkArea, 0));
    // Too small for a Laplacian: no sharpness, the rest as usual.
    QVERIFY(near(imageProperties(grey.data(), 1, 2, 5).sharpness, 0));
}

// Red full on, green off: one grey plane of 0.5.
void ImagePropertiesTest::channelsAreAveraged()
{
    std::vector<std::uint8_t> image(2 * 5 * 5, 0);
    std::fill(image.begin(), image.begin() + 25, std::uint8_t(255));
    const ImageProperties p = imageProperties(image.data(), 2, 5, 5);
    QVERIFY(near(p.brightness, 0.5));
    QVERIFY(near(p.contrast, 0));
    QVERIFY(near(p.inkArea, 1));
    QVERIFY_THROWS_EXCEPTION(UsageError, imageProperties(image.data(), 0, 5, 5));
}

void ImagePropertiesTest::blurLowersSharpness()
{
    std::mt19937 rng(3);
    std::vector<std::uint8_t> image(28 * 28), blurred(28 * 28);
    for (auto &v : image)
        v = std::uint8_t(rng() % 256);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            int sum = 0, n = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    if (y + dy >= 0 && y + dy < 28 && x + dx >= 0 && x + dx < 28) {
                        sum += image[size_t((y + dy) * 28 + x + dx)];
                        ++n;
                    }
            blurred[size_t(y * 28 + x)] = std::uint8_t(sum / n);
        }
    const ImageProperties sharp = imageProperties(image.data(), 1, 28, 28), soft = imageProperties(blurred.data(), 1, 28, 28);
    QVERIFY(soft.sharpness < sharp.sharpness / 5);
    QVERIFY(std::abs(soft.brightness - sharp.brightness) < 0.01); // a blur keeps the exposure
}

void ImagePropertiesTest::keys()
{
    for (ImageProperty p : allImageProperties())
        QCOMPARE(imagePropertyFromKey(imagePropertyKey(p)), p);
    QCOMPARE(imagePropertyKey(ImageProperty::InkArea), QStringLiteral("ink"));
    QVERIFY(!imagePropertyFromKey(QStringLiteral("colour")));
}

QTEST_GUILESS_MAIN(ImagePropertiesTest)
#include "test_image_properties.moc"
