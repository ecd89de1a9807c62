#include "evaluation/Evaluator.h"

#include "common/Error.h"
#include "evaluation/BatchRunner.h"
#include "evaluation/GaussianNoise.h"
#include "evaluation/Probabilities.h"

#include <algorithm>
#include <cmath>

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

std::vector<RobustnessPoint> robustness(Classifier &classifier, const Dataset &data,
                                        const std::vector<qint64> &indices, const std::vector<double> &sigmas,
                                        quint64 seed, int batchSize, const ProgressFn &progress,
                                        const CancelFlag *cancel)
{
    for (const double sigma : sigmas)
        if (!(sigma >= 0 && std::isfinite(sigma)))
            throw UsageError(QStringLiteral("a noise sigma must be a finite number >= 0, got %1").arg(sigma));
    const std::vector<int> truth = checkedTruth(classifier, data, indices, batchSize);
    const int k = classifier.numClasses();
    const qsizetype pixels = data.imageBytes();
    const qint64 total = qint64(sigmas.size() * indices.size());
    std::vector<RobustnessPoint> points;
    for (const double sigma : sigmas) {
        // A fresh generator per sigma, drawn in sample order: the noise does not depend
        // on the batch size, and every sigma scales the same draws.
        GaussianNoise noise(seed);
        qint64 correct = 0;
        runBatches(
            classifier, data, indices, batchSize,
            [&](size_t, const std::uint8_t *image, float *out) {
                for (qsizetype p = 0; p < pixels; ++p) {
                    const float clean = toUnit(image[p]);
                    out[p] = sigma == 0 ? clean
                                        : float(std::clamp(double(clean) + sigma * noise.next(), 0.0, 1.0));
                }
            },
            [&](size_t first, size_t count, const float *probabilities) {
                for (size_t j = 0; j < count; ++j)
                    correct += argmax(probabilities + j * size_t(k), k) == truth[first + j];
            },
            progress, qint64(points.size() * indices.size()), total, cancel);
        points.push_back({sigma, indices.empty() ? 0.0 : double(correct) / double(indices.size())});
    }
    return points;
}

QJsonArray robustnessToJson(const std::vector<RobustnessPoint> &points)
{
    QJsonArray array;
    for (const RobustnessPoint &p : points)
        array.append(QJsonObject{{QStringLiteral("sigma"), p.sigma}, {QStringLiteral("accuracy"), p.accuracy}});
    return array;
}

} // namespace mlwb
