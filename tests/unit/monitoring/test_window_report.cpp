// A window of production samples against a reference, on synthetic worlds whose drift we
// set: no alert when nothing changed (in most seeds, not just one), an alert on the statistic
// that should see a change, and the cost of a 1,000-sample window against 10,000.
#include "common/Error.h"
#include "evaluation/GaussianNoise.h"
#include "evaluation/Probabilities.h"
#include "monitoring/WindowReport.h"
#include "production/ProductionSample.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QtTest>
#include <cmath>

using namespace mlwb;
using namespace Qt::StringLiterals;

namespace {

constexpr int kClasses = 10;

// What may change between the reference and a window.
struct World {
    double embeddingShift = 0;   // added to every embedding coordinate
    double brightnessShift = 0;  // added to the brightness
    double classZeroShare = 0.1; // share of class 0 (the others share the rest)
    double temperature = 1;      // of the softmax: > 1 makes the model less sure
};

// Samples of a model whose classes sit at fixed places in embedding space, with logits that
// favour the true class and image properties like MNIST's.
Observations draw(quint64 seed, qsizetype n, int dimension, const World &world = {})
{
    GaussianNoise means(99), draws(seed);
    std::vector<float> centre(size_t(kClasses) * size_t(dimension));
    for (float &c : centre)
        c = float(means.next());
    std::mt19937_64 pick(seed ^ 0x5555);
    Observations o;
    o.numClasses = kClasses;
    o.embeddingSize = dimension;
    for (qsizetype i = 0; i < n; ++i) {
        const double u = double(pick() >> 11) / double(1ull << 53);
        const int y = u < world.classZeroShare ? 0 : 1 + int((u - world.classZeroShare) / (1 - world.classZeroShare) * (kClasses - 1)) % (kClasses - 1);
        std::vector<double> logits(kClasses);
        for (int c = 0; c < kClasses; ++c)
            logits[size_t(c)] = (c == y ? 4.0 : 0.0) + 1.5 * draws.next();
        double sum = 0;
        for (double &l : logits)
            sum += (l = std::exp(l / world.temperature));
        std::vector<float> p(kClasses);
        for (int c = 0; c < kClasses; ++c)
            p[size_t(c)] = float(logits[size_t(c)] / sum);
        o.probabilities.insert(o.probabilities.end(), p.begin(), p.end());
        o.predicted.push_back(argmax(p.data(), kClasses));
        o.truth.push_back(y);
        for (int k = 0; k < dimension; ++k)
            o.embeddings.push_back(float(centre[size_t(y * dimension + k)] + draws.next() + world.embeddingShift));
        ImageProperties ip;
        ip.brightness = 0.13 + 0.03 * draws.next() + world.brightnessShift;
        ip.contrast = 0.30 + 0.04 * draws.next();
        ip.inkArea = 0.19 + 0.05 * draws.next();
        ip.sharpness = 0.10 + 0.02 * draws.next();
        o.properties.push_back(ip);
        o.ids.push_back(i + 1);
        o.times.push_back(QDateTime(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC).addMSecs(i));
    }
    return o;
}

DriftOptions smallOptions(quint64 seed)
{
    DriftOptions options;
    options.referenceSubsample = 300;
    options.seed = seed;
    return options;
}

// How many of 100 seeds alarm on `statistic` (or on anything, without one) for a window of
// 200 in `world` against a reference of 2,000 from the unchanged world.
int alarms(const World &world, std::optional<DriftStatistic> statistic, std::vector<int> *perStatistic = nullptr)
{
    int count = 0;
    for (quint64 seed = 1; seed <= 100; ++seed) {
        const DriftOptions options = smallOptions(seed);
        const ReferenceProfile reference(draw(seed, 2000, 8), options);
        const WindowReport r = compareWindow(reference, draw(seed + 5000, 200, 8, world), options);
        if (!r.tested)
            qFatal("window not tested");
        count += statistic ? r.result(*statistic).alert : r.hasAlert();
        if (perStatistic) {
            perStatistic->resize(r.statistics.size());
            for (size_t k = 0; k < r.statistics.size(); ++k)
                (*perStatistic)[k] += r.statistics[k].alert;
        }
    }
    return count;
}

} // namespace

class WindowReportTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void falseAlarmsStayBelowAlpha();
    void catchesEachKindOfDrift_data();
    void catchesEachKindOfDrift();
    void thresholdIsBonferroniOverTheStatisticsTested();
    void smallWindowIsReportedNotTested();
    void driftOrderPutsTheShiftedSamplesFirst();
    void estimatedAccuracyOfAnUnchangedWindow();
    void json();
    void refusesAnotherModelsWindow();
    void costOfAWindow();
};

