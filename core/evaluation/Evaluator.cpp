#include "evaluation/Evaluator.h"

#include "common/Error.h"
#include "evaluation/GaussianNoise.h"
#include "evaluation/Probabilities.h"

#include <algorithm>
#include <cmath>

namespace mlwb {

namespace {

// The one uint8 → [0, 1] conversion, so that robustness at sigma 0 sees evaluate()'s input.
float toUnit(std::uint8_t pixel)
{
    return float(pixel) / 255.0f;
}

// Checks shared by evaluate() and robustness(); returns the true labels in index order.
std::vector<int> checkedTruth(const Classifier &classifier, const Dataset &data,
                              const std::vector<qint64> &indices, int batchSize)
{
    if (batchSize < 1)
        throw UsageError(QStringLiteral("the evaluation batch size must be >= 1, got %1").arg(batchSize));
    const int k = classifier.numClasses();
    if (k < 1)
        throw Error(QStringLiteral("the model reports %1 classes").arg(k));
    if (!data.classNames.isEmpty() && data.classNames.size() != k)
        throw Error(QStringLiteral("the model predicts %1 classes but the data set has %2 (%3)")
                        .arg(k).arg(data.classNames.size()).arg(data.classNames.join(QStringLiteral(", "))));
    if (data.imageBytes() <= 0 || data.pixels.size() != data.labels.size() * size_t(data.imageBytes()))
        throw Error(QStringLiteral("the data set holds %1 bytes of pixels for %2 images of %3×%4×%5")
                        .arg(data.pixels.size()).arg(data.labels.size())
                        .arg(data.channels).arg(data.height).arg(data.width));
    std::vector<int> truth;
    truth.reserve(indices.size());
    for (const qint64 i : indices) {
        if (i < 0 || i >= data.size())
            throw Error(QStringLiteral("sample index %1 is outside the data set's %2 samples").arg(i).arg(data.size()));
        const int label = data.labels[size_t(i)];
        if (label >= k)
            throw Error(QStringLiteral("sample %1 has label %2, outside the model's %3 classes").arg(i).arg(label).arg(k));
        truth.push_back(label);
    }
    return truth;
}

// Feeds the samples at `indices` to the classifier, batchSize at a time. fill(pixels, out)
// writes one image as floats, in sample order; onBatch(firstPosition, count, probabilities)
// receives count × K probabilities. Progress is reported as done + position of total.
template <class Fill, class OnBatch>
void runBatches(Classifier &classifier, const Dataset &data, const std::vector<qint64> &indices, int batchSize,
                Fill &&fill, OnBatch &&onBatch, const ProgressFn &progress, qint64 done, qint64 total,
                const CancelFlag *cancel)
{
    const size_t k = size_t(classifier.numClasses());
    const size_t imageFloats = size_t(data.imageBytes());
    const size_t batch = std::min(size_t(batchSize), std::max<size_t>(indices.size(), 1));
    std::vector<float> x(batch * imageFloats);
    std::vector<float> probabilities(batch * k);
    for (size_t first = 0; first < indices.size(); first += batch) {
        if (cancel && cancel->isCancelled())
            throw Cancelled();
        const size_t count = std::min(batch, indices.size() - first);
        for (size_t j = 0; j < count; ++j)
            fill(data.image(indices[first + j]), x.data() + j * imageFloats);
        classifier.predict(x.data(), qsizetype(count), probabilities.data());
        onBatch(first, count, probabilities.data());
        if (progress)
            progress(done + qint64(first + count), total);
    }
}

} // namespace

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
    runBatches(
        classifier, data, indices, batchSize,
        [&](const std::uint8_t *image, float *out) { std::transform(image, image + pixels, out, toUnit); },
        [&](size_t first, size_t count, const float *probabilities) {
            std::copy(probabilities, probabilities + count * size_t(k),
                      result.probabilities.begin() + qsizetype(first * size_t(k)));
            for (size_t j = 0; j < count; ++j)
                result.predicted[first + j] = argmax(probabilities + j * size_t(k), k);
        },
        progress, 0, qint64(indices.size()), cancel);
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
            [&](const std::uint8_t *image, float *out) {
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
