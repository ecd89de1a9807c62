#include "evaluation/Evaluator.h"

#include "common/Error.h"
#include "evaluation/BatchRunner.h"
#include "evaluation/Probabilities.h"

#include <algorithm>

namespace mlwb {

using detail::checkedTruth;
using detail::runBatches;
using detail::toUnit;

QJsonObject EvaluationResult::toJson(const QStringList &classNames) const
{
    return {{QStringLiteral("samples"), qint64(indices.size())},
            {QStringLiteral("report"), report.toJson(classNames)},
            {QStringLiteral("failures"), failuresToJson(failures, classNames)}};
}

EvaluationResult evaluate(Classifier &classifier, const Dataset &data, const std::vector<qint64> &indices,
                          int batchSize, int failureLimit, const ProgressFn &progress, const CancelFlag *cancel)
{
    if (failureLimit < 0)
        throw UsageError(QStringLiteral("the failure case limit must be >= 0, got %1").arg(failureLimit));
    EvaluationResult result;
    result.truth = checkedTruth(classifier, data, indices, batchSize);
    result.indices = indices;
    const int k = classifier.numClasses();
    const qsizetype pixels = data.imageBytes();
    result.probabilities.resize(indices.size() * size_t(k));
    result.predicted.resize(indices.size());
    result.embeddingSize = std::max(classifier.embeddingSize(), 0);
    result.embeddings.resize(indices.size() * size_t(result.embeddingSize));
    runBatches(
        classifier, data, indices, batchSize,
        [&](size_t, const std::uint8_t *image, float *out) { std::transform(image, image + pixels, out, toUnit); },
        [&](size_t first, size_t count, const float *probabilities) {
            std::copy(probabilities, probabilities + count * size_t(k),
                      result.probabilities.begin() + qsizetype(first * size_t(k)));
            for (size_t j = 0; j < count; ++j)
                result.predicted[first + j] = argmax(probabilities + j * size_t(k), k);
        },
        progress, 0, qint64(indices.size()), cancel, &result.embeddings);
    result.report = classificationReport(result.truth, result.predicted, k);
    result.failures = failureCases(result.probabilities, k, result.truth, result.indices, failureLimit);
    return result;
}

} // namespace mlwb