// Eight statistics per window, each at α/8: the chance that an unchanged window raises any
// alert is at most α = 0.05.
void WindowReportTest::falseAlarmsStayBelowAlpha()
{
    std::vector<int> perStatistic;
    const int any = alarms(World{}, std::nullopt, &perStatistic);
    QString detail;
    for (size_t k = 0; k < perStatistic.size(); ++k)
        detail += QStringLiteral(" %1 %2").arg(driftStatisticKey(allDriftStatistics()[k])).arg(perStatistic[k]);
    qInfo("windows with any alert, unchanged world, 100 seeds: %d;%s", any, qPrintable(detail));
    QVERIFY(any <= 10);
}

void WindowReportTest::catchesEachKindOfDrift_data()
{
    QTest::addColumn<int>("statistic");
    QTest::addColumn<double>("embeddingShift");
    QTest::addColumn<double>("brightnessShift");
    QTest::addColumn<double>("classZeroShare");
    QTest::addColumn<double>("temperature");
    QTest::newRow("embeddings") << int(DriftStatistic::EmbeddingMmd) << 0.5 << 0.0 << 0.1 << 1.0;
    QTest::newRow("brightness") << int(DriftStatistic::Brightness) << 0.0 << 0.015 << 0.1 << 1.0;
    QTest::newRow("classes") << int(DriftStatistic::PredictedClasses) << 0.0 << 0.0 << 0.3 << 1.0;
    QTest::newRow("confidence") << int(DriftStatistic::Confidence) << 0.0 << 0.0 << 0.1 << 1.6;
    QTest::newRow("softmax") << int(DriftStatistic::SoftmaxKs) << 0.0 << 0.0 << 0.1 << 1.6;
}

void WindowReportTest::catchesEachKindOfDrift()
{
    QFETCH(int, statistic);
    QFETCH(double, embeddingShift);
    QFETCH(double, brightnessShift);
    QFETCH(double, classZeroShare);
    QFETCH(double, temperature);
    const World world{embeddingShift, brightnessShift, classZeroShare, temperature};
    const int caught = alarms(world, DriftStatistic(statistic));
    qInfo("%s: caught in %d of 100 seeds", qPrintable(driftStatisticKey(DriftStatistic(statistic))), caught);
    QVERIFY(caught >= 95);
}

void WindowReportTest::thresholdIsBonferroniOverTheStatisticsTested()
{
    const DriftOptions options = smallOptions(1);
    const ReferenceProfile reference(draw(1, 1000, 8), options);
    Observations window = draw(2, 100, 8);
    WindowReport r = compareWindow(reference, window, options);
    QCOMPARE(r.threshold, 0.05 / 8);
    QCOMPARE(r.mmd.permutations, 200); // ⌈8 / 0.05⌉ = 160 is fewer

    window.embeddings.clear(); // an imported model's samples: no embeddings
    window.embeddingSize = 0;
    r = compareWindow(reference, window, options);
    QVERIFY(!r.result(DriftStatistic::EmbeddingMmd).tested);
    QCOMPARE(r.threshold, 0.05 / 7);
    QVERIFY(r.driftScores(DriftStatistic::EmbeddingMmd).empty());
    QCOMPARE(r.driftScores(DriftStatistic::Brightness).size(), size_t(100));
    window.properties.clear(); // ... nor images
    r = compareWindow(reference, window, options);
    QCOMPARE(r.threshold, 0.05 / 3);
    for (DriftStatistic s : {DriftStatistic::Brightness, DriftStatistic::Contrast, DriftStatistic::InkArea, DriftStatistic::Sharpness})
        QVERIFY(!r.result(s).tested);
    QVERIFY(r.driftScores(DriftStatistic::Sharpness).empty());

    DriftOptions strict = options;
    strict.alpha = 0.01; // 8 statistics at 0.00125: the permutation test needs 800 splits to get there
    r = compareWindow(reference, draw(2, 100, 8), strict);
    QCOMPARE(r.mmd.permutations, 800);
    QCOMPARE(r.threshold, 0.01 / 8);
}

void WindowReportTest::smallWindowIsReportedNotTested()
{
    const ReferenceProfile reference(draw(1, 500, 4));
    const WindowReport r = compareWindow(reference, draw(3, 29, 4, World{3, 0.5, 0.1, 1}));
    QVERIFY(!r.tested);
    QVERIFY(!r.hasAlert());
    QCOMPARE(r.samples, 29);
    QCOMPARE(r.firstSampleId, 1);
    QCOMPARE(r.lastSampleId, 29);
    QCOMPARE(r.to, r.from.addMSecs(29)); // the last of 29 samples 1 ms apart, + 1 ms
    qint64 counted = 0;
    for (qint64 c : r.classCounts)
        counted += c;
    QCOMPARE(counted, 29);
    QVERIFY(r.estimatedAccuracy.has_value());
    QCOMPARE(r.labeled.labeled, 29);
}

