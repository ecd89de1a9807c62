#pragma once
#include <QtGlobal>
#include <vector>

namespace mlwb {

// Two-sample tests of "the window comes from the reference's distribution", for drift. Each
// gives its statistic and a p-value under that hypothesis.

struct KsResult {
    double statistic = 0; // D = sup |F_a − F_b|, in [0, 1]
    double pValue = 1;
    bool exact = false;   // true: the exact distribution; false: the asymptotic one
};

// Below this n·m the KS p-value is exact (as scipy's ks_2samp(method="exact")), above it
// asymptotic: an O(n·m) path count costs more than the test is worth for 1,000 × 10,000.
inline constexpr double kKsExactLimit = 10000;

// Two-sample Kolmogorov–Smirnov on samples sorted ascending (no NaN). The p-value is
//   exact      for n·m ≤ kKsExactLimit: the share of the C(n+m, n) equally likely orderings
//              whose path leaves |i/n − j/m| < D (Hodges 1957), as scipy's method="exact";
//   asymptotic otherwise: the Kolmogorov distribution at λ = (√nₑ + 0.12 + 0.11/√nₑ)·D,
//              nₑ = nm/(n+m) — Stephens' (1970) small-sample correction, as in Numerical Recipes.
// Both assume continuous values; with ties (ink area counts pixels) the test is conservative.
// Empty samples give D = 0, p = 1.
KsResult ksTwoSampleSorted(const double *a, qsizetype n, const double *b, qsizetype m);
KsResult ksTwoSample(std::vector<double> a, std::vector<double> b); // sorts its copies

// Q(λ) = P(K > λ) = 2 Σₖ (−1)^(k−1) exp(−2k²λ²), the Kolmogorov distribution's upper tail
// (scipy.special.kolmogorov).
double kolmogorovSurvival(double lambda);

struct ChiSquaredResult {
    double statistic = 0;
    int degreesOfFreedom = 0; // classes seen in either sample − 1
    double pValue = 1;
};

// Pearson's χ² test of homogeneity of two count vectors (a 2×K contingency table, no
// continuity correction: scipy's chi2_contingency(correction=False)); classes empty in both
// are left out. Fewer than two classes seen, or an empty side, gives χ² = 0, p = 1. Throws
// UsageError when the vectors differ in length.
ChiSquaredResult chiSquaredHomogeneity(const std::vector<qint64> &a, const std::vector<qint64> &b);

// P(χ²(df) > x): the regularised upper incomplete gamma function Q(df/2, x/2).
double chiSquaredSurvival(double x, double degreesOfFreedom);

// The Jensen–Shannon distance with base-2 logarithms (√JSD, in [0, 1]: scipy's
// jensenshannon(p, q, base=2)) between two count or probability vectors, each normalised here.
// Throws UsageError when they differ in length; an all-zero vector gives 0 against itself, 1 otherwise.
double jensenShannonDistance(const std::vector<double> &p, const std::vector<double> &q);

// Bonferroni: the family-wise p-value of the smallest of `tests` p-values, min(1, tests·p).
double bonferroni(double smallestP, int tests);

} // namespace mlwb
