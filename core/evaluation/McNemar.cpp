#include "evaluation/McNemar.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace mlwb {

PairedOutcome pairedOutcome(const std::vector<int> &truth, const std::vector<int> &predictedA,
                            const std::vector<int> &predictedB)
{
    if (truth.size() != predictedA.size() || truth.size() != predictedB.size())
        throw UsageError(QStringLiteral("paired comparison: %1 labels but %2 and %3 predictions")
                             .arg(truth.size()).arg(predictedA.size()).arg(predictedB.size()));
    PairedOutcome o;
    for (size_t i = 0; i < truth.size(); ++i) {
        const bool a = predictedA[i] == truth[i], b = predictedB[i] == truth[i];
        if (a && b)
            ++o.bothRight;
        else if (a)
            ++o.onlyA;
        else if (b)
            ++o.onlyB;
        else
            ++o.bothWrong;
        o.disagreements += predictedA[i] != predictedB[i];
    }
    o.pValue = mcnemarExactP(o.onlyA, o.onlyB);
    return o;
}

double mcnemarExactP(qint64 b, qint64 c)
{
    const qint64 n = b + c;
    if (n <= 0)
        return 1.0;
    const qint64 k = std::min(b, c);
    // log C(n, i) − n·log 2, summed with the largest term factored out.
    const double logHalfPowN = -double(n) * std::log(2.0);
    auto logTerm = [&](qint64 i) {
        return std::lgamma(double(n) + 1) - std::lgamma(double(i) + 1) - std::lgamma(double(n - i) + 1) + logHalfPowN;
    };
    const double largest = logTerm(k); // terms grow with i up to n/2, and k ≤ n/2
    double sum = 0;
    for (qint64 i = 0; i <= k; ++i)
        sum += std::exp(logTerm(i) - largest);
    return std::min(1.0, 2.0 * std::exp(largest + std::log(sum)));
}

} // namespace mlwb
