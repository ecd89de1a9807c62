#include "common/Error.h"
#include "production/SensorModel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace mlwb;

namespace {

GrayImage flat(int width, int height, int value)
{
    return {width, height, std::vector<std::uint8_t>(size_t(width) * size_t(height), std::uint8_t(value))};
}

std::uint8_t &at(GrayImage &image, int x, int y)
{
    return image.pixels[size_t(y) * size_t(image.width) + size_t(x)];
}

int at(const GrayImage &image, int x, int y)
{
    return image.pixels[size_t(y) * size_t(image.width) + size_t(x)];
}

void fillRect(GrayImage &image, int x0, int y0, int x1, int y1, int value) // [x0, x1) × [y0, y1)
{
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            at(image, x, y) = std::uint8_t(value);
}

// Mass, centre of mass and second central moments in pixel-index coordinates.
struct Moments {
    double mass = 0, cx = 0, cy = 0, varX = 0, varY = 0;
};

Moments moments(const GrayImage &image)
{
    Moments m;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const double v = at(image, x, y);
            m.mass += v;
            m.cx += v * x;
            m.cy += v * y;
        }
    m.cx /= m.mass;
    m.cy /= m.mass;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const double v = at(image, x, y);
            m.varX += v * (x - m.cx) * (x - m.cx);
            m.varY += v * (y - m.cy) * (y - m.cy);
        }
    m.varX /= m.mass;
    m.varY /= m.mass;
    return m;
}

double meanOf(const GrayImage &image)
{
    double sum = 0;
    for (const std::uint8_t v : image.pixels)
        sum += v;
    return sum / double(image.pixels.size());
}

double stdOf(const GrayImage &image)
{
    const double mean = meanOf(image);
    double squares = 0;
    for (const std::uint8_t v : image.pixels)
        squares += (v - mean) * (v - mean);
    return std::sqrt(squares / double(image.pixels.size()));
}

int countOf(const GrayImage &image, int value)
{
    return int(std::count(image.pixels.begin(), image.pixels.end(), std::uint8_t(value)));
}

// A structured image that uses the whole range.
GrayImage pattern(int width, int height)
{
    GrayImage image = flat(width, height, 0);
    for (size_t p = 0; p < image.pixels.size(); ++p)
        image.pixels[p] = std::uint8_t(p % 7 == 0 ? 0 : p % 11 == 0 ? 255 : (p * 37) % 256);
    return image;
}

SensorSettings atResolution(int resolution)
{
    SensorSettings s;
    s.resolution = resolution;
    return s;
}

// A hand-drawn-like "1" on a 280×280 canvas, off centre: a slanted stroke with a small flag.
GrayImage drawnOne()
{
    GrayImage image = flat(280, 280, 0);
    for (int y = 50; y < 230; ++y) {
        const int x = 180 - (y - 50) / 12;
        fillRect(image, x - 9, y, x + 9, y + 1, 255);
    }
    for (int t = 0; t < 30; ++t)
        fillRect(image, 180 - t, 50 + t / 2, 188 - t, 58 + t / 2, 255);
    return image;
}

} // namespace

class TestSensorModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanAtDrawingSizeIsTheDrawing()
    {
        for (const int side : {28, 40}) {
            const GrayImage drawing = pattern(side, side);
            const GrayImage out = simulateSensor(drawing, atResolution(side));
            QCOMPARE(out.width, side);
            QCOMPARE(out.height, side);
            QCOMPARE(out.pixels, drawing.pixels);
        }
    }

    void blurSpreadsAPointAndKeepsItsMass()
    {
        GrayImage drawing = flat(28, 28, 0);
        fillRect(drawing, 13, 13, 15, 15, 255);
        SensorSettings s;
        QCOMPARE(simulateSensor(drawing, s).pixels, drawing.pixels); // σ 0: untouched
        s.blurSigma = 1.0;
        const GrayImage out = simulateSensor(drawing, s);
        QVERIFY(at(out, 12, 14) > 0 && at(out, 15, 14) > 0 && at(out, 14, 12) > 0 && at(out, 14, 15) > 0);
        QVERIFY(at(out, 11, 14) > 0); // reaches past the direct neighbours
        QVERIFY(at(out, 13, 13) < 255);
        const Moments before = moments(drawing), after = moments(out);
        QVERIFY2(std::abs(after.mass - before.mass) < 15, qPrintable(QString::number(after.mass)));
        QVERIFY(std::abs(after.cx - before.cx) < 0.05 && std::abs(after.cy - before.cy) < 0.05);
        QVERIFY(after.varX > before.varX + 0.8);
    }

    void blurSigmaIsInSensorPixels()
    {
        // The same σ on a 28 and on a 280 drawing gives about the same spread on the 28 sensor.
        // Vertical lines, whose profile along x is bright enough for 8 bits to keep its tails.
        GrayImage small = flat(28, 28, 0), large = flat(280, 280, 0);
        fillRect(small, 14, 0, 15, 28, 255);
        fillRect(large, 140, 0, 150, 280, 255);
        SensorSettings s;
        s.blurSigma = 1.5;
        const Moments a = moments(simulateSensor(small, s)), b = moments(simulateSensor(large, s));
        QVERIFY2(std::abs(a.varX - 2.25) < 0.2, qPrintable(QString::number(a.varX)));
        QVERIFY2(std::abs(b.varX - a.varX) < 0.3, qPrintable(QStringLiteral("%1 vs %2").arg(b.varX).arg(a.varX)));
        QVERIFY(std::abs(b.cx - 14) < 0.05);
    }

    void rotationTurnsABar()
    {
        GrayImage drawing = flat(29, 29, 0);
        fillRect(drawing, 6, 13, 23, 16, 255); // horizontal, centred on (14, 14)
        SensorSettings s = atResolution(29);
        const Moments before = moments(simulateSensor(drawing, s));
        QVERIFY(before.varX > 5 * before.varY);
        s.rotationDegrees = 90;
        const Moments after = moments(simulateSensor(drawing, s));
        QVERIFY(after.varY > 5 * after.varX);
        QVERIFY(std::abs(after.varY - before.varX) < 0.5);
        QVERIFY(std::abs(after.cx - 14) < 0.05 && std::abs(after.cy - 14) < 0.05);
    }

    void rotationIsCounterClockwiseOnScreen()
    {
        GrayImage drawing = flat(29, 29, 0);
        fillRect(drawing, 22, 13, 25, 16, 255); // right of the centre
        SensorSettings s = atResolution(29);
        s.rotationDegrees = 90;
        const Moments m = moments(simulateSensor(drawing, s));
        QVERIFY2(std::abs(m.cx - 14) < 0.1 && std::abs(m.cy - 5) < 0.1, // above the centre
                 qPrintable(QStringLiteral("%1, %2").arg(m.cx).arg(m.cy)));
    }

    void shiftMovesTheCentroidInSensorPixels()
    {
        GrayImage drawing = flat(280, 280, 0);
        fillRect(drawing, 100, 110, 180, 170, 255);
        SensorSettings s;
        const Moments before = moments(simulateSensor(drawing, s));
        s.shiftX = 1.0;
        s.shiftY = 0.5;
        const Moments after = moments(simulateSensor(drawing, s));
        QVERIFY2(std::abs(after.cx - before.cx - 1.0) < 0.01, qPrintable(QString::number(after.cx - before.cx)));
        QVERIFY2(std::abs(after.cy - before.cy - 0.5) < 0.01, qPrintable(QString::number(after.cy - before.cy)));
    }

    void subPixelShiftIsBilinear()
    {
        GrayImage drawing = flat(28, 28, 0);
        fillRect(drawing, 10, 10, 14, 14, 255);
        SensorSettings s;
        s.shiftX = 0.5;
        s.shiftY = -0.5;
        const GrayImage out = simulateSensor(drawing, s);
        const Moments before = moments(drawing), after = moments(out);
        QVERIFY(std::abs(after.cx - before.cx - 0.5) < 0.01);
        QVERIFY(std::abs(after.cy - before.cy + 0.5) < 0.01);
        QCOMPARE(at(out, 10, 9), 64);  // a quarter from the block's corner (63.75)
        QCOMPARE(at(out, 12, 11), 255); // the block's inside
        QCOMPARE(at(out, 14, 11), 128); // half from its right edge (127.5)
        QCOMPARE(at(out, 15, 11), 0);
    }

    void samplingAveragesBlocksExactly()
    {
        GrayImage blocks = flat(280, 280, 0), fine = flat(280, 280, 0);
        for (int y = 0; y < 280; ++y)
            for (int x = 0; x < 280; ++x) {
                at(blocks, x, y) = (x / 10 + y / 10) % 2 ? 255 : 0;
                at(fine, x, y) = (x + y) % 2 ? 255 : 0;
            }
        const GrayImage blocksOut = simulateSensor(blocks, SensorSettings{});
        QCOMPARE(blocksOut.width, 28);
        QCOMPARE(blocksOut.height, 28);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                QCOMPARE(at(blocksOut, x, y), (x + y) % 2 ? 255 : 0);
        const GrayImage fineOut = simulateSensor(fine, SensorSettings{});
        for (const std::uint8_t v : fineOut.pixels)
            QVERIFY(v == 127 || v == 128);
        // A general block average: 10×10 of a pattern, by hand.
        const GrayImage drawing = pattern(280, 280);
        const GrayImage out = simulateSensor(drawing, SensorSettings{});
        for (const auto &[bx, by] : {std::pair{0, 0}, std::pair{5, 17}, std::pair{27, 27}}) {
            double sum = 0;
            for (int y = 0; y < 10; ++y)
                for (int x = 0; x < 10; ++x)
                    sum += at(drawing, bx * 10 + x, by * 10 + y);
            QCOMPARE(at(out, bx, by), int(std::lround(sum / 100)));
        }
    }

    void samplingHandlesOtherRatios()
    {
        // 50 → 28 (not an integer ratio): flat stays flat, the mean is kept.
        QCOMPARE(simulateSensor(flat(50, 50, 200), SensorSettings{}).pixels, flat(28, 28, 200).pixels);
        const GrayImage drawing = pattern(50, 50);
        QVERIFY(std::abs(meanOf(simulateSensor(drawing, SensorSettings{})) - meanOf(drawing)) < 0.5);
        // A non-square drawing fills the square: 56×28 averages pairs along x.
        GrayImage wide = flat(56, 28, 0);
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 56; x += 2)
                at(wide, x, y) = 200;
        const GrayImage out = simulateSensor(wide, SensorSettings{});
        QCOMPARE(out.width, 28);
        QCOMPARE(out.height, 28);
        QCOMPARE(out.pixels, flat(28, 28, 100).pixels);
        // Enlarging (16 → 32) repeats each pixel 2×2.
        const GrayImage up = simulateSensor(pattern(16, 16), atResolution(32));
        QCOMPARE(at(up, 7, 9), at(pattern(16, 16), 3, 4));
    }

    void responseGainAndContrast()
    {
        SensorSettings s;
        s.gain = 2;
        QCOMPARE(simulateSensor(flat(28, 28, 64), s).pixels, flat(28, 28, 128).pixels);
        QCOMPARE(simulateSensor(flat(28, 28, 100), s).pixels, flat(28, 28, 200).pixels);
        QCOMPARE(simulateSensor(flat(28, 28, 200), s).pixels, flat(28, 28, 255).pixels); // clamped
        s.gain = 1;
        s.contrast = 0;
        QCOMPARE(simulateSensor(pattern(28, 28), s).pixels, flat(28, 28, 128).pixels);
        s.contrast = 0.5; // halfway to mid-grey
        QCOMPARE(simulateSensor(flat(28, 28, 0), s).pixels, flat(28, 28, 64).pixels);
        QCOMPARE(simulateSensor(flat(28, 28, 255), s).pixels, flat(28, 28, 191).pixels);
    }

    void readNoiseHasItsSigma()
    {
        SensorSettings s = atResolution(64);
        s.readNoise = 0.1;
        const GrayImage out = simulateSensor(flat(64, 64, 128), s);
        QVERIFY2(std::abs(stdOf(out) - 25.5) < 1.5, qPrintable(QString::number(stdOf(out))));
        QVERIFY(std::abs(meanOf(out) - 128) < 2);
    }

    void shotNoiseGrowsWithBrightness()
    {
        SensorSettings s = atResolution(64);
        s.shotNoise = 0.1;
        QCOMPARE(simulateSensor(flat(64, 64, 0), s).pixels, flat(64, 64, 0).pixels);
        const double dim = stdOf(simulateSensor(flat(64, 64, 51), s));    // v = 0.2
        const double bright = stdOf(simulateSensor(flat(64, 64, 153), s)); // v = 0.6
        QVERIFY2(std::abs(dim - 0.1 * std::sqrt(0.2) * 255) < 1.0, qPrintable(QString::number(dim)));
        QVERIFY2(std::abs(bright / dim - std::sqrt(3.0)) < 0.15, qPrintable(QString::number(bright / dim)));
    }

    void deadAndHotPixels()
    {
        SensorSettings s;
        s.deadPixels = 0.1;
        const int expected = int(std::lround(0.1 * 28 * 28)); // 78
        const GrayImage dead = simulateSensor(flat(28, 28, 255), s);
        QCOMPARE(countOf(dead, 0), expected);
        QCOMPARE(countOf(dead, 255), 28 * 28 - expected);

        s.deadPixels = 0;
        s.hotPixels = 0.1;
        const GrayImage hot = simulateSensor(flat(28, 28, 0), s);
        QCOMPARE(countOf(hot, 255), expected);
        QCOMPARE(countOf(hot, 0), 28 * 28 - expected);

        // Both at once on grey: distinct places.
        s.deadPixels = 0.05;
        s.hotPixels = 0.2;
        const GrayImage both = simulateSensor(flat(28, 28, 100), s);
        QCOMPARE(countOf(both, 0), int(std::lround(0.05 * 784)));
        QCOMPARE(countOf(both, 255), int(std::lround(0.2 * 784)));

        // Fixed for a seed, elsewhere for another.
        QCOMPARE(simulateSensor(flat(28, 28, 0), s).pixels, simulateSensor(flat(28, 28, 0), s).pixels);
        SensorSettings other = s;
        other.seed = 2;
        QVERIFY(simulateSensor(flat(28, 28, 100), other).pixels != both.pixels);
    }

    void sameSeedSameFrame()
    {
        const GrayImage drawing = drawnOne();
        SensorSettings s = SensorSettings::preset(SensorSettings::Preset::Noisy);
        s.seed = 7;
        const GrayImage first = simulateSensor(drawing, s);
        QCOMPARE(simulateSensor(drawing, s).pixels, first.pixels);
        s.seed = 8;
        const GrayImage second = simulateSensor(drawing, s);
        int differing = 0;
        for (size_t p = 0; p < first.pixels.size(); ++p)
            differing += first.pixels[p] != second.pixels[p];
        QVERIFY2(differing > 200, qPrintable(QString::number(differing)));
    }

    void stagesInOrder()
    {
        const GrayImage drawing = drawnOne();
        SensorSettings s = SensorSettings::preset(SensorSettings::Preset::CheapWebcam);
        s.rotationDegrees = 10;
        s.deadPixels = 0.02;
        const std::vector<GrayImage> stages = sensorStages(drawing, s);
        QCOMPARE(int(stages.size()), 7);
        for (int i = 0; i < 7; ++i) {
            const int side = i < 2 ? 280 : 20;
            QCOMPARE(stages[size_t(i)].width, side);
            QCOMPARE(stages[size_t(i)].height, side);
        }
        QCOMPARE(stages.back().pixels, simulateSensor(drawing, s).pixels);
        QVERIFY(stages[0].pixels != drawing.pixels); // blurred
        QVERIFY(stages[1].pixels != stages[0].pixels); // turned
        for (size_t i = 3; i < 6; ++i) // response, noise, defects each change the image
            QVERIFY(stages[i].pixels != stages[i - 1].pixels);

        // With everything off, every stage is the drawing.
        const GrayImage small = pattern(28, 28);
        for (const GrayImage &stage : sensorStages(small, SensorSettings{}))
            QCOMPARE(stage.pixels, small.pixels);
    }

    void presetsAndJson()
    {
        using P = SensorSettings::Preset;
        QCOMPARE(SensorSettings::preset(P::Clean), SensorSettings{});
        QCOMPARE(SensorSettings::presetName(P::Clean), QStringLiteral("clean"));
        QCOMPARE(SensorSettings::presetName(P::CheapWebcam), QStringLiteral("cheap webcam"));
        QCOMPARE(SensorSettings::presetName(P::Noisy), QStringLiteral("noisy"));
        QVERIFY(!(SensorSettings::preset(P::CheapWebcam) == SensorSettings{}));
        QVERIFY(!(SensorSettings::preset(P::Noisy) == SensorSettings{}));
        QVERIFY(!(SensorSettings::preset(P::Noisy) == SensorSettings::preset(P::CheapWebcam)));
        const GrayImage drawing = drawnOne();
        for (const P p : {P::CheapWebcam, P::Noisy}) // usable, and not the clean image
            QVERIFY(simulateSensor(drawing, SensorSettings::preset(p)).pixels != simulateSensor(drawing, SensorSettings{}).pixels);

        SensorSettings custom;
        custom.blurSigma = 0.3;
        custom.rotationDegrees = -12.5;
        custom.shiftX = 0.25;
        custom.shiftY = -1.5;
        custom.resolution = 16;
        custom.gain = 1.3;
        custom.contrast = 0.7;
        custom.shotNoise = 0.01;
        custom.readNoise = 0.02;
        custom.deadPixels = 0.03;
        custom.hotPixels = 0.04;
        custom.seed = std::numeric_limits<quint64>::max(); // beyond a JSON number's precision
        for (const SensorSettings &x : {SensorSettings{}, SensorSettings::preset(P::CheapWebcam),
                                        SensorSettings::preset(P::Noisy), custom})
            QCOMPARE(SensorSettings::fromJson(x.toJson()), x);
        const QJsonObject json = custom.toJson();
        for (const char *key : {"blurSigma", "rotationDegrees", "shiftX", "shiftY", "resolution", "gain", "contrast",
                                "shotNoise", "readNoise", "deadPixels", "hotPixels", "seed"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json.size(), 12);

        // Missing keys keep the defaults; a number is a seed too; a wrong type is refused.
        const SensorSettings partial = SensorSettings::fromJson({{QStringLiteral("gain"), 2.0}, {QStringLiteral("seed"), 42}});
        QCOMPARE(partial.gain, 2.0);
        QCOMPARE(partial.seed, quint64(42));
        QCOMPARE(partial.resolution, 28);
        QVERIFY_THROWS_EXCEPTION(UsageError, SensorSettings::fromJson({{QStringLiteral("resolution"), QStringLiteral("28")}}));
        QVERIFY_THROWS_EXCEPTION(UsageError, SensorSettings::fromJson({{QStringLiteral("resolution"), 2.5}}));
        QVERIFY_THROWS_EXCEPTION(UsageError, SensorSettings::fromJson({{QStringLiteral("seed"), -1}}));
    }

    void badSettingsAreRefused()
    {
        const GrayImage drawing = flat(28, 28, 0);
        const auto refused = [&](auto change) {
            SensorSettings s;
            change(s);
            try {
                simulateSensor(drawing, s);
            } catch (const UsageError &) {
                try {
                    sensorStages(drawing, s);
                } catch (const UsageError &) {
                    return true;
                }
            }
            return false;
        };
        QVERIFY(refused([](SensorSettings &s) { s.resolution = 3; }));
        QVERIFY(refused([](SensorSettings &s) { s.resolution = 257; }));
        QVERIFY(refused([](SensorSettings &s) { s.deadPixels = 0.21; }));
        QVERIFY(refused([](SensorSettings &s) { s.hotPixels = -0.01; }));
        QVERIFY(refused([](SensorSettings &s) { s.hotPixels = std::nan(""); }));
        QVERIFY(refused([](SensorSettings &s) { s.blurSigma = -1; }));
        QVERIFY(refused([](SensorSettings &s) { s.readNoise = std::numeric_limits<double>::infinity(); }));
        QVERIFY(refused([](SensorSettings &s) { s.rotationDegrees = std::nan(""); }));
        QVERIFY(!refused([](SensorSettings &s) { s.resolution = 4; s.deadPixels = 0.2; s.hotPixels = 0.2; }));
        QVERIFY(!refused([](SensorSettings &s) { s.resolution = 256; }));
        QVERIFY_THROWS_EXCEPTION(UsageError, simulateSensor(GrayImage{}, SensorSettings{}));
    }

    void hugeBlurStaysBounded()
    {
        // A σ far beyond the image is cut at its size: all light leaves, nothing hangs.
        SensorSettings s;
        s.blurSigma = 1e9;
        const GrayImage out = simulateSensor(flat(28, 28, 255), s);
        QCOMPARE(out.width, 28);
        QVERIFY(meanOf(out) < 5);
    }

    void modelInputOfADrawnOne()
    {
        // Clean, and a mild sensor without defects: stray bright pixels (hot ones, the noisy
        // preset's speckle) widen the preprocessing's ink box and pull the digit off centre.
        const GrayImage drawing = drawnOne();
        SensorSettings webcam = SensorSettings::preset(SensorSettings::Preset::CheapWebcam);
        webcam.hotPixels = 0;
        for (const SensorSettings &s : {SensorSettings{}, webcam}) {
            const GrayImage input = sensorModelInput(drawing, s);
            QCOMPARE(input.width, 28);
            QCOMPARE(input.height, 28);
            const Moments m = moments(input);
            QVERIFY(m.mass > 0);
            QVERIFY2(std::abs(m.cx - 14) < 1 && std::abs(m.cy - 14) < 1,
                     qPrintable(QStringLiteral("%1: (%2, %3)").arg(QString::fromLatin1(QJsonDocument(s.toJson()).toJson(QJsonDocument::Compact))).arg(m.cx).arg(m.cy)));
            QVERIFY(m.varY > 2 * m.varX); // still an upright stroke
        }
    }
};

QTEST_GUILESS_MAIN(TestSensorModel)
#include "test_sensor_model.moc"
