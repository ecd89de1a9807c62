#include "common/Error.h"
#include "data/Preprocess.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QtTest>

using namespace mlwb;

namespace {

struct Stats {
    double mass = 0, cx = 0, cy = 0; // centre of mass in pixel-index coordinates, as MNIST's
    int left = 1000, right = -1, top = 1000, bottom = -1;
};

Stats statsOf(const GrayImage &g)
{
    Stats s;
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) {
            const double v = g.pixels[size_t(y * g.width + x)];
            if (v <= 0)
                continue;
            s.mass += v;
            s.cx += v * x;
            s.cy += v * y;
            s.left = std::min(s.left, x);
            s.right = std::max(s.right, x);
            s.top = std::min(s.top, y);
            s.bottom = std::max(s.bottom, y);
        }
    s.cx /= s.mass;
    s.cy /= s.mass;
    return s;
}

// A 100×60 picture: a dark bar (10 wide, 40 tall) off-centre on light paper.
QImage barDrawing(QImage::Format format = QImage::Format_RGB32)
{
    QImage img(100, 60, format);
    img.fill(QColor(235, 235, 230));
    QPainter p(&img);
    p.fillRect(QRect(15, 8, 10, 40), QColor(20, 20, 30));
    return img;
}

} // namespace

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void darkBarOnPaperBecomesMnistDigit_data()
    {
        QTest::addColumn<bool>("throughFile");
        QTest::newRow("in memory") << false;
        QTest::newRow("PNG file") << true;
    }
    void darkBarOnPaperBecomesMnistDigit()
    {
        QFETCH(bool, throughFile);
        GrayImage in;
        if (throughFile) {
            QTemporaryDir tmp;
            const QString path = tmp.filePath(QStringLiteral("bar.png"));
            QVERIFY(barDrawing().save(path));
            in = loadGrayImage(path);
        } else {
            in = fromQImage(barDrawing());
        }
        QCOMPARE(in.width, 100);
        QCOMPARE(in.height, 60);
        QVERIFY(!looksEmpty(in));
        const GrayImage out = preprocessMnistStyle(in);
        QCOMPARE(out.width, 28);
        QCOMPARE(out.height, 28);
        QCOMPARE(out.pixels.size(), size_t(28 * 28));
        // White on black: the corners are black, the ink reaches full white.
        QCOMPARE(int(out.pixels[0]), 0);
        QCOMPARE(int(out.pixels[27 * 28 + 27]), 0);
        QCOMPARE(int(*std::max_element(out.pixels.begin(), out.pixels.end())), 255);
        const Stats s = statsOf(out);
        QVERIFY2(std::abs(s.cx - 14) <= 0.5 && std::abs(s.cy - 14) <= 0.5, qPrintable(QStringLiteral("centre %1,%2").arg(s.cx).arg(s.cy)));
        // The bar's longer side (40 px) became 20, its width 5; it fits in 20×20.
        QVERIFY2(s.bottom - s.top + 1 <= 21 && s.bottom - s.top + 1 >= 20, qPrintable(QString::number(s.bottom - s.top + 1)));
        QVERIFY(s.right - s.left + 1 <= 7);
    }

    void whiteOnBlackKeptAndTransparentCanvasHandled()
    {
        // A light stroke on black, and the same dark stroke on a transparent canvas.
        QImage dark(40, 40, QImage::Format_Grayscale8);
        dark.fill(0);
        QImage transparent(40, 40, QImage::Format_ARGB32);
        transparent.fill(Qt::transparent);
        for (int y = 5; y < 35; ++y)
            for (int x = 10; x < 30; ++x)
                if (x - 10 == (y - 5) * 2 / 3) {
                    dark.scanLine(y)[x] = 250;
                    transparent.setPixel(x, y, qRgba(0, 0, 0, 255));
                }
        const GrayImage a = preprocessMnistStyle(fromQImage(dark));
        const GrayImage b = preprocessMnistStyle(fromQImage(transparent));
        for (const GrayImage *g : {&a, &b}) {
            QCOMPARE(int(g->pixels[0]), 0);
            const Stats s = statsOf(*g);
            QVERIFY(std::abs(s.cx - 14) <= 0.5 && std::abs(s.cy - 14) <= 0.5);
            QVERIFY(s.mass > 255 * 10);
        }
    }

    void hotPixelsDoNotMoveTheCrop()
    {
        // A sensor's hot pixels far from the digit: the crop, and so the model input, stay as
        // they are without them.
        const GrayImage clean = fromQImage(barDrawing());
        GrayImage hot = clean;
        for (const auto &[x, y] : {std::pair{95, 2}, std::pair{3, 55}, std::pair{80, 50}})
            hot.pixels[size_t(y * hot.width + x)] = 0; // dark ink on light paper
        QVERIFY(preprocessMnistStyle(hot).pixels == preprocessMnistStyle(clean).pixels);
        // A second stroke of a digit is no speck: it stays.
        QImage twoStrokes = barDrawing();
        QPainter(&twoStrokes).fillRect(QRect(60, 8, 10, 40), QColor(20, 20, 30));
        const Stats s = statsOf(preprocessMnistStyle(fromQImage(twoStrokes)));
        QVERIFY2(s.right - s.left + 1 >= 18, qPrintable(QString::number(s.right - s.left + 1)));
    }

    void blankIsEmpty()
    {
        GrayImage blank{50, 30, std::vector<std::uint8_t>(50 * 30, 240)};
        QVERIFY(looksEmpty(blank));
        const GrayImage out = preprocessMnistStyle(blank);
        QCOMPARE(out.width, 28);
        QVERIFY(std::all_of(out.pixels.begin(), out.pixels.end(), [](std::uint8_t v) { return v == 0; }));
        blank.pixels[15 * 50 + 20] = 200; // one faint speck is not a drawing
        QVERIFY(looksEmpty(blank));
        QVERIFY(looksEmpty(GrayImage{}));
    }

    void unreadableFileNamed()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("digit.png"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not an image");
        f.close();
        try {
            loadGrayImage(path);
            QFAIL("no Error");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(path), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
