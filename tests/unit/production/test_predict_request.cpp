// The body of POST /v1/predict: the JSON shapes it takes, what the model gets from them, and
// the message for each kind of wrong body.
#include "production/PredictRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

using namespace mlwb;

namespace {

const InputGeometry kMnist{1, 28, 28};

// 784 values; pixel i is (i % 256) / 255 written with `digits` significant digits.
QByteArray pixelList(int count = 784, int digits = 17)
{
    QByteArray out = "[";
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += ", ";
        out += QByteArray::number(double(i % 256) / 255.0, 'g', digits);
    }
    return out + "]";
}

std::vector<std::uint8_t> expectedInput(int count = 784)
{
    std::vector<std::uint8_t> v;
    for (int i = 0; i < count; ++i)
        v.push_back(std::uint8_t(i % 256));
    return v;
}

} // namespace

class TestPredictRequest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void contentTypes()
    {
        QCOMPARE(predictContentOf("application/json"), PredictContent::Json);
        QCOMPARE(predictContentOf("Application/JSON; charset=utf-8"), PredictContent::Json);
        QCOMPARE(predictContentOf("image/png"), PredictContent::Image);
        QCOMPARE(predictContentOf("image/jpeg"), PredictContent::Image);
        QCOMPARE(predictContentOf(""), PredictContent::Unsupported);
        QCOMPARE(predictContentOf("text/plain"), PredictContent::Unsupported);
        QCOMPARE(predictContentOf("application/x-www-form-urlencoded"), PredictContent::Unsupported);
    }

    void singleImageIsTheInputItself()
    {
        for (int digits : {3, 6, 17}) { // short numbers take the fast path, long ones from_chars
            const PredictBody body = parsePredictJson("{\"pixels\": " + pixelList(784, digits) + "}", kMnist);
            QVERIFY2(body.error.isEmpty(), qPrintable(body.error));
            QVERIFY(!body.list);
            QCOMPARE(body.requests.size(), 1);
            QCOMPARE(body.requests[0].input, expectedInput());
            QVERIFY(body.requests[0].originalPng.isEmpty());
            QCOMPARE(body.requests[0].source, SampleSource::Api);
        }
    }

    void roundingIsRoundOfTimes255()
    {
        // 0.5·255 = 127.5 → 128; 0.001·255 = 0.255 → 0; 1e-2·255 = 2.55 → 3; 1 → 255; -0 → 0; 1.0E0 → 255.
        QByteArray pixels = "[0.5, 0.001, 1e-2, 1, -0, 1.0E0, 0.002352941176470588";
        for (int i = 7; i < 784; ++i)
            pixels += ",0";
        pixels += "]";
        const PredictBody body = parsePredictJson("{\"pixels\":" + pixels + "}", kMnist);
        QVERIFY2(body.error.isEmpty(), qPrintable(body.error));
        const auto &in = body.requests[0].input;
        QCOMPARE(int(in[0]), 128);
        QCOMPARE(int(in[1]), 0);
        QCOMPARE(int(in[2]), 3);
        QCOMPARE(int(in[3]), 255);
        QCOMPARE(int(in[4]), 0);
        QCOMPARE(int(in[5]), 255);
        QCOMPARE(int(in[6]), 1); // 0.6 / 255 → 0.6 → 1
    }

    // The fast scanner reads numbers itself: its pixels are round(v·255) of the double each
    // text denotes, also for 17 to 25 digits, exponents and values a hair from a rounding
    // boundary.
    void pixelsAreThoseOfTheDoubleWritten()
    {
        std::mt19937_64 random(11);
        for (int round = 0; round < 200; ++round) {
            QByteArray json = "{\"pixels\": [";
            std::vector<std::uint8_t> expected;
            for (int i = 0; i < 784; ++i) {
                double v = 0;
                QByteArray text;
                switch (random() % 5) {
                case 0: text = QByteArray::number(double(random() % 256) / 255.0, 'g', 17); break;
                case 1: // within 1e-15 of a rounding boundary
                    v = std::clamp((double(random() % 255) + 0.5) / 255.0 + double(int(random() % 2001) - 1000) * 1e-18, 0.0, 1.0);
                    text = QByteArray::number(v, 'g', 15 + int(random() % 6));
                    break;
                case 2: text = QByteArray::number(std::ldexp(double(random() >> 11), -53), 'f', 1 + int(random() % 25)); break;
                case 3: text = QByteArray::number(std::ldexp(double(random() >> 11), -53), 'e', int(random() % 18)); break;
                default: text = (random() % 2) ? "0" : "1"; break;
                }
                std::from_chars(text.constData(), text.constData() + text.size(), v);
                expected.push_back(std::uint8_t(std::lround(v * 255.0)));
                json += (i > 0 ? ", " : "") + text;
            }
            const PredictBody body = parsePredictJson(json + "]}", kMnist);
            QVERIFY2(body.error.isEmpty(), qPrintable(body.error));
            QCOMPARE(body.requests[0].input, expected);
        }
    }

    void listsAnswerAsPredictions()
    {
        const QByteArray one = "{\"pixels\": " + pixelList() + "}";
        const PredictBody images = parsePredictJson("{\"images\": [" + one + ", " + one + "]}", kMnist);
        QVERIFY2(images.error.isEmpty(), qPrintable(images.error));
        QVERIFY(images.list);
        QCOMPARE(images.requests.size(), 2);
        QCOMPARE(images.requests[1].input, expectedInput());

        const PredictBody array = parsePredictJson("[" + one + "]", kMnist);
        QVERIFY2(array.error.isEmpty(), qPrintable(array.error));
        QVERIFY(array.list);
        QCOMPARE(array.requests.size(), 1);

        // Other members are ignored (the slow path reads them).
        const PredictBody extra = parsePredictJson("{\"id\": \"a\\\"b\", \"pixels\": " + pixelList() + ", \"more\": [1, {\"x\": null}]}", kMnist);
        QVERIFY2(extra.error.isEmpty(), qPrintable(extra.error));
        QCOMPARE(extra.requests[0].input, expectedInput());
    }

    void otherGeometries()
    {
        const InputGeometry cifar{3, 32, 32};
        const PredictBody body = parsePredictJson("{\"pixels\": " + pixelList(3 * 32 * 32, 5) + "}", cifar);
        QVERIFY2(body.error.isEmpty(), qPrintable(body.error));
        QCOMPARE(body.requests[0].input.size(), size_t(3072));
        const PredictBody mnist = parsePredictJson("{\"pixels\": " + pixelList(784) + "}", cifar);
        QVERIFY2(mnist.error.contains(QStringLiteral("784 pixels given; the model takes 3×32×32 = 3072")), qPrintable(mnist.error));
    }

    void wrongBodiesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        const QByteArray ok = pixelList();
        QByteArray outside = ok;
        outside.replace("[0, ", "[1.5, ");
        QByteArray negative = ok;
        negative.replace("[0, ", "[-0.25, ");
        QByteArray text = ok;
        text.replace("[0, ", "[\"0\", ");
        QByteArray nul = ok;
        nul.replace("[0, ", "[null, ");
        QTest::newRow("empty") << QByteArray() << "the body is empty";
        QTest::newRow("malformed") << QByteArray("{\"pixels\": [0, 1,") << "not valid JSON";
        QTest::newRow("trailing comma") << QByteArray("{\"pixels\": " + ok.chopped(1) + ",]}") << "not valid JSON";
        QTest::newRow("leading zero") << QByteArray("{\"pixels\": [00.5]}") << "not valid JSON";
        QTest::newRow("nan") << QByteArray("{\"pixels\": [NaN]}") << "not valid JSON";
        QTest::newRow("garbage after") << QByteArray("{\"pixels\": " + ok + "} x") << "not valid JSON";
        QTest::newRow("too few") << QByteArray("{\"pixels\": " + pixelList(783) + "}") << "783 pixels given; the model takes 1×28×28 = 784";
        QTest::newRow("too many") << QByteArray("{\"pixels\": " + pixelList(785) + "}") << "785 pixels given";
        QTest::newRow("none") << QByteArray("{\"pixels\": []}") << "0 pixels given";
        QTest::newRow("outside") << QByteArray("{\"pixels\": " + outside + "}") << "pixel 0 is 1.5; pixels must be in [0, 1]";
        QTest::newRow("negative") << QByteArray("{\"pixels\": " + negative + "}") << "pixel 0 is -0.25";
        QTest::newRow("string") << QByteArray("{\"pixels\": " + text + "}") << "pixel 0 is \"0\", not a number";
        QTest::newRow("null") << QByteArray("{\"pixels\": " + nul + "}") << "pixel 0 is null, not a number";
        QTest::newRow("pixels not a list") << QByteArray("{\"pixels\": 3}") << "\"pixels\" must be a list";
        QTest::newRow("no pixels") << QByteArray("{\"image\": [1]}") << "neither \"pixels\" nor \"images\"";
        QTest::newRow("both") << QByteArray("{\"pixels\": " + ok + ", \"images\": []}") << "either \"pixels\" or \"images\"";
        QTest::newRow("images empty") << QByteArray("{\"images\": []}") << "the list of images is empty";
        QTest::newRow("list empty") << QByteArray("[]") << "the list of images is empty";
        QTest::newRow("image not an object") << QByteArray("[" + ok + "]") << "image 0: expected an object";
        QTest::newRow("second image wrong") << QByteArray("[{\"pixels\": " + ok + "}, {\"pixels\": " + pixelList(10) + "}]")
                                            << "image 1: 10 pixels given";
        QTest::newRow("a number") << QByteArray("42") << "not valid JSON";
    }

    void wrongBodiesAreNamed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const PredictBody parsed = parsePredictJson(body, kMnist);
        QVERIFY2(parsed.error.contains(message), qPrintable(parsed.error));
        QVERIFY(parsed.requests.isEmpty());
    }

    void images()
    {
        const PredictBody png = parsePredictImage(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        QVERIFY(png.error.isEmpty());
        QCOMPARE(png.requests.size(), 1);
        QVERIFY(png.requests[0].input.empty());
        QCOMPARE(png.requests[0].originalPng.size(), 16);
        QVERIFY(parsePredictImage(QByteArray("\xff\xd8\xff\xe0", 4)).error.isEmpty());
        QVERIFY(parsePredictImage(QByteArray()).error.contains(QLatin1String("empty")));
        const PredictBody text = parsePredictImage("{\"pixels\": []}");
        QVERIFY(text.error.contains(QLatin1String("not a PNG or JPEG image")));
        QVERIFY(text.requests.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPredictRequest)
#include "test_predict_request.moc"
