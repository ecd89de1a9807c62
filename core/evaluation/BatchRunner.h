#pragma once
// Private to the evaluation module: the checks and the batch loop that evaluate() and
// corruptionCurves() share, so that they read the same input the same way.
#include "common/Cancel.h"
#include "common/Error.h"
#include "data/Dataset.h"
#include "evaluation/Classifier.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace mlwb::detail {

// The one uint8 → [0, 1] conversion, so that every clean pass sees evaluate()'s input.
inline float toUnit(std::uint8_t pixel)
{
    return float(pixel) / 255.0f;
}

// The checks evaluate() documents; returns the true labels in index order.
inline std::vector<int> checkedTruth(const Classifier &classifier, const Dataset &data,
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

// Feeds the samples at `indices` to the classifier, batchSize at a time.
// fill(position, pixels, out) writes the image at indices[position] as floats, called in
// position order; onBatch(firstPosition, count, probabilities) receives count × K
// probabilities. Progress is reported as done + position of total. With embeddings, the
// model's embedding of every sample goes there, in position order.
template <class Fill, class OnBatch>
void runBatches(Classifier &classifier, const Dataset &data, const std::vector<qint64> &indices, int batchSize,
                Fill &&fill, OnBatch &&onBatch, const ProgressFn &progress, qint64 done, qint64 total,
                const CancelFlag *cancel, std::vector<float> *embeddings = nullptr)
{
    const size_t d = embeddings ? size_t(classifier.embeddingSize()) : 0;
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
            fill(first + j, data.image(indices[first + j]), x.data() + j * imageFloats);
        if (d > 0)
            classifier.predictWithEmbedding(x.data(), qsizetype(count), probabilities.data(),
                                            embeddings->data() + first * d);
        else
            classifier.predict(x.data(), qsizetype(count), probabilities.data());
        onBatch(first, count, probabilities.data());
        if (progress)
            progress(done + qint64(first + count), total);
    }
}

} // namespace mlwb::detail
