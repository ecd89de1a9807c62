#include "common/Error.h"
#include "evaluation/Corruptions.h"
#include "evaluation/Evaluator.h"
#include "unit/evaluation/BrightnessClassifier.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <numbers>
#include <numeric>
#include <set>

using namespace mlwb;

namespace {

using Image = std::vector<float>;

Image corrupted(Corruption kind, int level, const Image &in, int channels, int height, int width, quint64 seed = 1,
                qint64 position = 0)
{
    Image out(in.size(), -1.0f);
    corruptImage(kind, level, in.data(), out.data(), channels, height, width, seed, position);
    return out;
}

double meanOf(const float *x, qsizetype n)
{
    return std::accumulate(x, x + n, 0.0) / double(n);
}

double stdOf(const float *x, qsizetype n)
{
    const double m = meanOf(x, n);
    double squares = 0;
    for (qsizetype i = 0; i < n; ++i)
        squares += (x[i] - m) * (x[i] - m);
    return std::sqrt(squares / double(n));
}

// Mass-weighted centre (x, y) of a single-channel image.
std::pair<double, double> centroid(const Image &image, int width)
{
    double mass = 0, sx = 0, sy = 0;
    for (size_t p = 0; p < image.size(); ++p) {
        mass += image[p];
        sx += image[p] * double(p % size_t(width));
        sy += image[p] * double(p / size_t(width));
    }
    return {sx / mass, sy / mass};
}

// A structured 3×12×10 image that uses the whole range: gradients, black and white.
Image pattern()
{
    Image image(3 * 12 * 10);
    for (size_t p = 0; p < image.size(); ++p)
        image[p] = p % 7 == 0 ? 0.0f : p % 11 == 0 ? 1.0f : float(p % 13) / 12.0f;
    return image;
}

// A size×size image, zero but for a square of ones at [first, first + side) on both axes.
Image square(int size, int first, int side)
{
    Image image(size_t(size * size), 0.0f);
    for (int y = first; y < first + side; ++y)
        for (int x = first; x < first + side; ++x)
            image[size_t(y * size + x)] = 1.0f;
    return image;
}

constexpr int kClasses = 4;
constexpr int kSide = 8;

// 40 uniform 1×8×8 images, label i % 4, each at the centre of its label's brightness band
// (so the brightness model is right), except with `mistakes` every fifth image sits at the
// next class's band (so it is wrong).
Dataset uniformData(bool mistakes)
{
    Dataset d;
    d.height = d.width = kSide;
    d.classNames = {QStringLiteral("dark"), QStringLiteral("dim"), QStringLiteral("light"), QStringLiteral("bright")};
    for (int i = 0; i < 40; ++i) {
        const int band = mistakes && i % 5 == 0 ? (i % kClasses + 1) % kClasses : i % kClasses;
        const auto value = std::uint8_t(std::lround(255.0 * (band + 0.5) / kClasses));
        d.pixels.insert(d.pixels.end(), size_t(kSide * kSide), value);
        d.labels.push_back(std::uint8_t(i % kClasses));
        d.subsets.push_back(std::uint8_t(Subset::Test));
    }
    return d;
}

std::vector<qint64> someIndices()
{
    std::vector<qint64> indices;
    for (int i = 39; i >= 0; --i)
        if (i % 7 != 3)
            indices.push_back(i);
    return indices;
}

const CorruptionCurve &curveOf(const std::vector<CorruptionCurve> &curves, Corruption kind)
{
    for (const CorruptionCurve &c : curves)
        if (c.kind == kind)
            return c;
    qFatal("no curve");
}

} // namespace

class TestCorruptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void catalogue()
    {
        QCOMPARE(allCorruptions().size(), size_t(5));
        QStringList keys;
        for (const Corruption kind : allCorruptions()) {
            keys << corruptionKey(kind);
            QVERIFY(!corruptionUnit(kind).isEmpty());
            QCOMPARE(corruptionSeverities(kind).size(), size_t(5));
        }
        QCOMPARE(keys, (QStringList{QStringLiteral("noise"), QStringLiteral("blur"), QStringLiteral("shift"),
                                    QStringLiteral("contrast"), QStringLiteral("rotation")}));
        QCOMPARE(corruptionSeverities(Corruption::Contrast), (std::vector<double>{0.8, 0.6, 0.4, 0.3, 0.2}));
        QCOMPARE(corruptionSeverities(Corruption::Rotation), (std::vector<double>{5, 10, 15, 20, 30}));
    }

    void levelZeroCopiesAndLevelsAreChecked()
    {
        const Image image = pattern();
        for (const Corruption kind : allCorruptions()) {
            QCOMPARE(corrupted(kind, 0, image, 3, 12, 10, 7, 3), image);
            QVERIFY_THROWS_EXCEPTION(UsageError, corrupted(kind, -1, image, 3, 12, 10));
            QVERIFY_THROWS_EXCEPTION(UsageError, corrupted(kind, 6, image, 3, 12, 10));
        }
    }

    void everyOutputStaysInTheUnitInterval()
    {
        const Image image = pattern();
        for (const Corruption kind : allCorruptions())
            for (int level = 1; level <= 5; ++level)
                for (qint64 position = 0; position < 8; ++position) {
                    const Image out = corrupted(kind, level, image, 3, 12, 10, 1, position);
                    QVERIFY2(out != image, qPrintable(corruptionKey(kind)));
                    for (const float v : out)
                        QVERIFY2(v >= 0.0f && v <= 1.0f, qPrintable(QStringLiteral("%1 level %2: %3")
                                                                         .arg(corruptionKey(kind)).arg(level).arg(v)));
                }
        // Strong noise on black and white pixels would leave the range without the clamp.
        const Image noisy = corrupted(Corruption::Noise, 5, image, 3, 12, 10);
        QCOMPARE(*std::min_element(noisy.begin(), noisy.end()), 0.0f);
        QCOMPARE(*std::max_element(noisy.begin(), noisy.end()), 1.0f);
    }

    void noiseHasTheSeverityAsStandardDeviation()
    {
        const Image grey(64 * 64, 0.5f);
        const Image mild = corrupted(Corruption::Noise, 1, grey, 1, 64, 64, 3, 11);
        const Image twice = corrupted(Corruption::Noise, 2, grey, 1, 64, 64, 3, 11);
        QVERIFY2(std::abs(stdOf(mild.data(), 4096) - 0.1) < 0.005, qPrintable(QString::number(stdOf(mild.data(), 4096))));
        QVERIFY(std::abs(meanOf(mild.data(), 4096) - 0.5) < 0.01);
        double previous = 0;
        for (int level = 1; level <= 5; ++level) {
            const double s = stdOf(corrupted(Corruption::Noise, level, grey, 1, 64, 64, 3, 11).data(), 4096);
            QVERIFY2(s > previous, qPrintable(QStringLiteral("level %1: %2").arg(level).arg(s)));
            previous = s;
        }
        // The levels scale the same draws: where neither is clamped, level 2 lies twice as far.
        for (size_t p = 0; p < grey.size(); ++p)
            if (twice[p] > 0.0f && twice[p] < 1.0f)
                QVERIFY(std::abs((twice[p] - 0.5) - 2 * (mild[p] - 0.5)) < 1e-5);
    }

    void blurSpreadsABrightPixelPerChannel()
    {
        constexpr int n = 21;
        Image dot(2 * n * n, 0.0f);
        dot[size_t(n * n + 10 * n + 10)] = 1.0f; // channel 1, centre
        double previousPeak = 1;
        for (int level = 1; level <= 5; ++level) {
            const double sigma = corruptionSeverities(Corruption::Blur)[size_t(level - 1)];
            const Image out = corrupted(Corruption::Blur, level, dot, 2, n, n);
            QCOMPARE(*std::max_element(out.begin(), out.begin() + n * n), 0.0f); // channel 0 stays dark
            const Image plane(out.begin() + n * n, out.end());
            const double mass = std::accumulate(plane.begin(), plane.end(), 0.0);
            QVERIFY2(std::abs(mass - 1) < 1e-4, qPrintable(QString::number(mass)));
            const double peak = plane[10 * n + 10];
            QVERIFY(peak < previousPeak);
            previousPeak = peak;
            QVERIFY(plane[10 * n + 11] > 0 && plane[11 * n + 10] > 0 && plane[11 * n + 11] > 0);
            QCOMPARE(plane[10 * n + 9], plane[10 * n + 11]); // symmetric
            double varianceX = 0;
            for (int y = 0; y < n; ++y)
                for (int x = 0; x < n; ++x)
                    varianceX += plane[size_t(y * n + x)] * (x - 10) * (x - 10);
            QVERIFY2(std::abs(varianceX / (sigma * sigma) - 1) < 0.2,
                     qPrintable(QStringLiteral("σ %1: variance %2").arg(sigma).arg(varianceX)));
        }
        // Edges are extended, not darkened: a uniform image stays as it was.
        const Image flat(n * n, 0.6f);
        for (const float v : corrupted(Corruption::Blur, 5, flat, 1, n, n))
            QVERIFY(std::abs(v - 0.6f) < 1e-5);
    }

    void shiftMovesTheSquareBySeverity()
    {
        constexpr int n = 20;
        const Image sq = square(n, 8, 4);
        const auto [cx, cy] = centroid(sq, n);
        std::set<std::pair<int, int>> directions;
        for (qint64 position = 0; position < 64; ++position) {
            std::pair<int, int> unit;
            for (int level = 1; level <= 5; ++level) {
                const Image out = corrupted(Corruption::Shift, level, sq, 1, n, n, 9, position);
                QCOMPARE(std::accumulate(out.begin(), out.end(), 0.0), 16.0); // the square stays inside
                const auto [x, y] = centroid(out, n);
                const int dx = int(std::lround(x - cx)), dy = int(std::lround(y - cy));
                QCOMPARE(x - cx, double(dx));
                QCOMPARE(y - cy, double(dy));
                QCOMPARE(std::max(std::abs(dx), std::abs(dy)), level);
                QVERIFY(dx == 0 || std::abs(dx) == level);
                QVERIFY(dy == 0 || std::abs(dy) == level);
                if (level == 1)
                    unit = {dx, dy};
                else // the same direction at every level
                    QCOMPARE((std::pair<int, int>{dx / level, dy / level}), unit);
            }
            directions.insert(unit);
        }
        QCOMPARE(directions.size(), size_t(8));

        // Zeros come in from the side the image moved away from.
        const Image white(n * n, 1.0f);
        for (qint64 position = 0; position < 16; ++position) {
            const Image out = corrupted(Corruption::Shift, 3, white, 1, n, n, 9, position);
            const Image moved = corrupted(Corruption::Shift, 3, sq, 1, n, n, 9, position);
            const auto [mx, my] = centroid(moved, n);
            const int dx = int(std::lround(mx - cx)), dy = int(std::lround(my - cy));
            const double kept = double(n - std::abs(dx)) * double(n - std::abs(dy));
            QCOMPARE(std::accumulate(out.begin(), out.end(), 0.0), kept);
        }
    }

    void contrastScalesTheSpreadAroundEachChannelsMean()
    {
        const Image image = pattern();
        constexpr qsizetype plane = 12 * 10;
        for (int level = 1; level <= 5; ++level) {
            const double factor = corruptionSeverities(Corruption::Contrast)[size_t(level - 1)];
            const Image out = corrupted(Corruption::Contrast, level, image, 3, 12, 10);
            for (int c = 0; c < 3; ++c) {
                const float *before = image.data() + c * plane, *after = out.data() + c * plane;
                QVERIFY(std::abs(meanOf(after, plane) - meanOf(before, plane)) < 1e-5);
                QVERIFY(std::abs(stdOf(after, plane) - factor * stdOf(before, plane)) < 1e-5);
            }
        }
    }

    void rotationTurnsABarAboutTheCentre()
    {
        constexpr int n = 21;
        Image bar(n * n, 0.0f);
        for (int x = 3; x <= 17; ++x)
            bar[size_t(10 * n + x)] = 1.0f;
        std::set<bool> turns;
        for (qint64 position = 0; position < 16; ++position) {
            double previous = 0;
            for (int level = 1; level <= 5; ++level) {
                const double degrees = corruptionSeverities(Corruption::Rotation)[size_t(level - 1)];
                const Image out = corrupted(Corruption::Rotation, level, bar, 1, n, n, 4, position);
                QVERIFY(out != bar);
                const auto [x, y] = centroid(out, n);
                QVERIFY2(std::abs(x - 10) < 0.25 && std::abs(y - 10) < 0.25,
                         qPrintable(QStringLiteral("centroid %1, %2").arg(x).arg(y)));
                // The bar's orientation from its second moments.
                double xx = 0, yy = 0, xy = 0;
                for (int py = 0; py < n; ++py)
                    for (int px = 0; px < n; ++px) {
                        const double w = out[size_t(py * n + px)];
                        xx += w * (px - x) * (px - x);
                        yy += w * (py - y) * (py - y);
                        xy += w * (px - x) * (py - y);
                    }
                const double angle = 0.5 * std::atan2(2 * xy, xx - yy) * 180 / std::numbers::pi;
                QVERIFY2(std::abs(std::abs(angle) - degrees) < 1.5,
                         qPrintable(QStringLiteral("%1° became %2°").arg(degrees).arg(angle)));
                if (level > 1) // the same turn at every level
                    QCOMPARE(angle > 0, previous > 0);
                previous = angle;
            }
            turns.insert(previous > 0);
        }
        QCOMPARE(turns.size(), size_t(2)); // both ways occur
    }

    void drawsComeFromSeedAndPosition()
    {
        const Image image = pattern();
        for (const Corruption kind : allCorruptions())
            for (int level = 1; level <= 5; ++level)
                QCOMPARE(corrupted(kind, level, image, 3, 12, 10, 5, 17), corrupted(kind, level, image, 3, 12, 10, 5, 17));
        const Image noisy = corrupted(Corruption::Noise, 2, image, 3, 12, 10, 5, 17);
        QVERIFY(corrupted(Corruption::Noise, 2, image, 3, 12, 10, 5, 18) != noisy);
        QVERIFY(corrupted(Corruption::Noise, 2, image, 3, 12, 10, 6, 17) != noisy);
    }

    void curvesStartAtEvaluateAndFollowTheImages()
    {
        const Dataset data = uniformData(true);
        const std::vector<qint64> indices = someIndices();
        BrightnessClassifier model(kClasses, data.imageBytes()), batched(kClasses, data.imageBytes()),
            reference(kClasses, data.imageBytes());
        std::vector<std::pair<qint64, qint64>> reports;
        const auto curves = corruptionCurves(model, data, indices, 3, 500,
                                             [&](qint64 done, qint64 total) { reports.emplace_back(done, total); });
        const auto again = corruptionCurves(batched, data, indices, 3, 7);
        const EvaluationResult clean = evaluate(reference, data, indices);
        QVERIFY(clean.report.accuracy < 1.0);

        QCOMPARE(curves.size(), allCorruptions().size());
        for (size_t c = 0; c < curves.size(); ++c) {
            QCOMPARE(curves[c].kind, allCorruptions()[c]);
            QCOMPARE(curves[c].severities.size(), size_t(6));
            QCOMPARE(curves[c].accuracy.size(), size_t(6));
            QCOMPARE(curves[c].severities[0], 0.0);
            QCOMPARE(std::vector<double>(curves[c].severities.begin() + 1, curves[c].severities.end()),
                     corruptionSeverities(curves[c].kind));
            QCOMPARE(curves[c].accuracy[0], clean.report.accuracy);
            QCOMPARE(again[c].accuracy, curves[c].accuracy); // the batch size changes nothing
        }
        QCOMPARE(batched.seen, model.seen);

        // A uniform image keeps its mean under contrast and blur: the brightness model does not care.
        for (const double a : curveOf(curves, Corruption::Contrast).accuracy)
            QCOMPARE(a, clean.report.accuracy);
        for (const double a : curveOf(curves, Corruption::Blur).accuracy)
            QCOMPARE(a, clean.report.accuracy);

        // The model saw one clean pass, then corruptImage's images in kind and level order,
        // image j of the indices corrupted with sample position j.
        const qsizetype pixels = data.imageBytes();
        const size_t n = indices.size();
        QCOMPARE(model.seen.size(), size_t(26) * n * size_t(pixels));
        QCOMPARE(model.calls, 26);
        const size_t pass = 1 + 4 * 5 + (2 - 1); // rotation (the fifth kind), level 2
        for (const size_t j : {size_t(0), size_t(5), n - 1}) {
            Image image(static_cast<size_t>(pixels));
            for (qsizetype p = 0; p < pixels; ++p)
                image[size_t(p)] = float(data.image(indices[j])[p]) / 255.0f;
            const Image expected = corrupted(Corruption::Rotation, 2, image, 1, kSide, kSide, 3, qint64(j));
            const auto first = model.seen.begin() + qsizetype((pass * n + j) * size_t(pixels));
            QCOMPARE(Image(first, first + pixels), expected);
        }

        // Progress counts images over every pass.
        const qint64 total = 26 * qint64(n);
        QCOMPARE(reports.size(), size_t(26));
        QCOMPARE(reports.back(), (std::pair<qint64, qint64>{total, total}));
        for (size_t r = 1; r < reports.size(); ++r) {
            QVERIFY(reports[r].first > reports[r - 1].first);
            QCOMPARE(reports[r].second, total);
        }
    }

    void shiftingDarkensUniformImagesSoAccuracyNeverRises()
    {
        // Zeros come in, so a shifted image's mean only falls with the severity (its direction
        // is the same at every level): once the model answers a darker class it stays wrong.
        const Dataset data = uniformData(false);
        std::vector<qint64> indices(40);
        std::iota(indices.begin(), indices.end(), 0);
        BrightnessClassifier model(kClasses, data.imageBytes());
        const auto curves = corruptionCurves(model, data, indices, 1, 16);
        const std::vector<double> &shift = curveOf(curves, Corruption::Shift).accuracy;
        QCOMPARE(shift[0], 1.0);
        for (size_t s = 1; s < shift.size(); ++s)
            QVERIFY2(shift[s] <= shift[s - 1], qPrintable(QStringLiteral("level %1: %2 after %3")
                                                                .arg(s).arg(shift[s]).arg(shift[s - 1])));
        QVERIFY(shift.back() < 0.5);
    }

    void emptyIndicesGiveZeroAccuracy()
    {
        const Dataset data = uniformData(false);
        BrightnessClassifier model(kClasses, data.imageBytes());
        const auto curves = corruptionCurves(model, data, {});
        QCOMPARE(model.calls, 0);
        QCOMPARE(curves.size(), size_t(5));
        QCOMPARE(curves[0].accuracy, std::vector<double>(6, 0.0));
    }

    void badInputAndCancel()
    {
        Dataset data = uniformData(false);
        BrightnessClassifier model(kClasses, data.imageBytes()), three(3, data.imageBytes());
        QVERIFY_THROWS_EXCEPTION(UsageError, corruptionCurves(model, data, {0}, 1, 0));
        QVERIFY_THROWS_EXCEPTION(Error, corruptionCurves(three, data, {0}));
        QVERIFY_THROWS_EXCEPTION(Error, corruptionCurves(model, data, {0, 40}));
        QVERIFY_THROWS_EXCEPTION(Error, corruptionCurves(model, data, {-1}));
        data.labels[2] = 7;
        data.classNames.clear();
        QVERIFY_THROWS_EXCEPTION(Error, corruptionCurves(model, data, {2}));
        QCOMPARE(model.calls, 0);
        QCOMPARE(three.calls, 0);

        data = uniformData(false);
        const std::vector<qint64> indices{0, 1, 2, 3, 4};
        CancelFlag cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, corruptionCurves(model, data, indices, 1, 500, {}, &cancel));
        QCOMPARE(model.calls, 0);

        // Raised after the clean pass: the first corrupted pass stops.
        cancel.reset();
        QVERIFY_THROWS_EXCEPTION(Cancelled, corruptionCurves(model, data, indices, 1, 500,
                                                             [&](qint64, qint64) { cancel.cancel(); }, &cancel));
        QCOMPARE(model.calls, 1);
    }

    void jsonRoundTrip()
    {
        const Dataset data = uniformData(true);
        BrightnessClassifier model(kClasses, data.imageBytes());
        const auto curves = corruptionCurves(model, data, someIndices(), 2, 500);
        const QJsonArray json = corruptionCurvesToJson(curves);
        QCOMPARE(json.size(), 5);
        const QJsonObject rotation = json[4].toObject();
        QCOMPARE(rotation.value(QStringLiteral("corruption")).toString(), QStringLiteral("rotation"));
        QCOMPARE(rotation.value(QStringLiteral("unit")).toString(), corruptionUnit(Corruption::Rotation));
        QCOMPARE(rotation.value(QStringLiteral("severities")).toArray().size(), 6);

        // Through text, as a stored evaluation would be read back.
        const QJsonArray reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).array();
        const auto back = corruptionCurvesFromJson(reread, QStringLiteral("eval.json"));
        QCOMPARE(back.size(), curves.size());
        for (size_t c = 0; c < curves.size(); ++c) {
            QCOMPARE(back[c].kind, curves[c].kind);
            QCOMPARE(back[c].severities, curves[c].severities);
            QCOMPARE(back[c].accuracy, curves[c].accuracy);
        }
        QVERIFY(corruptionCurvesFromJson(QJsonArray{}, QStringLiteral("eval.json")).empty());
    }

    void malformedJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not an object") << QByteArray("[3]") << "not an object";
        QTest::newRow("unknown corruption")
            << QByteArray(R"([{"corruption": "fog", "severities": [0], "accuracy": [1]}])") << "fog";
        QTest::newRow("no corruption") << QByteArray(R"([{"severities": [0], "accuracy": [1]}])") << "unknown";
        QTest::newRow("no severities") << QByteArray(R"([{"corruption": "blur", "accuracy": [1]}])") << "severities";
        QTest::newRow("lengths differ")
            << QByteArray(R"([{"corruption": "blur", "severities": [0, 1], "accuracy": [1]}])") << "2 severities";
        QTest::newRow("not a number")
            << QByteArray(R"([{"corruption": "shift", "severities": [0, "1"], "accuracy": [1, 0.5]}])") << "not a number";
        QTest::newRow("accuracy out of range")
            << QByteArray(R"([{"corruption": "noise", "severities": [0], "accuracy": [1.5]}])") << "outside";
    }
    void malformedJson()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, mentions);
        const QJsonArray json = QJsonDocument::fromJson(text).array();
        QVERIFY(!json.isEmpty());
        try {
            corruptionCurvesFromJson(json, QStringLiteral("runs/7/eval.json"));
            QFAIL("no exception");
        } catch (const Error &e) {
            QVERIFY2(e.message().startsWith(QStringLiteral("runs/7/eval.json: ")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCorruptions)
#include "test_corruptions.moc"
