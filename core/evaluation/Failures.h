#pragma once
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <array>
#include <utility>
#include <vector>

namespace mlwb {

// A test sample the model got wrong, with what it believed.
struct FailureCase {
    qint64 index = -1;     // the sample's index in the Dataset
    int trueLabel = -1;
    int predicted = -1;
    double confidence = 0; // the model's probability for its (wrong) answer
    std::array<std::pair<int, double>, 3> top3{}; // {class, probability}, most probable
                                                  // first; {-1, 0} where K < 3

    // {"index", "true", "predicted", "confidence", "top3": [{"class", "p"}]}, with
    // "trueName"/"predictedName"/"name" when classNames is not empty.
    QJsonObject toJson(const QStringList &classNames) const;
};

// The misclassified samples among n, most confident wrong answers first (ties: lower
// position first), at most `limit` of them. probabilities: n × numClasses, row i for
// truth[i] and indices[i]; the prediction is the row's argmax (see Probabilities.h).
// Throws UsageError when sizes disagree or limit < 0, Error for a label outside the classes.
std::vector<FailureCase> failureCases(const std::vector<float> &probabilities, int numClasses,
                                      const std::vector<int> &truth, const std::vector<qint64> &indices,
                                      int limit);

QJsonArray failuresToJson(const std::vector<FailureCase> &failures, const QStringList &classNames);

} // namespace mlwb
