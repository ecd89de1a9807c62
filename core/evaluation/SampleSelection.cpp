#include "evaluation/SampleSelection.h"

#include <algorithm>
#include <numeric>

namespace mlwb {

namespace {

// Sorts positions by key ascending, ties by position (stable on an ordered input).
template <class Key>
void sortByKey(std::vector<qsizetype> &positions, Key &&key)
{
    std::vector<std::pair<double, qsizetype>> keyed;
    keyed.reserve(positions.size());
    for (const qsizetype p : positions)
        keyed.emplace_back(key(p), p);
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size(); ++i)
        positions[i] = keyed[i].second;
}

} // namespace

std::vector<qsizetype> cellPositions(const EvaluationResult &result, std::optional<int> trueClass,
                                     std::optional<int> predictedClass)
{
    std::vector<qsizetype> positions;
    for (qsizetype i = 0; i < result.size(); ++i)
        if ((!trueClass || result.truth[size_t(i)] == *trueClass)
            && (!predictedClass || result.predicted[size_t(i)] == *predictedClass))
            positions.push_back(i);
    return positions;
}

std::vector<qsizetype> failurePositions(const EvaluationResult &result, FailureOrder order,
                                        std::optional<int> trueClass, std::optional<int> predictedClass)
{
    std::vector<qsizetype> positions;
    for (const qsizetype i : cellPositions(result, trueClass, predictedClass))
        if (result.truth[size_t(i)] != result.predicted[size_t(i)])
            positions.push_back(i);
    sortByKey(positions, [&](qsizetype i) {
        const float *row = result.probabilityRow(i);
        const double wrong = row[result.predicted[size_t(i)]];
        const double right = row[result.truth[size_t(i)]];
        switch (order) {
        case FailureOrder::MostConfident:
            return -wrong;
        case FailureOrder::LowestMargin:
            return wrong - right;
        case FailureOrder::LowestTrueProbability:
            return right;
        }
        return 0.0;
    });
    return positions;
}

std::vector<qsizetype> labelErrorRanking(const EvaluationResult &result, qsizetype limit)
{
    std::vector<qsizetype> positions(size_t(result.size()));
    std::iota(positions.begin(), positions.end(), qsizetype(0));
    sortByKey(positions, [&](qsizetype i) { return trueProbability(result, i); });
    if (limit >= 0 && qsizetype(positions.size()) > limit)
        positions.resize(size_t(limit));
    return positions;
}

} // namespace mlwb
