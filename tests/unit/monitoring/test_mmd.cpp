// The MMD drift test on embeddings: values against a hand computation (numpy), the
// permutation p-value against the exact permutation distribution, and its false-alarm rate
// and power over many seeds.
#include "common/Error.h"
#include "evaluation/GaussianNoise.h"
#include "monitoring/Mmd.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace mlwb;

namespace {

// n points of dimension d, each coordinate N(mean, 1).
std::vector<float> gaussianPoints(quint64 seed, qsizetype n, int d, double mean = 0)
{
    GaussianNoise draws(seed);
    std::vector<float> v(static_cast<size_t>(n) * size_t(d));
    for (float &x : v)
        x = float(mean + draws.next());
    return v;
}

} // namespace

class MmdTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreesWithHandComputation();
    void permutationPValueMatchesExactEnumeration();
    void repeatsForASeed();
    void falseAlarmsStayNearAlpha();
    void catchesAShift();
    void witnessPointsAtTheDriftingSamples();
    void subsamplesBothSides();
    void refusesWhatItCannotTest();
};

// Reference y = (2,2) (1,2) (2,1) (3,3), window x = (0,0) (1,0) (0,1). Expected values from
// numpy (/usr/bin/python3): σ = median of the 6 reference distances = √2; the unbiased MMD²
// with k(a,b) = exp(−‖a−b‖²/(2σ²)) is 0.7255174743920221, with σ = 1.5 it is 0.7179282811466808.
void MmdTest::agreesWithHandComputation()
{
    const std::vector<float> y = {2, 2, 1, 2, 2, 1, 3, 3}, x = {0, 0, 1, 0, 0, 1};
    const MmdReference reference(y.data(), 4, 2);
    QCOMPARE(reference.size(), 4);
    QVERIFY(std::abs(reference.bandwidth() - 1.4142135623730951) < 1e-6);
    const MmdResult r = reference.test(x.data(), 3);
    QVERIFY2(std::abs(r.mmd2 - 0.7255174743920221) < 1e-6, qPrintable(QString::number(r.mmd2, 'g', 17)));
    QCOMPARE(r.bandwidth, reference.bandwidth());
    QCOMPARE(r.windowPoints, 3);
    QCOMPARE(r.referencePoints, 4);

    const MmdReference fixed(y.data(), 4, 2, 1000, 1.5);
    QCOMPARE(fixed.bandwidth(), 1.5);
    QVERIFY(std::abs(fixed.test(x.data(), 3).mmd2 - 0.7179282811466808) < 1e-6);
}

// All C(7, 3) = 35 splits of the pooled points, enumerated in numpy: only the observed one
// has an MMD² as large, so the exact permutation p-value is 1/35. Random splits converge to it.
void MmdTest::permutationPValueMatchesExactEnumeration()
{
    const std::vector<float> y = {2, 2, 1, 2, 2, 1, 3, 3}, x = {0, 0, 1, 0, 0, 1};
    const MmdReference reference(y.data(), 4, 2);
    MmdOptions options;
    options.permutations = 20000;
    const MmdResult r = reference.test(x.data(), 3, options);
    QCOMPARE(r.permutations, 20000);
    QVERIFY2(std::abs(r.pValue - 1.0 / 35) < 0.005, qPrintable(QString::number(r.pValue)));
}

void MmdTest::repeatsForASeed()
{
    const std::vector<float> ref = gaussianPoints(1, 300, 8), win = gaussianPoints(2, 100, 8, 0.1);
    const MmdReference a(ref.data(), 300, 8, 200, 0, 5), b(ref.data(), 300, 8, 200, 0, 5);
    QCOMPARE(a.bandwidth(), b.bandwidth());
    const MmdResult ra = a.test(win.data(), 100), rb = b.test(win.data(), 100);
    QCOMPARE(ra.mmd2, rb.mmd2);
    QCOMPARE(ra.pValue, rb.pValue);
    QCOMPARE(ra.witness, rb.witness);
}

