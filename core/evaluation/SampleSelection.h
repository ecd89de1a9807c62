#pragma once
#include "evaluation/Evaluator.h"

#include <optional>
#include <vector>

namespace mlwb {

// Which evaluated samples a view shows, as positions into an EvaluationResult (row i of its
// indices / truth / predicted / probabilities). Computed from stored probabilities: the
// model never runs again.

// The samples of one confusion-matrix cell (true class, predicted class); a missing side
// takes the whole row (every prediction of that true class) or column. In position order.
std::vector<qsizetype> cellPositions(const EvaluationResult &result, std::optional<int> trueClass,
                                     std::optional<int> predictedClass);

enum class FailureOrder {
    MostConfident,        // highest probability of the wrong answer first (fastai's "most incorrect")
    LowestMargin,         // smallest gap between the wrong answer and the true class first
    LowestTrueProbability // smallest probability given to the true class first
};

// The misclassified samples, optionally of one true and/or one predicted class, in `order`
// (ties: lower position first).
std::vector<qsizetype> failurePositions(const EvaluationResult &result, FailureOrder order,
                                        std::optional<int> trueClass = {}, std::optional<int> predictedClass = {});

// Every sample, lowest probability of its recorded label first: where label errors hide.
// At most `limit` positions (limit < 0: all).
std::vector<qsizetype> labelErrorRanking(const EvaluationResult &result, qsizetype limit = -1);

// The probability the model gave sample `position`'s recorded label.
inline double trueProbability(const EvaluationResult &result, qsizetype position)
{
    return double(result.probabilityRow(position)[result.truth[size_t(position)]]);
}

} // namespace mlwb
