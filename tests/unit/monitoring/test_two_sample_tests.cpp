// The two-sample tests behind the Monitor page's drift statistics: values against scipy, and
// the false-alarm rate and power over many seeds (one draw tells nothing about a test).
#include "common/Error.h"
#include "evaluation/GaussianNoise.h"
#include "monitoring/TwoSampleTests.h"

#include <QtTest>
#include <cmath>

using namespace mlwb;

namespace {

std::vector<double> normals(quint64 seed, int n, double mean = 0, double scale = 1)
{
    GaussianNoise draws(seed);
    std::vector<double> v(static_cast<size_t>(n));
    for (double &x : v)
        x = mean + scale * draws.next();
    return v;
}

} // namespace

class TwoSampleTestsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ksExactAgreesWithScipy();
    void ksAsymptoticUsesStephensCorrection();
    void kolmogorovDistribution();
    void ksFalseAlarmsStayNearAlpha();
    void ksCatchesAShift();
    void chiSquaredAgreesWithScipy();
    void chiSquaredSurvival();
    void jensenShannonAgreesWithScipy();
    void bonferroni();
};

// Expected values: /usr/bin/python3 with scipy 1.10.1, scipy.stats.ks_2samp(a, b, method="exact").
void TwoSampleTestsTest::ksExactAgreesWithScipy()
{
    KsResult r = ksTwoSample({0.1, 0.4, 0.7, 0.2, 0.9}, {0.3, 0.5, 0.6, 0.8, 1.1, 0.05, 0.35});
    QVERIFY(r.exact);
    QCOMPARE(r.statistic, 0.2571428571428571);
    QVERIFY(std::abs(r.pValue - 0.9595959595959594) < 1e-12);

    // Ties: the statistic steps over equal values at once; the p-value is the no-ties one, as scipy's.
    r = ksTwoSample({1, 2, 2, 3}, {2, 2, 4, 5, 6});
    QCOMPARE(r.statistic, 0.6);
    QVERIFY(std::abs(r.pValue - 0.2857142857142857) < 1e-12);

    // Disjoint samples: 2 / C(25, 10) of the orderings are as extreme.
    std::vector<double> a, b;
    for (int i = 0; i < 10; ++i)
        a.push_back(i);
    for (int i = 10; i < 25; ++i)
        b.push_back(i + 0.5);
    r = ksTwoSample(a, b);
    QCOMPARE(r.statistic, 1.0);
    QVERIFY(std::abs(r.pValue - 6.118528126873799e-07) < 1e-15);

    r = ksTwoSample({}, {1, 2});
    QCOMPARE(r.statistic, 0.0);
    QCOMPARE(r.pValue, 1.0);
}

// Expected: scipy's D (ks_2samp(method="asymp")), and p = scipy.special.kolmogorov(
// (√nₑ + 0.12 + 0.11/√nₑ)·D) computed there (scipy's own "asymp" p, 0.3305, uses kstwo instead).
void TwoSampleTestsTest::ksAsymptoticUsesStephensCorrection()
{
    std::vector<double> a, b;
    for (int i = 0; i < 120; ++i)
        a.push_back(double(i * 37 % 101) / 101.0);
    for (int j = 0; j < 150; ++j)
        b.push_back(std::pow(double(j * 53 % 103) / 103.0, 1.3));
    const KsResult r = ksTwoSample(a, b);
    QVERIFY(!r.exact);
    QVERIFY(std::abs(r.statistic - 0.11333333333333334) < 1e-12);
    QVERIFY(std::abs(r.pValue - 0.3393028835436429) < 1e-9);
}

// Expected: scipy.special.kolmogorov(λ).
void TwoSampleTestsTest::kolmogorovDistribution()
{
    const std::vector<std::pair<double, double>> cases = {
        {0.3, 0.9999906941986655}, {0.5, 0.9639452436648751}, {0.8, 0.5441424115741981},
        {1.0, 0.26999967167735456}, {1.36, 0.049485876755377876}, {2.0, 0.0006709252557796953}};
    for (const auto &[lambda, expected] : cases)
        QVERIFY2(std::abs(kolmogorovSurvival(lambda) - expected) < 1e-12 * std::max(1.0, 1 / expected),
                 qPrintable(QStringLiteral("Q(%1) = %2, expected %3").arg(lambda).arg(kolmogorovSurvival(lambda), 0, 'g', 17).arg(expected)));
    QCOMPARE(kolmogorovSurvival(0), 1.0);
    QVERIFY(kolmogorovSurvival(10) < 1e-80);
}