// Reference 2,000 (tested on a subsample of 500) and window 200 of one distribution, 16-d:
// at α = 0.05 about 5% of seeds alarm.
void MmdTest::falseAlarmsStayNearAlpha()
{
    int alarms = 0;
    double pSum = 0;
    for (quint64 seed = 1; seed <= 100; ++seed) {
        const std::vector<float> ref = gaussianPoints(seed, 2000, 16), win = gaussianPoints(seed + 1000, 200, 16);
        const MmdReference reference(ref.data(), 2000, 16, 500, 0, seed);
        MmdOptions options;
        options.seed = seed;
        const MmdResult r = reference.test(win.data(), 200, options);
        alarms += r.pValue < 0.05;
        pSum += r.pValue;
    }
    qInfo("MMD false alarms at 0.05 over 100 seeds: %d (mean p %.3f)", alarms, pSum / 100);
    QVERIFY(alarms <= 10);
}

// Every coordinate of the window shifted by 0.15 (a distance of 0.6 between the means, well
// inside the spread of √16 = 4): caught in nearly every seed.
void MmdTest::catchesAShift()
{
    int caught = 0;
    for (quint64 seed = 1; seed <= 100; ++seed) {
        const std::vector<float> ref = gaussianPoints(seed, 2000, 16), win = gaussianPoints(seed + 1000, 200, 16, 0.15);
        const MmdReference reference(ref.data(), 2000, 16, 500, 0, seed);
        MmdOptions options;
        options.seed = seed;
        caught += reference.test(win.data(), 200, options).pValue < 0.05;
    }
    qInfo("MMD caught a 0.15-per-coordinate shift in %d of 100 seeds", caught);
    QVERIFY(caught >= 95);
}

void MmdTest::witnessPointsAtTheDriftingSamples()
{
    const std::vector<float> ref = gaussianPoints(3, 500, 8);
    std::vector<float> win = gaussianPoints(4, 100, 8);
    for (size_t i = 0; i < 30 * 8; ++i) // the first 30 window points far away
        win[i] += 3.0f;
    const MmdReference reference(ref.data(), 500, 8);
    const MmdResult r = reference.test(win.data(), 100);
    QVERIFY(r.pValue < 0.01);
    QCOMPARE(r.witness.size(), size_t(100));
    double lowestShifted = std::numeric_limits<double>::max(), highestOther = -std::numeric_limits<double>::max();
    for (size_t i = 0; i < 30; ++i)
        lowestShifted = std::min(lowestShifted, r.witness[i]);
    for (size_t i = 30; i < 100; ++i)
        highestOther = std::max(highestOther, r.witness[i]);
    QVERIFY2(lowestShifted > highestOther, qPrintable(QStringLiteral("%1 vs %2").arg(lowestShifted).arg(highestOther)));
}

void MmdTest::subsamplesBothSides()
{
    const std::vector<float> ref = gaussianPoints(5, 3000, 4), win = gaussianPoints(6, 1500, 4);
    const MmdReference reference(ref.data(), 3000, 4, 400);
    QCOMPARE(reference.size(), 400);
    MmdOptions options;
    options.windowSubsample = 300;
    options.permutations = 50;
    const MmdResult r = reference.test(win.data(), 1500, options);
    QCOMPARE(r.windowPoints, 300);
    QCOMPARE(r.referencePoints, 400);
    QCOMPARE(r.witness.size(), size_t(1500)); // every window point gets its score
    QVERIFY(r.pValue > 1.0 / 51);
}

void MmdTest::refusesWhatItCannotTest()
{
    const std::vector<float> one = {1, 2}, bad = {1, std::numeric_limits<float>::quiet_NaN(), 0, 0};
    QVERIFY_THROWS_EXCEPTION(UsageError, MmdReference(one.data(), 1, 2));
    QVERIFY_THROWS_EXCEPTION(UsageError, MmdReference(bad.data(), 2, 2));
    const std::vector<float> ref = gaussianPoints(7, 10, 2);
    const MmdReference reference(ref.data(), 10, 2);
    QVERIFY_THROWS_EXCEPTION(UsageError, reference.test(one.data(), 1));
    QVERIFY_THROWS_EXCEPTION(UsageError, reference.test(bad.data(), 2));
    MmdOptions none;
    none.permutations = 0;
    QVERIFY_THROWS_EXCEPTION(UsageError, reference.test(ref.data(), 10, none));
    CancelFlag cancel;
    cancel.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, reference.test(ref.data(), 10, {}, &cancel));
}

QTEST_GUILESS_MAIN(MmdTest)
#include "test_mmd.moc"
