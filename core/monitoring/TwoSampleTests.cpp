#include "monitoring/TwoSampleTests.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mlwb {

namespace {

// P(D ≥ c/(n·m)) for the two-sample statistic, c = max |i·m − j·n| over the observed path.
// Every ordering of the n + m values is equally likely; walk the lattice with the chance of
// each step and keep the mass of the paths that stayed strictly inside |i·m − j·n| < c.
double ksExactPValue(qsizetype n, qsizetype m, qint64 c)
{
    if (c <= 0)
        return 1.0;
    std::vector<double> inside(size_t(m) + 1, 0.0); // row i: mass at (i, j)
    const auto isInside = [&](qsizetype i, qsizetype j) { return std::llabs(qint64(i) * m - qint64(j) * n) < c; };
    for (qsizetype i = 0; i <= n; ++i) {
        for (qsizetype j = 0; j <= m; ++j) {
            double mass = 0;
            if (i == 0 && j == 0) {
                mass = 1.0;
            } else {
                if (i > 0) { // from (i − 1, j), a step in a: n − i + 1 of the n + m − i + 1 − j left are a's
                    const double left = double(n - i + 1 + m - j);
                    mass += inside[size_t(j)] * double(n - i + 1) / left;
                }
                if (j > 0) { // from (i, j − 1), a step in b
                    const double left = double(n - i + m - j + 1);
                    mass += inside[size_t(j - 1)] * double(m - j + 1) / left;
                }
            }
            inside[size_t(j)] = isInside(i, j) ? mass : 0.0;
        }
    }
    return std::clamp(1.0 - inside[size_t(m)], 0.0, 1.0);
}

// Q(a, x) = Γ(a, x)/Γ(a): the series of P for x < a + 1, Lentz's continued fraction of Q
// otherwise (Numerical Recipes §6.2), both to double precision.
double regularizedGammaQ(double a, double x)
{
    if (x <= 0)
        return 1.0;
    const double logPrefix = a * std::log(x) - x - std::lgamma(a);
    if (x < a + 1) {
        double term = 1.0 / a, sum = term;
        for (int k = 1; k < 1000; ++k) {
            term *= x / (a + k);
            sum += term;
            if (std::abs(term) < std::abs(sum) * 1e-16)
                break;
        }
        return std::clamp(1.0 - sum * std::exp(logPrefix), 0.0, 1.0);
    }
    constexpr double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 1000; ++i) {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::abs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (std::abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1) < 1e-16)
            break;
    }
    return std::clamp(std::exp(logPrefix) * h, 0.0, 1.0);
}

} // namespace

double kolmogorovSurvival(double lambda)
{
    if (lambda <= 0)
        return 1.0;
    if (lambda < 1.0) {
        // The alternating series converges slowly for small λ; the theta-function form of the
        // distribution function, P(K ≤ λ) = √(2π)/λ Σₖ exp(−(2k−1)²π²/(8λ²)), fast.
        const double pi = std::numbers::pi;
        double sum = 0;
        for (int k = 1; k <= 20; ++k) {
            const double odd = 2.0 * k - 1;
            sum += std::exp(-odd * odd * pi * pi / (8 * lambda * lambda));
        }
        return std::clamp(1.0 - std::sqrt(2 * pi) / lambda * sum, 0.0, 1.0);
    }
    double sum = 0, sign = 1;
    for (int k = 1; k <= 100; ++k) {
        const double term = std::exp(-2.0 * k * k * lambda * lambda);
        sum += sign * term;
        sign = -sign;
        if (term < 1e-18)
            break;
    }
    return std::clamp(2 * sum, 0.0, 1.0);
}

KsResult ksTwoSampleSorted(const double *a, qsizetype n, const double *b, qsizetype m)
{
    KsResult r;
    if (n <= 0 || m <= 0)
        return r;
    // F_a − F_b after each distinct value, as the integer i·m − j·n (exact, for the exact test).
    qint64 largest = 0;
    qsizetype i = 0, j = 0;
    while (i < n && j < m) {
        const double v = std::min(a[i], b[j]);
        while (i < n && a[i] <= v)
            ++i;
        while (j < m && b[j] <= v)
            ++j;
        largest = std::max(largest, std::llabs(qint64(i) * m - qint64(j) * n));
    }
    // Once one sample is used up the gap only shrinks: the maximum is already seen.
    r.statistic = double(largest) / (double(n) * double(m));
    if (double(n) * double(m) <= kKsExactLimit) {
        r.exact = true;
        r.pValue = ksExactPValue(n, m, largest);
    } else {
        const double en = std::sqrt(double(n) * double(m) / double(n + m));
        r.pValue = kolmogorovSurvival((en + 0.12 + 0.11 / en) * r.statistic);
    }
    return r;
}

KsResult ksTwoSample(std::vector<double> a, std::vector<double> b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return ksTwoSampleSorted(a.data(), qsizetype(a.size()), b.data(), qsizetype(b.size()));
}

ChiSquaredResult chiSquaredHomogeneity(const std::vector<qint64> &a, const std::vector<qint64> &b)
{
    if (a.size() != b.size())
        throw UsageError(QStringLiteral("chi-squared test: %1 classes against %2").arg(a.size()).arg(b.size()));
    double totalA = 0, totalB = 0;
    int seen = 0;
    for (size_t k = 0; k < a.size(); ++k) {
        totalA += double(a[k]);
        totalB += double(b[k]);
        seen += a[k] + b[k] > 0;
    }
    ChiSquaredResult r;
    if (seen < 2 || totalA <= 0 || totalB <= 0)
        return r;
    const double total = totalA + totalB;
    for (size_t k = 0; k < a.size(); ++k) {
        const double column = double(a[k] + b[k]);
        if (column <= 0)
            continue;
        const double expectedA = column * totalA / total, expectedB = column * totalB / total;
        r.statistic += (double(a[k]) - expectedA) * (double(a[k]) - expectedA) / expectedA
                       + (double(b[k]) - expectedB) * (double(b[k]) - expectedB) / expectedB;
    }
    r.degreesOfFreedom = seen - 1;
    r.pValue = chiSquaredSurvival(r.statistic, r.degreesOfFreedom);
    return r;
}

double chiSquaredSurvival(double x, double degreesOfFreedom)
{
    if (degreesOfFreedom <= 0)
        return 1.0;
    return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
}

double jensenShannonDistance(const std::vector<double> &p, const std::vector<double> &q)
{
    if (p.size() != q.size())
        throw UsageError(QStringLiteral("Jensen-Shannon distance: %1 values against %2").arg(p.size()).arg(q.size()));
    double sumP = 0, sumQ = 0;
    for (size_t k = 0; k < p.size(); ++k) {
        sumP += std::max(0.0, p[k]);
        sumQ += std::max(0.0, q[k]);
    }
    if (sumP <= 0 || sumQ <= 0)
        return sumP <= 0 && sumQ <= 0 ? 0.0 : 1.0;
    double divergence = 0;
    for (size_t k = 0; k < p.size(); ++k) {
        const double pk = std::max(0.0, p[k]) / sumP, qk = std::max(0.0, q[k]) / sumQ, mk = (pk + qk) / 2;
        if (pk > 0)
            divergence += 0.5 * pk * std::log2(pk / mk);
        if (qk > 0)
            divergence += 0.5 * qk * std::log2(qk / mk);
    }
    return std::sqrt(std::clamp(divergence, 0.0, 1.0));
}

double bonferroni(double smallestP, int tests)
{
    return std::clamp(smallestP * std::max(1, tests), 0.0, 1.0);
}

} // namespace mlwb
