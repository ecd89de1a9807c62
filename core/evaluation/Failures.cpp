#include "evaluation/Failures.h"

#include "common/Error.h"
#include "evaluation/Probabilities.h"

#include <algorithm>

namespace mlwb {

QJsonObject FailureCase::toJson(const QStringList &classNames) const
{
    const auto nameOf = [&](int c) {
        return c >= 0 && c < classNames.size() ? classNames[c] : QString::number(c);
    };
    QJsonArray top;
    for (const auto &[cls, p] : top3) {
        if (cls < 0)
            continue;
        QJsonObject entry{{QStringLiteral("class"), cls}, {QStringLiteral("p"), p}};
        if (!classNames.isEmpty())
            entry.insert(QStringLiteral("name"), nameOf(cls));
        top.append(entry);
    }
    QJsonObject json{{QStringLiteral("index"), index},
                     {QStringLiteral("true"), trueLabel},
                     {QStringLiteral("predicted"), predicted},
                     {QStringLiteral("confidence"), confidence},
                     {QStringLiteral("top3"), top}};
    if (!classNames.isEmpty()) {
        json.insert(QStringLiteral("trueName"), nameOf(trueLabel));
        json.insert(QStringLiteral("predictedName"), nameOf(predicted));
    }
    return json;
}

std::vector<FailureCase> failureCases(const std::vector<float> &probabilities, int numClasses,
                                      const std::vector<int> &truth, const std::vector<qint64> &indices,
                                      int limit)
{
    if (numClasses < 1)
        throw UsageError(QStringLiteral("failure cases need at least one class, got %1").arg(numClasses));
    if (limit < 0)
        throw UsageError(QStringLiteral("the failure case limit must be >= 0, got %1").arg(limit));
    if (indices.size() != truth.size() || probabilities.size() != truth.size() * size_t(numClasses))
        throw UsageError(QStringLiteral("failure cases: %1 labels, %2 indices and %3 probabilities "
                                        "do not make rows of %4 classes")
                             .arg(truth.size()).arg(indices.size()).arg(probabilities.size()).arg(numClasses));
    std::vector<FailureCase> failures;
    for (size_t i = 0; i < truth.size(); ++i) {
        if (truth[i] < 0 || truth[i] >= numClasses)
            throw Error(QStringLiteral("sample %1 (position %2): true class %3 outside [0, %4)")
                            .arg(indices[i]).arg(i).arg(truth[i]).arg(numClasses));
        const float *row = probabilities.data() + i * size_t(numClasses);
        const int predicted = argmax(row, numClasses);
        if (predicted == truth[i])
            continue;
        FailureCase f;
        f.index = indices[i];
        f.trueLabel = truth[i];
        f.predicted = predicted;
        f.confidence = row[predicted];
        f.top3 = top3(row, numClasses);
        failures.push_back(f);
    }
    // Stable: equally confident failures keep the order of the test set.
    std::stable_sort(failures.begin(), failures.end(),
                     [](const FailureCase &a, const FailureCase &b) { return a.confidence > b.confidence; });
    if (failures.size() > size_t(limit))
        failures.resize(size_t(limit));
    return failures;
}

QJsonArray failuresToJson(const std::vector<FailureCase> &failures, const QStringList &classNames)
{
    QJsonArray array;
    for (const FailureCase &f : failures)
        array.append(f.toJson(classNames));
    return array;
}

} // namespace mlwb