void WindowReportTest::driftOrderPutsTheShiftedSamplesFirst()
{
    const ReferenceProfile reference(draw(1, 1000, 8));
    Observations window = draw(4, 200, 8);
    for (size_t i = 0; i < 40; ++i) // samples 1–40 moved far off in embedding space
        for (int k = 0; k < 8; ++k)
            window.embeddings[i * 8 + size_t(k)] += 4.0f;
    for (size_t i = 60; i < 100; ++i) // samples 61–100 much brighter
        window.properties[i].brightness += 0.2;
    const WindowReport r = compareWindow(reference, window);
    QVERIFY(r.result(DriftStatistic::EmbeddingMmd).alert);
    QVERIFY(r.result(DriftStatistic::Brightness).alert);
    const auto countIn = [](const std::vector<qint64> &order, size_t top, qint64 first, qint64 last) {
        int n = 0;
        for (size_t i = 0; i < top; ++i)
            n += order[i] >= first && order[i] <= last;
        return n;
    };
    std::vector<qint64> order = r.idsByDrift(DriftStatistic::EmbeddingMmd);
    QCOMPARE(order.size(), size_t(200));
    QVERIFY2(countIn(order, 40, 1, 40) >= 38, qPrintable(QString::number(countIn(order, 40, 1, 40))));
    order = r.idsByDrift(DriftStatistic::Brightness);
    QCOMPARE(countIn(order, 40, 61, 100), 40);
    // Without a statistic: the one furthest past its threshold.
    const std::optional<DriftStatistic> strongest = r.strongestDrift();
    QVERIFY(strongest);
    QCOMPARE(r.idsByDrift(), r.idsByDrift(*strongest));

    // A less sure model: the least confident samples drift most.
    const WindowReport unsure = compareWindow(reference, draw(5, 200, 8, World{0, 0, 0.1, 2.0}));
    QVERIFY(unsure.result(DriftStatistic::Confidence).alert);
    const std::vector<double> scores = unsure.driftScores(DriftStatistic::Confidence);
    const size_t top = size_t(std::max_element(scores.begin(), scores.end()) - scores.begin());
    for (size_t i = 0; i < scores.size(); ++i)
        QVERIFY(unsure.sampleValues[i][WindowReport::ConfidenceValue] >= unsure.sampleValues[top][WindowReport::ConfidenceValue]);

    // More of class 0 than the reference has: its samples first.
    const WindowReport skewed = compareWindow(reference, draw(6, 200, 8, World{0, 0, 0.5, 1.0}));
    QVERIFY(skewed.result(DriftStatistic::PredictedClasses).alert);
    const std::vector<qint64> byClass = skewed.idsByDrift(DriftStatistic::PredictedClasses);
    for (size_t i = 0; i < 50; ++i) {
        const size_t at = size_t(std::find(skewed.sampleIds.begin(), skewed.sampleIds.end(), byClass[i]) - skewed.sampleIds.begin());
        QCOMPARE(skewed.samplePredicted[at], 0);
    }
}

// ATC on a window of the reference's own distribution: the estimate is near the truth. Both
// are counts over 1,000 samples (the real accuracy's own standard error is about 0.014), so
// the mean error is checked tightly and the worst of 20 seeds loosely.
void WindowReportTest::estimatedAccuracyOfAnUnchangedWindow()
{
    double worst = 0, sum = 0;
    for (quint64 seed = 1; seed <= 20; ++seed) {
        const ReferenceProfile reference(draw(seed, 2000, 4), smallOptions(seed));
        const Observations window = draw(seed + 100, 1000, 4);
        const WindowReport r = compareWindow(reference, window, smallOptions(seed));
        QVERIFY(r.estimatedAccuracy && r.referenceAccuracy && r.labeled.accuracy());
        const double error = std::abs(*r.estimatedAccuracy - *r.labeled.accuracy());
        worst = std::max(worst, error);
        sum += error;
    }
    qInfo("ATC on unchanged windows of 1,000: mean error %.3f, largest %.3f over 20 seeds", sum / 20, worst);
    QVERIFY(sum / 20 < 0.025);
    QVERIFY(worst < 0.07);
}