// Two samples of one distribution: at α = 0.05 about 5% of seeds alarm, never far more.
void TwoSampleTestsTest::ksFalseAlarmsStayNearAlpha()
{
    int asymptotic = 0, exact = 0;
    for (quint64 seed = 1; seed <= 100; ++seed) {
        asymptotic += ksTwoSample(normals(seed, 200), normals(seed + 1000, 2000)).pValue < 0.05;
        const KsResult small = ksTwoSample(normals(seed + 2000, 20), normals(seed + 3000, 30));
        QVERIFY(small.exact);
        exact += small.pValue < 0.05;
    }
    qInfo("KS false alarms at 0.05 over 100 seeds: %d (200 vs 2000, asymptotic), %d (20 vs 30, exact)", asymptotic, exact);
    QVERIFY(asymptotic <= 10);
    QVERIFY(exact <= 10);
}

void TwoSampleTestsTest::ksCatchesAShift()
{
    int caught = 0, caughtScale = 0;
    for (quint64 seed = 1; seed <= 100; ++seed) {
        caught += ksTwoSample(normals(seed, 200, 0.4), normals(seed + 1000, 2000)).pValue < 0.05;
        caughtScale += ksTwoSample(normals(seed, 200, 0, 1.6), normals(seed + 1000, 2000)).pValue < 0.05;
    }
    qInfo("KS caught a 0.4σ shift in %d, a 1.6× spread in %d of 100 seeds", caught, caughtScale);
    QVERIFY(caught >= 95);
    QVERIFY(caughtScale >= 95);
}

// Expected: scipy.stats.chi2_contingency([a, b], correction=False).
void TwoSampleTestsTest::chiSquaredAgreesWithScipy()
{
    ChiSquaredResult r = chiSquaredHomogeneity({30, 10, 25, 35}, {300, 150, 200, 350});
    QVERIFY(std::abs(r.statistic - 2.6736111111111103) < 1e-12);
    QCOMPARE(r.degreesOfFreedom, 3);
    QVERIFY(std::abs(r.pValue - 0.44473045297792946) < 1e-12);

    // A class neither side has is left out (scipy would divide by zero there).
    r = chiSquaredHomogeneity({5, 0, 7}, {10, 0, 20});
    QVERIFY(std::abs(r.statistic - 0.2592592592592593) < 1e-12);
    QCOMPARE(r.degreesOfFreedom, 1);
    QVERIFY(std::abs(r.pValue - 0.6106295108191169) < 1e-12);

    r = chiSquaredHomogeneity({0, 0}, {3, 4});
    QCOMPARE(r.pValue, 1.0);
    QVERIFY_THROWS_EXCEPTION(UsageError, chiSquaredHomogeneity({1, 2}, {1, 2, 3}));
}

// Expected: scipy.stats.chi2.sf(x, df).
void TwoSampleTestsTest::chiSquaredSurvival()
{
    const std::vector<std::tuple<double, double, double>> cases = {
        {3.84, 1, 0.05004352124870519}, {10, 4, 0.04042768199451279}, {100, 50, 3.454931382984871e-05},
        {0.5, 3, 0.9188914116546758},   {250, 9, 9.976151469298895e-49}};
    for (const auto &[x, df, expected] : cases) {
        const double p = mlwb::chiSquaredSurvival(x, df);
        QVERIFY2(std::abs(p - expected) <= 1e-10 * expected,
                 qPrintable(QStringLiteral("chi2.sf(%1, %2) = %3, expected %4").arg(x).arg(df).arg(p, 0, 'g', 17).arg(expected)));
    }
    QCOMPARE(mlwb::chiSquaredSurvival(0, 3), 1.0);
}

// Expected: scipy.spatial.distance.jensenshannon(p, q, base=2).
void TwoSampleTestsTest::jensenShannonAgreesWithScipy()
{
    QVERIFY(std::abs(jensenShannonDistance({0.1, 0.4, 0.5}, {0.3, 0.3, 0.4}) - 0.21663402449519675) < 1e-12);
    QVERIFY(std::abs(jensenShannonDistance({1, 0, 3}, {2, 2, 0}) - 0.8097154205210412) < 1e-12);
    QCOMPARE(jensenShannonDistance({2, 2}, {5, 5}), 0.0);
    QVERIFY(std::abs(jensenShannonDistance({1, 0}, {0, 1}) - 1.0) < 1e-12);
}

void TwoSampleTestsTest::bonferroni()
{
    QCOMPARE(mlwb::bonferroni(0.004, 10), 0.04);
    QCOMPARE(mlwb::bonferroni(0.2, 10), 1.0);
    QCOMPARE(mlwb::bonferroni(0.01, 0), 0.01);
}

QTEST_GUILESS_MAIN(TwoSampleTestsTest)
#include "test_two_sample_tests.moc"
