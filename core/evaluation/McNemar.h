#pragma once
#include <QtGlobal>
#include <vector>

namespace mlwb {

// How two models did on the same samples: which one was right where.
struct PairedOutcome {
    qint64 bothRight = 0;
    qint64 onlyA = 0;     // A right, B wrong
    qint64 onlyB = 0;     // B right, A wrong
    qint64 bothWrong = 0;
    qint64 disagreements = 0; // samples where the two predictions differ (also when both are wrong)
    double pValue = 1.0;      // McNemar's exact test on onlyA vs onlyB
};

// Throws UsageError when the three vectors differ in length.
PairedOutcome pairedOutcome(const std::vector<int> &truth, const std::vector<int> &predictedA,
                            const std::vector<int> &predictedB);

// McNemar's exact test: under "both models are equally good", the b + c samples that only one
// of them got right split like a fair coin. Two-sided p = min(1, 2·P(X ≤ min(b, c))) with
// X ~ Binomial(b + c, ½); 1 when b + c = 0. Summed in log space, exact enough for any count.
double mcnemarExactP(qint64 b, qint64 c);

} // namespace mlwb