void WindowReportTest::json()
{
    const ReferenceProfile reference(draw(1, 500, 4));
    const WindowReport r = compareWindow(reference, draw(2, 100, 4, World{0, 0.2, 0.1, 1}));
    const QJsonObject json = r.toJson({QStringLiteral("zero")});
    QCOMPARE(json[u"window"_s][u"samples"_s].toInt(), 100);
    QCOMPARE(json[u"window"_s][u"firstSample"_s].toInt(), 1);
    QCOMPARE(json[u"window"_s][u"from"_s].toString(), QStringLiteral("2026-05-01T12:00:00.000Z"));
    QVERIFY(json[u"alert"_s].toBool());
    const QJsonArray stats = json[u"statistics"_s].toArray();
    QCOMPARE(stats.size(), 8);
    QCOMPARE(stats[2][u"statistic"_s].toString(), QStringLiteral("brightness-ks"));
    QVERIFY(stats[2][u"alert"_s].toBool());
    QVERIFY(stats[2][u"pValue"_s].toDouble() < stats[2][u"threshold"_s].toDouble());
    QCOMPARE(json[u"softmax"_s].toArray().size(), kClasses);
    QCOMPARE(json[u"softmax"_s].toArray()[0][u"class"_s].toString(), QStringLiteral("zero"));
    QCOMPARE(json[u"softmax"_s].toArray()[1][u"class"_s].toString(), QStringLiteral("1"));
    QCOMPARE(json[u"classes"_s][u"window"_s].toArray().size(), kClasses);
    QCOMPARE(json[u"confidence"_s][u"window"_s].toArray().size(), 20);
    QVERIFY(json[u"properties"_s][u"brightness"_s][u"window"_s].toDouble() > 0.3);
    QCOMPARE(json[u"accuracy"_s][u"labeled"_s].toInt(), 100);
    QVERIFY(json[u"mmd"_s][u"bandwidth"_s].toDouble() > 0);
    QCOMPARE(json[u"strongestDrift"_s].toString(), u"brightness-ks"_s);
    for (DriftStatistic s : allDriftStatistics())
        QCOMPARE(driftStatisticFromKey(driftStatisticKey(s)), s);
}

void WindowReportTest::refusesAnotherModelsWindow()
{
    const ReferenceProfile reference(draw(1, 100, 4));
    Observations other = draw(2, 50, 4);
    other.numClasses = 5;
    QVERIFY_THROWS_EXCEPTION(UsageError, compareWindow(reference, other));
    QVERIFY_THROWS_EXCEPTION(UsageError, ReferenceProfile(Observations{}));
}

// The figure: a window of 1,000 samples (28×28 inputs, 10 classes, 128-d embeddings)
// against a 10,000-sample reference. The reference side is worked out once; per window the
// image properties are measured and every statistic computed. Printed, not asserted.
void WindowReportTest::costOfAWindow()
{
    const Observations referenceData = draw(1, 10000, 128);
    QElapsedTimer timer;
    timer.start();
    const ReferenceProfile reference(referenceData);
    const double referenceMs = double(timer.nsecsElapsed()) / 1e6;

    const Observations drawn = draw(2, 1000, 128);
    QList<ProductionSample> samples;
    std::mt19937 rng(5);
    for (qsizetype i = 0; i < drawn.size(); ++i) {
        ProductionSample s;
        s.id = i + 1;
        s.input.resize(28 * 28);
        for (auto &v : s.input)
            v = rng() % 5 == 0 ? std::uint8_t(200 + rng() % 56) : std::uint8_t(0);
        s.probabilities.assign(drawn.probabilities.begin() + i * kClasses, drawn.probabilities.begin() + (i + 1) * kClasses);
        s.predicted = drawn.predicted[size_t(i)];
        s.embedding.assign(drawn.embeddings.begin() + i * 128, drawn.embeddings.begin() + (i + 1) * 128);
        s.created = drawn.times[size_t(i)];
        samples << s;
    }
    timer.restart();
    const Observations window = observationsOf(samples);
    const WindowReport r = compareWindow(reference, window);
    const double windowMs = double(timer.nsecsElapsed()) / 1e6;
    QVERIFY(r.tested);
    qInfo("cost: reference of 10,000 prepared once in %.0f ms; a window of 1,000 in %.0f ms "
          "(MMD %lld vs %lld points, %d permutations)",
          referenceMs, windowMs, qlonglong(r.mmd.windowPoints), qlonglong(r.mmd.referencePoints), r.mmd.permutations);
}

QTEST_GUILESS_MAIN(WindowReportTest)
#include "test_window_report.moc"
